import type { Expression, NumberLiteral } from "@leadgate/language";
import { printExpression } from "./print-expression.js";

/** One number that changed, shown in the smallest part of the condition that holds it. */
export interface NumberChange {
  readonly from: number;
  readonly to: number;
  /** The enclosing comparison (or window, list, ...) before and after: `engagement >= 40`. */
  readonly before: string;
  readonly after: string;
}

export type ExpressionDiff =
  | { readonly kind: "same" }
  /** Same shape, only literal numbers differ: a threshold or window moved. */
  | { readonly kind: "numbers"; readonly changes: readonly NumberChange[] }
  /** Anything else: the whole condition before and after. */
  | { readonly kind: "rewritten"; readonly before: string; readonly after: string };

/** A placeholder no printed condition can contain, standing for every literal number. */
const ANY_NUMBER = "\u0000#";

/**
 * Compares two conditions. When they differ only in literal numbers (`>= 40` → `>= 45`,
 * `within 90 days` → `within 60 days`), says which numbers, each in the smallest node around it,
 * because "the threshold moved from 40 to 45" is what a reviewer needs to see.
 */
export function diffExpressions(before: Expression, after: Expression): ExpressionDiff {
  const beforeText = printExpression(before);
  const afterText = printExpression(after);
  if (beforeText === afterText) return { kind: "same" };
  if (printExpression(before, () => ANY_NUMBER) !== printExpression(after, () => ANY_NUMBER))
    return { kind: "rewritten", before: beforeText, after: afterText };
  const changes: NumberChange[] = [];
  collectNumberChanges(before, after, changes);
  // Trees that print alike but are shaped differently cannot be walked side by side.
  if (changes.length === 0) return { kind: "rewritten", before: beforeText, after: afterText };
  return { kind: "numbers", changes };
}

/** Walks two trees of the same shape side by side; reports each parent whose own numbers differ. */
function collectNumberChanges(a: Expression, b: Expression, out: NumberChange[]): void {
  const aChildren = children(a);
  const bChildren = children(b);
  const differs = aChildren.some((child, i) => {
    const other = bChildren[i];
    return child.kind === "Number" && other?.kind === "Number" && child.value !== other.value;
  });
  if (differs) {
    for (let i = 0; i < aChildren.length; i++) {
      const x = aChildren[i];
      const y = bChildren[i];
      if (x?.kind === "Number" && y?.kind === "Number" && x.value !== y.value)
        out.push({ from: x.value, to: y.value, before: printExpression(a), after: printExpression(b) });
    }
  }
  for (let i = 0; i < aChildren.length; i++) {
    const x = aChildren[i];
    const y = bChildren[i];
    if (x && y && x.kind !== "Number") collectNumberChanges(x, y, out);
  }
}

/** A node's sub-expressions in printing order (a window's amount counts as one). */
function children(e: Expression): Array<Expression | NumberLiteral> {
  switch (e.kind) {
    case "Logical":
      return [...e.operands];
    case "Not":
      return [e.operand];
    case "Compare":
      return [e.left, e.right];
    case "In":
      return [e.operand, ...e.items];
    case "Presence":
    case "DaysSince":
      return [e.operand];
    case "Window":
      return [e.operand, e.amount];
    case "TextMatch":
      return [e.operand, e.pattern];
    case "Quantifier":
      return [e.list, ...(e.filter ? [e.filter] : []), ...(e.predicate ? [e.predicate] : [])];
    case "Parenthesized":
      return [e.expression];
    default:
      return [];
  }
}
