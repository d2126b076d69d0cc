import type { Outcome } from "./evaluate.js";

/**
 * Where a lead ends up: a stage name, or one of these. Stage names are identifiers, so the
 * parentheses keep these apart from any stage a policy may declare (even one called `none`).
 */
export const NONE = "(none)";
export const DISQUALIFIED = "(disqualified)";
export const INVALID = "(invalid)";

export function stateOf(outcome: Outcome): string {
  if (outcome.kind === "invalid") return INVALID;
  if (outcome.decision.disqualified) return DISQUALIFIED;
  return outcome.decision.stage ?? NONE;
}

/** How human-readable reports write a state. */
export function stateLabel(state: string): string {
  return state === NONE ? "none" : state === DISQUALIFIED ? "disqualified" : state === INVALID ? "invalid" : state;
}

/**
 * The states of a matrix or funnel, from worst to best: invalid (only when some lead is), then
 * disqualified, no stage, and the stages in funnel order (the new order, then stages that were
 * removed, in the old order).
 */
export function stateOrder(before: readonly string[], after: readonly string[], anyInvalid: boolean): string[] {
  const stages = [...after, ...before.filter((s) => !after.includes(s))];
  return [...(anyInvalid ? [INVALID] : []), DISQUALIFIED, NONE, ...stages];
}
