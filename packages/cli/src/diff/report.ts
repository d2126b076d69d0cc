import type { Approval } from "./approvals.js";
import type { Bump, BumpLevel } from "./bump.js";
import type { LeadRef, UnreadableLead } from "./leads.js";
import type { ScoreShift } from "./score-shift.js";
import type { PolicyChange } from "./semantic-diff.js";
import type { FunnelRow, Transition } from "./transitions.js";

/**
 * The change-impact report: everything `leadgate diff` found, in the shape `--format json` prints
 * (documented in docs/guides/ci.md). Every list is in a stable order, so the same two versions
 * always give the same report. The other formats are views of this.
 */
export const REPORT_FORMAT_VERSION = 1;

export interface ImpactReport {
  readonly formatVersion: typeof REPORT_FORMAT_VERSION;
  readonly base: VersionInfo;
  readonly head: VersionInfo;
  readonly inputs: {
    /** Folders the example cases were read from (at the head version). */
    readonly examples: readonly string[];
    readonly corpus: string | null;
    /** The date corpus leads were evaluated as of; example cases use their own `asOf`. */
    readonly corpusAsOf: string | null;
  };
  readonly summary: {
    readonly policies: number;
    readonly changedPolicies: number;
    /** Lead evaluations compared (a corpus record counts once per policy). */
    readonly evaluated: number;
    readonly moved: number;
    readonly invalid: number;
    readonly unreadable: number;
  };
  readonly bump: { readonly package: string | null; readonly level: BumpLevel; readonly reasons: readonly string[] };
  readonly approvals: readonly Approval[];
  readonly policies: readonly PolicyReport[];
  /** Example cases and corpus records that could not be read at all. */
  readonly unreadable: readonly UnreadableLead[];
}

export interface VersionInfo {
  /** The git ref as given; null for the work tree. */
  readonly ref: string | null;
  readonly commit: string | null;
  readonly label: string;
}

export interface PolicyReport {
  /** The policy file, relative to the working directory. */
  readonly path: string;
  readonly name: string;
  readonly status: "changed" | "unchanged" | "added" | "removed";
  /** The header's version before and after, and what the bump suggests after. */
  readonly version: {
    readonly before: string | null;
    readonly after: string | null;
    readonly suggested: string | null;
  };
  /** Errors in each version; a version with errors cannot be evaluated (`leadgate check` shows them). */
  readonly errors: { readonly before: number; readonly after: number };
  readonly changes: readonly PolicyChange[];
  readonly bump: Bump;
  /** Leads evaluated with both versions. */
  readonly evaluated: number;
  /** The states of the matrix and funnel, worst to best: see states.ts. */
  readonly states: readonly string[];
  readonly transitions: readonly Transition[];
  readonly funnel: readonly FunnelRow[];
  readonly scores: readonly ScoreShift[];
  readonly moved: readonly MovedLead[];
  readonly invalid: readonly InvalidLead[];
}

export interface MovedLead {
  readonly lead: LeadRef;
  readonly from: string;
  readonly to: string;
  /** The first requirement, score line or disqualifier that explains the move. */
  readonly why: string;
}

/** A lead one or both versions reject; the issues per version, null where it was valid. */
export interface InvalidLead {
  readonly lead: LeadRef;
  readonly before: readonly string[] | null;
  readonly after: readonly string[] | null;
}
