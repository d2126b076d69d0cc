import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyse, HEADER, runs, summary, timeout } from "./__fixtures__/support.js";
import { nastyChar, randomText, separator, tokenImage, tokenSequence } from "./__fixtures__/vocabulary.js";

/**
 * Parser and checker on input that is mostly not a policy: random text (any code points, NUL,
 * CR/LF/CRLF, BOM, bidi controls, lone surrogates) and random sequences of real tokens, on their
 * own and inside the skeleton of a valid policy so the checker gets to see them too.
 */

const today = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom("2026-11-01", "2030-01-01", "2026-02-30", "not a date", ""),
);

/** Holes of a valid policy where a fragment of tokens lands, so checking is reached, not only parsing. */
const SKELETONS: ReadonlyArray<(fragment: string) => string> = [
  (f) =>
    `${HEADER}lead { n: integer, t: text?, l: list of { d: date, k: one of a, b } }\nrule r: ${f}\nstage S owned by marketing { require r }\n`,
  (f) => `${HEADER}lead { ${f} }\nstage S owned by marketing { require x: 1 = 1 }\n`,
  (f) => `${HEADER}lead { n: integer }\nscore s { ${f} }\nstage S owned by marketing { require q: s >= 1 }\n`,
  (f) => `${HEADER}lead { n: integer, e: email? }\nstage S owned by marketing { require ${f} }\n`,
  (f) => `${HEADER}lead { n: integer }\ngrade g { ${f} }\nstage S owned by marketing { require q: g = A }\n`,
  (f) => `policy p "P" { ${f} }\nlead { n: integer }\nstage S owned by marketing { require q: n > 1 }\n`,
];

describe("parser and checker on random input", () => {
  it(
    "never throw on random text, and every range lies inside the file",
    () => {
      fc.assert(
        fc.property(randomText, today, (text, day) => {
          analyse(text, day === undefined ? {} : { today: day });
        }),
        runs(600, 10),
      );
    },
    timeout(25_000),
  );

  it(
    "never throw on random token sequences",
    () => {
      fc.assert(
        fc.property(tokenSequence(120), (text) => {
          analyse(text);
        }),
        runs(600, 11),
      );
    },
    timeout(25_000),
  );

  it(
    "never throw on token sequences inside a valid policy's skeleton",
    () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: SKELETONS.length - 1 }),
          tokenSequence(25),
          today,
          (which, fragment, day) => {
            analyse(SKELETONS[which]!(fragment), day === undefined ? {} : { today: day });
          },
        ),
        runs(800, 12),
      );
    },
    timeout(25_000),
  );

  it(
    "give the same diagnostics when run twice (the shared parser keeps no state between files)",
    () => {
      fc.assert(
        fc.property(fc.array(fc.oneof(randomText, tokenSequence(60)), { minLength: 2, maxLength: 4 }), (texts) => {
          const first = texts.map((t) => JSON.stringify(analyse(t).checked.diagnostics));
          const second = [...texts].reverse().map((t) => JSON.stringify(analyse(t).checked.diagnostics));
          expect(second.reverse()).toEqual(first);
        }),
        runs(80, 13),
      );
    },
    timeout(25_000),
  );

  it("handles the classic troublemakers", () => {
    const cases = [
      "",
      "\ufeff",
      "\ufeff\ufeff",
      "\u0000",
      "\r",
      "\r\n",
      "\n\r",
      '"',
      '"\\',
      "#",
      "policy",
      "policy p",
      "policy p {",
      "}",
      "lead {",
      "rule r:",
      "rule r: (",
      "rule r: not",
      "score s {",
      "stage S owned by",
      "\ud800",
      "2026-13-45",
      "-",
      "half-",
      "half-life",
      "a.b.c.",
      `${HEADER}lead { n: integer }\nrule r: n in [`,
      `${HEADER}lead { n: integer }\nrule r: n in [,]`,
      `${HEADER}lead { k: one of a, }\n`,
      `${HEADER}lead { k: one of a, b: integer }\n`,
      `${HEADER}lead { n: integer }\ngrade g { otherwise A if n > 1 }\n`,
      `${HEADER}lead { n: integer }\nrule r: any n where n > 1 have n > 2\n`,
      `${HEADER}lead { n: integer }\nstage S owned by marketing { require a "x": }\n`,
    ];
    for (const text of cases) analyse(text);
  });

  it("line breaks of every kind count the same lines and columns", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(tokenImage, nastyChar, separator), { maxLength: 40 }), (parts) => {
        const lf = parts.join("").replace(/\r\n?/g, "\n");
        const variants = [lf, lf.replace(/\n/g, "\r\n"), lf.replace(/\n/g, "\r")];
        const [first, ...rest] = variants.map((text) => summary(analyse(text).checked.diagnostics));
        for (const other of rest) expect(other).toEqual(first);
      }),
      runs(150, 14),
    );
  });
});
