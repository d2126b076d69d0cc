import type * as A from "@leadgate/language";
import type { CheckedPolicy, FieldRef, Reference } from "@leadgate/language";
import type { Decision, GateResult, OverrideResult, RequirementResult, ScoreResult, Status } from "@leadgate/runtime";

/**
 * A deliberately simple interpreter of policies: the executable form of the language's
 * semantics, written from the specification (three-valued logic, windows, scores, gates,
 * missing-field reporting), not from the compiler. The differential test runs it beside the
 * compiled evaluator on random policies and leads and demands identical decisions.
 *
 * It favours the obvious over the fast: every value is recomputed from the AST when needed
 * (memoised only by name), dates go through `Date.UTC`, and nothing is shared with the compiler
 * or the runtime helpers. From the checker it takes only name resolution: what each path refers
 * to (`references`), what a bare `require <name>` names (`requirementTargets`) and the AST.
 */

/** `true`, `false`, or `null` when the lead lacks what is needed to decide. */
type Tri = boolean | null;
type Value = unknown;

export interface ReferenceOptions {
  /** The evaluation day, `YYYY-MM-DD`. */
  readonly asOf: string;
  /** Identity metadata copied into the decision (the compiler's hash of the source). */
  readonly sourceHash: string;
}

// ------------------------------------------------------------ three-valued logic

function and3(values: readonly Tri[]): Tri {
  if (values.some((v) => v === false)) return false;
  if (values.some((v) => v === null)) return null;
  return true;
}

function or3(values: readonly Tri[]): Tri {
  if (values.some((v) => v === true)) return true;
  if (values.some((v) => v === null)) return null;
  return false;
}

function not3(value: Tri): Tri {
  return value === null ? null : !value;
}

const isMissing = (value: Value): boolean => value === null || value === undefined;

// ------------------------------------------------------------ calendar

/** Days since 1970-01-01 of a `YYYY-MM-DD` date (proleptic Gregorian, any year). */
function dayNumber(iso: string): number {
  const date = new Date(0);
  date.setUTCFullYear(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  return Math.round(date.getTime() / 86_400_000);
}

/** The first day of the window `amount unit` ending on `asOf`. */
function windowStart(asOf: string, amount: number, unit: A.TimeUnit): number {
  if (unit === "days") return dayNumber(asOf) - amount;
  if (unit === "weeks") return dayNumber(asOf) - 7 * amount;
  // Calendar months back from asOf, the day clamped to the end of the target month.
  const year = Number(asOf.slice(0, 4));
  const month = Number(asOf.slice(5, 7)) - 1 - amount; // may be negative: Date normalises it
  const day = Number(asOf.slice(8, 10));
  const first = new Date(0);
  first.setUTCFullYear(year, month, 1);
  const lastDay = new Date(0);
  lastDay.setUTCFullYear(first.getUTCFullYear(), first.getUTCMonth() + 1, 0);
  return Math.round(first.getTime() / 86_400_000) + Math.min(day, lastDay.getUTCDate()) - 1;
}

// ------------------------------------------------------------ numbers

function round2(x: number): number {
  const r = Math.round((x + Number.EPSILON) * 100) / 100;
  return Object.is(r, -0) ? 0 : r;
}

// ------------------------------------------------------------ the interpreter

interface Env {
  /** The current item of each enclosing list scope: `items[0]` is scope 1. */
  readonly items: readonly Value[];
}

const LEAD_ENV: Env = { items: [] };

export function referenceEvaluate(policy: CheckedPolicy, lead: unknown, options: ReferenceOptions): Decision {
  return new Interpreter(policy, lead as Record<string, unknown>, options.asOf).decision(options);
}

class Interpreter {
  private readonly asOfDay: number;
  private readonly ruleValues = new Map<string, Tri>();
  private readonly scoreValues = new Map<string, ScoreResult>();
  private readonly gradeValues = new Map<string, string | null>();

  constructor(
    private readonly policy: CheckedPolicy,
    private readonly lead: Record<string, unknown>,
    private readonly asOf: string,
  ) {
    this.asOfDay = dayNumber(asOf);
  }

  // ------------------------------------------------------------ expressions

  private ref(path: A.PathExpression): Reference {
    const ref = this.policy.references.get(path);
    if (!ref) throw new Error(`reference evaluator: unresolved path at offset ${path.range.start.offset}`);
    return ref;
  }

  /** The value of an expression: a boolean, number, text, ISO date, enum value, record, list, or null when missing. */
  value(e: A.Expression, env: Env): Value {
    switch (e.kind) {
      case "String":
      case "Number":
      case "Date":
      case "Boolean":
        return e.value;
      case "Parenthesized":
        return this.value(e.expression, env);
      case "Path":
        return this.pathValue(this.ref(e), env);
      case "Logical": {
        const values = e.operands.map((o) => this.truth(o, env));
        return e.operator === "and" ? and3(values) : or3(values);
      }
      case "Not":
        return not3(this.truth(e.operand, env));
      case "Compare":
        return this.compare(e.operator, this.value(e.left, env), this.value(e.right, env));
      case "In": {
        // docs/language.md §6: missing when the subject is missing, or when an item is missing
        // and no present item matches (a match with a present item decides the test).
        const subject = this.value(e.operand, env);
        if (isMissing(subject)) return null;
        const items = e.items.map((item) => this.value(item, env));
        const found = items.some((item) => !isMissing(item) && item === subject)
          ? true
          : items.some(isMissing)
            ? null
            : false;
        return found === null ? null : e.negated ? !found : found;
      }
      case "Presence": {
        const missing = isMissing(this.value(e.operand, env));
        return e.present ? !missing : missing;
      }
      case "Window": {
        const date = this.value(e.operand, env);
        if (isMissing(date)) return null;
        const day = dayNumber(date as string);
        const start = windowStart(this.asOf, e.amount.value, e.unit);
        return e.mode === "within" ? start <= day && day <= this.asOfDay : day < start;
      }
      case "TextMatch": {
        const text = this.value(e.operand, env);
        const part = this.value(e.pattern, env);
        if (isMissing(text) || isMissing(part)) return null;
        const t = (text as string).toLowerCase();
        const p = (part as string).toLowerCase();
        if (e.operator === "contains") return t.includes(p);
        if (e.operator === "starts with") return t.startsWith(p);
        return t.endsWith(p);
      }
      case "DaysSince": {
        const date = this.value(e.operand, env);
        return isMissing(date) ? null : this.asOfDay - dayNumber(date as string);
      }
      case "Quantifier":
        return this.quantifier(e, env);
    }
  }

  /** A condition's value: true, false or null (missing). */
  truth(e: A.Expression, env: Env): Tri {
    const v = this.value(e, env);
    if (v === true || v === false) return v;
    if (isMissing(v)) return null;
    throw new Error(`reference evaluator: a condition evaluated to ${JSON.stringify(v)}`);
  }

  private compare(op: A.CompareOperator, left: Value, right: Value): Tri {
    if (isMissing(left) || isMissing(right)) return null;
    if (op === "=") return left === right;
    if (op === "!=") return left !== right;
    // Ordering applies to numbers and to dates (the only ordered text values are ISO dates).
    const l = typeof left === "string" ? dayNumber(left) : (left as number);
    const r = typeof right === "string" ? dayNumber(right) : (right as number);
    switch (op) {
      case "<":
        return l < r;
      case "<=":
        return l <= r;
      case ">":
        return l > r;
      case ">=":
        return l >= r;
    }
  }

  private pathValue(ref: Reference, env: Env): Value {
    switch (ref.kind) {
      case "field":
        return this.field(ref, env);
      case "domain": {
        const email = this.field(ref.field, env);
        if (isMissing(email)) return null;
        const text = email as string;
        return text.slice(text.lastIndexOf("@") + 1).toLowerCase();
      }
      case "rule":
        return this.rule(ref.name);
      case "score":
        return this.score(ref.name).total;
      case "grade":
        return this.grade(ref.name);
      case "member":
        return ref.value;
    }
  }

  /** A lead (or item) field: missing if it or anything along its path is absent or null. */
  private field(ref: FieldRef, env: Env): Value {
    let current: Value = ref.scope === 0 ? this.lead : env.items[ref.scope - 1];
    if (ref.scope > env.items.length) throw new Error("reference evaluator: field of a scope that is not open");
    for (const field of ref.fields) {
      if (isMissing(current)) return null;
      const record = current as Record<string, unknown>;
      current = Object.prototype.hasOwnProperty.call(record, field.name) ? record[field.name] : undefined;
    }
    return isMissing(current) ? null : current;
  }

  private quantifier(e: A.QuantifierExpression, env: Env): Value {
    const list = this.value(e.list, env);
    if (isMissing(list)) return null;
    const inItem = (item: Value): Env => ({ items: [...env.items, item] });
    const items = list as Value[];
    const filter = (item: Value): Tri => (e.filter ? this.truth(e.filter, inItem(item)) : true);
    switch (e.quantifier) {
      case "any":
        return or3(items.map(filter));
      case "no":
        return not3(or3(items.map(filter)));
      case "all":
        if (e.predicate) {
          // Every selected item has the property: Kleene AND over items of (not selected, or has it).
          const predicate = e.predicate;
          return and3(items.map((item) => or3([not3(filter(item)), this.truth(predicate, inItem(item))])));
        }
        return and3(items.map(filter));
      case "count": {
        const matches = items.map(filter);
        if (matches.some((m) => m === null)) return null;
        return matches.filter((m) => m === true).length;
      }
    }
  }

  // ------------------------------------------------------------ rules, scores, grades

  private rule(name: string): Tri {
    if (!this.ruleValues.has(name)) {
      const rule = this.policy.rules.find((r) => r.name.name === name)!;
      this.ruleValues.set(name, this.truth(rule.condition, LEAD_ENV));
    }
    return this.ruleValues.get(name)!;
  }

  private grade(name: string): string | null {
    if (!this.gradeValues.has(name)) {
      const grade = this.policy.grades.find((g) => g.name.name === name)!;
      let result: string | null = null;
      for (const branch of grade.branches) {
        if (!branch.condition) {
          result = branch.value.name;
          break;
        }
        const holds = this.truth(branch.condition, LEAD_ENV);
        if (holds === true) {
          result = branch.value.name;
          break;
        }
        if (holds === null) break; // undecidable branch: the grade is missing
      }
      this.gradeValues.set(name, result);
    }
    return this.gradeValues.get(name)!;
  }

  score(name: string): ScoreResult {
    const cached = this.scoreValues.get(name);
    if (cached) return cached;
    const score = this.policy.scores.find((s) => s.name.name === name)!;
    const parts: Array<[string, ScoreResult["parts"][string]]> = [];
    const points: number[] = [];
    for (const line of score.lines) {
      let raw = 0;
      let matched = 0;
      let decayed = false;
      let incomplete = false;
      let depends: string[];
      if (line.mode === "if") {
        const met = this.truth(line.condition!, LEAD_ENV);
        if (met === true) raw = line.points.value;
        incomplete = met === null;
        depends = this.dependencies(line.condition!, []);
      } else {
        const list = this.value(line.list!, LEAD_ENV);
        const prefix = `${this.displayPath(this.ref(line.list!) as FieldRef, [])}[]`;
        depends = union(this.dependencies(line.list!, []), line.filter ? this.dependencies(line.filter, [prefix]) : []);
        if (isMissing(list)) incomplete = true;
        for (const item of (list as Value[] | null) ?? []) {
          const match = line.filter ? this.truth(line.filter, { items: [item] }) : true;
          if (match === null) incomplete = true;
          if (match !== true) continue;
          matched++;
          let factor = 1;
          if (line.decay) {
            const date = this.value(line.decay.dateField, { items: [item] }) as string;
            const age = this.asOfDay - dayNumber(date);
            const d = line.decay.days.value;
            factor = line.decay.mode === "half-life" ? (age > 0 ? Math.pow(0.5, age / d) : 1) : age > d ? 0.5 : 1;
          }
          if (factor < 1) decayed = true;
          raw += line.points.value * factor;
        }
      }
      let clamped = raw;
      let capped = false;
      if (line.cap) {
        const n = line.cap.value;
        clamped = Math.min(n, Math.max(-n, raw));
        capped = Math.abs(raw) > n;
      }
      const linePoints = round2(clamped);
      points.push(linePoints);
      const missing = incomplete ? this.absent(depends) : [];
      parts.push([
        line.name.name,
        line.mode === "per"
          ? { points: linePoints, matched, capped, decayed, missing }
          : { points: linePoints, capped, decayed, missing },
      ]);
    }
    const sum = round2(points.reduce((a, b) => a + b, 0));
    let total = sum;
    if (score.floor) total = Math.max(total, score.floor.value);
    if (score.cap) total = Math.min(total, score.cap.value);
    const result: ScoreResult = {
      total,
      capped: score.cap ? sum > score.cap.value : false,
      floored: score.floor ? sum < score.floor.value : false,
      parts: record(parts),
    };
    this.scoreValues.set(name, result);
    return result;
  }

  // ------------------------------------------------------------ missing fields

  /** `company.size`, `activities[].channel`: the display path of a field in the given scopes. */
  private displayPath(ref: FieldRef, prefixes: readonly string[]): string {
    let path = ref.scope === 0 ? "" : prefixes[ref.scope - 1]!;
    for (const field of ref.fields) path = path === "" ? field.name : `${path}.${field.name}`;
    return path;
  }

  /** Display paths of the optional fields along a field's path: each can make it missing. */
  private optionalAlong(ref: FieldRef, prefixes: readonly string[]): string[] {
    const out: string[] = [];
    let path = ref.scope === 0 ? "" : prefixes[ref.scope - 1]!;
    for (const field of ref.fields) {
      path = path === "" ? field.name : `${path}.${field.name}`;
      if (field.optional) out.push(path);
    }
    return out;
  }

  /**
   * The optional fields an expression depends on: directly, inside its list scopes, and through
   * the rules and grades it uses (not through scores: a score is never missing). `is missing` /
   * `is present` depend on nothing: they are never missing.
   */
  dependencies(e: A.Expression, prefixes: readonly string[], seen = new Set<string>()): string[] {
    const out = new Set<string>();
    const visit = (node: A.Expression | undefined, scope: readonly string[]): void => {
      if (!node) return;
      switch (node.kind) {
        case "Path": {
          const ref = this.ref(node);
          if (ref.kind === "field") this.optionalAlong(ref, scope).forEach((p) => out.add(p));
          if (ref.kind === "domain") this.optionalAlong(ref.field, scope).forEach((p) => out.add(p));
          if ((ref.kind === "rule" || ref.kind === "grade") && !seen.has(`${ref.kind}:${ref.name}`)) {
            seen.add(`${ref.kind}:${ref.name}`);
            const conditions =
              ref.kind === "rule"
                ? [this.policy.rules.find((r) => r.name.name === ref.name)!.condition]
                : this.policy.grades.find((g) => g.name.name === ref.name)!.branches.map((b) => b.condition);
            for (const c of conditions) if (c) this.dependencies(c, [], seen).forEach((p) => out.add(p));
          }
          return;
        }
        case "Presence":
          return;
        case "Parenthesized":
          return visit(node.expression, scope);
        case "Logical":
          return node.operands.forEach((o) => visit(o, scope));
        case "Not":
        case "Window":
        case "DaysSince":
          return visit(node.operand, scope);
        case "Compare":
          visit(node.left, scope);
          return visit(node.right, scope);
        case "In":
          visit(node.operand, scope);
          return node.items.forEach((i) => visit(i, scope));
        case "TextMatch":
          visit(node.operand, scope);
          return visit(node.pattern, scope);
        case "Quantifier": {
          visit(node.list, scope);
          const inner = [...scope, `${this.displayPath(this.ref(node.list) as FieldRef, scope)}[]`];
          visit(node.filter, inner);
          return visit(node.predicate, inner);
        }
        default:
          return;
      }
    };
    visit(e, prefixes);
    return [...out];
  }

  /**
   * Those of the paths the lead lacks, outermost only: `company.size` is not listed when
   * `company` is. A list item's field is absent when any item lacks it.
   */
  absent(paths: readonly string[]): string[] {
    const lacking = paths.filter((path) => this.lacks(this.lead, path.split(".")));
    const result = lacking.filter(
      (path) =>
        !lacking.some((other) => other !== path && (path.startsWith(`${other}.`) || path.startsWith(`${other}[]`))),
    );
    return [...new Set(result)].sort();
  }

  private lacks(value: Value, segments: readonly string[]): boolean {
    if (segments.length === 0) return isMissing(value);
    if (isMissing(value)) return true;
    const [segment, ...rest] = segments as [string, ...string[]];
    const isList = segment.endsWith("[]");
    const name = isList ? segment.slice(0, -2) : segment;
    const record = value as Record<string, unknown>;
    const child = Object.prototype.hasOwnProperty.call(record, name) ? record[name] : undefined;
    if (!isList) return this.lacks(child, rest);
    if (isMissing(child)) return false; // no items, so no item lacks anything
    return (child as Value[]).some((item) => this.lacks(item, rest));
  }

  // ------------------------------------------------------------ requirements, gates, the decision

  private requirement(requirement: A.Requirement): { value: Tri; result: RequirementResult } {
    const policy = this.policy;
    let value: Tri;
    let depends: string[];
    const values: Array<[string, unknown]> = [];
    let label = requirement.label?.value;
    if (requirement.condition) {
      value = this.truth(requirement.condition, LEAD_ENV);
      depends = this.dependencies(requirement.condition, []);
      for (const leaf of this.valueLeaves(requirement.condition)) {
        const key = this.sourceText(leaf);
        if (!values.some(([k]) => k === key)) values.push([key, this.value(leaf, LEAD_ENV) ?? null]);
      }
    } else {
      const target = policy.requirementTargets.get(requirement);
      if (!target) throw new Error(`reference evaluator: requirement ${requirement.name.name} names nothing`);
      value = this.pathValue(target, LEAD_ENV) as Tri;
      if (target.kind === "rule") {
        const rule = policy.rules.find((r) => r.name.name === target.name)!;
        depends = this.dependencies(rule.condition, []);
        label ??= rule.label?.value;
      } else if (target.kind === "field") {
        depends = this.optionalAlong(target, []);
      } else {
        throw new Error(`reference evaluator: requirement names a ${target.kind}`);
      }
      values.push([requirement.name.name, value]);
    }
    const status = statusOf(value);
    return {
      value,
      result: {
        label: label ?? requirement.name.name,
        status,
        missing: status === "missing" ? this.absent(depends) : [],
        values: record(values),
      },
    };
  }

  /** The operands a condition reads outside list scopes: fields, rules, scores, grades, quantifiers, `days since`. */
  private valueLeaves(e: A.Expression): A.Expression[] {
    const out: A.Expression[] = [];
    const visit = (node: A.Expression): void => {
      switch (node.kind) {
        case "Path":
          if (this.ref(node).kind !== "member") out.push(node);
          return;
        case "Quantifier":
        case "DaysSince":
          out.push(node);
          return;
        case "Parenthesized":
          return visit(node.expression);
        case "Logical":
          return node.operands.forEach(visit);
        case "Not":
        case "Presence":
        case "Window":
          return visit(node.operand);
        case "Compare":
          visit(node.left);
          return visit(node.right);
        case "In":
          visit(node.operand);
          return node.items.forEach(visit);
        case "TextMatch":
          visit(node.operand);
          return visit(node.pattern);
        default:
          return;
      }
    };
    visit(e);
    return out;
  }

  private sourceText(node: { readonly range: A.Range }): string {
    return this.policy.source.text.slice(node.range.start.offset, node.range.end.offset).replace(/\s+/g, " ");
  }

  decision(options: ReferenceOptions): Decision {
    const policy = this.policy;
    const rules = record(policy.rules.map((r) => [r.name.name, this.rule(r.name.name)]));
    const scores = record(policy.scores.map((s) => [s.name.name, this.score(s.name.name)]));
    const grades = record(policy.grades.map((g) => [g.name.name, this.grade(g.name.name)]));
    const disqualifierValues = policy.disqualifiers.map((dq) => [dq, this.truth(dq.condition, LEAD_ENV)] as const);
    const disqualifiers = record(disqualifierValues.map(([dq, value]) => [dq.name.name, value]));
    const first = disqualifierValues.find(([, value]) => value === true)?.[0];
    const disqualified: Decision["disqualified"] = first ? { name: first.name.name, reason: first.reason.value } : null;
    const gateList: Array<[string, GateResult]> = [];
    for (const stage of policy.stages) {
      const requirements: Array<[string, RequirementResult]> = [];
      const names: Record<Status, string[]> = { passed: [], failed: [], missing: [] };
      for (const requirement of stage.requirements) {
        const { result } = this.requirement(requirement);
        requirements.push([requirement.name.name, result]);
        names[result.status].push(requirement.name.name);
      }
      gateList.push([
        stage.name.name,
        {
          label: stage.label?.value ?? stage.name.name,
          owner: stage.owner.name,
          status: names.failed.length > 0 ? "failed" : names.missing.length > 0 ? "missing" : "passed",
          passed: names.passed,
          failed: names.failed,
          missing: names.missing,
          requirements: record(requirements),
        },
      ]);
    }
    const gates = record(gateList);
    let stage: string | null = null;
    if (disqualified === null) {
      for (const s of policy.stages) {
        if (gateList.find(([name]) => name === s.name.name)![1].status !== "passed") break;
        stage = s.name.name;
      }
    }
    const override = this.override(stage, disqualified !== null);
    if (override?.honoured) stage = override.stage;
    const reached = policy.stages.find((s) => s.name.name === stage);
    const followUp =
      reached?.followUp === undefined
        ? null
        : {
            stage: reached.name.name,
            within: {
              amount: reached.followUp.amount.value,
              unit: reached.followUp.unit as "hours" | "days" | "weeks",
            },
          };
    return {
      policy: policy.header.name.name,
      version: policy.header.version?.value ?? "",
      sourceHash: options.sourceHash,
      asOf: options.asOf,
      stage,
      disqualified,
      disqualifiers,
      gates,
      scores,
      rules,
      grades,
      followUp,
      override,
    };
  }

  /**
   * docs/language.md §5.8a: the override is requested when its stage value is present, and
   * honoured when every requirement passes and the lead is not disqualified.
   */
  private override(stageFromGates: string | null, disqualified: boolean): OverrideResult | null {
    const declaration = this.policy.override;
    if (!declaration) return null;
    const requested = this.value(declaration.stage, LEAD_ENV);
    if (isMissing(requested)) return null;
    const requirements: Array<[string, RequirementResult]> = [];
    const names: Record<Status, string[]> = { passed: [], failed: [], missing: [] };
    for (const requirement of declaration.requirements) {
      const { result } = this.requirement(requirement);
      requirements.push([requirement.name.name, result]);
      names[result.status].push(requirement.name.name);
    }
    const status: Status = names.failed.length > 0 ? "failed" : names.missing.length > 0 ? "missing" : "passed";
    return {
      name: declaration.name.name,
      label: declaration.label?.value ?? declaration.name.name,
      stage: requested as string,
      honoured: !disqualified && status === "passed",
      stageFromGates,
      status,
      passed: names.passed,
      failed: names.failed,
      missing: names.missing,
      requirements: record(requirements),
    };
  }
}

/**
 * An object from name–value pairs, every name an own property: a policy may name a rule
 * `constructor` or a stage `__proto__`, which plain assignment would turn into prototype changes.
 */
function record<T>(entries: ReadonlyArray<readonly [string, T]>): Record<string, T> {
  return Object.fromEntries(entries) as Record<string, T>;
}

function statusOf(value: Tri): Status {
  return value === true ? "passed" : value === false ? "failed" : "missing";
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}
