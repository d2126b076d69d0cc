import type * as A from "@leadgate/language";
import type { CheckedPolicy, FieldRef, Reference } from "@leadgate/language";
import { jsString } from "./js-literals.js";
import type { ModuleParts } from "./module-parts.js";

/**
 * Compiles expressions to JavaScript expressions. Conditions compile to three-valued values
 * (`true`, `false`, `null` = missing); where the checker proves a condition can never be missing,
 * plain `&&`, `||`, `!` and operators are used, which is both faster and easier to read.
 *
 * Item variables: inside the n-th nested list scope the current item is `it<n>`; the lead is `lead`
 * and the evaluation day number is `asOf`. Rules, scores and grades are locals named `r_<name>`,
 * `s_<name>`, `g_<name>`.
 */
export class ExpressionCompiler {
  constructor(
    private readonly policy: CheckedPolicy,
    private readonly parts: ModuleParts,
  ) {}

  private locals: ReadonlyMap<A.Expression, string> = new Map();

  /** Compiles with some sub-expressions already held in locals (a requirement's reported values). */
  withLocals<T>(locals: ReadonlyMap<A.Expression, string>, compile: () => T): T {
    const previous = this.locals;
    this.locals = locals;
    try {
      return compile();
    } finally {
      this.locals = previous;
    }
  }

  canBeMissing(e: A.Expression): boolean {
    return this.policy.optionalPaths(e).length > 0;
  }

  /** A condition as a JS expression of type `boolean` (never missing) or `boolean | null`. */
  condition(e: A.Expression): string {
    const local = this.locals.get(e);
    if (local) return local;
    switch (e.kind) {
      case "Boolean":
        return String(e.value);
      case "Parenthesized":
        return this.condition(e.expression);
      case "Path":
        // An optional boolean the lead leaves out reads as `undefined`; the three-valued helpers
        // know only `null` as missing, so a bare optional condition is normalised here.
        // (Rules and grades are already null when missing.)
        return this.canBeMissing(e) && this.policy.references.get(e)?.kind === "field"
          ? `(${this.value(e)} ?? null)`
          : this.value(e);
      case "Logical": {
        if (!this.canBeMissing(e)) {
          return `(${e.operands.map((o) => this.condition(o)).join(e.operator === "and" ? " && " : " || ")})`;
        }
        return `rt.${e.operator}3(${e.operands.map((o) => this.condition(o)).join(", ")})`;
      }
      case "Not":
        return this.canBeMissing(e.operand) ? `rt.not3(${this.condition(e.operand)})` : `!${this.condition(e.operand)}`;
      case "Compare": {
        const left = this.value(e.left);
        const right = this.value(e.right);
        if (!this.canBeMissing(e)) return `(${left} ${jsOperator(e.operator)} ${right})`;
        return `rt.${OPERATOR_HELPERS[e.operator]}(${left}, ${right})`;
      }
      case "In":
        return this.inList(e);
      case "Presence": {
        const test = `${this.value(e.operand)} ${e.present ? "!=" : "=="} null`;
        return `(${test})`;
      }
      case "Window": {
        const helper = e.mode === "within" ? "inWindow" : "olderThan";
        return `rt.${helper}(${this.value(e.operand)}, asOf, ${e.amount.value}, ${jsString(e.unit)})`;
      }
      case "TextMatch": {
        const helper =
          e.operator === "contains" ? "containsText" : e.operator === "starts with" ? "startsWithText" : "endsWithText";
        return `rt.${helper}(${this.value(e.operand)}, ${this.value(e.pattern)})`;
      }
      case "Quantifier":
        return this.parts.quantifierCall(e);
      default:
        return this.value(e);
    }
  }

  /** A value (text, number, date text, enum text, count...) or `null`/`undefined` when missing. */
  value(e: A.Expression): string {
    const local = this.locals.get(e);
    if (local) return local;
    switch (e.kind) {
      case "String":
        return jsString(e.value);
      case "Number":
        return String(e.value);
      case "Date":
        return jsString(e.value);
      case "Boolean":
        return String(e.value);
      case "Parenthesized":
        return this.value(e.expression);
      case "Path":
        return this.reference(this.policy.references.get(e)!);
      case "DaysSince":
        return `rt.daysSince(${this.value(e.operand)}, asOf)`;
      case "Quantifier":
        return this.parts.quantifierCall(e);
      default:
        return this.condition(e);
    }
  }

  reference(ref: Reference): string {
    switch (ref.kind) {
      case "field":
        return fieldAccess(ref);
      case "domain":
        return `rt.emailDomain(${fieldAccess(ref.field)})`;
      case "rule":
        return `r_${ref.name}`;
      case "score":
        return `s_${ref.name}.total`;
      case "grade":
        return `g_${ref.name}`;
      case "member":
        return jsString(ref.value);
    }
  }

  private inList(e: A.InExpression): string {
    const literal = e.items.every(
      (i) =>
        i.kind === "String" ||
        i.kind === "Number" ||
        i.kind === "Date" ||
        i.kind === "Boolean" ||
        (i.kind === "Path" && this.policy.references.get(i)?.kind === "member"),
    );
    const subject = this.value(e.operand);
    let test: string;
    if (literal) {
      const set = this.parts.constantSet(e.items.map((i) => this.value(i)));
      test = this.canBeMissing(e.operand) ? `rt.inSet(${subject}, ${set})` : `${set}.has(${subject})`;
    } else {
      const comparisons = e.items.map((i) => `rt.eq(${subject}, ${this.value(i)})`);
      test = `rt.or3(${comparisons.join(", ")})`;
    }
    if (!e.negated) return test;
    return this.canBeMissing(e) ? `rt.not3(${test})` : `!${test}`;
  }
}

const OPERATOR_HELPERS: Record<A.CompareOperator, string> = {
  "=": "eq",
  "!=": "ne",
  "<": "lt",
  "<=": "le",
  ">": "gt",
  ">=": "ge",
};

function jsOperator(op: A.CompareOperator): string {
  return op === "=" ? "===" : op === "!=" ? "!==" : op;
}

export function fieldAccess(ref: FieldRef): string {
  let code = ref.scope === 0 ? "lead" : `it${ref.scope}`;
  let afterOptional = false;
  for (const field of ref.fields) {
    code += `${afterOptional ? "?." : "."}${field.name}`;
    afterOptional = field.optional;
  }
  return code;
}

/** Names of rule, score and grade locals and item variables an expression reads: the parameters of a hoisted function. */
export function freeVariables(policy: CheckedPolicy, expressions: readonly (A.Expression | undefined)[]): string[] {
  const out = new Set<string>();
  const visit = (e: A.Expression | undefined): void => {
    if (!e) return;
    switch (e.kind) {
      case "Path": {
        const ref = policy.references.get(e);
        const field = ref?.kind === "field" ? ref : ref?.kind === "domain" ? ref.field : undefined;
        if (field && field.scope > 0) out.add(`it${field.scope}`);
        if (ref?.kind === "rule") out.add(`r_${ref.name}`);
        if (ref?.kind === "score") out.add(`s_${ref.name}`);
        if (ref?.kind === "grade") out.add(`g_${ref.name}`);
        return;
      }
      case "Parenthesized":
        return visit(e.expression);
      case "Logical":
        return e.operands.forEach(visit);
      case "Not":
      case "Presence":
      case "Window":
      case "DaysSince":
        return visit(e.operand);
      case "Compare":
        visit(e.left);
        return visit(e.right);
      case "In":
        visit(e.operand);
        return e.items.forEach(visit);
      case "TextMatch":
        visit(e.operand);
        return visit(e.pattern);
      case "Quantifier":
        visit(e.list);
        visit(e.filter);
        return visit(e.predicate);
      default:
        return;
    }
  };
  expressions.forEach(visit);
  return [...out].sort(compareVariables);
}

/** Item variables first, outermost first; then computed values by name. */
function compareVariables(a: string, b: string): number {
  const item = (s: string) => (s.startsWith("it") ? Number(s.slice(2)) : Number.POSITIVE_INFINITY);
  return item(a) - item(b) || (a < b ? -1 : a > b ? 1 : 0);
}
