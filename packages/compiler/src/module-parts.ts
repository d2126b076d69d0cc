import type * as A from "@leadgate/language";
import type { CheckedPolicy, RecordType } from "@leadgate/language";
import { CodeWriter } from "./code-writer.js";
import { ExpressionCompiler, fieldAccess, freeVariables } from "./expressions.js";
import { commentText, jsString } from "./js-literals.js";
import { planPasses, type ListPass } from "./list-passes.js";

/**
 * Module-level pieces the evaluator needs, created on demand while compiling expressions:
 * constant sets for `in [...]`, one function per quantifier, and presence tests for reporting
 * missing fields. Each gets a stable, numbered name in order of first use, so output is deterministic.
 */
export class ModuleParts {
  readonly expressions: ExpressionCompiler;
  private readonly sets = new Map<string, string>();
  private readonly quantifiers = new Map<A.QuantifierExpression, { name: string; params: string[]; pass?: ListPass }>();
  /** Lists walked once for all their lead-only score lines and tests: see list-passes.ts. */
  readonly passes: readonly ListPass[];
  private readonly linePasses = new Map<A.ScoreLine, ListPass>();
  private readonly presence = new Set<string>();
  private readonly hoisted = new CodeWriter();

  constructor(private readonly policy: CheckedPolicy) {
    this.expressions = new ExpressionCompiler(policy, this);
    let tests = 0;
    this.passes = planPasses(policy, this.expressions, (q) => `${q.quantifier}_${++tests}`);
    for (const pass of this.passes) {
      for (const { quantifier, name } of pass.tests) this.quantifiers.set(quantifier, { name, params: [], pass });
      for (const { line } of pass.lines) this.linePasses.set(line, pass);
    }
  }

  /** The pass local (`p_activities`) holding a test's result, if a pass computes it. */
  readonly passOf = (q: A.QuantifierExpression): string | undefined => this.quantifiers.get(q)?.pass?.local;

  /** The pass that tallies a score line, if any. */
  passOfLine(score: A.ScoreDeclaration, index: number): ListPass | undefined {
    return this.linePasses.get(score.lines[index]!);
  }

  constantSet(items: readonly string[]): string {
    const key = items.join(", ");
    let name = this.sets.get(key);
    if (!name) {
      name = `SET_${this.sets.size + 1}`;
      this.sets.set(key, name);
    }
    return name;
  }

  /** Registers optional display paths whose presence the module must be able to test. */
  presencePaths(paths: readonly string[]): string {
    paths.forEach((p) => this.presence.add(p));
    return `[${paths.map(jsString).join(", ")}]`;
  }

  quantifierCall(e: A.QuantifierExpression): string {
    let entry = this.quantifiers.get(e);
    if (entry?.pass) return `${entry.pass.local}.${entry.name}`;
    if (!entry) {
      const scope = this.policy.itemScopes.get(e)!;
      const params = freeVariables(this.policy, [e.list, e.filter, e.predicate]).filter(
        (v) => !v.startsWith("it") || Number(v.slice(2)) < scope.depth,
      );
      entry = { name: `${e.quantifier}_${this.quantifiers.size + 1}`, params };
      this.quantifiers.set(e, entry);
      this.writeQuantifier(e, entry.name, params, scope.depth);
    }
    return `${entry.name}(${["lead", "asOf", ...entry.params].join(", ")})`;
  }

  private writeQuantifier(e: A.QuantifierExpression, name: string, params: readonly string[], depth: number): void {
    const x = this.expressions;
    const item = `it${depth}`;
    const listCanBeMissing = this.policy.optionalPaths(e.list).length > 0;
    const w = new CodeWriter();
    w.line(`// ${commentText(this.policy.text(e))}`);
    w.block(`function ${name}(${["lead", "asOf", ...params].join(", ")}) {`, () => {
      w.line(`const items = ${x.value(e.list)};`);
      if (listCanBeMissing) w.line("if (items == null) return null;");
      const filter = e.quantifier === "all" && !e.predicate ? undefined : e.filter;
      const predicate = e.quantifier === "all" ? (e.predicate ?? e.filter) : undefined;
      const filterMissing = filter !== undefined && x.canBeMissing(filter);
      const predicateMissing = predicate !== undefined && x.canBeMissing(predicate);
      const anyMissing = filterMissing || predicateMissing;
      if (e.quantifier === "count") w.line("let count = 0;");
      if (anyMissing) w.line("let missing = false;");
      w.block(`for (let i = 0; i < items.length; i++) {`, () => {
        w.line(`const ${item} = items[i];`);
        if (e.quantifier === "all") {
          // Kleene: every item satisfies "not filter, or predicate".
          if (filter) {
            w.line(`const selected = ${x.condition(filter)};`);
            w.line("if (selected === false) continue;");
          }
          w.line(`const ok = ${predicate ? x.condition(predicate) : "true"};`);
          if (filterMissing) {
            w.line("if (ok === false && selected === true) return false;");
            w.line("if (ok !== true) missing = true;");
          } else {
            w.line("if (ok === false) return false;");
            if (predicateMissing) w.line("if (ok === null) missing = true;");
          }
          return;
        }
        w.line(`const match = ${filter ? x.condition(filter) : "true"};`);
        if (e.quantifier === "count") w.line("if (match === true) count++;");
        else w.line(`if (match === true) return ${e.quantifier === "any" ? "true" : "false"};`);
        if (filterMissing) w.line("else if (match === null) missing = true;");
      });
      const result =
        e.quantifier === "count"
          ? "count"
          : e.quantifier === "all"
            ? "true"
            : e.quantifier === "any"
              ? "false"
              : "true";
      w.line(anyMissing ? `return missing ? null : ${result};` : `return ${result};`);
    });
    this.hoisted.lines_(w.toString().trimEnd()).line();
  }

  /** Writes the constants, quantifier functions and presence tests. Call after all expressions are compiled. */
  write(w: CodeWriter, lead: RecordType): void {
    if (this.sets.size > 0) {
      w.line("// Values of `in [...]` lists.");
      for (const [items, name] of this.sets) w.line(`const ${name} = new Set([${items}]);`);
      w.line();
    }
    const presence = [...this.presence].sort();
    w.line("// How to tell whether an optional field is present, for reporting missing data.");
    w.block(
      "const PRESENT = new Map([",
      () => {
        for (const path of presence) w.line(`[${jsString(path)}, (lead) => ${presenceTest(lead, path)}],`);
      },
      "]);",
    );
    w.line();
    const hoisted = this.hoisted.toString().trimEnd();
    if (hoisted) w.lines_(hoisted).line();
  }
}

/**
 * A JS expression that is true when the optional field at `displayPath` (e.g. `company.size`,
 * `activities[].title`) is present: for list item fields, present in every item.
 */
export function presenceTest(lead: RecordType, displayPath: string): string {
  const segments = displayPath.split(".");
  const build = (record: RecordType, index: number, base: string, depth: number): string => {
    let code = base;
    let current = record;
    let afterOptional = false;
    for (let i = index; i < segments.length; i++) {
      const segment = segments[i]!;
      const isList = segment.endsWith("[]");
      const name = isList ? segment.slice(0, -2) : segment;
      const field = current.fields.find((f) => f.name === name);
      if (!field) throw new Error(`internal: no field ${name} in presence path ${displayPath}`);
      code += `${afterOptional ? "?." : "."}${field.name}`;
      afterOptional = field.optional;
      if (isList && field.type.kind === "list") {
        const item = `it${depth}`;
        return `(${code} ?? []).every((${item}) => ${build(field.type.element, i + 1, item, depth + 1)})`;
      }
      if (field.type.kind === "record") current = field.type;
    }
    return `${code} != null`;
  };
  return build(lead, 0, "lead", 1);
}

export { fieldAccess };
