import type { Decision } from "@leadgate/runtime";

/** What a golden file records of a decision. */
export type Snapshot = Readonly<Record<string, unknown>>;

/**
 * The decision as recorded in a golden file: everything `evaluate` returns, in its key order,
 * except `sourceHash`. The hash changes with any edit to the policy text, comments included, so
 * keeping it would rewrite every golden entry on every policy change and bury the entries whose
 * decision really changed, which are what a reviewer needs to see.
 */
export function snapshotOf(decision: Decision): Snapshot {
  const { sourceHash: _ignored, ...snapshot } = decision;
  return snapshot;
}
