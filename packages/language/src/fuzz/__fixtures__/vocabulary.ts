import fc from "fast-check";
import type { TokenType } from "chevrotain";
import { allTokens } from "../../lexer.js";

/**
 * The lexer's token vocabulary as fast-check arbitraries: for each token type, images that lex as
 * that type. Derived from `allTokens`, so new keywords join the fuzzing without touching this file.
 */

const SAMPLES: Record<string, readonly string[]> = {
  Identifier: ["a", "lead_x", "employees", "company", "activities", "kind", "_", "x9", "Z", "policy_", "nothing"],
  DateLiteral: ["2026-11-01", "2026-02-30", "0000-00-00", "9999-12-31", "2024-02-29"],
  NumberLiteral: ["0", "1", "-1", "50", "3.5", "-0.25", "007", "99999999999999999999", "1.0"],
  StringLiteral: ['""', '"US"', '"a b"', '"\\"q\\""', '"\\\\"', '"\\x"', '"\u00e9\u{1F600}"', '"@acme/ops"'],
  UnterminatedString: ['"open', '"', '"a\\"'],
  Comment: ["# note", "#", "# stage MQL {"],
  WhiteSpace: [" ", "\n", "\r\n", "\t", "\r", "\f\v"],
  Days: ["days", "day"],
  Weeks: ["weeks", "week"],
  Months: ["months", "month"],
  Hours: ["hours", "hour"],
  HalfLife: ["half-life"],
  LessEqual: ["<="],
  GreaterEqual: [">="],
  NotEqual: ["!="],
  Less: ["<"],
  Greater: [">"],
  Equal: ["="],
  LBrace: ["{"],
  RBrace: ["}"],
  LBracket: ["["],
  RBracket: ["]"],
  LParen: ["("],
  RParen: [")"],
  Colon: [":"],
  Comma: [","],
  Dot: ["."],
  Question: ["?"],
};

/** Images for one token type: from the table above, else the quoted word of its label (`'policy'` → `policy`). */
export function samplesOf(type: TokenType): readonly string[] {
  const known = SAMPLES[type.name];
  if (known) return known;
  const label = typeof type.LABEL === "string" ? type.LABEL : "";
  const word = /^'(.+)'$/.exec(label)?.[1];
  return word ? [word] : [];
}

/** Every token type of the lexer with at least one sample image. */
export const vocabulary: ReadonlyArray<{ type: TokenType; samples: readonly string[] }> = allTokens
  .map((type) => ({ type, samples: samplesOf(type) }))
  .filter((entry) => entry.samples.length > 0);

/** One token image, any type (whitespace and comments included). */
export const tokenImage: fc.Arbitrary<string> = fc.oneof(
  ...vocabulary.map((entry) => fc.constantFrom(...entry.samples)),
);

/** What goes between two tokens: nothing (so neighbours may merge), spaces, line breaks of each kind, a comment. */
export const separator: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(" ") },
  { weight: 1, arbitrary: fc.constant("") },
  { weight: 2, arbitrary: fc.constantFrom("\n", "\r\n", "\r", "\t", "\n\n  ") },
  { weight: 1, arbitrary: fc.constantFrom(" # c\n", "#\r\n", "\u00a0", "\u2028") },
);

/** A sequence of tokens from the vocabulary, joined by separators. */
export const tokenSequence = (maxLength: number): fc.Arbitrary<string> =>
  fc
    .array(fc.tuple(tokenImage, separator), { minLength: 0, maxLength })
    .map((parts) => parts.map(([token, sep]) => token + sep).join(""));

/** Characters that stress lexers: NUL, line breaks, BOM, bidi controls, surrogates, astral symbols, quotes, `#`. */
export const nastyChar: fc.Arbitrary<string> = fc.constantFrom(
  "\u0000",
  "\r",
  "\n",
  "\r\n",
  "\ufeff",
  "\u202e",
  "\u2066",
  "\u200f",
  "\ud800",
  "\udfff",
  "\u{1F600}",
  "\u0301",
  "\u00a0",
  "\u2028",
  "\u2029",
  "\u0085",
  "\\",
  '"',
  "#",
  "-",
  "@",
  "\t",
  "\u000b",
  "\u000c",
  "\u007f",
  "\uffff",
);

/** Random text: any code points, with the nasty ones over-represented, sometimes behind a BOM. */
export const randomText: fc.Arbitrary<string> = fc
  .tuple(
    fc.boolean(),
    fc.array(
      fc.oneof(
        { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) },
        { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
        { weight: 3, arbitrary: nastyChar },
        { weight: 4, arbitrary: tokenImage },
      ),
      { maxLength: 60 },
    ),
  )
  .map(([bom, parts]) => (bom ? "\ufeff" : "") + parts.join(""));
