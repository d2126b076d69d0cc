import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DIAGNOSTICS } from "./diagnostics.js";
import { policyGrammar } from "./grammar.js";

/** docs/language.md documents every diagnostic code, and no code that does not exist. */
const doc = readFileSync(fileURLToPath(new URL("../../../docs/language.md", import.meta.url)), "utf8");
const diagrams = readFileSync(fileURLToPath(new URL("../../../docs/diagrams/grammar.html", import.meta.url)), "utf8");

describe("docs/language.md", () => {
  it("has one section per diagnostic code, with the catalogue's title", () => {
    const sections = [...doc.matchAll(/^### (LG\d{4}) (.+)$/gm)].map((m) => `${m[1]} ${m[2]}`);
    const catalogue = Object.entries(DIAGNOSTICS).map(([code, info]) => `${code} ${info.title}`);
    expect(sections).toEqual(catalogue);
  });

  it("lists each code in the summary table with its severity", () => {
    for (const [code, info] of Object.entries(DIAGNOSTICS)) {
      expect(doc).toMatch(new RegExp(`\\| \\[${code}\\]\\([^)]*\\)\\s*\\| ${info.severity}\\s*\\|`));
    }
  });

  it("transcribes every rule of the parser in the grammar section, and the diagrams draw each one", () => {
    const grammar = doc.slice(doc.indexOf("## 3. Grammar"), doc.indexOf("## 4. Types"));
    const documented = [...grammar.matchAll(/^([a-zA-Z]+)\s+=/gm)].map((m) => m[1]);
    const parserRules = Object.keys(policyGrammar.getGAstProductions()).sort();
    // Token classes (NAME, TEXT, ...) are written in capitals and are not parser rules.
    expect(documented.filter((name) => name !== name!.toUpperCase()).sort()).toEqual(parserRules);
    for (const rule of parserRules) expect(diagrams, `diagrams/grammar.html lacks ${rule}`).toContain(rule);
  });
});
