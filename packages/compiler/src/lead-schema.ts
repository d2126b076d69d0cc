import type { FieldInfo, LgType, RecordType } from "@leadgate/language";
import { jsString, propertyKey } from "./js-literals.js";

/**
 * The three descriptions of a lead that a compiled policy exports: a zod schema (runtime
 * validation), a TypeScript type (compile-time checking) and a JSON Schema (for other languages).
 * All three come from the checker's record types, so they cannot disagree.
 */

export interface NamedRecords {
  /** Record name → identifier used for its zod schema const and its TypeScript interface. */
  readonly schemaConst: ReadonlyMap<string, string>;
  readonly typeName: ReadonlyMap<string, string>;
}

const RESERVED_TYPE_NAMES = new Set([
  "Lead",
  "Stage",
  "Decision",
  "RuleName",
  "ScoreName",
  "Grades",
  "DisqualifierName",
  "EvaluateOptions",
]);

export function nameRecords(records: ReadonlyMap<string, RecordType>): NamedRecords {
  const schemaConst = new Map<string, string>();
  const typeName = new Map<string, string>();
  const usedTypes = new Set(RESERVED_TYPE_NAMES);
  for (const name of [...records.keys()].sort()) {
    schemaConst.set(name, `record_${name}_schema`);
    const base =
      name
        .split("_")
        .filter(Boolean)
        .map((part) => part[0]!.toUpperCase() + part.slice(1))
        .join("") || "Record";
    let candidate = /^[A-Za-z]/.test(base) ? base : `R${base}`;
    for (let n = 2; usedTypes.has(candidate); n++) candidate = `${base}${n}`;
    usedTypes.add(candidate);
    typeName.set(name, candidate);
  }
  return { schemaConst, typeName };
}

// ------------------------------------------------------------ zod

export function zodRecord(record: RecordType, names: NamedRecords, indent: string): string {
  if (record.fields.length === 0) return "z.object({})";
  const inner = `${indent}  `;
  const fields = record.fields.map((f) => `${inner}${propertyKey(f.name)}: ${zodField(f, names, inner)},`);
  return `z.object({\n${fields.join("\n")}\n${indent}})`;
}

function zodField(field: FieldInfo, names: NamedRecords, indent: string): string {
  const base = zodType(field.type, names, indent);
  // Absent and null both mean "missing" for an optional field.
  return field.optional ? `${base}.nullish()` : base;
}

function zodType(type: LgType, names: NamedRecords, indent: string): string {
  switch (type.kind) {
    case "text":
      return "z.string()";
    case "email":
      return "z.email()";
    case "integer":
      return "z.int({ error: rt.integerError })";
    case "number":
      return "z.number()";
    case "boolean":
      return "z.boolean()";
    case "date":
      return "z.iso.date()";
    case "enum":
      return `z.enum([${type.members.map(jsString).join(", ")}])`;
    case "record":
      return type.name && names.schemaConst.has(type.name)
        ? names.schemaConst.get(type.name)!
        : zodRecord(type, names, indent);
    case "list":
      return `z.array(${zodType(type.element, names, indent)})`;
    case "error":
      throw new Error("internal: an error type reached the compiler");
  }
}

// ------------------------------------------------------------ TypeScript

export function tsRecord(record: RecordType, names: NamedRecords, indent: string): string {
  if (record.fields.length === 0) return "{}";
  const inner = `${indent}  `;
  const fields = record.fields.map((f) => {
    const type = tsType(f.type, names, inner);
    return f.optional ? `${inner}${propertyKey(f.name)}?: ${type} | null;` : `${inner}${propertyKey(f.name)}: ${type};`;
  });
  return `{\n${fields.join("\n")}\n${indent}}`;
}

function tsType(type: LgType, names: NamedRecords, indent: string): string {
  switch (type.kind) {
    case "text":
    case "email":
    case "date":
      return "string";
    case "integer":
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "enum":
      return type.members.map(jsString).join(" | ");
    case "record":
      return type.name && names.typeName.has(type.name)
        ? names.typeName.get(type.name)!
        : tsRecord(type, names, indent);
    case "list": {
      const element = tsType(type.element, names, indent);
      return /^[A-Za-z0-9_]+$/.test(element) ? `${element}[]` : `Array<${element}>`;
    }
    case "error":
      throw new Error("internal: an error type reached the compiler");
  }
}

// ------------------------------------------------------------ JSON Schema

type JsonSchema = Record<string, unknown>;

export function jsonSchemaOf(lead: RecordType, records: ReadonlyMap<string, RecordType>, title: string): JsonSchema {
  const defs: Record<string, JsonSchema> = {};
  for (const name of [...records.keys()].sort()) defs[name] = jsonRecord(records.get(name)!, records);
  const schema: JsonSchema = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title,
    ...jsonRecord(lead, records),
  };
  if (Object.keys(defs).length > 0) schema["$defs"] = defs;
  return schema;
}

function jsonRecord(record: RecordType, records: ReadonlyMap<string, RecordType>): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const field of record.fields) {
    const type = jsonType(field.type, records);
    properties[field.name] = field.optional ? { anyOf: [type, { type: "null" }] } : type;
  }
  return {
    type: "object",
    properties,
    required: record.fields.filter((f) => !f.optional).map((f) => f.name),
  };
}

function jsonType(type: LgType, records: ReadonlyMap<string, RecordType>): JsonSchema {
  switch (type.kind) {
    case "text":
      return { type: "string" };
    case "email":
      return { type: "string", format: "email" };
    case "date":
      return { type: "string", format: "date" };
    case "integer":
      return { type: "integer" };
    case "number":
      return { type: "number" };
    case "boolean":
      return { type: "boolean" };
    case "enum":
      return { enum: [...type.members] };
    case "record":
      return type.name && records.has(type.name) ? { $ref: `#/$defs/${type.name}` } : jsonRecord(type, records);
    case "list":
      return { type: "array", items: jsonType(type.element, records) };
    case "error":
      throw new Error("internal: an error type reached the compiler");
  }
}
