import type { Snapshot } from "../golden/snapshot.js";
import { unionKeys, valueAt } from "./values.js";

/** `SQL.timeframe: passed → missing`. `undefined` when the requirement does not exist on that side. */
export interface RequirementFlip {
  readonly requirement: string;
  readonly before: string | undefined;
  readonly after: string | undefined;
}

/** `engagement.demo: 30 → 0` (a part), or `engagement: 86.9 → 56.9` (the total, `part` undefined). */
export interface ScoreDelta {
  readonly score: string;
  readonly part?: string;
  readonly before: number | undefined;
  readonly after: number | undefined;
}

/** What a reviewer reads first when a decision differs from its snapshot. */
export interface DecisionChanges {
  readonly stage: { readonly before: string | null | undefined; readonly after: string | null };
  readonly disqualified?: { readonly before: string | null | undefined; readonly after: string | null };
  readonly flips: readonly RequirementFlip[];
  readonly scoreDeltas: readonly ScoreDelta[];
}

/**
 * The changes that matter between a recorded snapshot and the new decision. The snapshot was
 * parsed from YAML a person could have edited, so it is read defensively, never trusted to be a
 * Decision.
 */
export function decisionChanges(snapshot: unknown, actual: Snapshot): DecisionChanges {
  const stage = { before: stageOf(snapshot), after: stageOf(actual) ?? null };
  const disqualified = { before: disqualifierOf(snapshot), after: disqualifierOf(actual) ?? null };
  return {
    stage,
    ...(disqualified.before !== disqualified.after ? { disqualified } : {}),
    flips: requirementFlips(snapshot, actual),
    scoreDeltas: scoreDeltas(snapshot, actual),
  };
}

function stageOf(decision: unknown): string | null | undefined {
  const stage = valueAt(decision, "stage");
  return typeof stage === "string" || stage === null ? stage : undefined;
}

function disqualifierOf(decision: unknown): string | null | undefined {
  const disqualified = valueAt(decision, "disqualified");
  if (disqualified === null) return null;
  const name = valueAt(disqualified, "name");
  return typeof name === "string" ? name : undefined;
}

function requirementFlips(snapshot: unknown, actual: unknown): RequirementFlip[] {
  const flips: RequirementFlip[] = [];
  const gatesBefore = valueAt(snapshot, "gates");
  const gatesAfter = valueAt(actual, "gates");
  for (const stage of unionKeys(gatesBefore, gatesAfter)) {
    const before = valueAt(gatesBefore, stage, "requirements");
    const after = valueAt(gatesAfter, stage, "requirements");
    for (const requirement of unionKeys(before, after)) {
      const was = text(valueAt(before, requirement, "status"));
      const is = text(valueAt(after, requirement, "status"));
      if (was !== is) flips.push({ requirement: `${stage}.${requirement}`, before: was, after: is });
    }
  }
  return flips;
}

function scoreDeltas(snapshot: unknown, actual: unknown): ScoreDelta[] {
  const deltas: ScoreDelta[] = [];
  const scoresBefore = valueAt(snapshot, "scores");
  const scoresAfter = valueAt(actual, "scores");
  for (const score of unionKeys(scoresBefore, scoresAfter)) {
    const partsBefore = valueAt(scoresBefore, score, "parts");
    const partsAfter = valueAt(scoresAfter, score, "parts");
    for (const part of unionKeys(partsBefore, partsAfter)) {
      const before = number(valueAt(partsBefore, part, "points"));
      const after = number(valueAt(partsAfter, part, "points"));
      if (before !== after) deltas.push({ score, part, before, after });
    }
    const before = number(valueAt(scoresBefore, score, "total"));
    const after = number(valueAt(scoresAfter, score, "total"));
    if (before !== after) deltas.push({ score, before, after });
  }
  return deltas;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function number(value: unknown): number | undefined {
  return typeof value === "number" ? value : undefined;
}
