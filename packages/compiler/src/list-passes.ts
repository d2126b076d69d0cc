import type * as A from "@leadgate/language";
import type { CheckedPolicy } from "@leadgate/language";
import { CodeWriter } from "./code-writer.js";
import type { ExpressionCompiler } from "./expressions.js";
import { commentText } from "./js-literals.js";

/**
 * List passes: one loop over a lead's list (say `activities`) for all the score lines and list
 * tests (`any`, `no`, `all`, `count`) over it that read nothing but the lead and the item. Without
 * it, each test walks the list again and converts each item's dates again; a typical policy has
 * half a dozen of them over the same activities. Each line and test keeps its own tally, updated
 * item by item in list order, so results are exactly those of separate loops.
 *
 * Lines and tests that use a rule, score or grade stay where they were (the pass runs first, before
 * any of those exist), and so does a test that is the only one over its list: it is cheaper to stop
 * at the first match than to join a pass.
 */

export interface PassLine {
  readonly score: A.ScoreDeclaration;
  readonly line: A.ScoreLine;
  readonly index: number;
}

export interface ListPass {
  /** The list as code, e.g. `lead.activities`; what groups members into a pass. */
  readonly listCode: string;
  /** `pass_activities`: the function; `p_activities`: the local holding its result. */
  readonly functionName: string;
  readonly local: string;
  readonly listText: string;
  readonly canBeMissing: boolean;
  readonly lines: readonly PassLine[];
  /** Fused tests and their names (`any_1`), which are also their keys in the pass's result. */
  readonly tests: ReadonlyArray<{ readonly quantifier: A.QuantifierExpression; readonly name: string }>;
}

/** Every expression of the policy evaluated at lead level (outside list scopes). */
function leadLevelExpressions(policy: CheckedPolicy): A.Expression[] {
  const out: A.Expression[] = [];
  for (const rule of policy.rules) out.push(rule.condition);
  for (const score of policy.scores) for (const line of score.lines) if (line.condition) out.push(line.condition);
  for (const grade of policy.grades)
    for (const branch of grade.branches) if (branch.condition) out.push(branch.condition);
  for (const dq of policy.disqualifiers) out.push(dq.condition);
  const requirements = [...policy.stages.flatMap((s) => s.requirements), ...(policy.override?.requirements ?? [])];
  for (const requirement of requirements) if (requirement.condition) out.push(requirement.condition);
  if (policy.override) out.push(policy.override.stage);
  return out;
}

/** Quantifiers opened at lead level: `any activities where ...` in a rule, not one inside another's filter. */
function leadLevelQuantifiers(e: A.Expression, out: A.QuantifierExpression[]): void {
  switch (e.kind) {
    case "Quantifier":
      out.push(e);
      return;
    case "Parenthesized":
      return leadLevelQuantifiers(e.expression, out);
    case "Logical":
      return e.operands.forEach((o) => leadLevelQuantifiers(o, out));
    case "Not":
    case "Presence":
    case "Window":
    case "DaysSince":
      return leadLevelQuantifiers(e.operand, out);
    case "Compare":
      leadLevelQuantifiers(e.left, out);
      return leadLevelQuantifiers(e.right, out);
    case "In":
      leadLevelQuantifiers(e.operand, out);
      return e.items.forEach((i) => leadLevelQuantifiers(i, out));
    case "TextMatch":
      leadLevelQuantifiers(e.operand, out);
      return leadLevelQuantifiers(e.pattern, out);
    default:
      return;
  }
}

/** Whether an item condition reads only the lead and the item: no rules, scores, grades or inner lists. */
function readsOnlyLead(policy: CheckedPolicy, e: A.Expression | undefined): boolean {
  if (!e) return true;
  switch (e.kind) {
    case "Path": {
      const kind = policy.references.get(e)?.kind;
      return kind === "field" || kind === "domain" || kind === "member";
    }
    case "Quantifier":
      return false;
    case "Parenthesized":
      return readsOnlyLead(policy, e.expression);
    case "Logical":
      return e.operands.every((o) => readsOnlyLead(policy, o));
    case "Not":
    case "Presence":
    case "Window":
    case "DaysSince":
      return readsOnlyLead(policy, e.operand);
    case "Compare":
      return readsOnlyLead(policy, e.left) && readsOnlyLead(policy, e.right);
    case "In":
      return readsOnlyLead(policy, e.operand) && e.items.every((i) => readsOnlyLead(policy, i));
    case "TextMatch":
      return readsOnlyLead(policy, e.operand) && readsOnlyLead(policy, e.pattern);
    default:
      return true;
  }
}

/** The lists worth a pass, with their members, in order of first appearance. */
export function planPasses(
  policy: CheckedPolicy,
  x: ExpressionCompiler,
  nameQuantifier: (q: A.QuantifierExpression) => string,
): ListPass[] {
  const members = new Map<
    string,
    { list: A.PathExpression; lines: PassLine[]; quantifiers: A.QuantifierExpression[] }
  >();
  const entry = (list: A.PathExpression) => {
    const code = x.value(list);
    let found = members.get(code);
    if (!found) members.set(code, (found = { list, lines: [], quantifiers: [] }));
    return found;
  };
  for (const score of policy.scores) {
    score.lines.forEach((line, index) => {
      if (line.mode === "per" && readsOnlyLead(policy, line.filter))
        entry(line.list!).lines.push({ score, line, index });
    });
  }
  const quantifiers: A.QuantifierExpression[] = [];
  for (const e of leadLevelExpressions(policy)) leadLevelQuantifiers(e, quantifiers);
  for (const q of new Set(quantifiers)) {
    if (readsOnlyLead(policy, q.filter) && readsOnlyLead(policy, q.predicate)) entry(q.list).quantifiers.push(q);
  }
  const passes: ListPass[] = [];
  for (const [listCode, { list, lines, quantifiers: qs }] of members) {
    if (lines.length + qs.length < 2) continue;
    const suffix = list.segments.map((s) => s.name).join("_");
    passes.push({
      listCode,
      functionName: `pass_${suffix}`,
      local: `p_${suffix}`,
      listText: policy.text(list),
      canBeMissing: policy.optionalPaths(list).length > 0,
      lines,
      tests: qs.map((quantifier) => ({ quantifier, name: nameQuantifier(quantifier) })),
    });
  }
  return passes;
}

/** The name under which the pass returns a line's tally: `engagement$raw0` (`$` never occurs in policy names). */
export function lineKey(line: PassLine, what: "raw" | "matched" | "decayed" | "incomplete"): string {
  return `${line.score.name.name}$${what}${line.index}`;
}

/** Writes the pass function: tallies, one loop, and an object with every tally and test result. */
export function writePass(w: CodeWriter, policy: CheckedPolicy, x: ExpressionCompiler, pass: ListPass): void {
  const declarations = new CodeWriter();
  const body = new CodeWriter();
  const results: string[] = [];
  const { dayLocals, windowStarts } = x.beginPass();
  try {
    for (const passLine of pass.lines) writeLine(declarations, body, results, policy, x, pass, passLine);
    for (const test of pass.tests) writeTest(declarations, body, results, policy, x, pass, test);
  } finally {
    x.endPass();
  }
  w.line(`// One pass over ${commentText(pass.listText)} for the score lines and tests of it that read only the lead.`);
  w.block(`function ${pass.functionName}(lead, asOf) {`, () => {
    if (windowStarts.size > 0) w.line("// First days of the windows looked back over, computed once.");
    for (const [local, code] of windowStarts) w.line(`const ${local} = ${code};`);
    w.lines_(declarations.toString().trimEnd());
    w.block(`for (const it1 of ${pass.listCode} ?? []) {`, () => {
      if (dayLocals.size > 0) w.line("// The item's dates as day numbers, converted once.");
      for (const [field, { local, optional }] of dayLocals) {
        w.line(
          optional
            ? `const ${local} = ${field} == null ? null : rt.dayOf(${field});`
            : `const ${local} = rt.dayOf(${field});`,
        );
      }
      w.lines_(body.toString().trimEnd());
    });
    w.block("return {", () => results.forEach((r) => w.line(`${r},`)), "};");
  });
  w.line();
}

function writeLine(
  declarations: CodeWriter,
  body: CodeWriter,
  results: string[],
  policy: CheckedPolicy,
  x: ExpressionCompiler,
  pass: ListPass,
  passLine: PassLine,
): void {
  const { score, line } = passLine;
  const key = (what: Parameters<typeof lineKey>[1]) => lineKey(passLine, what);
  declarations.line(`// ${commentText(`${score.name.name} ${policy.text(line)}`)}`);
  declarations.line(`let ${key("raw")} = 0;`);
  declarations.line(`let ${key("matched")} = 0;`);
  results.push(key("raw"), key("matched"));
  if (line.decay) {
    declarations.line(`let ${key("decayed")} = false;`);
    results.push(key("decayed"));
  }
  const filterMissing = line.filter !== undefined && x.canBeMissing(line.filter);
  if (pass.canBeMissing || filterMissing) {
    declarations.line(`let ${key("incomplete")} = ${pass.canBeMissing ? `${pass.listCode} == null` : "false"};`);
    results.push(key("incomplete"));
  }
  body.line(`// ${commentText(`${score.name.name} ${line.name.name}`)}`);
  writeItemTally(body, x, line, {
    match: `${score.name.name}$match${passLine.index}`,
    matched: key("matched"),
    raw: key("raw"),
    decayed: key("decayed"),
    incomplete: key("incomplete"),
  });
}

/**
 * A `per` line's work on the current item, in a pass or in a score's own loop: whether its filter
 * selects the item (missing marks the line incomplete), then the count and the points, decayed if
 * the line says so. `locals` name the line's accumulators.
 */
export function writeItemTally(
  w: CodeWriter,
  x: ExpressionCompiler,
  line: A.ScoreLine,
  locals: { match: string; matched: string; raw: string; decayed: string; incomplete: string },
): void {
  const { match } = locals;
  w.line(`const ${match} = ${line.filter ? x.condition(line.filter) : "true"};`);
  if (line.filter !== undefined && x.canBeMissing(line.filter))
    w.line(`if (${match} === null) ${locals.incomplete} = true;`);
  w.block(`if (${match} === true) {`, () => {
    w.line(`${locals.matched}++;`);
    if (line.decay) {
      w.line(`const factor = ${x.decayFactor(line.decay)};`);
      w.line(`if (factor < 1) ${locals.decayed} = true;`);
      w.line(`${locals.raw} += ${line.points.value} * factor;`);
    } else {
      w.line(`${locals.raw} += ${line.points.value};`);
    }
  });
}

/**
 * A test's tally, item by item, in Kleene logic: `any`, `no` and `count` fold "selected" with
 * `or` (true wins, else missing wins), `all` folds "not selected, or has the property" with `and`;
 * `count` also counts, and is missing if any item is. `no` is `not any`, applied on return.
 */
function writeTest(
  declarations: CodeWriter,
  body: CodeWriter,
  results: string[],
  policy: CheckedPolicy,
  x: ExpressionCompiler,
  pass: ListPass,
  test: { readonly quantifier: A.QuantifierExpression; readonly name: string },
): void {
  const { quantifier: q, name } = test;
  const [start, decisive] = q.quantifier === "all" ? ["true", "false"] : ["false", "true"];
  declarations.line(`// ${commentText(policy.text(q))}`);
  declarations.line(`let ${name} = ${pass.canBeMissing ? `${pass.listCode} == null ? null : ${start}` : start};`);
  let value: string;
  if (q.quantifier === "all") {
    const property = q.predicate ?? q.filter;
    const has = property ? x.condition(property) : "true";
    value = q.predicate && q.filter ? `rt.or3(rt.not3(${x.condition(q.filter)}), ${has})` : has;
  } else {
    value = q.filter ? x.condition(q.filter) : "true";
  }
  const item = `${name}$item`;
  const canBeMissing = [q.filter, q.predicate].some((e) => e !== undefined && x.canBeMissing(e));
  body.line(`// ${commentText(policy.text(q))}`);
  body.line(`const ${item} = ${value};`);
  if (q.quantifier === "count") {
    declarations.line(`let ${name}$count = 0;`);
    body.line(`if (${item} === true) ${name}$count++;`);
    if (canBeMissing) body.line(`else if (${item} === null) ${name} = null;`);
    results.push(`${name}: ${name} === null ? null : ${name}$count`);
    return;
  }
  body.line(`if (${item} === ${decisive}) ${name} = ${decisive};`);
  if (canBeMissing) body.line(`else if (${item} === null && ${name} === ${start}) ${name} = null;`);
  results.push(q.quantifier === "no" ? `${name}: rt.not3(${name})` : name);
}
