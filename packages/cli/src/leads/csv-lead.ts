/**
 * Turns a CSV row into a lead for one policy version, using that version's JSON Schema
 * (`leadJsonSchema`): a column `company.employees` fills the nested record, and each cell is typed
 * as the schema says (`"120"` → 120 for an integer, `"true"` → true, a JSON list in a cell for a
 * list field). An empty cell means the field is absent. A cell that does not fit its type is left
 * as text, so validation reports it in its own words instead of the row being dropped.
 */

type Schema = Readonly<Record<string, unknown>>;

export function csvToLead(cells: Readonly<Record<string, string>>, schema: Schema): Record<string, unknown> {
  const lead: Record<string, unknown> = {};
  const defs = isObject(schema.$defs) ? schema.$defs : {};
  for (const [column, cell] of Object.entries(cells)) {
    if (cell === "") continue;
    const path = column.split(".").map((part) => part.trim());
    // `__proto__` as a key would set the object's prototype, not a field: never a lead field anyway.
    if (path.some((part) => part === "" || part === "__proto__")) continue;
    const field = schemaAt(schema, path, defs);
    setPath(lead, path, typed(cell, field, defs));
  }
  return lead;
}

/** The schema of the property at `path`, or undefined when the policy does not declare it. */
function schemaAt(schema: Schema, path: readonly string[], defs: Schema): Schema | undefined {
  let current: Schema | undefined = schema;
  for (const part of path) {
    const object: Schema | undefined = current ? nonNull(resolve(current, defs), defs) : undefined;
    const properties: Schema | undefined = object && isObject(object.properties) ? object.properties : undefined;
    const next: unknown = properties?.[part];
    current = isObject(next) ? next : undefined;
  }
  return current;
}

function typed(cell: string, schema: Schema | undefined, defs: Schema): unknown {
  const field = schema ? nonNull(resolve(schema, defs), defs) : undefined;
  const type = field?.type;
  const text = cell.trim();
  if ((type === "integer" || type === "number") && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (type === "boolean" && /^(true|false)$/i.test(text)) return text.toLowerCase() === "true";
  if ((type === "array" || type === "object") && /^[[{]/.test(text)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return cell;
    }
  }
  return cell;
}

/** Follows a local `$ref` (`#/$defs/activity`). */
function resolve(schema: Schema, defs: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref === "string" && ref.startsWith("#/$defs/")) {
    const target = defs[ref.slice("#/$defs/".length)];
    if (isObject(target)) return target;
  }
  return schema;
}

/** `anyOf: [T, {type: null}]`, how optional fields are written, is T for typing a cell. */
function nonNull(schema: Schema, defs: Schema): Schema {
  const anyOf = schema.anyOf;
  if (!Array.isArray(anyOf)) return schema;
  const options = anyOf.filter((s): s is Schema => isObject(s) && s.type !== "null");
  return options.length === 1 && options[0] ? resolve(options[0], defs) : schema;
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let current = target;
  path.forEach((part, index) => {
    if (index === path.length - 1) {
      current[part] = value;
      return;
    }
    const next = current[part];
    if (isObject(next)) current = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      current[part] = created;
      current = created;
    }
  });
}

function isObject(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
