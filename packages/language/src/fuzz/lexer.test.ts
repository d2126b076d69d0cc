import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { policyLexer } from "../lexer.js";
import { runs, timeout } from "./__fixtures__/support.js";
import { randomText, tokenSequence, vocabulary } from "./__fixtures__/vocabulary.js";

/**
 * The lexer on any input: it never throws, its tokens lie inside the text in order without
 * overlapping, each token's image is the text at its offsets, and nothing is dropped silently:
 * every character is in a token, a comment, a reported error, or is whitespace.
 */
function expectLexerInvariants(text: string): void {
  const lexed = policyLexer.tokenize(text);
  const spans = [...lexed.tokens, ...(lexed.groups["comments"] ?? [])]
    .map((t) => ({ start: t.startOffset, end: t.startOffset + t.image.length, image: t.image, t }))
    .sort((a, b) => a.start - b.start);
  const covered = new Uint8Array(text.length);
  let previousEnd = 0;
  for (const span of spans) {
    expect(span.start).toBeGreaterThanOrEqual(previousEnd);
    expect(span.end).toBeLessThanOrEqual(text.length);
    expect(span.image.length).toBeGreaterThan(0);
    expect(text.slice(span.start, span.end)).toBe(span.image);
    expect(span.t.endOffset).toBe(span.end - 1);
    previousEnd = span.end;
    covered.fill(1, span.start, span.end);
  }
  for (const error of lexed.errors) {
    expect(error.offset).toBeGreaterThanOrEqual(0);
    expect(error.length).toBeGreaterThan(0);
    expect(error.offset + error.length).toBeLessThanOrEqual(text.length);
    covered.fill(1, error.offset, error.offset + error.length);
  }
  for (let i = 0; i < text.length; i++) {
    if (covered[i]) continue;
    const ch = text[i]!;
    if (!/[ \t\r\n\f\v]/.test(ch)) {
      expect.fail(`character ${JSON.stringify(ch)} at ${i} is neither a token nor an error nor whitespace`);
    }
  }
}

describe("lexer fuzz", () => {
  it("every sample of the vocabulary lexes as its own token type", () => {
    expect(vocabulary.length).toBeGreaterThan(40);
    for (const { type, samples } of vocabulary) {
      if (type.name === "WhiteSpace") continue;
      for (const sample of samples) {
        const lexed = policyLexer.tokenize(sample);
        const all = [...lexed.tokens, ...(lexed.groups["comments"] ?? [])];
        expect(lexed.errors, `${type.name} sample ${JSON.stringify(sample)}`).toEqual([]);
        expect(
          all.map((t) => t.tokenType.name),
          `${type.name} sample ${JSON.stringify(sample)}`,
        ).toEqual([type.name]);
      }
    }
  });

  it(
    "never throws and accounts for every character of random text",
    () => {
      fc.assert(
        fc.property(randomText, (text) => expectLexerInvariants(text)),
        runs(1_000, 1),
      );
    },
    timeout(20_000),
  );

  it(
    "never throws and accounts for every character of random token sequences",
    () => {
      fc.assert(
        fc.property(tokenSequence(80), (text) => expectLexerInvariants(text)),
        runs(1_000, 2),
      );
    },
    timeout(20_000),
  );
});
