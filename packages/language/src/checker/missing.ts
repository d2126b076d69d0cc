import type * as A from "../ast.js";
import type { Reference } from "./model.js";

/**
 * Which optional lead fields an expression depends on, directly or through the rules and grades it
 * uses (scores never are missing: they count only points that were earned). When a condition
 * evaluates to "missing", the decision lists those of these fields the lead lacks.
 */
export class OptionalPaths {
  private readonly memo = new Map<string, readonly string[]>();

  constructor(
    private readonly references: ReadonlyMap<A.PathExpression, Reference>,
    private readonly rules: ReadonlyMap<string, A.RuleDeclaration>,
    private readonly grades: ReadonlyMap<string, A.GradeDeclaration>,
  ) {}

  of(expression: A.Expression): readonly string[] {
    const out = new Set<string>();
    this.collect(expression, out, new Set());
    return [...out].sort();
  }

  private named(key: string, expressions: readonly A.Expression[], visiting: Set<string>): readonly string[] {
    const cached = this.memo.get(key);
    if (cached) return cached;
    if (visiting.has(key)) return []; // a cycle, already reported by the checker
    visiting.add(key);
    const out = new Set<string>();
    for (const e of expressions) this.collect(e, out, visiting);
    visiting.delete(key);
    const result = [...out].sort();
    this.memo.set(key, result);
    return result;
  }

  private collect(e: A.Expression, out: Set<string>, visiting: Set<string>): void {
    const add = (paths: readonly string[]) => paths.forEach((p) => out.add(p));
    switch (e.kind) {
      case "Path": {
        const ref = this.references.get(e);
        if (ref?.kind === "field") add(ref.optionalPaths);
        else if (ref?.kind === "domain") add(ref.field.optionalPaths);
        else if (ref?.kind === "rule") {
          const rule = this.rules.get(ref.name);
          if (rule) add(this.named(`rule:${ref.name}`, [rule.condition], visiting));
        } else if (ref?.kind === "grade") {
          const grade = this.grades.get(ref.name);
          if (grade) {
            const conditions = grade.branches.flatMap((b) => (b.condition ? [b.condition] : []));
            add(this.named(`grade:${ref.name}`, conditions, visiting));
          }
        }
        return;
      }
      case "Parenthesized":
        return this.collect(e.expression, out, visiting);
      case "Logical":
        return e.operands.forEach((o) => this.collect(o, out, visiting));
      case "Not":
      case "Presence":
      case "Window":
      case "DaysSince":
        // `is missing` / `is present` are never missing themselves.
        if (e.kind !== "Presence") this.collect(e.operand, out, visiting);
        return;
      case "Compare":
        this.collect(e.left, out, visiting);
        return this.collect(e.right, out, visiting);
      case "In":
        this.collect(e.operand, out, visiting);
        return e.items.forEach((i) => this.collect(i, out, visiting));
      case "TextMatch":
        this.collect(e.operand, out, visiting);
        return this.collect(e.pattern, out, visiting);
      case "Quantifier":
        this.collect(e.list, out, visiting);
        if (e.filter) this.collect(e.filter, out, visiting);
        if (e.predicate) this.collect(e.predicate, out, visiting);
        return;
      default:
        return;
    }
  }
}
