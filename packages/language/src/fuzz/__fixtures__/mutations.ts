import fc from "fast-check";
import { policyLexer } from "../../lexer.js";
import { nastyChar, tokenImage } from "./vocabulary.js";

/**
 * Mutations of a policy's text at the level of characters and of tokens: what a hurried edit, a
 * bad merge or a truncated upload does to a file. Positions are fractions of the current length,
 * so a list of mutations applies to any text and shrinks well.
 */
export type Mutation =
  | { readonly op: "deleteSlice" | "duplicateSlice"; readonly at: number; readonly length: number }
  | { readonly op: "swapSlices"; readonly a: number; readonly b: number; readonly length: number }
  | { readonly op: "insertText"; readonly at: number; readonly text: string }
  | { readonly op: "deleteToken" | "duplicateToken"; readonly at: number; readonly count: number }
  | { readonly op: "swapTokens"; readonly a: number; readonly b: number }
  | { readonly op: "replaceToken" | "insertToken"; readonly at: number; readonly text: string }
  | { readonly op: "truncate"; readonly at: number };

const fraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    op: fc.constantFrom("deleteSlice" as const, "duplicateSlice" as const),
    at: fraction,
    length: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({
    op: fc.constant("swapSlices" as const),
    a: fraction,
    b: fraction,
    length: fc.integer({ min: 1, max: 30 }),
  }),
  fc.record({
    op: fc.constant("insertText" as const),
    at: fraction,
    text: fc.oneof(tokenImage, nastyChar, fc.string({ unit: "binary", maxLength: 4 })),
  }),
  fc.record({
    op: fc.constantFrom("deleteToken" as const, "duplicateToken" as const),
    at: fraction,
    count: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({ op: fc.constant("swapTokens" as const), a: fraction, b: fraction }),
  fc.record({ op: fc.constantFrom("replaceToken" as const, "insertToken" as const), at: fraction, text: tokenImage }),
  fc.record({ op: fc.constant("truncate" as const), at: fraction }),
);

interface Span {
  readonly start: number;
  readonly end: number;
}

/** Tokens and comments of the text, in order, as [start, end) offsets. */
function tokenSpans(text: string): Span[] {
  const lexed = policyLexer.tokenize(text);
  const spans = [...lexed.tokens, ...(lexed.groups["comments"] ?? [])].map((t) => ({
    start: t.startOffset,
    end: t.startOffset + t.image.length,
  }));
  return spans.sort((x, y) => x.start - y.start);
}

const pos = (f: number, length: number) => Math.min(length, Math.floor(f * (length + 1)));

export function applyMutation(text: string, m: Mutation): string {
  const n = text.length;
  switch (m.op) {
    case "deleteSlice": {
      const at = pos(m.at, n);
      return text.slice(0, at) + text.slice(at + m.length);
    }
    case "duplicateSlice": {
      const at = pos(m.at, n);
      const slice = text.slice(at, at + m.length);
      return text.slice(0, at) + slice + slice + text.slice(at + m.length);
    }
    case "swapSlices": {
      const [a, b] = [pos(m.a, n), pos(m.b, n)].sort((x, y) => x - y) as [number, number];
      const length = Math.min(m.length, b - a);
      if (length <= 0) return text;
      const first = text.slice(a, a + length);
      const second = text.slice(b, b + length);
      return text.slice(0, a) + second + text.slice(a + length, b) + first + text.slice(b + second.length);
    }
    case "insertText": {
      const at = pos(m.at, n);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case "truncate":
      return text.slice(0, pos(m.at, n));
    default:
      return applyTokenMutation(text, m);
  }
}

function applyTokenMutation(
  text: string,
  m: Extract<Mutation, { op: "deleteToken" | "duplicateToken" | "swapTokens" | "replaceToken" | "insertToken" }>,
): string {
  const spans = tokenSpans(text);
  if (spans.length === 0) return m.op === "insertToken" ? m.text : text;
  const index = (f: number) => Math.min(spans.length - 1, Math.floor(f * spans.length));
  switch (m.op) {
    case "deleteToken":
    case "duplicateToken": {
      const first = spans[index(m.at)]!;
      const last = spans[Math.min(spans.length - 1, index(m.at) + m.count - 1)]!;
      const slice = text.slice(first.start, last.end);
      const replacement = m.op === "deleteToken" ? "" : `${slice} ${slice}`;
      return text.slice(0, first.start) + replacement + text.slice(last.end);
    }
    case "swapTokens": {
      const [i, j] = [index(m.a), index(m.b)].sort((x, y) => x - y) as [number, number];
      if (i === j) return text;
      const a = spans[i]!;
      const b = spans[j]!;
      return (
        text.slice(0, a.start) +
        text.slice(b.start, b.end) +
        text.slice(a.end, b.start) +
        text.slice(a.start, a.end) +
        text.slice(b.end)
      );
    }
    case "replaceToken": {
      const t = spans[index(m.at)]!;
      return text.slice(0, t.start) + m.text + text.slice(t.end);
    }
    case "insertToken": {
      const t = spans[index(m.at)]!;
      return `${text.slice(0, t.start)}${m.text} ${text.slice(t.start)}`;
    }
  }
}

export function applyMutations(text: string, mutations: readonly Mutation[]): string {
  return mutations.reduce(applyMutation, text);
}
