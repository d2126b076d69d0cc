import type * as A from "../ast.js";
import type { Bounds, Reference } from "./model.js";

/**
 * Static analysis of numbers: the least and greatest total each score can reach, and from that
 * whether a comparison can never or will always hold. `engagement >= 500` against a score that
 * tops out at 120 is a requirement nobody can meet.
 */

export function scoreBounds(score: A.ScoreDeclaration): Bounds {
  let min = 0;
  let max = 0;
  for (const line of score.lines) {
    const line_ = lineBounds(line);
    min += line_.min;
    max += line_.max;
  }
  const clamp = (value: number) => {
    let v = value;
    if (score.floor !== undefined) v = Math.max(v, score.floor.value);
    if (score.cap !== undefined) v = Math.min(v, score.cap.value);
    return v;
  };
  return { min: clamp(min), max: clamp(max) };
}

export function lineBounds(line: A.ScoreLine): Bounds {
  const points = line.points.value;
  if (line.mode === "if") return { min: Math.min(0, points), max: Math.max(0, points) };
  // `per` lines: any number of items can match, so only a cap bounds the total.
  const reach = line.cap ? line.cap.value : Number.POSITIVE_INFINITY;
  return points >= 0 ? { min: 0, max: points === 0 ? 0 : reach } : { min: -reach, max: 0 };
}

export type StaticTruth = { value: "always" | "never"; reason: string } | { value: "unknown" };

export interface StaticContext {
  readonly references: ReadonlyMap<A.PathExpression, Reference>;
  readonly scoreBounds: ReadonlyMap<string, Bounds>;
  readonly ruleConditions: ReadonlyMap<string, A.Expression>;
  /** Whether an expression can be missing (it depends on an optional field). */
  canBeMissing(expression: A.Expression): boolean;
  text(expression: A.Expression): string;
}

const UNKNOWN: StaticTruth = { value: "unknown" };

/** Whether a condition holds for every lead, for none, or depends on the lead. */
export function staticTruth(e: A.Expression, ctx: StaticContext): StaticTruth {
  switch (e.kind) {
    case "Parenthesized":
      return staticTruth(e.expression, ctx);
    case "Not": {
      const inner = staticTruth(e.operand, ctx);
      return inner.value === "unknown"
        ? inner
        : { value: inner.value === "always" ? "never" : "always", reason: inner.reason };
    }
    case "Logical": {
      const decisive = e.operator === "and" ? "never" : "always";
      const results = e.operands.map((o) => staticTruth(o, ctx));
      const hit = results.find((r) => r.value === decisive);
      if (hit) return hit;
      if (results.every((r) => r.value !== "unknown")) {
        const last = results[results.length - 1];
        return last ?? UNKNOWN;
      }
      return UNKNOWN;
    }
    case "Path": {
      const ref = ctx.references.get(e);
      if (ref?.kind === "rule") {
        const condition = ctx.ruleConditions.get(ref.name);
        return condition ? staticTruth(condition, ctx) : UNKNOWN;
      }
      return UNKNOWN;
    }
    case "Compare":
      return compareTruth(e, ctx);
    case "Boolean":
      return { value: e.value ? "always" : "never", reason: `'${e.value}' is a constant` };
    default:
      return UNKNOWN;
  }
}

function numericBounds(e: A.Expression, ctx: StaticContext): Bounds | undefined {
  switch (e.kind) {
    case "Number":
      return { min: e.value, max: e.value };
    case "Parenthesized":
      return numericBounds(e.expression, ctx);
    case "Path": {
      const ref = ctx.references.get(e);
      return ref?.kind === "score" ? ctx.scoreBounds.get(ref.name) : undefined;
    }
    case "Quantifier":
      return e.quantifier === "count" && !ctx.canBeMissing(e) ? { min: 0, max: Number.POSITIVE_INFINITY } : undefined;
    default:
      return undefined;
  }
}

function compareTruth(e: A.CompareExpression, ctx: StaticContext): StaticTruth {
  const left = numericBounds(e.left, ctx);
  const right = numericBounds(e.right, ctx);
  if (!left || !right) return UNKNOWN;
  const [always, never] = ((): [boolean, boolean] => {
    switch (e.operator) {
      case ">=":
        return [left.min >= right.max, left.max < right.min];
      case ">":
        return [left.min > right.max, left.max <= right.min];
      case "<=":
        return [left.max <= right.min, left.min > right.max];
      case "<":
        return [left.max < right.min, left.min >= right.max];
      case "=":
        return [
          left.min === left.max && right.min === right.max && left.min === right.min,
          left.max < right.min || left.min > right.max,
        ];
      case "!=":
        return [
          left.max < right.min || left.min > right.max,
          left.min === left.max && right.min === right.max && left.min === right.min,
        ];
    }
  })();
  if (!always && !never) return UNKNOWN;
  const describe = (node: A.Expression, b: Bounds) =>
    b.min === b.max
      ? `'${ctx.text(node)}' is always ${b.min}`
      : `'${ctx.text(node)}' ranges from ${formatBound(b.min)} to ${formatBound(b.max)}`;
  const facts = [e.left, e.right]
    .map((node, i) => (node.kind === "Number" ? undefined : describe(node, i === 0 ? left : right)))
    .filter((x): x is string => x !== undefined);
  const conclusion = `'${ctx.text(e)}' is ${always ? "always" : "never"} true`;
  return {
    value: always ? "always" : "never",
    reason: facts.length > 0 ? `${facts.join(" and ")}, so ${conclusion}` : conclusion,
  };
}

function formatBound(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return "no upper limit";
  if (value === Number.NEGATIVE_INFINITY) return "no lower limit";
  return String(value);
}
