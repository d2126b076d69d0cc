import { serialize } from "node:v8";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePolicy } from "./parse.js";
import { standaloneText } from "./standalone-text.js";

/**
 * Whether V8 stores `text` one byte a character. Node's v8.serialize writes a one-byte string with
 * the tag `"` and a two-byte one with `c`, after its two header bytes and, for a two-byte string,
 * padding (zero bytes) that aligns the characters.
 */
function storedOneByte(text: string): boolean {
  const bytes = serialize(text);
  let at = 2;
  while (bytes[at] === 0) at++;
  const tag = bytes[at];
  if (tag !== 0x22 && tag !== 0x63) throw new Error(`unexpected serialization tag ${tag}`);
  return tag === 0x22;
}

/** A two-byte text (the arrow) and a name cut from it, as the lexer cuts token images. */
const TWO_BYTE_TEXT = "# MQL → SQL\nrule good_fit: true\n";
const NAME = TWO_BYTE_TEXT.slice(17, 25);

describe("standaloneText", () => {
  // A minute: fast-check builds its tables of code points on first use, seconds on a busy machine.
  it("keeps every code unit, lone surrogates included", () => {
    for (const text of ["", "a", "good_fit", "→", "\ud800", "a\udc00b", "\ud83d\ude00", '\u0000\n"\\'])
      expect(standaloneText(text)).toBe(text);
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 64 }), (text) => standaloneText(text) === text));
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 64 }), fc.nat(), fc.nat(), (text, a, b) => {
        const cut = text.slice(Math.min(a, b) % (text.length + 1), Math.max(a, b) % (text.length + 1));
        return standaloneText(cut) === cut;
      }),
    );
  }, 60_000);

  it("stores a name cut from a two-byte text one byte a character", () => {
    expect(NAME).toBe("good_fit");
    // The premise: without the copy, the name is as wide as the text it was cut from.
    expect(storedOneByte(TWO_BYTE_TEXT)).toBe(false);
    expect(storedOneByte(NAME)).toBe(false);
    expect(storedOneByte(standaloneText(NAME))).toBe(true);
    // Text beyond Latin-1 stays two-byte: nothing is lost.
    expect(storedOneByte(standaloneText("→"))).toBe(false);
  });
});

describe("parsePolicy", () => {
  it("gives names and literals stored one byte a character, whatever the rest of the text holds", () => {
    const text = [
      "# Q3 review of MQL → SQL conversion.",
      'policy p "P" {',
      '  version "1.0.0"',
      '  owner marketing "@acme/marketing-ops"',
      "  reviewed 2026-09-15",
      "  review every 6 months",
      "}",
      "lead {",
      "  seniority: one of ic, vp",
      "  country: text",
      "}",
      'rule senior "Senior — or not": seniority = vp and country in ["GB", "DE"]',
      'stage MQL "Marketing qualified" owned by marketing {',
      "  require senior",
      "}",
      "",
    ].join("\n");
    const { ast, diagnostics } = parsePolicy(text, "p.gate");
    expect(diagnostics).toEqual([]);
    const texts: string[] = [];
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(visit);
      else if (node !== null && typeof node === "object") {
        const { kind, name, value } = node as { kind?: unknown; name?: unknown; value?: unknown };
        if (kind === "Identifier" && typeof name === "string") texts.push(name);
        if (kind === "String" && typeof value === "string") texts.push(value);
        for (const [key, child] of Object.entries(node)) if (key !== "range") visit(child);
      }
    };
    visit(ast.declarations);
    expect(texts).toEqual(expect.arrayContaining(["seniority", "vp", "senior", "MQL", "GB"]));
    expect(storedOneByte(text)).toBe(false);
    for (const name of texts.filter((t) => !t.includes("—"))) expect([name, storedOneByte(name)]).toEqual([name, true]);
  });
});
