import { describe, expect, it } from "vitest";
import { escapeHtml, escapeMarkdown, markdownCode } from "./escape.js";

describe("escaping", () => {
  it("makes HTML text of anything", () => {
    expect(escapeHtml(`<script>alert("x" & 'y')</script>`)).toBe(
      "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;",
    );
  });

  it("keeps markdown from rendering HTML, emphasis, links or new table cells", () => {
    expect(escapeMarkdown("<script>a|b</script> *x* [y](z)\nnext")).toBe(
      "&lt;script&gt;a\\|b&lt;/script&gt; \\*x\\* \\[y\\](z) next",
    );
  });

  it("fences code with more backticks than it holds", () => {
    expect(markdownCode("a >= 1")).toBe("`a >= 1`");
    expect(markdownCode("x `y` | z")).toBe("``x `y` \\| z``");
  });
});
