import { describe, expect, it } from "vitest";
import { checkPolicy } from "./checker/check.js";
import { parsePolicy } from "./parse.js";

/** Bugs found in review, each kept from coming back. */
const HEADER = `policy t "T" {
  version "1.0.0"
  owner marketing "@acme/marketing"
  reviewed 2026-09-01
  review every 6 months
}
`;

describe("regressions", () => {
  it("blames the segment after `domain` in `email.domain.tld`, not `domain` (found by the fuzz suite)", () => {
    const text = `${HEADER}lead { email: email }\nstage S owned by marketing { require r: email.domain.tld = "com" }\n`;
    const { diagnostics } = checkPolicy(parsePolicy(text));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: "LG2001",
      message: "'email.domain' is text and has no field 'tld'.",
      range: { start: { line: 8, column: 54 } }, // the `t` of `tld`
    });
  });

  it("`half-life` is a keyword, never a field name (it would not be an identifier in generated code)", () => {
    const { diagnostics } = parsePolicy(`${HEADER}lead { half-life: integer }`);
    expect(diagnostics[0]).toMatchObject({
      code: "LG1002",
      message: "Expected '}' but found 'half-life'.",
      range: { start: { line: 7, column: 8 } },
    });
  });

  it("accepts a comma after an enum that ends a record", () => {
    const parsed = parsePolicy(
      `${HEADER}lead { a: integer, k: one of x, y, }\nstage S owned by marketing { require r: a > 1 }`,
    );
    expect(parsed.diagnostics).toEqual([]);
    expect(checkPolicy(parsed).policy).toBeDefined();
  });

  it("explains a constant comparison without an empty clause", () => {
    const result = checkPolicy(
      parsePolicy(`${HEADER}lead { a: integer }\nstage S owned by marketing { require e: 5 = 5 }`),
    );
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      "Requirement 'e' of stage S always passes: '5 = 5' is always true.",
    ]);
  });

  it("reports a requirement that is the constant true or false", () => {
    const result = checkPolicy(
      parsePolicy(`${HEADER}lead { a: integer }\nstage S owned by marketing { require t: true  require f: false }`),
    );
    expect(result.diagnostics.map((d) => d.code)).toEqual(["LG4002", "LG4001"]);
  });

  it("says 'the end of the file', not EOF", () => {
    const { diagnostics } = parsePolicy(`${HEADER}Rule r: x`);
    expect(diagnostics[0]?.message).not.toContain("EOF");
  });

  it("uses 'an' before a vowel", () => {
    const text = HEADER.replace(
      'owner marketing "@acme/marketing"',
      'owner marketing "@a/m"\n  owner marketing "@a/n"',
    );
    const result = checkPolicy(
      parsePolicy(`${text}lead { a: integer }\nstage S owned by marketing { require r: a > 1 }`),
    );
    expect(result.diagnostics.map((d) => d.message)).toContain("There is already an owner team named 'marketing'.");
  });
});
