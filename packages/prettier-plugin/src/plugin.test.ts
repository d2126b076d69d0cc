import { format, getSupportInfo } from "prettier";
import { describe, expect, it } from "vitest";
import plugin from "./index.js";

/** The plugin as prettier sees it: found by file extension, honouring prettier's options. */

describe("the prettier plugin", () => {
  it("formats files named *.gate without naming the parser", async () => {
    const formatted = await format("rule   r :a", { filepath: "criteria/policies/x.gate", plugins: [plugin] });
    expect(formatted).toBe("rule r: a\n");
  });

  it("registers the leadgate language", async () => {
    const info = await getSupportInfo({ plugins: [plugin] });
    const language = info.languages.find((l) => l.name === "leadgate");
    expect(language).toMatchObject({ extensions: [".gate"], parsers: ["leadgate"] });
  });

  it("honours tabWidth and useTabs", async () => {
    const text = "stage S owned by ops { require a }\n";
    expect(await format(text, { parser: "leadgate", plugins: [plugin], tabWidth: 4 })).toBe(
      "stage S owned by ops {\n    require a\n}\n",
    );
    expect(await format(text, { parser: "leadgate", plugins: [plugin], useTabs: true })).toBe(
      "stage S owned by ops {\n\trequire a\n}\n",
    );
  });

  it("keeps a byte-order mark and CRLF line ends as prettier does for every language", async () => {
    const formatted = await format("\uFEFFrule r: a\r\n\r\nrule s: b\r\n", {
      parser: "leadgate",
      plugins: [plugin],
      endOfLine: "auto",
    });
    expect(formatted).toBe("\uFEFFrule r: a\r\n\r\nrule s: b\r\n");
  });

  it("formats an empty file to an empty file", async () => {
    expect(await format("", { parser: "leadgate", plugins: [plugin] })).toBe("");
    expect(await format("\n\n", { parser: "leadgate", plugins: [plugin] })).toBe("");
  });

  it("reports where the cursor moves, for editors", async () => {
    const { formatWithCursor } = await import("prettier");
    const result = await formatWithCursor("rule   r: a", { parser: "leadgate", plugins: [plugin], cursorOffset: 7 });
    expect(result.formatted).toBe("rule r: a\n");
    expect(result.cursorOffset).toBe(5);
  });
});

describe("policies in Markdown", () => {
  it("are left as written: documentation lines up comments and shows fragments", async () => {
    const markdown = "# Doc\n\n```gate\nrule r:   a      # aligned\nrule s:   b      # comments\n```\n";
    expect(await format(markdown, { parser: "markdown", plugins: [plugin] })).toBe(markdown);
  });
});
