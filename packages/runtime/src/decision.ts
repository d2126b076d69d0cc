import type { Tri } from "./logic.js";
import type { ScorePart } from "./scoring.js";

/**
 * The shape of what a compiled evaluator returns. Generated `.d.ts` files narrow the string keys
 * to the policy's own stage, rule, score and grade names. May gain fields; never loses one
 * without a major version.
 */

export type Status = "passed" | "failed" | "missing";

export interface RequirementResult {
  label: string;
  status: Status;
  /** Optional lead fields the requirement needs and the lead lacks (only when `missing`). */
  missing: string[];
  /** The values the requirement looked at, keyed by how the policy writes them. */
  values: Record<string, unknown>;
}

export interface GateResult<Requirement extends string = string> {
  label: string;
  owner: string;
  status: Status;
  passed: Requirement[];
  failed: Requirement[];
  missing: Requirement[];
  requirements: Record<Requirement, RequirementResult>;
}

export interface ScoreResult<Line extends string = string> {
  total: number;
  /** The total was lowered to the score's `at most`. */
  capped: boolean;
  /** The total was raised to the score's `at least`. */
  floored: boolean;
  parts: Record<Line, ScorePart>;
}

/** A manual override the lead asked for, and whether the policy's conditions for it were met. */
export interface OverrideResult<Stage extends string = string> {
  name: string;
  label: string;
  /** The stage the lead names. */
  stage: Stage;
  /** True when every requirement passed and the lead is not disqualified: `stage` is then the decision's stage. */
  honoured: boolean;
  /** The stage the gates alone would give. */
  stageFromGates: Stage | null;
  status: Status;
  passed: string[];
  failed: string[];
  missing: string[];
  requirements: Record<string, RequirementResult>;
}

export interface FollowUp<Stage extends string = string> {
  stage: Stage;
  within: { amount: number; unit: "hours" | "days" | "weeks" };
}

export interface Decision<
  Stage extends string = string,
  Rule extends string = string,
  Score extends string = string,
  Grades extends Record<string, string> = Record<string, string>,
  Disqualifier extends string = string,
> {
  policy: string;
  version: string;
  sourceHash: string;
  asOf: string;
  stage: Stage | null;
  disqualified: { name: Disqualifier; reason: string } | null;
  disqualifiers: Record<Disqualifier, Tri>;
  gates: Record<Stage, GateResult>;
  scores: Record<Score, ScoreResult>;
  rules: Record<Rule, Tri>;
  grades: { [G in keyof Grades]: Grades[G] | null };
  followUp: FollowUp<Stage> | null;
  /** Null when the policy has no override or the lead asks for none. */
  override: OverrideResult<Stage> | null;
}

export interface PolicyInfo<Stage extends string = string> {
  name: string;
  title: string;
  version: string;
  sourceHash: string;
  owners: ReadonlyArray<{ name: string; handles: readonly string[] }>;
  stages: ReadonlyArray<{ name: Stage; label: string; owner: string }>;
  reviewed: string;
  reviewEvery: { amount: number; unit: string };
}

export function statusOf(value: Tri): Status {
  return value === true ? "passed" : value === false ? "failed" : "missing";
}

/** A gate passes when every requirement passes, fails when any fails, and is missing otherwise. */
export function gateStatus(values: readonly Tri[]): Status {
  let missing = false;
  for (const value of values) {
    if (value === false) return "failed";
    if (value === null) missing = true;
  }
  return missing ? "missing" : "passed";
}

/**
 * A gate's (or the override's) status and the names of its requirements by outcome, in one pass:
 * what the decision reports for each gate. `names` are in requirement order; so are the lists.
 */
export function gateOf<Name extends string>(
  values: readonly Tri[],
  names: readonly Name[],
): { status: Status; passed: Name[]; failed: Name[]; missing: Name[] } {
  const passed: Name[] = [];
  const failed: Name[] = [];
  const missing: Name[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    (value === true ? passed : value === false ? failed : missing).push(names[i]!);
  }
  const status: Status = failed.length > 0 ? "failed" : missing.length > 0 ? "missing" : "passed";
  return { status, passed, failed, missing };
}

/** The optional fields among `paths` that the lead lacks. `present` holds a presence test per path. */
export function missingOf(
  lead: unknown,
  paths: readonly string[],
  present: ReadonlyMap<string, (lead: never) => boolean>,
): string[] {
  if (paths.length === 1) {
    // The usual case, one optional field, without the general case's temporary lists.
    const test = present.get(paths[0]!);
    return test !== undefined && !test(lead as never) ? [paths[0]!] : [];
  }
  const absent = paths.filter((path) => {
    const test = present.get(path);
    return test !== undefined && !test(lead as never);
  });
  // When `company` is missing, `company.size` is too; naming the outermost is enough.
  return absent.filter(
    (path) =>
      !absent.some((other) => other !== path && (path.startsWith(`${other}.`) || path.startsWith(`${other}[]`))),
  );
}

/** The names of the requirements whose value has the given status, in gate order. */
export function namesWith<Name extends string>(status: Status, values: readonly Tri[], names: readonly Name[]): Name[] {
  const out: Name[] = [];
  for (let i = 0; i < values.length; i++) if (statusOf(values[i] ?? null) === status) out.push(names[i]!);
  return out;
}

/** The follow-up agreed for the reached stage, as a fresh object the caller may keep. */
export function followUpOf<Stage extends string>(
  stage: Stage | null,
  followUps: ReadonlyMap<string, { amount: number; unit: FollowUp["within"]["unit"] }>,
): FollowUp<Stage> | null {
  const within = stage === null ? undefined : followUps.get(stage);
  return within === undefined || stage === null
    ? null
    : { stage, within: { amount: within.amount, unit: within.unit } };
}
