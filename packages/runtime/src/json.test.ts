import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { namesJson, numberJson, statusJson, stringJson, triJson, valueJson } from "./json.js";

describe("decision leaf JSON", () => {
  it("writes what JSON.stringify writes", () => {
    for (const value of [true, false, null]) {
      expect(triJson(value)).toBe(JSON.stringify(value));
      expect(statusJson(value)).toBe(
        JSON.stringify(value === true ? "passed" : value === false ? "failed" : "missing"),
      );
    }
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        expect(stringJson(text)).toBe(JSON.stringify(text));
      }),
    );
    for (const text of ["", "plain", 'a "quote"', "back\\slash", "tab\t", "\u007f", "\u0000", "é", "\ud800"])
      expect(stringJson(text)).toBe(JSON.stringify(text));
    fc.assert(
      fc.property(fc.double(), (n) => {
        expect(numberJson(n)).toBe(JSON.stringify(n));
      }),
    );
    // -0, NaN and the infinities are among fc.double()'s values; named here as well, to be sure.
    for (const n of [-0, Number.NaN, Infinity, -Infinity, 1e21, 5e-7]) expect(numberJson(n)).toBe(JSON.stringify(n));
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary" })), (names) => {
        expect(namesJson(names)).toBe(JSON.stringify(names));
      }),
    );
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
        expect(valueJson(value)).toBe(JSON.stringify(value));
      }),
    );
  });

  it("refuses what is not JSON instead of writing different text", () => {
    expect(() => triJson(undefined as unknown as null)).toThrow(/not a JSON value \(undefined\)/);
    expect(() => numberJson("1" as unknown as number)).toThrow(/not a JSON value \(string\)/);
    expect(() => valueJson(undefined)).toThrow(/not a JSON value/);
    expect(() => stringJson(1 as unknown as string)).toThrow(/not a JSON value \(number\)/);
    expect(() => statusJson(undefined as unknown as null)).toThrow(/not a JSON value/);
    expect(() => namesJson("ab" as unknown as string[])).toThrow(/not a JSON value \(string\)/);
    expect(() => valueJson(() => 1)).toThrow(/not a JSON value \(function\)/);
  });
});
