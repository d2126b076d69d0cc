/**
 * The only way text from a policy enters generated code: as a string literal or a property key,
 * escaped so it can never end the literal, open a template, close a comment or a <script> tag.
 */

/** A double-quoted JavaScript string literal for any text. */
export function jsString(value: string): string {
  return escapeUnsafe(JSON.stringify(value));
}

/**
 * A single-quoted JavaScript string literal for any text: for text full of double quotes, such as
 * JSON, which reads better unescaped. Escaped as `jsString` is.
 */
export function jsSingleQuoted(value: string): string {
  const inner = JSON.stringify(value).slice(1, -1);
  // JSON escapes are two-character sequences (`\"`, `\\`, `\n`, `\u…`): read them whole, so a
  // backslash is never taken for the start of the next one.
  const requoted = inner.replace(/\\.|'/g, (part) => (part === '\\"' ? '"' : part === "'" ? "\\'" : part));
  return escapeUnsafe(`'${requoted}'`);
}

/** Escapes what could end a literal in other contexts: line separators, `<script>` tags, templates, comments. */
function escapeUnsafe(literal: string): string {
  return literal.replace(/[\u2028\u2029<>`]|\*\//g, (ch) =>
    ch === "*/" ? "*\\/" : `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * An object-literal key. `__proto__` as a plain or quoted key would set the prototype instead of
 * adding a property, so it is written as a computed key.
 */
export function propertyKey(name: string): string {
  if (name === "__proto__") return `[${jsString(name)}]`;
  return IDENTIFIER.test(name) ? name : jsString(name);
}

/**
 * A property access, `object.name` or `object["name"]`. Never assign through it to `__proto__`:
 * that sets the prototype instead of a property (see `propertyKey`).
 */
export function propertyAccess(object: string, name: string): string {
  return IDENTIFIER.test(name) ? `${object}.${name}` : `${object}[${jsString(name)}]`;
}

/** Any JSON-compatible value as a JavaScript expression, escaped like `jsString`. */
export function jsValue(value: unknown, indent = ""): string {
  if (value === null || typeof value === "number" || typeof value === "boolean") return JSON.stringify(value);
  if (typeof value === "string") return jsString(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const items = value.map((v) => jsValue(v, inner));
    const oneLine = `[${items.join(", ")}]`;
    return oneLine.length <= 100 && !oneLine.includes("\n")
      ? oneLine
      : `[\n${items.map((i) => `${inner}${i},`).join("\n")}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([k, v]) => `${inner}${propertyKey(k)}: ${jsValue(v, inner)},`).join("\n")}\n${indent}}`;
}

/** Text for inside a `//` comment: one line, nothing that could end it or confuse a reader. */
export function commentText(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, " ").replace(/[\u0000-\u001f\u007f]/g, "?");
}
