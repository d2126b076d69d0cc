import type { PolicyChange } from "./semantic-diff.js";

export type BumpLevel = "none" | "patch" | "minor" | "major";

export interface Bump {
  readonly level: BumpLevel;
  readonly reasons: readonly string[];
}

export interface PolicyBumpInput {
  readonly name: string;
  readonly status: "added" | "removed" | "changed" | "unchanged";
  readonly changes: readonly PolicyChange[];
  /** Leads whose state differs between the versions. */
  readonly moved: number;
}

const RANK: Record<BumpLevel, number> = { none: 0, patch: 1, minor: 2, major: 3 };

/**
 * The semantic-version bump a criteria change calls for, as services that pin the criteria package
 * see it. Major: callers must change — a lead field removed, made required or added as required, a
 * type narrowed or an enum value removed (valid leads stop validating); a stage removed (code that
 * matches on it no longer compiles); a policy removed (its import is gone). Minor: decisions change
 * — any lead changes stage, or a policy is added. Patch: anything else that changes a policy file
 * (labels, a threshold no lead crosses, comments: the decisions' `sourceHash` changes).
 */
export function bumpFor(policy: PolicyBumpInput): Bump {
  if (policy.status === "unchanged") return { level: "none", reasons: [] };
  if (policy.status === "removed") return { level: "major", reasons: [`${policy.name}: policy removed`] };
  if (policy.status === "added") return { level: "minor", reasons: [`${policy.name}: new policy`] };
  const major = [
    ...policy.changes.filter((c) => c.kind === "lead" && c.breaking).map((c) => `${policy.name}: ${c.text}`),
    ...policy.changes
      .filter((c) => c.kind === "stage" && c.change === "removed" && c.part === undefined)
      .map((c) => `${policy.name}: stage ${c.name} removed`),
  ];
  if (major.length > 0) return { level: "major", reasons: major };
  if (policy.moved > 0)
    return {
      level: "minor",
      reasons: [`${policy.name}: ${policy.moved === 1 ? "1 lead changes" : `${policy.moved} leads change`} stage`],
    };
  return {
    level: "patch",
    reasons: [
      `${policy.name}: ${policy.changes.length > 0 ? "policy changed" : "policy text changed"}, no lead changes stage`,
    ],
  };
}

/** The highest of several bumps, with the reasons of every policy that calls for it. */
export function combineBumps(bumps: readonly Bump[]): Bump {
  const level = bumps.reduce<BumpLevel>((top, b) => (RANK[b.level] > RANK[top] ? b.level : top), "none");
  return { level, reasons: bumps.filter((b) => b.level === level && level !== "none").flatMap((b) => b.reasons) };
}

/** `1.4.2` bumped by `level`; undefined for a version that is not `X.Y.Z` (or a pre-release of one). */
export function bumpVersion(version: string, level: BumpLevel): string | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?$/.exec(version);
  if (!match) return undefined;
  const [major, minor, patch] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (level === "major") return `${major + 1}.0.0`;
  if (level === "minor") return `${major}.${minor + 1}.0`;
  if (level === "patch") return `${major}.${minor}.${patch + 1}`;
  return version;
}
