import { describe, expect, it } from "vitest";
import { expectSafeFormat, fixturePairs, format } from "./__fixtures__/support.js";

/**
 * The formatter's reference: each `__fixtures__/name.input.gate` formats (at prettier's default
 * width of 80) to `name.output.gate`, and the output is left as it is.
 */

const pairs = fixturePairs();

describe("input/output fixtures", () => {
  it("has fixtures", () => {
    expect(pairs.length).toBeGreaterThanOrEqual(8);
  });

  it.each(pairs.map((p) => [p.name, p] as const))("%s: formats the input to the output", async (_name, pair) => {
    expect(await format(pair.input)).toBe(pair.output);
  });

  it.each(pairs.map((p) => [p.name, p] as const))("%s: leaves the output as it is", async (_name, pair) => {
    expect(await format(pair.output)).toBe(pair.output);
  });

  it.each(pairs.map((p) => [p.name, p] as const))("%s: keeps meaning and comments", async (_name, pair) => {
    await expectSafeFormat(pair.input);
  });
});
