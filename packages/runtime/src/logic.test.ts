import { describe, expect, it } from "vitest";
import { and3, eq, ge, inSet, not3, or3, type Tri } from "./logic.js";

const values: Tri[] = [true, false, null];

describe("Kleene logic", () => {
  it("and: false wins, then missing, then true", () => {
    const table = values.flatMap((a) => values.map((b) => [a, b, and3(a, b)]));
    expect(table).toEqual([
      [true, true, true],
      [true, false, false],
      [true, null, null],
      [false, true, false],
      [false, false, false],
      [false, null, false],
      [null, true, null],
      [null, false, false],
      [null, null, null],
    ]);
  });

  it("or: true wins, then missing, then false", () => {
    expect(or3(null, true)).toBe(true);
    expect(or3(false, null)).toBe(null);
    expect(or3(false, false)).toBe(false);
    expect(or3()).toBe(false);
    expect(and3()).toBe(true);
  });

  it("not keeps missing missing", () => {
    expect(values.map(not3)).toEqual([false, true, null]);
  });

  it("comparisons with a missing side are missing", () => {
    expect(eq(undefined, 1)).toBe(null);
    expect(ge(null, 1)).toBe(null);
    expect(ge(2, 1)).toBe(true);
    expect(ge("2026-01-02", "2026-01-01")).toBe(true);
    expect(inSet(undefined, new Set(["a"]))).toBe(null);
    expect(inSet("a", new Set(["a"]))).toBe(true);
  });
});
