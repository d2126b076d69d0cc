/**
 * Turns CSV rows into leads for one policy, using the policy's JSON Schema (`leadJsonSchema`):
 *
 * - a column `company.employees` fills the nested record; a column `activities.0.kind` fills item 0
 *   of the list `activities` (items are numbered from 0; an item whose cells are all empty is absent,
 *   and the items present keep their order);
 * - each cell is typed as the schema says: `"120"` → 120 for an integer or number, `"true"` /
 *   `"false"` (any case) for a boolean, a JSON list or record in a cell for a list or record field;
 *   other types (text, email, date, one of) stay text;
 * - an empty cell means the field is absent, and a record whose cells are all empty is absent too.
 *
 * A cell that does not fit its type is left as text, so validation reports it in its own words
 * instead of the row being dropped. The plan is worked out once per header, not once per row.
 */

type Schema = Readonly<Record<string, unknown>>;

/** Typing of one cell, decided from the schema once per column. */
type CellType = "number" | "boolean" | "json" | "text";

type Node =
  | { readonly kind: "cell"; readonly column: number; readonly type: CellType }
  | { readonly kind: "record"; readonly fields: Array<[string, Node]> }
  | { readonly kind: "list"; readonly items: Array<[number, Node]> };

export interface CsvLeadMapper {
  /** Columns that fill nothing the policy declares (validation strips such fields, as for JSON). */
  readonly unknownColumns: readonly string[];
  /** Header problems: a column that cannot be a field path, or two columns filling the same field. */
  readonly problems: readonly string[];
  /** The lead for one row; `cells` are in header order. */
  toLead(cells: readonly string[]): Record<string, unknown>;
}

/** Items beyond this index are not a lead anyone exports to CSV; refusing them bounds the work per row. */
const MAX_ITEM_INDEX = 9999;

export function csvLeadMapper(columns: readonly string[], schema: Schema): CsvLeadMapper {
  const defs = isObject(schema.$defs) ? schema.$defs : {};
  const root: Node & { kind: "record" } = { kind: "record", fields: [] };
  const unknownColumns: string[] = [];
  const problems: string[] = [];
  columns.forEach((column, index) => {
    const path = column.split(".").map((part) => part.trim());
    // `__proto__` as a key would set an object's prototype, not a field: never a lead field anyway.
    if (path.some((part) => part === "" || part === "__proto__")) {
      problems.push(`column ${JSON.stringify(column)} is not a field path like company.employees`);
      return;
    }
    const placed = place(root, path, index, schema, defs);
    if (typeof placed === "string") problems.push(`column ${JSON.stringify(column)} ${placed}`);
    else if (!placed.known) unknownColumns.push(column);
  });
  return {
    unknownColumns,
    problems,
    toLead: (cells) => (build(root, cells) as Record<string, unknown> | undefined) ?? {},
  };
}

/**
 * For callers holding a row as `{ column: cell }` (the diff's corpus reader): the same mapping. Header
 * problems leave the offending column out.
 */
export function csvToLead(cells: Readonly<Record<string, string>>, schema: Schema): Record<string, unknown> {
  const columns = Object.keys(cells);
  return csvLeadMapper(columns, schema).toLead(columns.map((c) => cells[c] ?? ""));
}

/** Adds the column to the tree; returns whether the schema knows the field, or what is wrong. */
function place(
  root: Node & { kind: "record" },
  path: readonly string[],
  column: number,
  schema: Schema,
  defs: Schema,
): { known: boolean } | string {
  let container: Node = root;
  let field: Schema | undefined = schema;
  for (let i = 0; i < path.length; i++) {
    const part = path[i]!;
    // Below a list field, a part numbers an item.
    const isIndex = container.kind === "list";
    if (isIndex && !/^\d+$/.test(part)) return "names a list item by something other than its number";
    if (isIndex && Number(part) > MAX_ITEM_INDEX) return `numbers an item beyond ${MAX_ITEM_INDEX}`;
    if (container.kind === "cell") return "fills a field that another column already fills as a whole";
    const shape: Schema | undefined = field ? nonNull(resolve(field, defs), defs) : undefined;
    field = isIndex
      ? isObject(shape?.items)
        ? shape.items
        : undefined
      : isObject(shape?.properties) && isObject(shape.properties[part])
        ? shape.properties[part]
        : undefined;
    const last = i === path.length - 1;
    const existing =
      container.kind === "list"
        ? container.items.find(([k]) => k === Number(part))?.[1]
        : container.fields.find(([k]) => k === part)?.[1];
    if (existing?.kind === "cell" && !last) return "fills a field that another column already fills as a whole";
    if (existing && last) return "fills the same field as another column";
    if (existing) {
      container = existing;
      continue;
    }
    const fieldType = field ? nonNull(resolve(field, defs), defs).type : undefined;
    // Below a list field the next part numbers an item (the schema says which fields are lists).
    const created: Node = last
      ? { kind: "cell", column, type: cellType(fieldType) }
      : fieldType === "array"
        ? { kind: "list", items: [] }
        : { kind: "record", fields: [] };
    if (container.kind === "list") container.items.push([Number(part), created]);
    else container.fields.push([part, created]);
    // Items are built in index order whatever the column order.
    if (container.kind === "list") container.items.sort((a, b) => a[0] - b[0]);
    container = created;
  }
  return { known: field !== undefined };
}

/** The value a node gives for a row, or undefined when every cell under it is empty. */
function build(node: Node, cells: readonly string[]): unknown {
  switch (node.kind) {
    case "cell": {
      const cell = cells[node.column];
      return cell === undefined || cell === "" ? undefined : typed(cell, node.type);
    }
    case "record": {
      let record: Record<string, unknown> | undefined;
      for (const [key, child] of node.fields) {
        const value = build(child, cells);
        if (value !== undefined) (record ??= {})[key] = value;
      }
      return record;
    }
    case "list": {
      let items: unknown[] | undefined;
      for (const [, child] of node.items) {
        const value = build(child, cells);
        if (value !== undefined) (items ??= []).push(value);
      }
      return items;
    }
  }
}

function cellType(type: unknown): CellType {
  if (type === "integer" || type === "number") return "number";
  if (type === "boolean") return "boolean";
  if (type === "array" || type === "object") return "json";
  return "text";
}

function typed(cell: string, type: CellType): unknown {
  if (type === "text") return cell;
  const text = cell.trim();
  if (type === "number") return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : cell;
  if (type === "boolean") return /^(true|false)$/i.test(text) ? text.toLowerCase() === "true" : cell;
  if (/^[[{]/.test(text)) {
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

function isObject(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
