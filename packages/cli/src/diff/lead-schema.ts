import type { FieldDeclaration, PolicyFile, RecordDeclaration, TypeExpression } from "@leadgate/language";

/** One field of the lead, flattened: `company.employees`, `activities[].kind`. */
export interface FieldShape {
  readonly path: string;
  /** A primitive type name, or `enum`, `record`, `list`; `unknown` for an undeclared record. */
  readonly type: string;
  /** Enum members, in declaration order; empty for other types. */
  readonly members: readonly string[];
  readonly optional: boolean;
}

const PRIMITIVE = new Set(["text", "email", "integer", "number", "boolean", "date"]);

/**
 * Every field a lead record can have, by path, read from the syntax tree (so it works for a policy
 * with errors too). Named records are expanded where they are used, because a caller sees the
 * shape, not the record's name.
 */
export function leadShape(ast: PolicyFile): Map<string, FieldShape> {
  const records = new Map<string, RecordDeclaration>();
  let lead: RecordDeclaration | undefined;
  for (const d of ast.declarations) {
    if (d.kind !== "Record") continue;
    if (d.isLead) lead ??= d;
    else if (!records.has(d.name.name)) records.set(d.name.name, d);
  }
  const shape = new Map<string, FieldShape>();
  if (lead) addFields(lead.fields, "", records, shape, new Set());
  return shape;
}

function addFields(
  fields: readonly FieldDeclaration[],
  prefix: string,
  records: ReadonlyMap<string, RecordDeclaration>,
  shape: Map<string, FieldShape>,
  expanding: ReadonlySet<string>,
): void {
  for (const field of fields) {
    const path = prefix === "" ? field.name.name : `${prefix}.${field.name.name}`;
    if (shape.has(path)) continue; // a duplicate field is the checker's error; the first one counts
    addType(field.type, path, field.optional, records, shape, expanding);
  }
}

function addType(
  type: TypeExpression,
  path: string,
  optional: boolean,
  records: ReadonlyMap<string, RecordDeclaration>,
  shape: Map<string, FieldShape>,
  expanding: ReadonlySet<string>,
): void {
  const put = (kind: string, members: readonly string[] = []) =>
    shape.set(path, { path, type: kind, members, optional });
  switch (type.kind) {
    case "EnumType":
      put(
        "enum",
        type.members.map((m) => m.name),
      );
      return;
    case "RecordType":
      put("record");
      addFields(type.fields, path, records, shape, expanding);
      return;
    case "ListType":
      put("list");
      addElement(type.element, `${path}[]`, records, shape, expanding);
      return;
    case "NamedType": {
      const name = type.name.name;
      const record = records.get(name);
      if (PRIMITIVE.has(name)) put(name);
      else if (!record) put("unknown");
      else {
        put("record");
        // A record that contains itself is the checker's error (LG3007); stop rather than loop.
        if (!expanding.has(name)) addFields(record.fields, path, records, shape, new Set([...expanding, name]));
      }
      return;
    }
  }
}

function addElement(
  element: TypeExpression,
  prefix: string,
  records: ReadonlyMap<string, RecordDeclaration>,
  shape: Map<string, FieldShape>,
  expanding: ReadonlySet<string>,
): void {
  if (element.kind === "RecordType") return addFields(element.fields, prefix, records, shape, expanding);
  if (element.kind !== "NamedType") return;
  const record = records.get(element.name.name);
  if (record && !expanding.has(record.name.name))
    addFields(record.fields, prefix, records, shape, new Set([...expanding, record.name.name]));
}
