import type { Stats } from "./score-shift.js";
import type { ImpactReport, PolicyReport } from "./report.js";

/** Words and numbers every human-readable format uses alike, so text, markdown and HTML agree. */

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** `42.1 → 40.3`, or one number when it did not move; `–` where a version has no such score. */
export function shift(before: Stats | null, after: Stats | null, key: keyof Omit<Stats, "count">): string {
  const a = before ? String(before[key]) : "–";
  const b = after ? String(after[key]) : "–";
  return a === b ? a : `${a} → ${b}`;
}

export function headline(report: ImpactReport): string {
  const s = report.summary;
  const moved =
    s.moved === 0 ? "no lead changes stage" : `${plural(s.moved, "lead")} change${s.moved === 1 ? "s" : ""} stage`;
  return `${plural(s.changedPolicies, "policy", "policies")} changed of ${s.policies}; ${plural(s.evaluated, "lead")} evaluated, ${moved}`;
}

export function versionLine(policy: PolicyReport): string {
  const { before, after, suggested } = policy.version;
  if (policy.status === "added") return `new policy${after ? `, version ${after}` : ""}`;
  if (policy.status === "removed") return `removed${before ? ` (was version ${before})` : ""}`;
  const versions = before === after ? `version ${after ?? "?"}` : `version ${before ?? "?"} → ${after ?? "?"}`;
  const suggest =
    policy.status === "changed" && suggested !== null && suggested !== after ? ` (suggested ${suggested})` : "";
  return `${versions}${suggest}`;
}

export function bumpLine(report: ImpactReport): string {
  const target = report.bump.package ?? "the criteria package";
  return report.bump.level === "none"
    ? `No version bump: no policy changed.`
    : `Suggested version bump for ${target}: ${report.bump.level}`;
}

/** How a change is marked in lists: added, removed, changed, reordered. */
export const MARK = { added: "+", removed: "-", changed: "~", reordered: "↕" } as const;
