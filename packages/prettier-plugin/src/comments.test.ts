import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generatePolicy } from "../../compiler/src/differential/policy-generator.js";
import {
  criteriaPolicies,
  expectSafeFormat,
  fixturePairs,
  insertComments,
  runs,
  timeout,
} from "./__fixtures__/support.js";

/**
 * Comments stay where they are written: every one is printed, once, and a second pass moves none.
 * The fuzz part writes comments at random places between tokens, on their own line or at the end
 * of a line, into the fixtures, the real policies and generated ones.
 */

const insertion = fc.array(fc.record({ slot: fc.nat(), ownLine: fc.boolean() }), { minLength: 1, maxLength: 6 });

describe("comments anywhere", () => {
  const sources = [
    ...criteriaPolicies().map((p) => [p.name, p.text] as const),
    ...fixturePairs().map((p) => [p.name, p.output] as const),
  ];

  it.each(sources)(
    "%s: with comments inserted at random places",
    async (_name, text) => {
      await fc.assert(
        fc.asyncProperty(insertion, fc.constantFrom(40, 80, 120), async (inserts, width) => {
          await expectSafeFormat(insertComments(text, inserts), width);
        }),
        runs(40, 10),
      );
    },
    timeout(60_000),
  );

  it(
    "generated policies with comments inserted at random places",
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.nat(100_000), insertion, fc.constantFrom(40, 80, 120), async (seed, inserts, width) => {
          await expectSafeFormat(insertComments(generatePolicy(seed).text, inserts), width);
        }),
        runs(150, 11),
      );
    },
    timeout(60_000),
  );
});
