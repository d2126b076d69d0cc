import { decisionChanges } from "../compare/decision-changes.js";
import { diffValues } from "../compare/structural-diff.js";
import { deepEqual } from "../compare/values.js";
import type { Failure, SnapshotOutcome } from "../run/results.js";
import { parseGoldenEntry, type GoldenEntry } from "./golden-file.js";
import type { Snapshot } from "./snapshot.js";

export interface SnapshotComparison {
  readonly outcome: SnapshotOutcome;
  readonly failure?: Failure;
}

interface Compared {
  /** Line of the case in its example file. */
  readonly caseLine: number;
  readonly goldenFile: string;
  /** The case's entry in the golden file, if it has one. */
  readonly entry: GoldenEntry | undefined;
  /** The entry the decision renders to, and the decision. */
  readonly entryText: string;
  readonly snapshot: Snapshot;
  readonly update: boolean;
}

/**
 * Compares a decision with its golden entry. Text first: the writer is deterministic, so the
 * usual unchanged entry matches byte for byte without parsing YAML. An entry that only looks
 * different (reformatted by hand or by a formatter) still matches if it holds the same decision.
 * In update mode anything but identical text is (re)written.
 */
export function compareSnapshot(c: Compared): SnapshotComparison {
  const { entry } = c;
  if (entry?.text === c.entryText) return { outcome: "matched" };
  if (c.update) return { outcome: "written" };
  if (entry === undefined) {
    return {
      outcome: "missing",
      failure: {
        kind: "snapshot-missing",
        line: c.caseLine,
        goldenFile: c.goldenFile,
        message: `no snapshot in ${c.goldenFile}; run \`leadgate test --update\` to record it`,
      },
    };
  }
  const recorded = parseGoldenEntry(entry);
  if (recorded.ok && deepEqual(recorded.snapshot, c.snapshot)) return { outcome: "matched" };
  const before = recorded.ok ? recorded.snapshot : undefined;
  const where = `${c.goldenFile}:${entry.line}`;
  return {
    outcome: "changed",
    failure: {
      kind: "snapshot-changed",
      line: c.caseLine,
      goldenFile: c.goldenFile,
      goldenLine: entry.line,
      message: recorded.ok
        ? `the decision differs from the snapshot in ${where}`
        : `the snapshot in ${where} is not valid YAML (${recorded.message})`,
      changes: decisionChanges(before, c.snapshot),
      diff: diffValues(before, c.snapshot),
    },
  };
}
