import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DIAGNOSTICS } from "./diagnostics.js";

/** docs/language.md documents every diagnostic code, and no code that does not exist. */
const doc = readFileSync(fileURLToPath(new URL("../../../docs/language.md", import.meta.url)), "utf8");

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
});
