import { round2, type Decision, type RequirementResult, type ScoreResult } from "@leadgate/runtime";
import type { Outcome } from "./evaluate.js";

/**
 * One line saying why a lead changed stage: the first thing, in funnel order, whose result differs
 * between the versions, e.g. `MQL.engaged: passed → failed (engagement 45 → 38: email_opens −7)`.
 * A reviewer reads it next to the policy change that caused it.
 */
export function explainMove(before: Outcome, after: Outcome, rewritten: Rewritten = () => undefined): string {
  if (after.kind === "invalid") return `not valid for the new version: ${after.issues[0] ?? "invalid"}`;
  if (before.kind === "invalid") return `valid now; it was not: ${before.issues[0] ?? "invalid"}`;
  return explainDecisions(before.decision, after.decision, rewritten);
}

/**
 * How a requirement's condition changed between the versions (`engagement >= 40 → engagement >= 45`),
 * if it did: shown beside the values, so a lead that moved only because a threshold moved says so.
 */
export type Rewritten = (stage: string, requirement: string) => string | undefined;

function explainDecisions(before: Decision, after: Decision, rewritten: Rewritten): string {
  const disqualified = explainDisqualification(before, after);
  if (disqualified) return disqualified;
  const gate = explainGates(before, after, rewritten);
  if (gate) return gate;
  if ((before.override?.honoured ?? false) !== (after.override?.honoured ?? false)) {
    const override = after.override ?? before.override;
    const honoured = (d: Decision) => (d.override?.honoured ? "honoured" : "not honoured");
    return `override ${override?.name ?? ""}: ${honoured(before)} → ${honoured(after)}${firstFlip(before.override?.requirements, after.override?.requirements, `override`)}`;
  }
  const order = (d: Decision) => Object.keys(d.gates).join(", ");
  if (order(before) !== order(after)) return `stages reordered: ${order(before)} → ${order(after)}`;
  return "the decision's stage changed, though no gate did";
}

function explainDisqualification(before: Decision, after: Decision): string | undefined {
  const a = before.disqualified;
  const b = after.disqualified;
  if (a?.name === b?.name) return undefined;
  if (b) return `disqualified by ${b.name} (${b.reason})${a ? `, was by ${a.name}` : ""}`;
  return a ? `no longer disqualified by ${a.name} (${a.reason})` : undefined;
}

/** The first gate, in the new funnel order, whose status differs, and its first requirement that does. */
function explainGates(before: Decision, after: Decision, rewritten: Rewritten): string | undefined {
  const stages = [...Object.keys(after.gates), ...Object.keys(before.gates).filter((s) => !(s in after.gates))];
  for (const stage of stages) {
    const a = before.gates[stage];
    const b = after.gates[stage];
    if (!a && b) return `stage ${stage} added: its gate ${b.status} for this lead`;
    if (a && !b) return `stage ${stage} removed (its gate had ${a.status})`;
    if (!a || !b || a.status === b.status) continue;
    const detail = requirementFlip(stage, a.requirements, b.requirements, before, after, rewritten);
    return detail ?? `${stage}: ${a.status} → ${b.status}`;
  }
  return undefined;
}

function requirementFlip(
  stage: string,
  a: Readonly<Record<string, RequirementResult>>,
  b: Readonly<Record<string, RequirementResult>>,
  before: Decision,
  after: Decision,
  rewritten: Rewritten,
): string | undefined {
  const names = [...Object.keys(b), ...Object.keys(a).filter((n) => !(n in b))];
  for (const name of names) {
    const x = a[name];
    const y = b[name];
    const where = `${stage}.${name}`;
    if (!x && y) return `${where} (new requirement): ${y.status}${values(undefined, y, before, after)}`;
    if (x && !y) return `${where} (removed requirement): was ${x.status}`;
    if (x && y && x.status !== y.status)
      return `${where}: ${x.status} → ${y.status}${values(x, y, before, after, rewritten(stage, name))}`;
  }
  return undefined;
}

function firstFlip(
  a: Readonly<Record<string, RequirementResult>> | undefined,
  b: Readonly<Record<string, RequirementResult>> | undefined,
  owner: string,
): string {
  for (const [name, y] of Object.entries(b ?? {})) {
    const x = a?.[name];
    if (x && x.status !== y.status) return ` (${owner}.${name}: ${x.status} → ${y.status})`;
  }
  return "";
}

/**
 * The values the requirement looked at: those that changed as `old → new` (a score with the
 * lines that moved it), or all of them when none changed (the threshold moved instead).
 */
function values(
  x: RequirementResult | undefined,
  y: RequirementResult,
  before: Decision,
  after: Decision,
  condition?: string,
): string {
  const keys = Object.keys(y.values);
  const changed = keys.filter((k) => x && k in x.values && !same(x.values[k], y.values[k]));
  const shown = (changed.length > 0 ? changed : keys).slice(0, 3).map((key) => {
    const now = y.values[key];
    const old = x?.values[key];
    if (!changed.includes(key)) return `${key} ${show(now)}`;
    const parts = scoreParts(before.scores[key], after.scores[key]);
    return `${key} ${show(old)} → ${show(now)}${parts ? `: ${parts}` : ""}`;
  });
  if (condition !== undefined) shown.push(condition);
  return shown.length > 0 ? ` (${shown.join("; ")})` : "";
}

/** The score lines whose points changed, largest change first: `email_opens −7, demo +25`. */
function scoreParts(a: ScoreResult | undefined, b: ScoreResult | undefined): string {
  if (!a || !b) return "";
  const names = [...Object.keys(b.parts), ...Object.keys(a.parts).filter((n) => !(n in b.parts))];
  return names
    .map((name) => ({ name, delta: round2((b.parts[name]?.points ?? 0) - (a.parts[name]?.points ?? 0)) }))
    .filter((p) => p.delta !== 0)
    .sort((p, q) => Math.abs(q.delta) - Math.abs(p.delta))
    .map((p) => `${p.name} ${signed(p.delta)}`)
    .join(", ");
}

/** With a real minus sign, as a person would write a change of points. */
function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `\u2212${-n}` : "0";
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function show(value: unknown): string {
  if (value === null || value === undefined) return "missing";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
