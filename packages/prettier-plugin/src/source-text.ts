/**
 * Small questions about the original text that the AST does not answer: where a keyword the AST
 * folds away starts, where a block's `{` is, and where the author left line breaks.
 *
 * Every scan starts at a position that is known to be code (a node's start or end), so it can
 * tell text in quotes and comments apart from code.
 */

/**
 * The start of the keyword(s) written right before `valueStart`, e.g. `version` before
 * `"1.4.0"`. `pattern` must end with `$` and match only keywords and whitespace. Returns
 * `valueStart` when the keyword is not found as plain code (a comment between keyword and value,
 * or a `#` earlier on the keyword's line that might make it part of a comment): a range that is
 * too short is harmless, one that reaches into a comment is not.
 */
export function keywordStart(text: string, valueStart: number, pattern: RegExp): number {
  const from = Math.max(0, valueStart - 256);
  const match = pattern.exec(text.slice(from, valueStart));
  if (!match) return valueStart;
  const start = from + match.index;
  const before = text[start - 1];
  if (before !== undefined && /[A-Za-z0-9_]/.test(before)) return valueStart;
  const lineStart = Math.max(text.lastIndexOf("\n", start - 1), text.lastIndexOf("\r", start - 1)) + 1;
  return text.slice(lineStart, start).includes("#") ? valueStart : start;
}

/** The offset of the first `{` at or after `from` that is code, not text in quotes or a comment. */
export function findOpenBrace(text: string, from: number): number | undefined {
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === "{") return i;
    if (ch === "#") i = lineEnd(text, i) - 1;
    else if (ch === '"') i = stringEnd(text, i) - 1;
  }
  return undefined;
}

/** Whether the author broke the line somewhere between two code positions. */
export function hasLineBreakBetween(text: string, start: number, end: number): boolean {
  return /[\r\n]/.test(text.slice(start, end));
}

/**
 * Whether a blank line follows the line on which `end` lies (after a comment on that line, if
 * any). Used to keep the author's blank lines between the entries of a block.
 */
export function isNextLineEmpty(text: string, end: number): boolean {
  let i = skipSpaces(text, end);
  if (text[i] === "#") i = lineEnd(text, i);
  const afterBreak = skipLineBreak(text, i);
  if (afterBreak === i) return false;
  const next = skipSpaces(text, afterBreak);
  return skipLineBreak(text, next) !== next;
}

/** Whether the line before the one `start` is on is blank. */
export function isPreviousLineEmpty(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && (text[i] === " " || text[i] === "\t")) i--;
  if (i < 0 || !isLineBreak(text[i])) return false;
  i -= text[i] === "\n" && text[i - 1] === "\r" ? 2 : 1;
  while (i >= 0 && (text[i] === " " || text[i] === "\t")) i--;
  return i >= 0 && isLineBreak(text[i]);
}

function isLineBreak(ch: string | undefined): boolean {
  return ch === "\n" || ch === "\r";
}

function skipSpaces(text: string, i: number): number {
  while (text[i] === " " || text[i] === "\t") i++;
  return i;
}

function skipLineBreak(text: string, i: number): number {
  if (text[i] === "\r") return text[i + 1] === "\n" ? i + 2 : i + 1;
  return text[i] === "\n" ? i + 1 : i;
}

function lineEnd(text: string, i: number): number {
  while (i < text.length && !isLineBreak(text[i])) i++;
  return i;
}

/** Just past the closing quote of the text starting at `i` (or the line's end, if unclosed). */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const ch = text[j];
    if (ch === "\\") j++;
    else if (ch === '"') return j + 1;
    else if (isLineBreak(ch)) return j;
  }
  return text.length;
}
