import type { CodeWriter } from "./code-writer.js";
import { commentText, jsSingleQuoted, jsValue, propertyAccess, propertyKey } from "./js-literals.js";

/**
 * The shape of what `evaluate` returns, described once and written two ways: as the object
 * literal `evaluate` returns (writeObjectLiteral), and as the JSON template `evaluateJson` fills
 * (jsonTemplate, writeJsonTemplates, writeTemplateReturn). Both come from one description, so the
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
 * How a leaf's JSON is written (see @leadgate/runtime's json-template.ts): `string` never null,
 * `tri` true, false or null (plain booleans too), `status` a requirement's status from its
 * three-valued result (the code is the result; the object holds `rt.statusOf(result)`),
 * `statusText` a status, `number` a number or null, `names` a list of strings, `value` anything.
 */
export type LeafJson = "string" | "tri" | "status" | "statusText" | "number" | "names" | "value";

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
  w.block(
    open,
    () => {
      for (const [key, value] of shape.entries) writeEntry(w, key, value);
    },
    close,
  );
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
      return shape.json === "status" ? `rt.statusOf(${shape.code})` : shape.code;
    case "object": {
      if (shape.built !== undefined) return shape.built;
      const inner = shape.entries.map(([key, value]) => `${propertyKey(key)}: ${literalCode(value)}`);
      const body = inner.length === 0 ? "{}" : `{ ${inner.join(", ")} }`;
      return shape.nullWhen ? `${shape.nullWhen} ? null : ${body}` : body;
    }
  }
}

// ------------------------------------------------------------ the JSON text

/**
 * The JSON of an object shape as a template (rt.JsonTemplate): its text with each computed value
 * at its usual value, and the values in order. An object that can be null gets a template of its
 * own, filled only when it is not null.
 */
export interface Template {
  /** The module constant holding it, e.g. `DECISION_JSON`. */
  readonly name: string;
  /** Where it is in the decision: "" for the whole, `override` for a part. */
  readonly path: string;
  /** Text, and the kind of each value (a name of rt.Leaf), in order. */
  readonly parts: ReadonlyArray<{ readonly text: string } | { readonly kind: string }>;
  readonly values: readonly TemplateValue[];
}

/** A value of a template: an expression, or another template's fill unless a condition holds. */
type TemplateValue =
  | { readonly code: string; readonly path: string }
  | { readonly nullWhen: string; readonly template: Template; readonly path: string };

/** The JSON template of an object shape (and of each part of it that can be null), named `name`. */
export function jsonTemplate(shape: ObjectShape, name: string): Template {
  return templateOf(shape, name, "", new Set());
}

/**
 * Writes the module constants holding a template and the templates it fills values with (those
 * first). Nothing from a policy reaches the code except through jsSingleQuoted (text) and
 * commentText (comments).
 */
export function writeJsonTemplates(w: CodeWriter, template: Template): void {
  for (const value of template.values) if ("template" in value) writeJsonTemplates(w, value.template);
  const what =
    template.path === "" ? "The decision's JSON" : `The JSON of the decision's ${commentText(template.path)}`;
  w.line(`// ${what}, with every computed value at its usual value (see rt.JsonTemplate).`);
  w.block(
    `const ${template.name} = new rt.JsonTemplate([`,
    () => {
      let text = "";
      for (const part of template.parts) {
        if ("text" in part) {
          text += part.text;
          continue;
        }
        const chunks = splitText(text);
        for (const chunk of chunks.slice(0, -1)) w.line(`${jsSingleQuoted(chunk)},`);
        w.line(`${jsSingleQuoted(chunks.at(-1)!)}, rt.Leaf.${part.kind},`);
        text = "";
      }
      for (const chunk of splitText(text)) w.line(`${jsSingleQuoted(chunk)},`);
    },
    "]);",
  );
  w.line();
}

/** Writes `return TEMPLATE.fill([...values])`, one value a line with its place in the decision. */
export function writeTemplateReturn(w: CodeWriter, template: Template): void {
  writeFill(w, template, "return ", ";");
}

function writeFill(w: CodeWriter, template: Template, before: string, after: string): void {
  w.block(
    `${before}${template.name}.fill([`,
    () => {
      for (const value of template.values) {
        if ("code" in value) w.line(`${value.code}, // ${commentText(value.path)}`);
        else writeFill(w, value.template, `${value.nullWhen} ? null : `, `, // ${commentText(value.path)}`);
      }
    },
    `])${after}`,
  );
}

function templateOf(shape: ObjectShape, name: string, path: string, names: Set<string>): Template {
  names.add(name);
  const parts: Array<{ text: string } | { kind: string }> = [];
  const values: TemplateValue[] = [];
  const visit = (s: Shape, at: string): void => {
    switch (s.kind) {
      case "constant":
        parts.push({ text: JSON.stringify(s.value) });
        return;
      case "leaf":
        parts.push({ kind: s.json });
        values.push({ code: s.code, path: at });
        return;
      case "object": {
        if (s.nullWhen !== undefined && s !== shape) {
          const inner = templateOf({ ...s, nullWhen: undefined }, uniqueName(at, names), at, names);
          parts.push({ kind: "json" });
          values.push({ nullWhen: s.nullWhen, template: inner, path: at });
          return;
        }
        // An array-index key ("7") would come first in JSON.stringify's order whatever its place:
        // no name in a policy is one, but should one ever be, JSON.stringify writes that object.
        if (s.entries.some(([key]) => /^(0|[1-9][0-9]*)$/.test(key))) {
          parts.push({ kind: "value" });
          // Inside an object built elsewhere, that object is the value; else its literal is.
          values.push({ code: s.built ?? literalCode({ ...s, nullWhen: undefined }), path: at });
          return;
        }
        s.entries.forEach(([key, value], i) => {
          parts.push({ text: `${i === 0 ? "{" : ","}${JSON.stringify(key)}:` });
          visit(s.built === undefined ? value : readFrom(s.built, key, value), at === "" ? key : `${at}.${key}`);
        });
        parts.push({ text: s.entries.length === 0 ? "{}" : "}" });
        return;
      }
    }
  };
  visit(shape, path);
  return { name, path, parts, values };
}

/** `OVERRIDE_JSON` for the part at `override`; a number is added should two parts share a name. */
function uniqueName(path: string, names: Set<string>): string {
  // Keys are names of the language or fixed words; the `T_` keeps an identifier whatever they are.
  const upper = path.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
  const base = `${/^[A-Z]/.test(upper) ? "" : "T_"}${upper}_JSON`;
  let name = base;
  for (let n = 2; names.has(name); n++) name = `${base}_${n}`;
  return name;
}

/** Inside an object built elsewhere, leaves are read from it rather than computed again. */
function readFrom(base: string, key: string, shape: Shape): Shape {
  const code = propertyAccess(base, key);
  // A built object holds a status as its text.
  if (shape.kind === "leaf") return leaf(code, shape.json === "status" ? "statusText" : shape.json);
  if (shape.kind === "object") return { ...shape, built: code };
  return shape;
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
