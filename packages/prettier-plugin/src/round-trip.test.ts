import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generatePolicy } from "../../compiler/src/differential/policy-generator.js";
import {
  criteriaPolicies,
  expectSafeFormat,
  fixturePairs,
  format,
  meaning,
  runs,
  timeout,
} from "./__fixtures__/support.js";

/**
 * The formatter never changes what a policy means: parse(format(p)) equals parse(p), source
 * positions aside, for every fixture, every real policy and generated ones, at any width.
 */

const widths = [20, 40, 80, 120, 200];

describe("formatting keeps the meaning", () => {
  const sources = [
    ...criteriaPolicies().map((p) => [p.name, p.text] as const),
    ...fixturePairs().flatMap((p) => [[`${p.name}.input`, p.input] as const, [`${p.name}.output`, p.output] as const]),
  ];

  it.each(sources)("%s at widths 20 to 200", async (_name, text) => {
    for (const width of widths) await expectSafeFormat(text, width);
  });

  it("the real policies are formatted as committed (printWidth 120, the repository's setting)", async () => {
    for (const policy of criteriaPolicies()) expect(await format(policy.text, 120), policy.name).toBe(policy.text);
  });

  it(
    "generated policies, at random widths",
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.nat(1_000_000), fc.integer({ min: 10, max: 160 }), async (seed, width) => {
          const text = generatePolicy(seed).text;
          await expectSafeFormat(text, width);
        }),
        runs(200, 20),
      );
    },
    timeout(60_000),
  );

  it("detects a change of meaning (the check itself works)", () => {
    expect(meaning("rule r: a and b or c")).not.toEqual(meaning("rule r: a and (b or c)"));
    expect(meaning("rule r: a and b")).toEqual(meaning("rule r:\n  a\n  and b # why\n"));
  });
});
