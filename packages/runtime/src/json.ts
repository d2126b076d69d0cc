/**
 * JSON text of a decision's leaves, for JsonTemplate (json-template.ts), with which a compiled
 * module's `evaluateJson` writes the decision's JSON without building the decision. Each helper
 * writes exactly what JSON.stringify writes for the same value inside an object. Not exported from
 * the package: only JsonTemplate uses them.
 *
 * A decision's leaves are always JSON values (never `undefined`, a function or a symbol): an
 * `undefined` here would mean a compiler bug, and JSON.stringify would leave its key out where
 * `evaluateJson` cannot, so it throws instead of writing different text.
 */

/** A string: JSON.stringify's text, without calling it for the usual printable ASCII. */
export function stringJson(value: string): string {
  if (typeof value !== "string") return notJson(value);
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    // Control characters, quotes, backslashes and anything beyond ASCII go to JSON.stringify.
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return JSON.stringify(value);
  }
  return `"${value}"`;
}

/** The status of a requirement whose value is `value`, as JSON: what `JSON.stringify(statusOf(value))` gives. */
export function statusJson(value: boolean | null): string {
  return value === true ? '"passed"' : value === false ? '"failed"' : value === null ? '"missing"' : notJson(value);
}

/** A three-valued (or plain boolean) leaf: a rule, a disqualifier, a flag. */
export function triJson(value: boolean | null): string {
  return value === true ? "true" : value === false ? "false" : value === null ? "null" : notJson(value);
}

/** A number, as JSON writes it: like JavaScript (`-0` as `0`), non-finite numbers as `null`. */
export function numberJson(value: number): string {
  if (typeof value !== "number") return notJson(value);
  return Number.isFinite(value) ? String(value) : "null";
}

/** A list of names, such as a gate's passed requirements or a requirement's missing fields. */
export function namesJson(names: readonly string[]): string {
  if (!Array.isArray(names)) return notJson(names);
  if (names.length === 0) return "[]";
  let text = "[";
  for (let i = 0; i < names.length; i++) {
    if (i > 0) text += ",";
    text += stringJson(names[i]!);
  }
  return `${text}]`;
}

/** Any other leaf: a value a requirement looked at, the stage, the disqualifier, the follow-up. */
export function valueJson(value: unknown): string {
  // The usual leaves first, without JSON.stringify's call.
  if (value === null) return "null";
  if (typeof value === "string") return stringJson(value);
  if (typeof value === "number") return numberJson(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = JSON.stringify(value) as string | undefined;
  return text === undefined ? notJson(value) : text;
}

function notJson(value: unknown): never {
  throw new TypeError(`internal: a decision leaf is not a JSON value (${typeof value}); please report this`);
}
