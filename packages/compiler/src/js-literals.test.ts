import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsSingleQuoted, jsString } from "./js-literals.js";

// What must never appear raw in a literal of generated code: it could end the literal, a comment
// or a <script> element, open a template, or end a line for some parsers.
const UNSAFE = /[\n\r\u2028\u2029`<>]|\*\//;

/** The value a literal denotes, read the way a JavaScript engine reads it. */
function valueOf(literal: string): unknown {
  // Test-only: evaluating the literal is the point, to see that it means exactly the input.
  return new Function(`"use strict"; return (${literal});`)() as unknown;
}

describe.each([
  ["jsString", jsString, '"'],
  ["jsSingleQuoted", jsSingleQuoted, "'"],
] as const)("%s", (_, literal, quote) => {
  it("denotes exactly the text, for any text, and holds nothing unsafe", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const code = literal(text);
        expect(code.startsWith(quote) && code.endsWith(quote)).toBe(true);
        expect(code).not.toMatch(UNSAFE);
        expect(valueOf(code)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([`'`, `"`, "\\", "\\'", '\\"', "'\\", "*/", "</script>", "${x}`", "\u2028", "\u0000", "😀"])(
    "round-trips %j",
    (text) => {
      expect(valueOf(literal(text))).toBe(text);
    },
  );
});
