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
  /** While writing a list pass: item dates converted once per item, and window starts computed once. */
  private pass: PassContext | undefined;

  /** Starts compiling a list pass's conditions; the maps fill as windows and decay are compiled. */
  beginPass(): PassContext {
    this.pass = { dayLocals: new Map(), windowStarts: new Map() };
    return this.pass;
  }

  endPass(): void {
    this.pass = undefined;
  }

  /** The day-number local of an item's date field inside a pass (`day$at`), registering it on first use. */
  private passDay(e: A.Expression): { local: string; optional: boolean } | undefined {
    if (!this.pass || e.kind !== "Path") return undefined;
    const ref = this.policy.references.get(e);
    if (ref?.kind !== "field" || ref.scope !== 1 || ref.fields.at(-1)?.type.kind !== "date") return undefined;
    const code = fieldAccess(ref);
    let day = this.pass.dayLocals.get(code);
    if (!day) {
      day = { local: `day$${ref.fields.map((f) => f.name).join("$")}`, optional: ref.fields.some((f) => f.optional) };
      this.pass.dayLocals.set(code, day);
    }
    return day;
  }

  /** The decay factor of a score line's item: from the item's day number inside a pass. */
  decayFactor(decay: A.Decay): string {
    const halfLife = decay.mode === "half-life";
    const day = this.passDay(decay.dateField);
    if (day)
      return `rt.${halfLife ? "halfLifeFactorOfDay" : "halfAfterFactorOfDay"}(${day.local}, asOf, ${decay.days.value})`;
    return `rt.${halfLife ? "halfLifeFactor" : "halfAfterFactor"}(${this.value(decay.dateField)}, asOf, ${decay.days.value})`;
  }

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
      case "Logical":
        return this.logical(e);
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
        const day = this.passDay(e.operand);
        if (day && this.pass) {
          const from = `from$${e.amount.value}$${e.unit}`;
          this.pass.windowStarts.set(from, `rt.windowStart(asOf, ${e.amount.value}, ${jsString(e.unit)})`);
          const test =
            e.mode === "within" ? `${day.local} >= ${from} && ${day.local} <= asOf` : `${day.local} < ${from}`;
          return day.optional ? `(${day.local} == null ? null : ${test})` : `(${test})`;
        }
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

  /** A field, rule, score or grade: a property read or a local, cheap to repeat and free of effects. */
  private isPlainRead(e: A.Expression): boolean {
    if (e.kind === "Parenthesized") return this.isPlainRead(e.expression);
    if (this.locals.has(e)) return true;
    const kind = e.kind === "Path" ? this.policy.references.get(e)?.kind : undefined;
    return kind === "field" || kind === "rule" || kind === "score" || kind === "grade";
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

  /**
   * `and` / `or`. Operands that walk a list (quantifiers) go last, so that cheap operands (a few
   * property reads) can decide first and the walk is skipped. Conditions have no side effects and
   * `and`/`or`, Kleene's included, do not depend on operand order, so reordering is safe. With
   * missing values possible, the cheap operands are tested on their own first and, when they do
   * not decide, once more inside `rt.and3`/`rt.or3` together with the rest.
   */
  private logical(e: A.LogicalExpression): string {
    // A test a list pass computed is a plain read by now (list-passes.ts).
    const walks = (o: A.Expression) => walksList(o, (q) => this.parts.passOf(q) === undefined);
    const cheap = e.operands.filter((o) => !walks(o));
    const costly = e.operands.filter(walks);
    const ordered = [...cheap, ...costly].map((o) => this.condition(o));
    const js = e.operator === "and" ? " && " : " || ";
    if (!this.canBeMissing(e)) return `(${ordered.join(js)})`;
    const all = `rt.${e.operator}3(${ordered.join(", ")})`;
    if (cheap.length === 0 || costly.length === 0) return all;
    const first = cheap.map((o) => this.condition(o));
    // Plain booleans decide through JS's own short circuit; `all` runs only when they do not.
    if (!cheap.some((o) => this.canBeMissing(o))) return `(${first.join(js)}${js}${all})`;
    const decisive = e.operator === "and" ? "false" : "true";
    const decided = first.length === 1 ? first[0]! : `rt.${e.operator}3(${first.join(", ")})`;
    return `(${decided} === ${decisive} ? ${decisive} : ${all})`;
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
    if (literal && e.items.length > 0 && e.items.length <= SMALL_LIST && this.isPlainRead(e.operand)) {
      // A few comparisons beat hashing the subject for a Set lookup; literals are never NaN, so
      // `===` agrees with Set's SameValueZero.
      const comparisons = e.items.map((i) => `${subject} === ${this.value(i)}`).join(" || ");
      test = this.canBeMissing(e.operand) ? `(${subject} == null ? null : ${comparisons})` : `(${comparisons})`;
    } else if (literal) {
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

export interface PassContext {
  /** Field access (`it1.at`) → its day-number local and whether it can be missing. */
  readonly dayLocals: Map<string, { local: string; optional: boolean }>;
  /** Window-start local (`from$30$days`) → the code computing it. */
  readonly windowStarts: Map<string, string>;
}

/** Lists up to this long compile `in` to a chain of `===` instead of a Set lookup. */
const SMALL_LIST = 4;

/**
 * Whether evaluating the expression walks a list: a quantifier anywhere inside (rules are locals by
 * then) for which `walks` holds.
 */
function walksList(e: A.Expression, walks: (q: A.QuantifierExpression) => boolean): boolean {
  const inside = (o: A.Expression) => walksList(o, walks);
  switch (e.kind) {
    case "Quantifier":
      return walks(e);
    case "Parenthesized":
      return inside(e.expression);
    case "Logical":
      return e.operands.some(inside);
    case "Not":
    case "Presence":
    case "Window":
    case "DaysSince":
      return inside(e.operand);
    case "Compare":
      return inside(e.left) || inside(e.right);
    case "In":
      return inside(e.operand) || e.items.some(inside);
    case "TextMatch":
      return inside(e.operand) || inside(e.pattern);
    default:
      return false;
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

/**
 * Names of rule, score and grade locals, list-pass results and item variables an expression reads:
 * the parameters of a hoisted function. `passOf` names the pass local of a test computed by a pass.
 */
export function freeVariables(
  policy: CheckedPolicy,
  expressions: readonly (A.Expression | undefined)[],
  passOf?: (quantifier: A.QuantifierExpression) => string | undefined,
): string[] {
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
      case "Quantifier": {
        const pass = passOf?.(e);
        if (pass) {
          out.add(pass);
          return;
        }
        visit(e.list);
        visit(e.filter);
        return visit(e.predicate);
      }
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
