import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JsonTemplate, Leaf, type LeafKind } from "./json-template.js";

/** An object of every kind of leaf, with the template that writes it. */
const template = new JsonTemplate([
  '{"asOf":',
  Leaf.string,
  ',"rule":',
  Leaf.tri,
  ',"req":{"status":',
  Leaf.status,
  ',"gate":',
  Leaf.statusText,
  ',"points":',
  Leaf.number,
  ',"names":',
  Leaf.names,
  ',"values":{"seen":',
  Leaf.value,
  '},"override":',
  Leaf.json,
  "}}",
]);

const statusOf = (v: boolean | null) => (v === true ? "passed" : v === false ? "failed" : "missing");
const tri = fc.constantFrom(true, false, null);

describe("JsonTemplate", () => {
  it("writes what JSON.stringify writes, for usual and unusual values alike", () => {
    fc.assert(
      fc.property(
        fc.record({
          asOf: fc.string({ unit: "binary" }),
          rule: tri,
          req: tri,
          gate: fc.constantFrom("passed", "failed", "missing"),
          points: fc.oneof(fc.double(), fc.constant(0), fc.constant(-0), fc.constant(null)),
          names: fc.array(fc.string({ unit: "binary" }), { maxLength: 3 }),
          seen: fc.jsonValue({ maxDepth: 2 }),
          override: fc.option(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 })),
        }),
        (v) => {
          const override = v.override === null ? null : JSON.stringify(v.override);
          const json = template.fill([v.asOf, v.rule, v.req, v.gate, v.points, v.names, v.seen, override]);
          const object = {
            asOf: v.asOf,
            rule: v.rule,
            req: {
              status: statusOf(v.req),
              gate: v.gate,
              points: v.points,
              names: v.names,
              values: { seen: v.seen },
              override: v.override,
            },
          };
          expect(json).toBe(JSON.stringify(object));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("is its own text when every value is the usual one", () => {
    const json = template.fill(["", false, false, "failed", 0, [], null, null]);
    expect(JSON.parse(json)).toEqual({
      asOf: "",
      rule: false,
      req: { status: "failed", gate: "failed", points: 0, names: [], values: { seen: null }, override: null },
    });
  });

  it("refuses values it cannot write as JSON.stringify would, and a wrong count", () => {
    const usual: unknown[] = ["", false, false, "failed", 0, [], null, null];
    const withValue = (i: number, value: unknown) => usual.map((u, j) => (j === i ? value : u));
    expect(() => template.fill(withValue(1, undefined))).toThrow(/not a JSON value/);
    expect(() => template.fill(withValue(6, undefined))).toThrow(/not a JSON value/);
    expect(() => template.fill(withValue(5, null))).toThrow(/not a JSON value \(object\)/);
    expect(() => template.fill(withValue(7, {}))).toThrow(/JSON text expected/);
    expect(() => template.fill(usual.slice(1))).toThrow(/of 8 values was given 7/);
  });

  it("keeps text with quotes, backslashes and non-ASCII as it is", () => {
    const kinds: LeafKind[] = [Leaf.value];
    const t = new JsonTemplate(['{"l\\"é😀":', kinds[0]!, "}"]);
    expect(t.fill(["x"])).toBe(JSON.stringify({ 'l"é😀': "x" }));
  });
});
