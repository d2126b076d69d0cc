import type {
  Declaration,
  DisqualifierDeclaration,
  Duration,
  GradeDeclaration,
  OverrideDeclaration,
  PolicyFile,
  PolicyHeader,
  Requirement,
  RuleDeclaration,
  ScoreDeclaration,
  ScoreLine,
  StageDeclaration,
  StringLiteral,
} from "@leadgate/language";
import { diffExpressions } from "./expression-diff.js";
import { leadShape } from "./lead-schema.js";
import { printExpression, quote } from "./print-expression.js";
import { diffLeadSchema } from "./schema-diff.js";

export type SubjectKind =
  "header" | "owner" | "lead" | "rule" | "score" | "grade" | "disqualifier" | "stage" | "override";

/** One difference between two versions of a policy, in the words of the language. */
export interface PolicyChange {
  readonly kind: SubjectKind;
  /**
   * What changed, by name: a rule, score, grade, disqualifier, stage or owner team, a lead field
   * path, or a header entry (`version`, `reviewed`, `review`, `title`). Empty for a reordering.
   */
  readonly name: string;
  /** The part of it that changed, when not the whole: a requirement, score line or grade branch. */
  readonly part?: string;
  readonly change: "added" | "removed" | "changed" | "reordered";
  /** The sentence reports show: `requirement MQL.engaged: engagement >= 40 → engagement >= 45`. */
  readonly text: string;
  /** Condition changes only: the smallest part that changed, before and after (`engagement >= 40`). */
  readonly from?: string;
  readonly to?: string;
  /** Lead-schema changes only: existing callers' leads may no longer validate. */
  readonly breaking?: boolean;
  /** Reorderings only: the names whose position changed. */
  readonly moved?: readonly string[];
}

/**
 * What changed between two versions of a policy, computed from their syntax trees: comments,
 * layout and the order of independent declarations do not count; the order of stages, grade
 * branches and disqualifiers does, because it changes decisions.
 */
export function diffPolicies(before: PolicyFile, after: PolicyFile): PolicyChange[] {
  const a = declarations(before);
  const b = declarations(after);
  return [
    ...diffHeaders(a.header, b.header),
    ...diffLeadSchema(leadShape(before), leadShape(after)).map((c): PolicyChange => ({
      kind: "lead",
      name: c.path,
      change: schemaVerb(c.change),
      text: c.text,
      breaking: c.breaking,
    })),
    ...diffNamed(a.rules, b.rules, "rule", diffRule),
    ...diffNamed(a.scores, b.scores, "score", diffScore),
    ...diffNamed(a.grades, b.grades, "grade", diffGrade),
    ...reordering("disqualifier", a.disqualifiers, b.disqualifiers),
    ...diffNamed(a.disqualifiers, b.disqualifiers, "disqualifier", diffDisqualifier),
    ...reordering("stage", a.stages, b.stages),
    ...diffNamed(a.stages, b.stages, "stage", diffStage),
    ...diffOverride(a.override, b.override),
  ];
}

interface Declarations {
  header: PolicyHeader | undefined;
  rules: RuleDeclaration[];
  scores: ScoreDeclaration[];
  grades: GradeDeclaration[];
  disqualifiers: DisqualifierDeclaration[];
  stages: StageDeclaration[];
  override: OverrideDeclaration | undefined;
}

function declarations(file: PolicyFile): Declarations {
  const out: Declarations = {
    header: undefined,
    rules: [],
    scores: [],
    grades: [],
    disqualifiers: [],
    stages: [],
    override: undefined,
  };
  for (const d of file.declarations as readonly Declaration[]) {
    if (d.kind === "PolicyHeader") out.header ??= d;
    else if (d.kind === "Rule") out.rules.push(d);
    else if (d.kind === "Score") out.scores.push(d);
    else if (d.kind === "Grade") out.grades.push(d);
    else if (d.kind === "Disqualifier") out.disqualifiers.push(d);
    else if (d.kind === "Stage") out.stages.push(d);
    else if (d.kind === "Override") out.override ??= d;
  }
  return out;
}

function schemaVerb(change: string): PolicyChange["change"] {
  return change === "removed" ? "removed" : change === "added" ? "added" : "changed";
}

// ---------------------------------------------------------------- header

function diffHeaders(a: PolicyHeader | undefined, b: PolicyHeader | undefined): PolicyChange[] {
  if (!a || !b) return [];
  const out: PolicyChange[] = [];
  const header = (name: string, text: string) => out.push({ kind: "header", name, change: "changed", text });
  if (a.name.name !== b.name.name) header("name", `policy name ${a.name.name} → ${b.name.name}`);
  if (str(a.title) !== str(b.title)) header("title", `title ${show(a.title)} → ${show(b.title)}`);
  if (str(a.version) !== str(b.version))
    header("version", `version ${str(a.version) ?? "none"} → ${str(b.version) ?? "none"}`);
  if (a.reviewed?.value !== b.reviewed?.value)
    header("reviewed", `reviewed ${a.reviewed?.value ?? "never"} → ${b.reviewed?.value ?? "never"}`);
  if (duration(a.reviewEvery) !== duration(b.reviewEvery))
    header("review", `review every ${duration(a.reviewEvery) ?? "(none)"} → ${duration(b.reviewEvery) ?? "(none)"}`);
  const handles = (o: PolicyHeader["owners"][number]) => o.handles.map((h) => h.value).join(", ");
  const before = new Map(a.owners.map((o) => [o.name.name, o]));
  const after = new Map(b.owners.map((o) => [o.name.name, o]));
  for (const [team, owner] of after) {
    const old = before.get(team);
    if (!old) out.push({ kind: "owner", name: team, change: "added", text: `owner ${team} added (${handles(owner)})` });
    else if (handles(old) !== handles(owner))
      out.push({
        kind: "owner",
        name: team,
        change: "changed",
        text: `owner ${team}: ${handles(old)} → ${handles(owner)}`,
      });
  }
  for (const [team, owner] of before)
    if (!after.has(team))
      out.push({ kind: "owner", name: team, change: "removed", text: `owner ${team} removed (was ${handles(owner)})` });
  return out;
}

// ---------------------------------------------------------------- named declarations

interface Named {
  readonly name: { readonly name: string };
}

/**
 * Pairs declarations by name: changed and added ones in the new order, removed ones after them in
 * the old order, so the list reads like the new file.
 */
function diffNamed<T extends Named>(
  before: readonly T[],
  after: readonly T[],
  kind: SubjectKind,
  diff: (a: T, b: T) => PolicyChange[],
): PolicyChange[] {
  const old = new Map(before.map((d) => [d.name.name, d]));
  const names = new Set(after.map((d) => d.name.name));
  const out: PolicyChange[] = [];
  for (const d of after) {
    const previous = old.get(d.name.name);
    if (previous) out.push(...diff(previous, d));
    else out.push({ kind, name: d.name.name, change: "added", text: `${kind} ${d.name.name} added${summary(d)}` });
  }
  for (const d of before)
    if (!names.has(d.name.name))
      out.push({ kind, name: d.name.name, change: "removed", text: `${kind} ${d.name.name} removed` });
  return out;
}

/** Stages and disqualifiers: order is meaning (the funnel; which disqualifier is reported). */
function reordering(kind: "stage" | "disqualifier", before: readonly Named[], after: readonly Named[]): PolicyChange[] {
  const common = new Set(after.map((d) => d.name.name).filter((n) => before.some((d) => d.name.name === n)));
  const a = before.map((d) => d.name.name).filter((n) => common.has(n));
  const b = after.map((d) => d.name.name).filter((n) => common.has(n));
  if (a.join(",") === b.join(",")) return [];
  const moved = b.filter((n, i) => a[i] !== n);
  return [
    { kind, name: "", change: "reordered", text: `${kind}s reordered: ${a.join(", ")} → ${b.join(", ")}`, moved },
  ];
}

function diffRule(a: RuleDeclaration, b: RuleDeclaration): PolicyChange[] {
  const out = labelChange("rule", a.name.name, a.label, b.label);
  out.push(...conditionChanges("rule", a.name.name, `rule ${a.name.name}`, a.condition, b.condition));
  return out;
}

function diffDisqualifier(a: DisqualifierDeclaration, b: DisqualifierDeclaration): PolicyChange[] {
  const name = a.name.name;
  const out: PolicyChange[] = [];
  if (a.reason.value !== b.reason.value)
    out.push({
      kind: "disqualifier",
      name,
      change: "changed",
      text: `disqualifier ${name} reason ${quote(a.reason.value)} → ${quote(b.reason.value)}`,
    });
  out.push(...conditionChanges("disqualifier", name, `disqualifier ${name}`, a.condition, b.condition));
  return out;
}

function diffScore(a: ScoreDeclaration, b: ScoreDeclaration): PolicyChange[] {
  const name = a.name.name;
  const out = labelChange("score", name, a.label, b.label);
  const changed = (text: string) => out.push({ kind: "score", name, change: "changed", text });
  if (a.cap?.value !== b.cap?.value)
    changed(`score ${name}: at most ${a.cap?.text ?? "(none)"} → ${b.cap?.text ?? "(none)"}`);
  if (a.floor?.value !== b.floor?.value)
    changed(`score ${name}: at least ${a.floor?.text ?? "(none)"} → ${b.floor?.text ?? "(none)"}`);
  const old = new Map(a.lines.map((l) => [l.name.name, l]));
  const lines = new Set(b.lines.map((l) => l.name.name));
  for (const line of b.lines) {
    const previous = old.get(line.name.name);
    const where = `${name}.${line.name.name}`;
    const part = line.name.name;
    const lineChanged = (text: string) => out.push({ kind: "score", name, part, change: "changed", text });
    if (!previous) {
      out.push({
        kind: "score",
        name,
        part: line.name.name,
        change: "added",
        text: `score line ${where} added: ${printLine(line)}`,
      });
      continue;
    }
    if (str(previous.label) !== str(line.label))
      lineChanged(`score line ${where} label ${show(previous.label)} → ${show(line.label)}`);
    if (previous.points.value !== line.points.value)
      lineChanged(`score line ${where}: points ${previous.points.text} → ${line.points.text}`);
    if (previous.cap?.value !== line.cap?.value)
      lineChanged(`score line ${where}: at most ${previous.cap?.text ?? "(none)"} → ${line.cap?.text ?? "(none)"}`);
    if (decay(previous) !== decay(line))
      lineChanged(`score line ${where}: ${decay(previous) ?? "no decay"} → ${decay(line) ?? "no decay"}`);
    const counted = (l: ScoreLine) => (l.mode === "per" ? `per ${l.list ? printExpression(l.list) : "?"}` : "if");
    if (counted(previous) !== counted(line))
      lineChanged(`score line ${where}: ${counted(previous)} → ${counted(line)}`);
    else {
      const x = previous.mode === "per" ? previous.filter : previous.condition;
      const y = line.mode === "per" ? line.filter : line.condition;
      if (x && y)
        out.push(...conditionChanges("score", name, `score line ${where}`, x, y).map((c) => ({ ...c, part })));
      else if (x || y)
        lineChanged(
          `score line ${where}: ${x ? printExpression(x) : "(every item)"} → ${y ? printExpression(y) : "(every item)"}`,
        );
    }
  }
  for (const line of a.lines)
    if (!lines.has(line.name.name))
      out.push({
        kind: "score",
        name,
        part: line.name.name,
        change: "removed",
        text: `score line ${name}.${line.name.name} removed`,
      });
  return out;
}

function diffGrade(a: GradeDeclaration, b: GradeDeclaration): PolicyChange[] {
  const name = a.name.name;
  const out = labelChange("grade", name, a.label, b.label);
  const changed = (text: string) => out.push({ kind: "grade", name, change: "changed", text });
  const before = a.branches.map((x) => x.value.name);
  const after = b.branches.map((x) => x.value.name);
  const common = after.filter((v) => before.includes(v));
  if (before.filter((v) => common.includes(v)).join(",") !== common.join(","))
    changed(`grade ${name}: branches reordered: ${before.join(", ")} → ${after.join(", ")}`);
  const old = new Map(a.branches.map((x) => [x.value.name, x]));
  for (const branch of b.branches) {
    const previous = old.get(branch.value.name);
    const where = `${name}.${branch.value.name}`;
    if (!previous)
      out.push({
        kind: "grade",
        name,
        part: branch.value.name,
        change: "added",
        text: `grade branch ${where} added${branch.condition ? `: if ${printExpression(branch.condition)}` : " (otherwise)"}`,
      });
    else if (previous.condition && branch.condition)
      out.push(
        ...conditionChanges("grade", name, `grade branch ${where}`, previous.condition, branch.condition).map((c) => ({
          ...c,
          part: branch.value.name,
        })),
      );
    else if (previous.condition || branch.condition)
      changed(
        `grade branch ${where}: ${previous.condition ? printExpression(previous.condition) : "otherwise"} → ${branch.condition ? printExpression(branch.condition) : "otherwise"}`,
      );
  }
  for (const branch of a.branches)
    if (!after.includes(branch.value.name))
      out.push({
        kind: "grade",
        name,
        part: branch.value.name,
        change: "removed",
        text: `grade branch ${name}.${branch.value.name} removed`,
      });
  return out;
}

function diffStage(a: StageDeclaration, b: StageDeclaration): PolicyChange[] {
  const name = a.name.name;
  const out = labelChange("stage", name, a.label, b.label);
  const changed = (text: string) => out.push({ kind: "stage", name, change: "changed", text });
  if (a.owner.name !== b.owner.name) changed(`stage ${name}: owned by ${a.owner.name} → ${b.owner.name}`);
  if (duration(a.followUp) !== duration(b.followUp))
    changed(
      `stage ${name}: follow up within ${duration(a.followUp) ?? "(none)"} → ${duration(b.followUp) ?? "(none)"}`,
    );
  out.push(...diffRequirements("stage", name, a.requirements, b.requirements));
  return out;
}

function diffOverride(a: OverrideDeclaration | undefined, b: OverrideDeclaration | undefined): PolicyChange[] {
  if (!a && !b) return [];
  if (!a && b) return [{ kind: "override", name: b.name.name, change: "added", text: `override ${b.name.name} added` }];
  if (a && !b)
    return [{ kind: "override", name: a.name.name, change: "removed", text: `override ${a.name.name} removed` }];
  const x = a!;
  const y = b!;
  const out = labelChange("override", y.name.name, x.label, y.label);
  out.push(...conditionChanges("override", y.name.name, `override ${y.name.name} stage`, x.stage, y.stage));
  out.push(...diffRequirements("override", y.name.name, x.requirements, y.requirements));
  return out;
}

function diffRequirements(
  kind: "stage" | "override",
  owner: string,
  before: readonly Requirement[],
  after: readonly Requirement[],
): PolicyChange[] {
  const out: PolicyChange[] = [];
  const old = new Map(before.map((r) => [r.name.name, r]));
  const names = new Set(after.map((r) => r.name.name));
  for (const r of after) {
    const where = `requirement ${owner}.${r.name.name}`;
    const previous = old.get(r.name.name);
    if (!previous) {
      out.push({
        kind,
        name: owner,
        part: r.name.name,
        change: "added",
        text: `${where} added: ${requirementText(r)}`,
      });
      continue;
    }
    const part = r.name.name;
    if (str(previous.label) !== str(r.label))
      out.push({
        kind,
        name: owner,
        part,
        change: "changed",
        text: `${where} label ${show(previous.label)} → ${show(r.label)}`,
      });
    if (previous.condition && r.condition)
      out.push(...conditionChanges(kind, owner, where, previous.condition, r.condition).map((c) => ({ ...c, part })));
    else if (requirementText(previous) !== requirementText(r))
      out.push({
        kind,
        name: owner,
        part,
        change: "changed",
        text: `${where}: ${requirementText(previous)} → ${requirementText(r)}`,
      });
  }
  for (const r of before)
    if (!names.has(r.name.name))
      out.push({
        kind,
        name: owner,
        part: r.name.name,
        change: "removed",
        text: `requirement ${owner}.${r.name.name} removed`,
      });
  return out;
}

// ---------------------------------------------------------------- helpers

function conditionChanges(
  kind: SubjectKind,
  name: string,
  where: string,
  before: Parameters<typeof diffExpressions>[0],
  after: Parameters<typeof diffExpressions>[1],
): PolicyChange[] {
  const diff = diffExpressions(before, after);
  if (diff.kind === "same") return [];
  const pairs = diff.kind === "rewritten" ? [{ before: diff.before, after: diff.after }] : diff.changes;
  return pairs.map((c) => ({
    kind,
    name,
    change: "changed",
    text: `${where}: ${c.before} → ${c.after}`,
    from: c.before,
    to: c.after,
  }));
}

function labelChange(
  kind: SubjectKind,
  name: string,
  a: StringLiteral | undefined,
  b: StringLiteral | undefined,
): PolicyChange[] {
  return str(a) === str(b)
    ? []
    : [{ kind, name, change: "changed", text: `${kind} ${name} label ${show(a)} → ${show(b)}` }];
}

/** What an added declaration says, briefly, so the reviewer need not open the file. */
function summary(d: Named): string {
  const node = d as unknown as Declaration;
  switch (node.kind) {
    case "Rule":
    case "Disqualifier":
      return `: ${printExpression(node.condition)}`;
    case "Stage":
      return ` (owned by ${node.owner.name}; requires ${node.requirements.map((r) => r.name.name).join(", ") || "nothing"})`;
    case "Score":
      return ` (${node.lines.map((l) => l.name.name).join(", ")})`;
    case "Grade":
      return ` (${node.branches.map((b) => b.value.name).join(", ")})`;
    default:
      return "";
  }
}

/** `require agreed_to_meet` and `require agreed_to_meet: agreed_to_meet` mean the same, and print alike. */
function requirementText(r: Requirement): string {
  return r.condition ? printExpression(r.condition) : r.name.name;
}

function printLine(l: ScoreLine): string {
  const counted =
    l.mode === "per"
      ? `per ${l.list ? printExpression(l.list) : "?"}${l.filter ? ` where ${printExpression(l.filter)}` : ""}`
      : `if ${l.condition ? printExpression(l.condition) : "?"}`;
  const cap = l.cap ? `, at most ${l.cap.text}` : "";
  const d = decay(l);
  return `${l.points.text} ${counted}${cap}${d ? `, ${d}` : ""}`;
}

function decay(l: ScoreLine): string | undefined {
  return l.decay ? `${l.decay.mode} ${l.decay.days.text} days on ${printExpression(l.decay.dateField)}` : undefined;
}

function duration(d: Duration | undefined): string | undefined {
  return d ? `${d.amount.text} ${d.unit}` : undefined;
}

function str(s: StringLiteral | undefined): string | undefined {
  return s?.value;
}

function show(s: StringLiteral | undefined): string {
  return s ? quote(s.value) : "(none)";
}
