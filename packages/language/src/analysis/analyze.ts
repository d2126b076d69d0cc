import type * as A from "../ast.js";
import { staticTruth, type StaticContext } from "../checker/bounds.js";
import type { CheckedPolicy } from "../checker/model.js";
import { diagnostic, sortDiagnostics, type Diagnostic } from "../diagnostics.js";

/**
 * `leadgate check --analyze`: findings about a valid policy that are worth a reviewer's attention
 * but are not errors. All are reported as information (severity "info").
 */
export function analyzePolicy(policy: CheckedPolicy): Diagnostic[] {
  const ctx: StaticContext = {
    references: policy.references,
    scoreBounds: policy.scoreBounds,
    ruleConditions: new Map(policy.rules.map((r) => [r.name.name, r.condition])),
    canBeMissing: (e) => policy.optionalPaths(e).length > 0,
    text: (e) => policy.text(e),
  };
  return sortDiagnostics([
    ...constantConditions(policy, ctx),
    ...overlappingDisqualifiers(policy),
    ...nonMonotonic(policy),
  ]);
}

/** Conditions that hold for every lead or for none: a rule, a disqualifier, a score line, a grade branch. */
function constantConditions(policy: CheckedPolicy, ctx: StaticContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const examine = (what: string, condition: A.Expression, range: A.Identifier["range"]) => {
    const truth = staticTruth(condition, ctx);
    if (truth.value === "unknown") return;
    out.push(
      diagnostic(
        truth.value === "never" ? "LG6001" : "LG6002",
        range,
        `${what} ${truth.value === "never" ? "never holds" : "always holds"}: ${truth.reason}.`,
      ),
    );
  };
  for (const rule of policy.rules) examine(`Rule '${rule.name.name}'`, rule.condition, rule.name.range);
  for (const dq of policy.disqualifiers) examine(`Disqualifier '${dq.name.name}'`, dq.condition, dq.name.range);
  for (const score of policy.scores) {
    for (const line of score.lines) {
      if (line.condition)
        examine(`Line '${line.name.name}' of score ${score.name.name}`, line.condition, line.name.range);
    }
  }
  for (const grade of policy.grades) {
    for (const branch of grade.branches) {
      if (branch.condition)
        examine(`Branch ${branch.value.name} of grade ${grade.name.name}`, branch.condition, branch.value.range);
    }
  }
  return out;
}

/** A field compared with a set of values: `email.domain in ["a.com"]`, `budget = none`. */
interface ValueTest {
  readonly subject: string;
  readonly values: ReadonlySet<string>;
}

/** The value tests of a condition made only of `=`/`in` tests joined by `or`; undefined for anything else. */
function valueTests(policy: CheckedPolicy, e: A.Expression): ValueTest[] | undefined {
  switch (e.kind) {
    case "Parenthesized":
      return valueTests(policy, e.expression);
    case "Logical": {
      if (e.operator !== "or") return undefined;
      const parts = e.operands.map((o) => valueTests(policy, o));
      return parts.every((p) => p !== undefined) ? parts.flat() : undefined;
    }
    case "Compare":
      return e.operator === "="
        ? [{ subject: policy.text(e.left), values: new Set([policy.text(e.right)]) }]
        : undefined;
    case "In":
      return e.negated
        ? undefined
        : [{ subject: policy.text(e.operand), values: new Set(e.items.map((i) => policy.text(i))) }];
    case "Path":
      return [{ subject: policy.text(e), values: new Set(["true"]) }];
    default:
      return undefined;
  }
}

/** Two disqualifiers that can both apply to one lead: the second one's reason would never be shown. */
function overlappingDisqualifiers(policy: CheckedPolicy): Diagnostic[] {
  const out: Diagnostic[] = [];
  const tests = policy.disqualifiers.map((dq) => ({ dq, tests: valueTests(policy, dq.condition) }));
  for (let i = 0; i < tests.length; i++) {
    for (let j = i + 1; j < tests.length; j++) {
      const a = tests[i]!;
      const b = tests[j]!;
      const same = policy.text(a.dq.condition) === policy.text(b.dq.condition);
      const shared = !same && a.tests && b.tests ? sharedValue(a.tests, b.tests) : undefined;
      if (!same && !shared) continue;
      out.push(
        diagnostic(
          "LG6003",
          b.dq.name.range,
          same
            ? `Disqualifiers '${a.dq.name.name}' and '${b.dq.name.name}' have the same condition; only '${a.dq.name.name}' is ever reported.`
            : `Disqualifiers '${a.dq.name.name}' and '${b.dq.name.name}' both apply when ${shared}; the lead is reported as '${a.dq.name.name}'.`,
        ),
      );
    }
  }
  return out;
}

function sharedValue(a: readonly ValueTest[], b: readonly ValueTest[]): string | undefined {
  for (const x of a) {
    for (const y of b) {
      if (x.subject !== y.subject) continue;
      const value = [...x.values].find((v) => y.values.has(v));
      if (value !== undefined) return `${x.subject} is ${value}`;
    }
  }
  return undefined;
}

/**
 * Places where MORE activity can make a lead look WORSE: negative points per item, negative points
 * triggered by a list condition, and requirements that a new list item can break (`no`, `all`,
 * `count ... <=`). Decay alone never does this: a new item only adds its own, undecayed points.
 */
function nonMonotonic(policy: CheckedPolicy): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const score of policy.scores) {
    for (const line of score.lines) {
      if (line.points.value >= 0) continue;
      if (line.mode === "per") {
        out.push(
          diagnostic(
            "LG6004",
            line.name.range,
            `Each matching item takes ${-line.points.value} points off score ${score.name.name}: more activity can lower it.`,
          ),
        );
      } else if (line.condition && listSensitive(line.condition, "grows")) {
        out.push(
          diagnostic(
            "LG6004",
            line.name.range,
            `Line '${line.name.name}' takes points off score ${score.name.name} when a list condition becomes true: a new item can lower the score.`,
          ),
        );
      }
    }
  }
  for (const stage of policy.stages) {
    for (const requirement of stage.requirements) {
      if (requirement.condition && listSensitive(requirement.condition, "shrinks")) {
        out.push(
          diagnostic(
            "LG6004",
            requirement.name.range,
            `Requirement '${requirement.name.name}' of stage ${stage.name.name} can stop passing when an item is added to a list ('no', 'all' or an upper bound on 'count').`,
          ),
        );
      }
    }
  }
  return out;
}

/**
 * Whether adding a list item can flip the condition: "grows" looks for conditions that can become
 * true (any, count >=), "shrinks" for conditions that can become false (no, all, count <=).
 * `not` swaps the two.
 */
function listSensitive(e: A.Expression, direction: "grows" | "shrinks"): boolean {
  const flip = direction === "grows" ? "shrinks" : "grows";
  switch (e.kind) {
    case "Parenthesized":
      return listSensitive(e.expression, direction);
    case "Not":
      return listSensitive(e.operand, flip);
    case "Logical":
      return e.operands.some((o) => listSensitive(o, direction));
    case "Quantifier":
      if (e.quantifier === "any") return direction === "grows";
      if (e.quantifier === "no" || e.quantifier === "all") return direction === "shrinks";
      return false;
    case "Compare": {
      const countOnLeft =
        e.left.kind === "Quantifier" || (e.left.kind === "Parenthesized" && e.left.expression.kind === "Quantifier");
      if (!countOnLeft) return false;
      const upper = e.operator === "<" || e.operator === "<=" || e.operator === "=";
      const lower = e.operator === ">" || e.operator === ">=" || e.operator === "=" || e.operator === "!=";
      return direction === "shrinks" ? upper : lower;
    }
    default:
      return false;
  }
}
