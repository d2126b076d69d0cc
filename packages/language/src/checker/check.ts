import { addMonths, dayOf, isIsoDate, isoOf } from "@leadgate/runtime";
import type * as A from "../ast.js";
import { diagnostic, hasErrors, sortDiagnostics, type Diagnostic } from "../diagnostics.js";
import type { ParseResult } from "../parse.js";
import type { Range } from "../source.js";
import { didYouMean } from "../suggest.js";
import { scoreBounds, staticTruth, type StaticContext } from "./bounds.js";
import { ExpressionChecker, type DependencyKey } from "./expressions.js";
import { OptionalPaths } from "./missing.js";
import type { Bounds, CheckedPolicy, CheckResult, Computation, Reference } from "./model.js";
import { buildLeadTypes } from "./records.js";
import { describeType, type EnumType } from "./types.js";

export interface CheckOptions {
  /**
   * The day the review date is judged against, `YYYY-MM-DD`. The CLI passes `--today`, defaulting to
   * the system date; the checker itself never reads the clock. Without it, no review warning.
   */
  readonly today?: string;
  /** Warn (LG4010) when the review falls due within this many days. Default 30. */
  readonly reviewDueSoonDays?: number;
  /**
   * How an overdue review (LG4005) is reported. Default "error": `leadgate check` fails. Tools that
   * only compile or evaluate pass "warning", so a date passing never breaks a build.
   */
  readonly overdueSeverity?: "error" | "warning";
}

/** Names, types and meaning of a parsed policy. Syntax errors stop here: only a complete tree is checked. */
export function checkPolicy(parsed: ParseResult, options: CheckOptions = {}): CheckResult {
  if (hasErrors(parsed.diagnostics)) return { diagnostics: parsed.diagnostics };
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  const policy = new PolicyChecker(parsed, diagnostics, options).run();
  const sorted = sortDiagnostics(diagnostics);
  return hasErrors(sorted) || !policy ? { diagnostics: sorted } : { diagnostics: sorted, policy };
}

class PolicyChecker {
  private readonly ast: A.PolicyFile;

  constructor(
    private readonly parsed: ParseResult,
    private readonly diagnostics: Diagnostic[],
    private readonly options: CheckOptions,
  ) {
    this.ast = parsed.ast;
  }

  /** Errors that make the policy meaningless; an overdue review does not, so later checks still run. */
  private hasMeaningErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === "error" && d.code !== "LG4005");
  }

  private report(code: Parameters<typeof diagnostic>[0], range: Range, message: string, hint?: string): void {
    this.diagnostics.push(diagnostic(code, range, message, hint));
  }

  run(): CheckedPolicy | undefined {
    const of = <K extends A.Declaration["kind"]>(kind: K) =>
      this.ast.declarations.filter((d): d is Extract<A.Declaration, { kind: K }> => d.kind === kind);
    const headers = of("PolicyHeader");
    const records = of("Record");
    const leads = records.filter((r) => r.isLead);
    const fileStart: Range = this.parsed.source.rangeAt(0, 0);

    for (const extra of headers.slice(1))
      this.report("LG1009", extra.range, "A file holds one policy: this is a second 'policy' header.");
    for (const extra of leads.slice(1))
      this.report("LG1009", extra.range, "The lead is declared twice: keep one 'lead { ... }'.");
    const header = headers[0];
    const leadDeclaration = leads[0];
    if (!header) {
      this.report(
        "LG1008",
        fileStart,
        "The file has no 'policy' header.",
        `Start the file with 'policy <name> "<title>" { version "1.0.0" owner ... }'.`,
      );
    }
    if (!leadDeclaration) {
      this.report("LG1008", fileStart, "The file does not describe the lead: add 'lead { ... }' with its fields.");
    }
    if (header) this.checkHeader(header);

    const leadTypes = leadDeclaration
      ? buildLeadTypes(
          leadDeclaration,
          records.filter((r) => !r.isLead),
          this.diagnostics,
        )
      : undefined;

    const rules = of("Rule");
    const scores = of("Score");
    const grades = of("Grade");
    const disqualifiers = of("Disqualifier");
    const stages = of("Stage");
    const overrides = of("Override");
    for (const extra of overrides.slice(1)) {
      this.report("LG1009", extra.name.range, "A policy has at most one 'override': combine the conditions in one.");
    }
    const override = overrides[0];
    if (stages.length === 0) {
      this.report(
        "LG4006",
        header?.name.range ?? fileStart,
        "The policy declares no stages, so no lead can ever qualify.",
        "Add e.g. 'stage MQL owned by marketing { require ... }'.",
      );
    }

    // One namespace for everything a bare name can refer to, lead fields included.
    const taken = new Map<string, string>();
    for (const field of leadTypes?.lead.fields ?? []) taken.set(field.name, "a lead field");
    const claim = (name: A.Identifier, what: string) => {
      const existing = taken.get(name.name);
      if (existing) {
        this.report("LG2004", name.range, `'${name.name}' is already ${existing}; ${what} needs a name of its own.`);
        return false;
      }
      taken.set(name.name, `the name of a ${what}`);
      return true;
    };
    const ruleMap = new Map<string, A.RuleDeclaration>();
    const scoreMap = new Map<string, A.ScoreDeclaration>();
    const gradeMap = new Map<string, A.GradeDeclaration>();
    const gradeTypes = new Map<string, EnumType>();
    for (const rule of rules) if (claim(rule.name, "rule")) ruleMap.set(rule.name.name, rule);
    for (const score of scores) if (claim(score.name, "score")) scoreMap.set(score.name.name, score);
    for (const grade of grades) {
      if (!claim(grade.name, "grade")) continue;
      gradeMap.set(grade.name.name, grade);
      gradeTypes.set(grade.name.name, {
        kind: "enum",
        members: this.gradeValues(grade),
        origin: `grade ${grade.name.name}`,
      });
    }
    this.uniqueNames(
      disqualifiers.map((d) => d.name),
      "disqualifier",
    );
    this.uniqueNames(
      stages.map((s) => s.name),
      "stage",
    );
    for (const stage of stages)
      this.uniqueNames(
        stage.requirements.map((r) => r.name),
        `requirement of stage ${stage.name.name}`,
      );
    for (const score of scores)
      this.uniqueNames(
        score.lines.map((l) => l.name),
        `line of score ${score.name.name}`,
      );

    if (!leadTypes || !header) return undefined;

    const expressions = new ExpressionChecker(
      this.parsed.source,
      leadTypes.lead,
      { rules: new Set(ruleMap.keys()), scores: new Set(scoreMap.keys()), grades: gradeTypes },
      this.diagnostics,
    );
    const dependencies = new Map<DependencyKey, Set<DependencyKey>>();
    const used = new Set<DependencyKey>();
    const use = (deps: Set<DependencyKey>) => deps.forEach((d) => used.add(d));

    for (const rule of ruleMap.values()) {
      dependencies.set(
        `rule:${rule.name.name}`,
        expressions.collectDependencies(() => expressions.condition(rule.condition, [])),
      );
    }
    for (const score of scoreMap.values()) {
      dependencies.set(
        `score:${score.name.name}`,
        expressions.collectDependencies(() => this.checkScore(score, expressions)),
      );
    }
    for (const grade of gradeMap.values()) {
      const deps = expressions.collectDependencies(() => {
        for (const branch of grade.branches) if (branch.condition) expressions.condition(branch.condition, []);
      });
      dependencies.set(`grade:${grade.name.name}`, deps);
    }
    for (const dependencySet of dependencies.values()) use(dependencySet);
    for (const disqualifier of disqualifiers) {
      use(expressions.collectDependencies(() => expressions.condition(disqualifier.condition, [])));
    }

    const requirementTargets = new Map<A.Requirement, Reference>();
    for (const stage of stages) {
      this.checkOwner(stage, header);
      for (const requirement of stage.requirements) {
        use(
          expressions.collectDependencies(() => {
            if (requirement.condition) expressions.condition(requirement.condition, []);
            else this.requirementTarget(requirement, expressions, requirementTargets);
          }),
        );
      }
    }
    if (override) {
      use(
        expressions.collectDependencies(() => {
          this.checkOverrideStage(override, stages, expressions);
          for (const requirement of override.requirements) {
            if (requirement.condition) expressions.condition(requirement.condition, []);
            else this.requirementTarget(requirement, expressions, requirementTargets);
          }
        }),
      );
      this.uniqueNames(
        override.requirements.map((r) => r.name),
        "requirement of the override",
      );
    }

    const evaluationOrder = this.orderComputations(dependencies, ruleMap, scoreMap, gradeMap);
    this.reportUnused(ruleMap, scoreMap, used);
    this.checkReview(header);
    if (this.hasMeaningErrors() || !evaluationOrder) return undefined;

    const bounds = new Map<string, Bounds>([...scoreMap].map(([name, score]) => [name, scoreBounds(score)]));
    const optional = new OptionalPaths(expressions.references, ruleMap, gradeMap);
    const text = (node: { readonly range: Range }) => expressions.text(node);
    const staticContext: StaticContext = {
      references: expressions.references,
      scoreBounds: bounds,
      ruleConditions: new Map([...ruleMap].map(([name, rule]) => [name, rule.condition])),
      canBeMissing: (e) => optional.of(e).length > 0,
      text,
    };
    for (const stage of stages) {
      for (const requirement of stage.requirements)
        this.checkSatisfiable(stage, requirement, requirementTargets, staticContext);
    }
    if (this.hasMeaningErrors()) return undefined;

    return {
      source: this.parsed.source,
      ast: this.ast,
      header,
      lead: leadTypes.lead,
      records: leadTypes.records,
      rules: [...ruleMap.values()],
      scores: [...scoreMap.values()],
      grades: [...gradeMap.values()],
      disqualifiers,
      stages,
      override,
      evaluationOrder,
      references: expressions.references,
      types: expressions.types,
      requirementTargets,
      itemScopes: expressions.itemScopes,
      scoreBounds: bounds,
      optionalPaths: (e) => optional.of(e),
      text,
    };
  }

  // ------------------------------------------------------------ header and owners

  private checkHeader(header: A.PolicyHeader): void {
    const missing = (what: string, example: string) =>
      this.report("LG1008", header.name.range, `The policy header has no '${what}'.`, `Add e.g. '${example}'.`);
    if (!header.version) missing("version", 'version "1.0.0"');
    else if (!/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(header.version.value)) {
      this.report(
        "LG4009",
        header.version.range,
        `Version '${header.version.value}' is not a semantic version such as "1.4.0".`,
      );
    }
    if (header.owners.length === 0) missing("owner", 'owner marketing "@acme/marketing-ops"');
    if (!header.reviewed) missing("reviewed", "reviewed 2026-09-15");
    if (!header.reviewEvery) missing("review every", "review every 6 months");
    else if (
      !header.reviewEvery.amount.integer ||
      header.reviewEvery.amount.value <= 0 ||
      header.reviewEvery.unit === "hours"
    ) {
      this.report(
        "LG4009",
        header.reviewEvery.range,
        "'review every' needs a whole number of days, weeks or months, e.g. 'review every 6 months'.",
      );
    }
    this.uniqueNames(
      header.owners.map((o) => o.name),
      "owner team",
    );
    for (const owner of header.owners) {
      for (const handle of owner.handles) {
        if (!/^@[A-Za-z0-9][A-Za-z0-9-]*(?:\/[A-Za-z0-9._-]+)?$/.test(handle.value)) {
          this.report(
            "LG4009",
            handle.range,
            `'${handle.value}' is not a GitHub user or team handle.`,
            "Write '@user' or '@org/team'.",
          );
        }
      }
    }
  }

  private checkOwner(stage: A.StageDeclaration, header: A.PolicyHeader): void {
    const owners = header.owners.map((o) => o.name.name);
    if (!owners.includes(stage.owner.name)) {
      this.report(
        "LG2006",
        stage.owner.range,
        `Stage ${stage.name.name} is owned by '${stage.owner.name}', which is not an owner team of this policy.`,
        didYouMean(stage.owner.name, owners) ??
          `Declared owners: ${owners.join(", ") || "none"}. Add 'owner ${stage.owner.name} "@org/team"' to the policy header.`,
      );
    }
    if (
      stage.followUp &&
      (!stage.followUp.amount.integer || stage.followUp.amount.value <= 0 || stage.followUp.unit === "months")
    ) {
      this.report(
        "LG4009",
        stage.followUp.range,
        "A follow-up time is a whole number of hours, days or weeks, more than zero.",
      );
    }
  }

  private checkReview(header: A.PolicyHeader): void {
    const today = this.options.today;
    if (!today || !isIsoDate(today) || !header.reviewed || !header.reviewEvery || header.reviewed.value.length !== 10)
      return;
    if (!isIsoDate(header.reviewed.value)) return;
    const { amount, unit } = header.reviewEvery;
    const reviewed = dayOf(header.reviewed.value);
    const due =
      unit === "months"
        ? addMonths(reviewed, amount.value)
        : reviewed + amount.value * (unit === "weeks" ? 7 : unit === "days" ? 1 : 0);
    const daysLeft = due - dayOf(today);
    const facts = `reviewed ${header.reviewed.value}, review every ${amount.text} ${unit}`;
    if (daysLeft < 0) {
      this.diagnostics.push(
        diagnostic(
          "LG4005",
          header.reviewed.range,
          `The policy's review was due on ${isoOf(due)} (${facts}); today is ${today}.`,
          "Review the criteria with both teams, then update 'reviewed'.",
          this.options.overdueSeverity ?? "error",
        ),
      );
    } else if (daysLeft <= (this.options.reviewDueSoonDays ?? 30)) {
      this.report(
        "LG4010",
        header.reviewed.range,
        `The policy's review is due on ${isoOf(due)}, in ${daysLeft} day${daysLeft === 1 ? "" : "s"} (${facts}).`,
        "Plan the review with both teams before then.",
      );
    }
  }

  /** The override's `stage` must be a field whose values are stage names, so the lead can only name real stages. */
  private checkOverrideStage(
    override: A.OverrideDeclaration,
    stages: readonly A.StageDeclaration[],
    expressions: ExpressionChecker,
  ): void {
    const type = expressions.expression(override.stage, []);
    if (type.kind === "error") return;
    const names = stages.map((s) => s.name.name);
    const unknown = type.kind === "enum" ? type.members.filter((m) => !names.includes(m)) : [];
    if (type.kind !== "enum" || unknown.length > 0) {
      this.report(
        "LG3008",
        override.stage.range,
        type.kind === "enum"
          ? `The override can only name stages, but ${unknown.map((u) => `'${u}'`).join(", ")} ${unknown.length === 1 ? "is not a stage" : "are not stages"} of this policy.`
          : `The override's stage must be a field whose values are stage names ('one of ${names.join(", ")}'), not ${describeType(type)}.`,
        `Declare the field as e.g. 'stage: one of ${names.join(", ")}'.`,
      );
    }
  }

  // ------------------------------------------------------------ names

  private uniqueNames(names: readonly A.Identifier[], what: string): void {
    const seen = new Set<string>();
    for (const name of names) {
      if (seen.has(name.name)) {
        this.report(
          "LG2004",
          name.range,
          `There is already ${/^[aeiou]/.test(what) ? "an" : "a"} ${what} named '${name.name}'.`,
        );
      }
      seen.add(name.name);
    }
  }

  private gradeValues(grade: A.GradeDeclaration): string[] {
    const values: string[] = [];
    grade.branches.forEach((branch, index) => {
      if (values.includes(branch.value.name)) {
        this.report(
          "LG2004",
          branch.value.range,
          `Grade ${grade.name.name} already has a value '${branch.value.name}'.`,
        );
      } else {
        values.push(branch.value.name);
      }
      if (!branch.condition && index !== grade.branches.length - 1) {
        this.report(
          "LG4008",
          branch.range,
          "'otherwise' must be the last branch of a grade: later branches could never apply.",
        );
      }
    });
    const last = grade.branches[grade.branches.length - 1];
    if (!last || last.condition) {
      this.report(
        "LG4008",
        grade.name.range,
        `Grade ${grade.name.name} has no 'otherwise' branch, so some leads would get no grade.`,
        "End the grade with e.g. 'otherwise D'.",
      );
    }
    return values;
  }

  private requirementTarget(
    requirement: A.Requirement,
    expressions: ExpressionChecker,
    targets: Map<A.Requirement, Reference>,
  ): void {
    const path: A.PathExpression = { kind: "Path", segments: [requirement.name], range: requirement.name.range };
    const type = expressions.expression(path, []);
    const reference = expressions.references.get(path);
    if (type.kind === "error" || !reference) return;
    if (type.kind !== "boolean") {
      this.report(
        "LG3002",
        requirement.name.range,
        `'require ${requirement.name.name}' needs a rule or a true/false field, but '${requirement.name.name}' is a ${reference.kind === "score" ? "score" : reference.kind === "grade" ? "grade" : "field"}.`,
        `Give the requirement a condition: 'require ${requirement.name.name}_ok: ${requirement.name.name} >= 10'.`,
      );
      return;
    }
    targets.set(requirement, reference);
  }

  private checkScore(score: A.ScoreDeclaration, expressions: ExpressionChecker): void {
    if (score.cap && score.floor && score.cap.value < score.floor.value) {
      this.report(
        "LG3006",
        score.cap.range,
        `Score ${score.name.name} is capped at ${score.cap.text}, below its floor of ${score.floor.text}.`,
      );
    }
    for (const line of score.lines) {
      if (line.cap && line.cap.value <= 0) {
        this.report(
          "LG3006",
          line.cap.range,
          "'at most' on a score line must be more than 0: it limits how many points the line can add or take away.",
        );
      }
      if (line.mode === "if") {
        if (line.condition) expressions.condition(line.condition, []);
        if (line.decay) {
          this.report(
            "LG3006",
            line.decay.range,
            "Only 'per' lines decay: decay is by the age of each list item.",
            "Write e.g. '10 per activities where ..., half-life 30 days on at'.",
          );
        }
        continue;
      }
      if (!line.list) continue;
      const scope = expressions.itemScope(line, line.list, []);
      if (!scope) continue;
      if (line.filter) expressions.condition(line.filter, [scope]);
      if (line.decay) {
        const type = expressions.expression(line.decay.dateField, [scope]);
        const ref = expressions.references.get(line.decay.dateField);
        if (type.kind !== "error" && (type.kind !== "date" || ref?.kind !== "field" || ref.scope !== 1)) {
          this.report(
            "LG3006",
            line.decay.dateField.range,
            `Decay is measured from a date of each ${scope.displayPrefix} item, but '${expressions.text(line.decay.dateField)}' is not one.`,
          );
        } else if (ref?.kind === "field" && ref.optionalPaths.length > 0) {
          this.report(
            "LG3006",
            line.decay.dateField.range,
            `Decay needs a date every item has, but '${ref.displayPath}' is optional.`,
          );
        }
        if (line.decay.days.value <= 0)
          this.report("LG3006", line.decay.days.range, "The decay period must be more than 0 days.");
      }
    }
  }

  // ------------------------------------------------------------ dependencies

  /** Topological order of rules, scores and grades; reports each cycle once. */
  private orderComputations(
    dependencies: ReadonlyMap<DependencyKey, ReadonlySet<DependencyKey>>,
    rules: ReadonlyMap<string, A.RuleDeclaration>,
    scores: ReadonlyMap<string, A.ScoreDeclaration>,
    grades: ReadonlyMap<string, A.GradeDeclaration>,
  ): Computation[] | undefined {
    const order: Computation[] = [];
    const state = new Map<DependencyKey, "visiting" | "done">();
    const stack: DependencyKey[] = [];
    let cyclic = false;
    const declarationOf = (key: DependencyKey): Computation => {
      const [kind, name] = key.split(/:(.*)/s) as ["rule" | "score" | "grade", string];
      const declaration = kind === "rule" ? rules.get(name)! : kind === "score" ? scores.get(name)! : grades.get(name)!;
      return { kind, name, declaration };
    };
    const reportCycle = (key: DependencyKey) => {
      const cycle = [...stack.slice(stack.indexOf(key)), key];
      const names = cycle.map((k) => k.slice(k.indexOf(":") + 1));
      const first = declarationOf(key);
      this.report(
        "LG2005",
        first.declaration.name.range,
        `${first.kind[0]!.toUpperCase()}${first.kind.slice(1)} '${first.name}' depends on itself: ${names.join(" → ")}.`,
        "Break the cycle: one of these must be defined without the others.",
      );
      cyclic = true;
    };
    // Depth-first with an explicit stack rather than recursion: a policy may chain thousands of
    // rules (each using the next), and that must not overflow the call stack.
    const pending: Array<Iterator<DependencyKey>> = [];
    const enter = (key: DependencyKey) => {
      state.set(key, "visiting");
      stack.push(key);
      pending.push((dependencies.get(key) ?? new Set<DependencyKey>()).values());
    };
    for (const root of dependencies.keys()) {
      if (state.has(root)) continue;
      enter(root);
      while (pending.length > 0) {
        const next = pending[pending.length - 1]!.next();
        if (next.done) {
          pending.pop();
          const key = stack.pop()!;
          state.set(key, "done");
          order.push(declarationOf(key));
          continue;
        }
        const current = state.get(next.value);
        if (current === "visiting") reportCycle(next.value);
        else if (current === undefined) enter(next.value);
      }
    }
    return cyclic ? undefined : order;
  }

  private reportUnused(
    rules: ReadonlyMap<string, A.RuleDeclaration>,
    scores: ReadonlyMap<string, A.ScoreDeclaration>,
    used: ReadonlySet<DependencyKey>,
  ): void {
    for (const [name, rule] of rules) {
      if (!used.has(`rule:${name}`)) {
        this.report(
          "LG4003",
          rule.name.range,
          `Rule '${name}' is not used by any stage, score, grade or disqualifier.`,
          "Use it in a requirement, or delete it.",
        );
      }
    }
    for (const [name, score] of scores) {
      if (!used.has(`score:${name}`)) {
        this.report(
          "LG4004",
          score.name.range,
          `Score '${name}' is not used by any stage, rule, grade, score or disqualifier.`,
          `Require it in a stage, e.g. 'require engaged: ${name} >= 40'.`,
        );
      }
    }
  }

  private checkSatisfiable(
    stage: A.StageDeclaration,
    requirement: A.Requirement,
    targets: ReadonlyMap<A.Requirement, Reference>,
    ctx: StaticContext,
  ): void {
    const target = targets.get(requirement);
    const condition =
      requirement.condition ?? (target?.kind === "rule" ? ctx.ruleConditions.get(target.name) : undefined);
    if (!condition) return;
    const truth = staticTruth(condition, ctx);
    if (truth.value === "never") {
      this.report(
        "LG4001",
        requirement.range,
        `Requirement '${requirement.name.name}' of stage ${stage.name.name} can never pass: ${truth.reason}.`,
        "Lower the threshold or add points to the score.",
      );
    } else if (truth.value === "always") {
      this.report(
        "LG4002",
        requirement.range,
        `Requirement '${requirement.name.name}' of stage ${stage.name.name} always passes: ${truth.reason}.`,
        "A requirement every lead meets checks nothing: tighten it or remove it.",
      );
    }
  }
}
