/**
 * Escaping for the two formats that a browser or GitHub interprets. Every string that comes from
 * a policy, an example file or a lead goes through one of these: a case named `<script>` must show
 * as text, never run.
 */

const HTML: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text for HTML element content and (double- or single-quoted) attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML[ch] ?? ch);
}

/**
 * Text for GitHub-flavoured markdown, also inside a table cell: HTML-significant characters become
 * entities (GitHub renders inline HTML), markdown punctuation is backslash-escaped so a name like
 * `lead_score_*` is not turned into emphasis, `|` cannot end a cell, and line breaks cannot end a row.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[&<>"]/g, (ch) => HTML[ch] ?? ch)
    .replace(/[\\`*_[\]{}|~#!]/g, (ch) => `\\${ch}`)
    .replace(/\r\n|\r|\n/g, " ");
}

/**
 * Code in markdown (`...`): a code span cannot be escaped from inside, so it is fenced with more
 * backticks than the text contains, and `|` (which ends a table cell even inside code) is escaped.
 */
export function markdownCode(text: string): string {
  const flat = text.replace(/\r\n|\r|\n/g, " ").replace(/\|/g, "\\|");
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}
