import type * as A from "../ast.js";
import { diagnostic, type Diagnostic } from "../diagnostics.js";
import { MAX_NESTING } from "../limits.js";
import { didYouMean } from "../suggest.js";
import { ERROR, PRIMITIVES, type FieldInfo, type LgType, type RecordType } from "./types.js";

/**
 * Builds the lead's type from `lead { ... }` and `record` declarations: resolves type names,
 * rejects duplicate fields and enum members, recursive records, and field names that would clash
 * with JavaScript's object machinery in every consumer of the lead.
 */

/** Names every JavaScript object already has: a lead field with one of these names is ambiguous in JSON and code. */
const OBJECT_BUILTINS = new Set(Object.getOwnPropertyNames(Object.prototype));

export interface LeadTypes {
  readonly lead: RecordType;
  readonly records: Map<string, RecordType>;
}

export function buildLeadTypes(
  leadDeclaration: A.RecordDeclaration,
  recordDeclarations: readonly A.RecordDeclaration[],
  diagnostics: Diagnostic[],
): LeadTypes {
  const declared = new Map<string, A.RecordDeclaration>();
  for (const record of recordDeclarations) {
    if (declared.has(record.name.name) || PRIMITIVES.includes(record.name.name as never)) {
      diagnostics.push(
        diagnostic(
          "LG2004",
          record.name.range,
          `A type named '${record.name.name}' already exists.`,
          "Give the record another name.",
        ),
      );
      continue;
    }
    declared.set(record.name.name, record);
  }

  const records = new Map<string, RecordType>();
  const building = new Set<string>();
  // How many records enclose the fields being built. Everything that walks the lead's type (this
  // builder, schema and type generation) recurses once per level, so the depth is limited.
  let depth = 0;
  let reportedTooDeep = false;

  const buildFields = (fields: readonly A.FieldDeclaration[], origin: string): FieldInfo[] => {
    if (depth >= MAX_NESTING) {
      if (!reportedTooDeep && fields[0])
        diagnostics.push(
          diagnostic(
            "LG3009",
            fields[0].name.range,
            `Records nest more than ${MAX_NESTING} levels deep here.`,
            "Flatten the records: a lead rarely needs more than a few levels.",
          ),
        );
      reportedTooDeep = true;
      return [];
    }
    depth++;
    try {
      return buildFieldList(fields, origin);
    } finally {
      depth--;
    }
  };

  const buildFieldList = (fields: readonly A.FieldDeclaration[], origin: string): FieldInfo[] => {
    const seen = new Set<string>();
    const result: FieldInfo[] = [];
    for (const field of fields) {
      const name = field.name.name;
      if (OBJECT_BUILTINS.has(name)) {
        diagnostics.push(
          diagnostic(
            "LG2009",
            field.name.range,
            `'${name}' cannot be a field name: every JavaScript object already has a '${name}'.`,
            "Choose another name, e.g. add a prefix.",
          ),
        );
        continue;
      }
      if (seen.has(name)) {
        diagnostics.push(diagnostic("LG2004", field.name.range, `Field '${name}' is declared twice in this record.`));
        continue;
      }
      seen.add(name);
      const path = origin === "" ? name : `${origin}.${name}`;
      result.push({ name, type: buildType(field.type, path), optional: field.optional, declaration: field });
    }
    return result;
  };

  const buildRecord = (name: string, range: A.Identifier["range"]): RecordType | undefined => {
    const existing = records.get(name);
    if (existing) return existing;
    const declaration = declared.get(name);
    if (!declaration) return undefined;
    if (building.has(name)) {
      diagnostics.push(
        diagnostic(
          "LG3007",
          range,
          `Record '${name}' contains itself; a lead must be finite.`,
          "Nest a different record, or flatten the fields.",
        ),
      );
      return { kind: "record", name, fields: [] };
    }
    building.add(name);
    const record: RecordType = { kind: "record", name, fields: buildFields(declaration.fields, name) };
    building.delete(name);
    records.set(name, record);
    return record;
  };

  const buildType = (type: A.TypeExpression, origin: string): LgType => {
    switch (type.kind) {
      case "EnumType": {
        const members: string[] = [];
        for (const member of type.members) {
          if (members.includes(member.name)) {
            diagnostics.push(diagnostic("LG2004", member.range, `'${member.name}' is listed twice in 'one of'.`));
          } else {
            members.push(member.name);
          }
        }
        return { kind: "enum", members, origin };
      }
      case "RecordType":
        return { kind: "record", name: undefined, fields: buildFields(type.fields, origin) };
      case "ListType": {
        const element =
          type.element.kind === "RecordType"
            ? ({
                kind: "record",
                name: undefined,
                fields: buildFields(type.element.fields, `${origin}[]`),
              } as RecordType)
            : namedRecord(type.element);
        return element ? { kind: "list", element } : ERROR;
      }
      case "NamedType": {
        const name = type.name.name;
        if (PRIMITIVES.includes(name as never)) return { kind: name } as LgType;
        return buildRecord(name, type.name.range) ?? unknownType(type.name);
      }
    }
  };

  const namedRecord = (type: A.NamedTypeExpression): RecordType | undefined => {
    const name = type.name.name;
    if (PRIMITIVES.includes(name as never)) {
      diagnostics.push(
        diagnostic(
          "LG2007",
          type.name.range,
          `A list holds records, not ${name} values.`,
          `Declare a record, e.g. 'record item { value: ${name} }', and write 'list of item'.`,
        ),
      );
      return undefined;
    }
    const record = buildRecord(name, type.name.range);
    if (!record) unknownType(type.name);
    return record;
  };

  const unknownType = (name: A.Identifier): LgType => {
    diagnostics.push(
      diagnostic(
        "LG2007",
        name.range,
        `Unknown type '${name.name}'.`,
        didYouMean(name.name, [...PRIMITIVES, ...declared.keys()]) ??
          `Types are ${PRIMITIVES.join(", ")}, 'one of ...', 'list of ...', '{ ... }' or a declared record.`,
      ),
    );
    return ERROR;
  };

  for (const name of declared.keys()) buildRecord(name, declared.get(name)!.name.range);
  const lead: RecordType = { kind: "record", name: "lead", fields: buildFields(leadDeclaration.fields, "") };
  return { lead, records };
}
