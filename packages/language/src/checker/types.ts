import type { FieldDeclaration } from "../ast.js";

/** The types of lead fields and expressions. `error` marks something already reported, to stop cascades. */
export type LgType =
  | { readonly kind: "text" }
  | { readonly kind: "email" }
  | { readonly kind: "integer" }
  | { readonly kind: "number" }
  | { readonly kind: "boolean" }
  | { readonly kind: "date" }
  | EnumType
  | RecordType
  | ListType
  | { readonly kind: "error" };

export interface EnumType {
  readonly kind: "enum";
  readonly members: readonly string[];
  /** What the members belong to, for messages: a field path or `grade fit`. */
  readonly origin: string;
}

export interface RecordType {
  readonly kind: "record";
  /** A `record` declaration's name, `lead`, or undefined for an inline `{ ... }`. */
  readonly name: string | undefined;
  readonly fields: readonly FieldInfo[];
}

export interface ListType {
  readonly kind: "list";
  readonly element: RecordType;
}

export interface FieldInfo {
  readonly name: string;
  readonly type: LgType;
  readonly optional: boolean;
  readonly declaration: FieldDeclaration;
}

export const PRIMITIVES = ["text", "email", "integer", "number", "boolean", "date"] as const;
export type PrimitiveName = (typeof PRIMITIVES)[number];

export const TEXT: LgType = { kind: "text" };
export const INTEGER: LgType = { kind: "integer" };
export const NUMBER: LgType = { kind: "number" };
export const BOOLEAN: LgType = { kind: "boolean" };
export const DATE: LgType = { kind: "date" };
export const ERROR: LgType = { kind: "error" };

export function isNumeric(type: LgType): boolean {
  return type.kind === "integer" || type.kind === "number";
}

export function isTextual(type: LgType): boolean {
  return type.kind === "text" || type.kind === "email";
}

/** How a type is named in messages, in the words of the language. */
export function describeType(type: LgType): string {
  switch (type.kind) {
    case "enum":
      return `one of ${type.members.join(", ")}`;
    case "record":
      return type.name ? `a ${type.name} record` : "a record";
    case "list":
      return `a list of ${type.element.name ?? "records"}`;
    case "integer":
      return "a whole number";
    case "number":
      return "a number";
    case "boolean":
      return "true/false";
    case "error":
      return "unknown";
    default:
      return type.kind === "email" ? "an email address" : type.kind;
  }
}

/** Whether values of the two types can be compared with `=`, `in` and friends. */
export function comparable(a: LgType, b: LgType): boolean {
  if (a.kind === "error" || b.kind === "error") return true;
  if (isNumeric(a) && isNumeric(b)) return true;
  if (isTextual(a) && isTextual(b)) return true;
  if (a.kind === "enum" && b.kind === "enum") return a.origin === b.origin;
  return a.kind === b.kind && (a.kind === "boolean" || a.kind === "date");
}
