import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyMutations, mutation } from "./__fixtures__/mutations.js";
import { analyse, fixturePolicies, runs, summary, timeout } from "./__fixtures__/support.js";

/**
 * Every policy in the repository, mutated: slices and tokens deleted, inserted, swapped and
 * duplicated, files truncated. Parser and checker must report, never throw, and point inside
 * the file. Mutants close to a valid policy exercise the checker's error paths and recovery.
 */

const fixtures = fixturePolicies();

describe("mutated fixture policies", () => {
  it("finds the fixtures: the criteria, the CLI's and this suite's own", () => {
    const names = fixtures.map((f) => f.name);
    expect(names).toContain("criteria/policies/inbound.gate");
    expect(names).toContain("fuzz/__fixtures__/everything.gate.txt");
    expect(names).toContain("fuzz/__fixtures__/broken.gate.txt");
    expect(fixtures.length).toBeGreaterThanOrEqual(5);
  });

  it("the unmutated fixtures: valid ones check clean, and every range lies inside the file", () => {
    for (const fixture of fixtures) {
      const { checked } = analyse(fixture.text);
      if (fixture.name.startsWith("criteria/") || /(everything|small)\.gate\.txt$|\/ok\.gate$/.test(fixture.name)) {
        expect(
          checked.diagnostics.filter((d) => d.severity === "error"),
          fixture.name,
        ).toEqual([]);
      }
    }
  });

  it.each(fixtures.map((f) => [f.name, f.text] as const))(
    "%s: never throws under mutation",
    (_name, text) => {
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
          analyse(applyMutations(text, mutations));
        }),
        runs(250, 100 + text.length),
      );
    },
    timeout(20_000),
  );

  it(
    "a mutant reads the same with LF, CRLF or CR line breaks and behind a byte-order mark",
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...fixtures.map((f) => f.text)),
          fc.array(mutation, { minLength: 1, maxLength: 3 }),
          (text, mutations) => {
            const lf = applyMutations(text, mutations)
              .replace(/^\ufeff/, "")
              .replace(/\r\n?/g, "\n");
            const expected = summary(analyse(lf).checked.diagnostics);
            expect(summary(analyse(lf.replace(/\n/g, "\r\n")).checked.diagnostics)).toEqual(expected);
            expect(summary(analyse(lf.replace(/\n/g, "\r")).checked.diagnostics)).toEqual(expected);
            expect(summary(analyse(`\ufeff${lf}`).checked.diagnostics)).toEqual(expected);
          },
        ),
        runs(200, 200),
      );
    },
    timeout(20_000),
  );
});
