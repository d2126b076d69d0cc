/**
 * A small, deterministic YAML writer for plain data (what `JSON.stringify` accepts). Golden files
 * are written and compared as text with it: the same value always gives the same bytes, so an
 * unchanged decision leaves its golden entry byte-identical and a run can compare text instead of
 * parsing thousands of entries. Style: block mappings and sequences, 2-space indent, sequences
 * indented under their key, short lists of scalars in flow style, keys in the order the value has
 * them, strings quoted as prettier would quote them.
 */

const PLAIN = /^[A-Za-z_][A-Za-z0-9_ ./+-]*$/;
/** Words some YAML readers (YAML 1.1 ones too) take for null or booleans: always quoted. */
const RESERVED = new Set(["null", "true", "false", "yes", "no", "on", "off", "y", "n"]);
/** Characters JSON leaves raw that YAML does not allow raw, or that editors mangle. */
const UNSAFE_RAW = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

/**
 * Decisions repeat the same few hundred keys and values (`status`, `passed`, requirement names)
 * thousands of times; remembering how each was written saves most of the work. Bounded, so a
 * run over unusual data cannot grow it without limit.
 */
const written = new Map<string, string>();
const WRITTEN_LIMIT = 10_000;

export function yamlString(text: string): string {
  let out = written.get(text);
  if (out === undefined) {
    out = quoteIfNeeded(text);
    if (written.size < WRITTEN_LIMIT) written.set(text, out);
  }
  return out;
}

/**
 * Plain when safe, else quoted the way prettier would quote it, so a repository that formats its
 * YAML with prettier never rewrites a golden file: double quotes (a JSON string is a valid YAML
 * double-quoted scalar), except for text with `"` and nothing else to escape, which prettier puts
 * in single quotes.
 */
function quoteIfNeeded(text: string): string {
  if (PLAIN.test(text) && !text.endsWith(" ") && !RESERVED.has(text.toLowerCase())) return text;
  const double = JSON.stringify(text).replace(
    UNSAFE_RAW,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  const escapes = double.slice(1, -1);
  if (/\\[^"]/.test(escapes) || !escapes.includes('"')) return double;
  return `'${text.replaceAll("'", "''")}'`;
}

function yamlNumber(value: number): string {
  if (Number.isNaN(value)) return ".nan";
  if (!Number.isFinite(value)) return value > 0 ? ".inf" : "-.inf";
  return Object.is(value, -0) ? "0" : String(value);
}

/** A value on one line: scalars as in block style, collections in flow style (`[a, b]`, `{k: v}`). */
export function inlineYaml(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return yamlString(value);
  if (typeof value === "number") return yamlNumber(value);
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(inlineYaml).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${yamlString(k)}: ${inlineYaml(v)}`).join(", ")}}`;
  }
  return yamlString(String(value));
}

/**
 * Lists of scalars stay on their key's line when the line fits in 80 columns,
 * `passed: [budget, authority]`: a gate's lists read as one fact and a golden file stays short.
 * Longer ones take a line per item, which prettier (at its default width) leaves as written.
 */
const FLOW_WIDTH = 80;

function isScalarList(value: unknown): value is readonly unknown[] {
  return Array.isArray(value) && value.every((item) => typeof item !== "object" || item === null);
}

/** Whether a value takes lines of its own rather than following its key or dash. */
function isBlock(value: unknown): value is object {
  if (Array.isArray(value)) return value.length > 0;
  return typeof value === "object" && value !== null && Object.values(value).some((v) => v !== undefined);
}

/** `head` followed by the value on the same line, if the value is a scalar or fits as a flow list. */
function sameLine(head: string, value: unknown): string | undefined {
  if (!isBlock(value)) return `${head} ${inlineYaml(value)}`;
  if (!isScalarList(value)) return undefined;
  const line = `${head} ${inlineYaml(value)}`;
  return line.length <= FLOW_WIDTH ? line : undefined;
}

const INDENTS: string[] = [];
function indentOf(level: number): string {
  return (INDENTS[level] ??= "  ".repeat(level));
}

/** `key: value` lines of a mapping's body at `level`, appended to `out`. */
export function writeMapping(value: object, level: number, out: string[]): void {
  const pad = indentOf(level);
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) continue;
    const head = `${pad}${yamlString(key)}:`;
    const line = sameLine(head, item);
    if (line !== undefined) out.push(line);
    else {
      out.push(head);
      writeBlock(item as object, level + 1, out);
    }
  }
}

function writeSequence(items: readonly unknown[], level: number, out: string[]): void {
  const pad = indentOf(level);
  for (const item of items) {
    const line = sameLine(`${pad}-`, item);
    if (line !== undefined) {
      out.push(line);
      continue;
    }
    // The item's first line goes on the dash line: `- key: value`, the rest one level deeper.
    const start = out.length;
    writeBlock(item as object, level + 1, out);
    out[start] = `${pad}- ${out[start]!.slice(pad.length + 2)}`;
  }
}

function writeBlock(value: object, level: number, out: string[]): void {
  if (Array.isArray(value)) writeSequence(value, level, out);
  else writeMapping(value, level, out);
}

/** A whole document: a mapping or sequence in block style, or a scalar. Ends with a newline. */
export function toYaml(value: unknown): string {
  if (!isBlock(value)) return `${inlineYaml(value)}\n`;
  const out: string[] = [];
  writeBlock(value, 0, out);
  return `${out.join("\n")}\n`;
}
