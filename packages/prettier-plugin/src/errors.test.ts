import { format } from "prettier";
import { describe, expect, it } from "vitest";
import plugin, { formatPolicy, GateSyntaxError } from "./index.js";

/**
 * A policy with a syntax error is not formatted: prettier reports where the error is, as it does
 * for its own languages, and the file is left alone.
 */

const broken = `rule ok: a

rule broken "Missing colon" a and b
`;

describe("syntax errors", () => {
  it("reject with a SyntaxError that gives the line and column", async () => {
    const error: unknown = await formatPolicy(broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GateSyntaxError);
    expect(error).toBeInstanceOf(SyntaxError);
    const syntaxError = error as GateSyntaxError;
    expect(syntaxError.message).toMatch(/^LG1002: Expected ':' but found 'a'\. \(3:29\)/);
    expect(syntaxError.loc.start).toEqual({ line: 3, column: 29 });
    expect(syntaxError.diagnostics.map((d) => d.code)).toContain("LG1002");
  });

  it("come out of prettier with a code frame pointing at the error", async () => {
    const error: unknown = await format(broken, { parser: "leadgate", plugins: [plugin] }).catch((e: unknown) => e);
    const message = (error as Error).message;
    expect(message).toContain("(3:29)");
    expect(message).toContain('> 3 | rule broken "Missing colon" a and b');
    // The caret sits under the offending word.
    const caretLine = message.split("\n").find((l) => l.includes("^"))!;
    expect(caretLine.indexOf("^") - caretLine.indexOf("|")).toBe('| rule broken "Missing colon" '.length);
  });

  it("are reported for every kind of syntax problem, not only grammar errors", async () => {
    for (const [text, code] of [
      ['rule r: t = "unclosed\n', "LG1003"],
      ["rule r: d = 2026-02-30\n", "LG1004"],
      ["rule r: a ~ b\n", "LG1001"],
      ['rule r: t = "\\d"\n', "LG1010"],
    ] as const) {
      const error = (await formatPolicy(text).catch((e: unknown) => e)) as GateSyntaxError;
      expect(
        error.diagnostics.map((d) => d.code),
        text,
      ).toContain(code);
    }
  });

  it("a policy with only name or type errors is formatted: that is the checker's business", async () => {
    expect(await formatPolicy('rule r:   unknown_name >= "text"\n')).toBe('rule r: unknown_name >= "text"\n');
  });
});
