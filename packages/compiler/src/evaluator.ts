import type * as A from "@leadgate/language";
import type { CheckedPolicy, LgType, Reference } from "@leadgate/language";
import { CodeWriter } from "./code-writer.js";
import { freeVariables, type ExpressionCompiler } from "./expressions.js";
import { commentText, jsString } from "./js-literals.js";
import {
  constant,
  leaf,
  object,
  jsonTemplate,
  writeJsonTemplates,
  writeObjectLiteral,
  writeTemplateReturn,
  type LeafJson,
  type ObjectShape,
  type Shape,
  type Template,
} from "./decision-shape.js";
import { lineKey, writeItemTally, writePass } from "./list-passes.js";
import type { ModuleParts } from "./module-parts.js";

/**
 * Writes the policy's `evaluate` function and the score and grade functions it calls. The
 * generated code is straight-line: one local per rule, score, grade, disqualifier and requirement,
 * computed once, in dependency order.
 */
export function writeEvaluator(policy: CheckedPolicy, parts: ModuleParts, sourceHash: string): string {
  const w = new CodeWriter();
  for (const pass of parts.passes) writePass(w, policy, parts.expressions, pass);
  for (const score of policy.scores) writeScore(w, policy, parts, score);
  for (const grade of policy.grades) writeGrade(w, policy, parts, grade);
  w.line("// Requirement names of each gate, in order.");
  w.block(
    "const GATE_REQUIREMENTS = [",
    () => {
      for (const stage of policy.stages)
        w.line(`[${stage.requirements.map((r) => jsString(r.name.name)).join(", ")}],`);
    },
    "];",
  );
  w.line();
  if (policy.override) {
    const names = policy.override.requirements.map((r) => jsString(r.name.name)).join(", ");
    w.line(`const OVERRIDE_REQUIREMENTS = [${names}];`);
    w.line();
  }
  w.line("// Follow-up time agreed for each stage.");
  w.block(
    "const FOLLOW_UPS = new Map([",
    () => {
      for (const stage of policy.stages) {
        if (!stage.followUp) continue;
        const { amount, unit } = stage.followUp;
        w.line(`[${jsString(stage.name.name)}, { amount: ${amount.value}, unit: ${jsString(unit)} }],`);
      }
    },
    "]);",
  );
  w.line();
  writeEvaluate(w, policy, parts, sourceHash);
  return w.toString();
}

function writeScore(w: CodeWriter, policy: CheckedPolicy, parts: ModuleParts, score: A.ScoreDeclaration): void {
  const x = parts.expressions;
  const params = scoreParams(policy, parts, score);
  // `per` lines over the same list share one walk of it: each line keeps its own accumulators, and
  // items are visited in list order, so every line adds up exactly as it would on its own. Lines
  // that a list pass tallies (list-passes.ts) only read their tallies here.
  const passes = new Map<string, Array<{ line: A.ScoreLine; index: number }>>();
  score.lines.forEach((line, index) => {
    if (line.mode !== "per" || parts.passOfLine(score, index)) return;
    const list = x.value(line.list!);
    passes.set(list, [...(passes.get(list) ?? []), { line, index }]);
  });
  const canBeIncomplete = (line: A.ScoreLine) =>
    policy.optionalPaths(line.list!).length > 0 || (line.filter !== undefined && x.canBeMissing(line.filter));
  w.line(`// score ${score.name.name}${score.label ? ` ${commentText(jsString(score.label.value))}` : ""}`);
  w.block(`function score_${score.name.name}(${["lead", "asOf", ...params].join(", ")}) {`, () => {
    for (const [list, lines] of passes) {
      for (const { line, index } of lines) {
        w.line(`// ${commentText(policy.text(line))}`);
        w.line(`let raw${index} = 0;`);
        w.line(`let matched${index} = 0;`);
        if (line.decay) w.line(`let decayed${index} = false;`);
        if (canBeIncomplete(line)) {
          const listMissing = policy.optionalPaths(line.list!).length > 0;
          w.line(`let incomplete${index} = ${listMissing ? `${list} == null` : "false"};`);
        }
      }
      const item = `it${policy.itemScopes.get(lines[0]!.line)!.depth}`;
      if (lines.length > 1)
        w.line(
          `// One pass over ${commentText(policy.text(lines[0]!.line.list!))} for the ${lines.length} lines above.`,
        );
      w.block(`for (const ${item} of ${list} ?? []) {`, () => {
        for (const { line, index } of lines) {
          w.line(`// ${line.name.name}`);
          writeItemTally(w, x, line, {
            match: `match${index}`,
            matched: `matched${index}`,
            raw: `raw${index}`,
            decayed: `decayed${index}`,
            incomplete: `incomplete${index}`,
          });
        }
      });
    }
    score.lines.forEach((line, index) => {
      const pass = parts.passOfLine(score, index);
      if (pass) {
        const read = (what: Parameters<typeof lineKey>[1]) => `${pass.local}.${lineKey({ score, line, index }, what)}`;
        w.line(`// ${commentText(policy.text(line))}: tallied by ${pass.functionName}`);
        w.line(`const raw${index} = ${read("raw")};`);
        w.line(`const matched${index} = ${read("matched")};`);
        if (line.decay) w.line(`const decayed${index} = ${read("decayed")};`);
        if (canBeIncomplete(line)) w.line(`const incomplete${index} = ${read("incomplete")};`);
      }
      if (line.mode === "if") {
        w.line(`// ${commentText(policy.text(line))}`);
        w.line(`const met${index} = ${x.condition(line.condition!)};`);
        w.line(`const raw${index} = met${index} === true ? ${line.points.value} : 0;`);
      }
      const missingPaths = parts.presencePaths(lineOptionalPaths(policy, line));
      const incomplete =
        line.mode === "if" ? `met${index} === null` : canBeIncomplete(line) ? `incomplete${index}` : undefined;
      w.line(
        incomplete === undefined || missingPaths === "[]"
          ? `const missing${index} = [];`
          : `const missing${index} = ${incomplete} ? rt.missingOf(lead, ${missingPaths}, PRESENT) : [];`,
      );
      const capped = line.cap ? `rt.capLine(raw${index}, ${line.cap.value})` : `raw${index}`;
      w.line(`const points${index} = rt.round2(${capped});`);
    });
    const sum = score.lines.length === 0 ? "0" : score.lines.map((_, i) => `points${i}`).join(" + ");
    w.line(`const sum = rt.round2(${sum});`);
    const floor = score.floor ? `Math.max(sum, ${score.floor.value})` : "sum";
    const total = score.cap ? `Math.min(${floor}, ${score.cap.value})` : floor;
    w.line(`const total = ${total};`);
    writeObjectLiteral(w, scoreResultShape(score), "return {", "};");
  });
  w.line();
}

function writeGrade(w: CodeWriter, policy: CheckedPolicy, parts: ModuleParts, grade: A.GradeDeclaration): void {
  const x = parts.expressions;
  const params = gradeParams(policy, parts, grade);
  w.line(
    `// grade ${grade.name.name}: the first branch that holds; a branch that cannot be decided leaves the grade missing.`,
  );
  w.block(`function grade_${grade.name.name}(${["lead", "asOf", ...params].join(", ")}) {`, () => {
    const conditional = grade.branches.filter((b) => b.condition);
    if (conditional.length > 0) w.line("let holds;");
    for (const branch of grade.branches) {
      if (!branch.condition) {
        w.line(`return ${jsString(branch.value.name)};`);
        continue;
      }
      w.line(`holds = ${x.condition(branch.condition)};`);
      w.line(`if (holds !== false) return holds === true ? ${jsString(branch.value.name)} : null;`);
    }
  });
  w.line();
}

interface RequirementCode {
  /** The stage whose gate holds the requirement, or the override. */
  readonly group: A.StageDeclaration | A.OverrideDeclaration;
  readonly requirement: A.Requirement;
  readonly variable: string;
  readonly values: ReadonlyArray<{ key: string; variable: string; json: LeafJson }>;
  readonly missingPaths: string;
}

function writeEvaluate(out: CodeWriter, policy: CheckedPolicy, parts: ModuleParts, sourceHash: string): void {
  const x = parts.expressions;
  const requirements: RequirementCode[] = [];
  // The functions go to a writer of their own: the JSON templates, known only once the requirements
  // are written, come before them in the module.
  const w = new CodeWriter();
  let template: Template | undefined;
  w.line("/** Evaluates a lead (already validated with `parseLead`) against the policy, as of the given day. */");
  w.block("export function evaluate(lead, options) {", () => w.line("return decide(lead, options, false);"));
  w.line();
  w.line(
    "/** The decision's JSON text: `JSON.stringify(evaluate(lead, options))` byte for byte, without building the decision. */",
  );
  w.block("export function evaluateJson(lead, options) {", () => w.line("return decide(lead, options, true);"));
  w.line();
  w.line(
    "// Evaluates a lead: the decision, or with `json`, its JSON text. One body serves both, so they cannot differ.",
  );
  w.block("function decide(lead, options, json) {", () => {
    w.line("const { day: asOf, iso: asOfIso } = rt.normalizeAsOf(options.asOf);");
    for (const pass of parts.passes) w.line(`const ${pass.local} = ${pass.functionName}(lead, asOf);`);
    w.line();
    for (const computation of policy.evaluationOrder) {
      const d = computation.declaration;
      if (computation.kind === "rule") {
        const rule = d as A.RuleDeclaration;
        w.line(`// rule ${rule.name.name}: ${commentText(policy.text(rule.condition))}`);
        w.line(`const r_${rule.name.name} = ${x.condition(rule.condition)};`);
      } else {
        const params =
          computation.kind === "score"
            ? scoreParams(policy, parts, d as A.ScoreDeclaration)
            : gradeParams(policy, parts, d as A.GradeDeclaration);
        w.line(
          `const ${computation.kind === "score" ? "s" : "g"}_${computation.name} = ${computation.kind}_${computation.name}(${["lead", "asOf", ...params].join(", ")});`,
        );
      }
    }
    w.line();
    policy.disqualifiers.forEach((dq, i) => {
      w.line(`// disqualify ${dq.name.name}: ${commentText(policy.text(dq.condition))}`);
      w.line(`const dq${i} = ${x.condition(dq.condition)};`);
    });
    if (policy.disqualifiers.length > 0) w.line();

    let counter = 0;
    const groups: Array<A.StageDeclaration | A.OverrideDeclaration> = [...policy.stages];
    if (policy.override) groups.push(policy.override);
    for (const group of groups) {
      for (const requirement of group.requirements) {
        requirements.push(writeRequirement(w, policy, parts, group, requirement, `req${++counter}`));
      }
    }
    w.line();
    w.line("// The stage: the last gate of the unbroken run of passed gates, unless disqualified.");
    policy.stages.forEach((stage, i) => {
      const statuses = requirements.filter((r) => r.group === stage).map((r) => r.variable);
      w.line(`const gate${i} = rt.gateOf([${statuses.join(", ")}], GATE_REQUIREMENTS[${i}]);`);
    });
    const disqualifiedExpression =
      policy.disqualifiers.length === 0
        ? "null"
        : policy.disqualifiers
            .map(
              (dq, i) =>
                `dq${i} === true ? { name: ${jsString(dq.name.name)}, reason: ${jsString(dq.reason.value)} } : `,
            )
            .join("\n  ") + "null";
    w.lines_(`const disqualified = ${disqualifiedExpression};`);
    w.line("let stage = null;");
    if (policy.stages.length > 0) {
      const nest = (i: number): void => {
        const stage = policy.stages[i];
        if (!stage) return;
        w.block(`if (gate${i}.status === "passed") {`, () => {
          w.line(`stage = ${jsString(stage.name.name)};`);
          nest(i + 1);
        });
      };
      w.block("if (disqualified === null) {", () => nest(0));
    }
    const override = policy.override;
    if (override) {
      const own = requirements.filter((r) => r.group === override).map((r) => r.variable);
      w.line();
      w.line(`// override ${override.name.name}: the stage the lead names, honoured when every requirement passes.`);
      w.line(`const overrideStage = ${x.value(override.stage)} ?? null;`);
      w.line(
        `const overrideGate = overrideStage === null ? null : rt.gateOf([${own.join(", ")}], OVERRIDE_REQUIREMENTS);`,
      );
      w.line(
        'const overrideHonoured = overrideGate !== null && disqualified === null && overrideGate.status === "passed";',
      );
      w.line("const stageFromGates = stage;");
      w.line("if (overrideHonoured) stage = overrideStage;");
    }
    w.line();
    const shape = decisionShape(policy, sourceHash, requirements);
    template = jsonTemplate(shape, "DECISION_JSON");
    w.block("if (json) {", () => writeTemplateReturn(w, template!));
    writeObjectLiteral(w, shape, "return {", "};");
  });
  writeJsonTemplates(out, template!);
  out.lines_(w.toString().trimEnd());
}

/** What `evaluate` returns, in terms of the locals `decide` has computed (see decision-shape.ts). */
function decisionShape(
  policy: CheckedPolicy,
  sourceHash: string,
  requirements: readonly RequirementCode[],
): ObjectShape {
  const override = policy.override;
  const named = <T extends { name: { name: string } }>(items: readonly T[], shape: (item: T, i: number) => Shape) =>
    items.map((item, i) => [item.name.name, shape(item, i)] as const);
  return object([
    ["policy", constant(policy.header.name.name)],
    ["version", constant(policy.header.version?.value ?? "")],
    ["sourceHash", constant(sourceHash, "SOURCE_HASH")],
    ["asOf", leaf("asOfIso", "string")],
    ["stage", leaf("stage", "value")],
    ["disqualified", leaf("disqualified", "value")],
    ["disqualifiers", object(named(policy.disqualifiers, (_, i) => leaf(`dq${i}`, "tri")))],
    [
      "gates",
      object(
        named(policy.stages, (stage, i) =>
          object([
            ["label", constant(stage.label?.value ?? stage.name.name)],
            ["owner", constant(stage.owner.name)],
            ...requirementResults(
              policy,
              requirements.filter((r) => r.group === stage),
              `gate${i}`,
            ),
          ]),
        ),
      ),
    ],
    [
      "scores",
      object(
        named(policy.scores, (score) => object(scoreResultShape(score).entries, { built: `s_${score.name.name}` })),
      ),
    ],
    ["rules", object(named(policy.rules, (rule) => leaf(`r_${rule.name.name}`, "tri")))],
    ["grades", object(named(policy.grades, (grade) => leaf(`g_${grade.name.name}`, "value")))],
    ["followUp", leaf("rt.followUpOf(stage, FOLLOW_UPS)", "value")],
    [
      "override",
      override
        ? object(
            [
              ["name", constant(override.name.name)],
              ["label", constant(override.label?.value ?? override.name.name)],
              ["stage", leaf("overrideStage", "value")],
              ["honoured", leaf("overrideHonoured", "tri")],
              ["stageFromGates", leaf("stageFromGates", "value")],
              ...requirementResults(
                policy,
                requirements.filter((r) => r.group === override),
                "overrideGate",
              ),
            ],
            { nullWhen: "overrideGate === null" },
          )
        : constant(null),
    ],
  ]);
}

/**
 * Status, `passed`, `failed`, `missing` name lists and the per-requirement details of a gate or the
 * override; `gate` is the local holding its `rt.gateOf` result.
 */
function requirementResults(
  policy: CheckedPolicy,
  own: readonly RequirementCode[],
  gate: string,
): Array<readonly [string, Shape]> {
  return [
    ["status", leaf(`${gate}.status`, "statusText")],
    ["passed", leaf(`${gate}.passed`, "names")],
    ["failed", leaf(`${gate}.failed`, "names")],
    ["missing", leaf(`${gate}.missing`, "names")],
    [
      "requirements",
      object(
        own.map((r) => [
          r.requirement.name.name,
          object([
            ["label", constant(requirementLabel(policy, r.requirement))],
            ["status", leaf(r.variable, "status")],
            [
              "missing",
              r.missingPaths === "[]"
                ? constant([])
                : leaf(`${r.variable} === null ? rt.missingOf(lead, ${r.missingPaths}, PRESENT) : []`, "names"),
            ],
            [
              "values",
              object(
                r.values.map((v) => [v.key, leaf(v.variable, v.json)] as const),
                { inline: true },
              ),
            ],
          ]),
        ]),
      ),
    ],
  ];
}

/** What a score function returns, in terms of its locals (see writeScore). */
function scoreResultShape(score: A.ScoreDeclaration): ObjectShape {
  const cap = score.cap?.value;
  const floor = score.floor?.value;
  return object([
    ["total", leaf("total", "number")],
    ["capped", cap === undefined ? constant(false) : leaf(`sum > ${cap}`, "tri")],
    ["floored", floor === undefined ? constant(false) : leaf(`sum < ${floor}`, "tri")],
    [
      "parts",
      object(
        score.lines.map((line, i) => {
          const entries: Array<readonly [string, Shape]> = [["points", leaf(`points${i}`, "number")]];
          if (line.mode === "per") entries.push(["matched", leaf(`matched${i}`, "number")]);
          entries.push(["capped", line.cap ? leaf(`Math.abs(raw${i}) > ${line.cap.value}`, "tri") : constant(false)]);
          entries.push(["decayed", line.decay ? leaf(`decayed${i}`, "tri") : constant(false)]);
          entries.push(["missing", leaf(`missing${i}`, "names")]);
          return [line.name.name, object(entries, { inline: true })] as const;
        }),
      ),
    ],
  ]);
}

/** Computes one requirement into `variable`, with the values it looks at in locals beside it. */
function writeRequirement(
  w: CodeWriter,
  policy: CheckedPolicy,
  parts: ModuleParts,
  group: A.StageDeclaration | A.OverrideDeclaration,
  requirement: A.Requirement,
  variable: string,
): RequirementCode {
  const x = parts.expressions;
  const owner = group.kind === "Stage" ? group.name.name : `override ${group.name.name}`;
  w.line(
    `// ${owner} requires ${requirement.name.name}${requirement.condition ? `: ${commentText(policy.text(requirement.condition))}` : ""}`,
  );
  const target = policy.requirementTargets.get(requirement);
  const values: Array<{ key: string; variable: string; json: LeafJson }> = [];
  const locals = new Map<A.Expression, string>();
  const leaves = requirement.condition ? valueLeaves(policy, requirement.condition) : [];
  leaves.forEach((leaf, i) => {
    const key = policy.text(leaf);
    const existing = values.find((v) => v.key === key);
    if (existing) {
      locals.set(leaf, existing.variable);
      return;
    }
    const local = `${variable}v${i + 1}`;
    // `?? null`: an absent optional field is reported as null, so decisions are plain JSON.
    w.line(`const ${local} = ${x.value(leaf)}${x.canBeMissing(leaf) ? " ?? null" : ""};`);
    values.push({ key, variable: local, json: valueJsonKind(policy.types.get(leaf)) });
    locals.set(leaf, local);
  });
  const condition = requirement.condition
    ? x.withLocals(locals, () => x.condition(requirement.condition!))
    : bareRequirement(x, target!);
  if (!requirement.condition) values.push({ key: requirement.name.name, variable, json: "tri" });
  w.line(`const ${variable} = ${condition};`);
  const missingPaths = parts.presencePaths(requirementOptionalPaths(policy, requirement));
  return { group, requirement, variable, values, missingPaths };
}

/**
 * How a looked-at value's JSON is written, by its type: a boolean (maybe missing) as a three-valued
 * leaf, a number (maybe missing) as a number, anything else as it is.
 */
function valueJsonKind(type: LgType | undefined): LeafJson {
  if (type?.kind === "boolean") return "tri";
  if (type?.kind === "integer" || type?.kind === "number") return "number";
  return "value";
}

/**
 * `require agreed_to_meet` names a rule or a boolean field. An optional field the lead leaves out
 * reads as `undefined`, which the three-valued helpers would not see as missing: normalise to null.
 */
function bareRequirement(x: ExpressionCompiler, target: Reference): string {
  const code = x.reference(target);
  return target.kind === "field" && target.fields.some((f) => f.optional) ? `(${code} ?? null)` : code;
}

/** Optional fields a score line depends on: its condition, or its list and filter. */
function lineOptionalPaths(policy: CheckedPolicy, line: A.ScoreLine): readonly string[] {
  if (line.condition) return policy.optionalPaths(line.condition);
  const paths = new Set([
    ...policy.optionalPaths(line.list!),
    ...(line.filter ? policy.optionalPaths(line.filter) : []),
  ]);
  return [...paths].sort();
}

/** A requirement's own label; one that only names a rule borrows the rule's label. */
function requirementLabel(policy: CheckedPolicy, requirement: A.Requirement): string {
  if (requirement.label) return requirement.label.value;
  const target = policy.requirementTargets.get(requirement);
  const rule = target?.kind === "rule" ? policy.rules.find((r) => r.name.name === target.name) : undefined;
  return rule?.label?.value ?? requirement.name.name;
}

/** Optional fields a requirement depends on, also when it only names a rule or a boolean field. */
function requirementOptionalPaths(policy: CheckedPolicy, requirement: A.Requirement): readonly string[] {
  if (requirement.condition) return policy.optionalPaths(requirement.condition);
  const target = policy.requirementTargets.get(requirement);
  if (target?.kind === "field") return target.optionalPaths;
  const rule = target?.kind === "rule" ? policy.rules.find((r) => r.name.name === target.name) : undefined;
  return rule ? policy.optionalPaths(rule.condition) : [];
}

/** A score function's parameters after lead and asOf: the passes tallying its lines, then what its lines read. */
function scoreParams(policy: CheckedPolicy, parts: ModuleParts, score: A.ScoreDeclaration): string[] {
  const passes = new Set(score.lines.flatMap((_, i) => parts.passOfLine(score, i)?.local ?? []));
  const read = score.lines.flatMap((l, i) =>
    parts.passOfLine(score, i) ? [l.condition] : [l.list, l.filter, l.condition],
  );
  const free = freeVariables(policy, read, parts.passOf).filter((v) => !v.startsWith("it") && !passes.has(v));
  return [...passes, ...free];
}

function gradeParams(policy: CheckedPolicy, parts: ModuleParts, grade: A.GradeDeclaration): string[] {
  return freeVariables(
    policy,
    grade.branches.map((b) => b.condition),
    parts.passOf,
  ).filter((v) => !v.startsWith("it"));
}

/**
 * The operands a requirement looks at, reported as its `values`: fields, derived values, rules,
 * scores, grades, counts and `days since`, outside any list scope. Enum values and literals are not.
 */
export function valueLeaves(policy: CheckedPolicy, e: A.Expression): A.Expression[] {
  const out: A.Expression[] = [];
  const visit = (node: A.Expression): void => {
    switch (node.kind) {
      case "Path":
        if (policy.references.get(node)?.kind !== "member") out.push(node);
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
