import type { AstPath, Doc, ParserOptions } from "prettier";
import type { GateNode } from "../nodes.js";

/**
 * The types every print function shares. prettier's `print` callback prints a child selected by
 * property name (`print("name")`), by a path of names (`print(["followUp", "amount"])`) or the
 * current node (`print()`).
 */
export type Print = (selector?: string | number | Array<string | number>) => Doc;
export type Path = AstPath<GateNode>;
export type Options = ParserOptions<GateNode>;

/** The node at `path`, as the kind the caller dispatched on. */
export function nodeAs<K extends GateNode["kind"]>(path: Path, _kind: K): Extract<GateNode, { kind: K }> {
  return path.node as Extract<GateNode, { kind: K }>;
}

/** Prints each element of an array property, in order. */
export function printEach(path: Path, print: Print, key: string): Doc[] {
  // AstPath.map's typings only accept property names of one node type, known at compile time:
  // `key` names an array property of the current node, which the caller knows.
  return path.map(() => print(), key as never);
}

/** `days` or `day`, `weeks` or `week`...: singular exactly when the amount is written `1`. */
export function unitWord(unit: "hours" | "days" | "weeks" | "months", amountText: string): string {
  return amountText === "1" ? unit.slice(0, -1) : unit;
}
