import type { CodeWriter } from "./code-writer.js";
import { jsSingleQuoted, jsString, jsValue, propertyKey } from "./js-literals.js";

/**
 * The shape of what `evaluate` returns, described once and written two ways: as the object
 * literal `evaluate` returns (writeObjectLiteral), and as the expression that builds the same
 * object's JSON text for `evaluateJson` (jsonExpression). Both come from one description, so the
 * two cannot disagree on a key, its order or a constant; the compiler's differential tests check
 * that the text is byte for byte JSON.stringify of the object on random policies and leads.
 */
export type Shape = ConstantShape | LeafShape | ObjectShape;

/** A value the compiler knows: a label, a name, an empty list. */
export interface ConstantShape {
  readonly kind: "constant";
  readonly value: null | boolean | number | string | readonly [];
  /** The object literal writes this instead of the value, e.g. a module constant's name. */
  readonly code?: string;
}

/**
 * How a leaf's JSON is written (see @leadgate/runtime's json.ts): `string` never null, `tri` true,
 * false or null (plain booleans too), `number`, `names` a list of strings, `value` anything else.
 */
export type LeafJson = "string" | "tri" | "number" | "names" | "value";

/** A value computed for each lead, by a JavaScript expression over the evaluator's locals. */
export interface LeafShape {
  readonly kind: "leaf";
  readonly code: string;
  readonly json: LeafJson;
}

export interface ObjectShape {
  readonly kind: "object";
  readonly entries: ReadonlyArray<readonly [key: string, shape: Shape]>;
  /** Written on one line in the object literal, for small objects. */
  readonly inline?: boolean;
  /** The object is built elsewhere and held in this local: the literal names it, the JSON reads its entries' codes. */
  readonly built?: string;
  /** A condition under which the object is `null` instead. */
  readonly nullWhen?: string;
}

export const constant = (value: ConstantShape["value"], code?: string): ConstantShape =>
  code === undefined ? { kind: "constant", value } : { kind: "constant", value, code };
export const leaf = (code: string, json: LeafJson): LeafShape => ({ kind: "leaf", code, json });
export const object = (
  entries: ObjectShape["entries"],
  options: Omit<ObjectShape, "kind" | "entries"> = {},
): ObjectShape => ({ kind: "object", entries, ...options });

// ------------------------------------------------------------ the object literal

/** Writes `open`, the object's entries one per line, then `close` (e.g. `return {` … `};`). */
export function writeObjectLiteral(w: CodeWriter, shape: ObjectShape, open: string, close: string): void {
  w.block(open, () => {
    for (const [key, value] of shape.entries) writeEntry(w, key, value);
  }, close);
}

function writeEntry(w: CodeWriter, key: string, shape: Shape): void {
  const name = propertyKey(key);
  if (shape.kind === "object" && shape.built === undefined && !shape.inline) {
    writeObjectLiteral(w, shape, `${name}: ${shape.nullWhen ? `${shape.nullWhen} ? null : ` : ""}{`, "},");
    return;
  }
  const code = literalCode(shape);
  w.line(code === key && name === key ? `${key},` : `${name}: ${code},`);
}

function literalCode(shape: Shape): string {
  switch (shape.kind) {
    case "constant":
      return shape.code ?? jsValue(shape.value);
    case "leaf":
      return shape.code;
    case "object": {
      if (shape.built !== undefined) return shape.built;
      const inner = shape.entries.map(([key, value]) => `${propertyKey(key)}: ${literalCode(value)}`);
      const body = inner.length === 0 ? "{}" : `{ ${inner.join(", ")} }`;
      return shape.nullWhen ? `${shape.nullWhen} ? null : ${body}` : body;
    }
  }
}

// ------------------------------------------------------------ the JSON text

/** A part of the JSON text: text known when compiling, or an expression giving text per lead. */
type Part =
  | { readonly text: string }
  | { readonly code: string }
  | { readonly nullWhen: string; readonly parts: readonly Part[] };

/**
 * Writes `return (` and the JSON text of the object as one concatenation: constant runs (keys,
 * labels, names) as single-quoted literals, each computed leaf through its writer. Nothing from a
 * policy reaches the code except through jsSingleQuoted and jsString.
 */
export function writeJsonReturn(w: CodeWriter, shape: ObjectShape): void {
  w.block("return (", () => {
    for (const line of partLines(jsonParts(shape))) w.line(line);
  }, ");");
}

function jsonParts(shape: Shape): Part[] {
  switch (shape.kind) {
    case "constant":
      return [{ text: JSON.stringify(shape.value) }];
    case "leaf":
      return [{ code: leafJson(shape.code, shape.json) }];
    case "object": {
      // An array-index key ("7") would come first in JSON.stringify's order whatever its place: no
      // name in a policy is one, but should one ever be, JSON.stringify writes that object.
      if (shape.entries.some(([key]) => /^(0|[1-9][0-9]*)$/.test(key)))
        return [{ code: `rt.valueJson(${literalCode({ ...shape, built: undefined })})` }];
      const parts: Part[] = [];
      shape.entries.forEach(([key, value], i) => {
        parts.push({ text: `${i === 0 ? "{" : ","}${JSON.stringify(key)}:` });
        parts.push(...jsonParts(shape.built === undefined ? value : readFrom(shape.built, key, value)));
      });
      parts.push({ text: shape.entries.length === 0 ? "{}" : "}" });
      return shape.nullWhen ? [{ nullWhen: shape.nullWhen, parts: merge(parts) }] : merge(parts);
    }
  }
}

/** Inside an object built elsewhere, leaves are read from it rather than computed again. */
function readFrom(base: string, key: string, shape: Shape): Shape {
  const code = `${base}${/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${jsString(key)}]`}`;
  if (shape.kind === "leaf") return leaf(code, shape.json);
  if (shape.kind === "object") return { ...shape, built: code };
  return shape;
}

function leafJson(code: string, json: LeafJson): string {
  switch (json) {
    case "string":
      return `JSON.stringify(${code})`;
    case "tri":
      return `rt.triJson(${code})`;
    case "number":
      return `rt.numberJson(${code})`;
    case "names":
      return `rt.namesJson(${code})`;
    case "value":
      return `rt.valueJson(${code})`;
  }
}

/** Joins adjacent constant text into one literal. */
function merge(parts: readonly Part[]): Part[] {
  const out: Part[] = [];
  for (const part of parts) {
    const last = out.at(-1);
    if ("text" in part && last && "text" in last) out[out.length - 1] = { text: last.text + part.text };
    else out.push(part);
  }
  return out;
}

/**
 * One line per computed value, led by the constant text before it:
 *   '{"policy":"inbound","asOf":' + JSON.stringify(asOfIso)
 *   + ',"stage":' + rt.valueJson(stage)
 * and an object that can be null as a parenthesised alternative, its lines indented.
 */
function partLines(parts: readonly Part[]): string[] {
  const lines: string[] = [];
  let pending: string | null = null;
  const emit = (text: string): void => {
    lines.push(lines.length === 0 ? text : `+ ${text}`);
  };
  for (const part of parts) {
    if ("text" in part) {
      if (pending !== null) emit(pending);
      const chunks = splitText(part.text);
      for (const chunk of chunks.slice(0, -1)) emit(jsSingleQuoted(chunk));
      pending = jsSingleQuoted(chunks.at(-1)!);
    } else if ("code" in part) {
      emit(pending === null ? part.code : `${pending} + ${part.code}`);
      pending = null;
    } else {
      const head = `(${part.nullWhen} ? "null" : (`;
      emit(pending === null ? head : `${pending} + ${head}`);
      pending = null;
      for (const line of partLines(part.parts)) lines.push(`  ${line}`);
      lines.push("))");
    }
  }
  if (pending !== null) emit(pending);
  return lines;
}

/** Lines of constant text stay readable: long runs are cut before a key, at about this many characters. */
const TEXT_LINE = 100;

function splitText(text: string): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > TEXT_LINE) {
    // The last key that starts within the first TEXT_LINE characters (a `,"` is always between
    // entries: inside a JSON string, a quote is escaped).
    const cut = rest.lastIndexOf(',"', TEXT_LINE);
    if (cut <= 0) break;
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  chunks.push(rest);
  return chunks;
}
