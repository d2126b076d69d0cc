import type { Diagnostic, SourceFile } from "@leadgate/language";
import type { DecisionChanges } from "../compare/decision-changes.js";
import type { Diff } from "../compare/structural-diff.js";
import type { PolicyCoverage } from "../coverage/coverage.js";

/**
 * What a run found, as plain data every reporter (human, JSON, JUnit, GitHub, vitest) renders.
 * Lines are 1-based; files are display paths (relative to the working directory).
 */

interface FailureBase {
  /** Line in the example file the failure points at. */
  readonly line: number;
  /** One line, plain text: what is wrong. */
  readonly message: string;
}

export type Failure =
  /** How the case is written: unknown key, missing `why`, duplicate name... The case did not run. */
  | (FailureBase & { readonly kind: "invalid-case" })
  /** The policy cannot be read or has errors. */
  | (FailureBase & {
      readonly kind: "policy";
      readonly policyFile: string;
      /** The policy's errors, one line each (`file:line:col - error LG2002: ...`). */
      readonly diagnostics: readonly string[];
    })
  /** The lead does not fit the policy's lead schema; `path` as in `company.employees`. */
  | (FailureBase & { readonly kind: "invalid-lead"; readonly path: string })
  /** The evaluator threw: a bug in leadgate, reported rather than crashing the run. */
  | (FailureBase & { readonly kind: "evaluation" })
  /** A hand-written `expect` the decision does not meet. */
  | (FailureBase & { readonly kind: "expectation" })
  | (FailureBase & { readonly kind: "snapshot-missing"; readonly goldenFile: string })
  | (FailureBase & {
      readonly kind: "snapshot-changed";
      readonly goldenFile: string;
      readonly goldenLine: number;
      readonly changes: DecisionChanges;
      readonly diff: Diff;
    });

export type FailureKind = Failure["kind"];

/** What happened to the case's golden snapshot. */
export type SnapshotOutcome = "matched" | "missing" | "changed" | "written" | "not-run";

export interface CaseResult {
  readonly file: string;
  readonly line: number;
  readonly name: string;
  readonly why: string;
  /** The policy's name, when the case named a readable policy. */
  readonly policy: string | null;
  readonly policyFile: string | null;
  readonly asOf: string | null;
  /** The decision's stage; undefined when the case did not get a decision. */
  readonly stage: string | null | undefined;
  readonly status: "passed" | "failed";
  readonly failures: readonly Failure[];
  readonly snapshot: SnapshotOutcome;
}

/** A file that could not be used: malformed YAML, wrong shape, unreadable. Counts as a failure. */
export interface FileProblem {
  readonly file: string;
  readonly line: number;
  readonly column?: number;
  readonly message: string;
}

/** A golden entry whose case no longer exists. Counts as a failure until `--update` removes it. */
export interface ObsoleteEntry {
  readonly goldenFile: string;
  readonly line: number;
  readonly name: string;
  /** The example file it belonged to (which may no longer exist). */
  readonly exampleFile: string;
}

export interface PolicyReport {
  readonly file: string;
  readonly name: string;
  readonly ok: boolean;
  /** Errors only: warnings are `leadgate check`'s business. */
  readonly errors: readonly Diagnostic[];
  readonly source?: SourceFile;
  /** Why its cases could not run, when not ok. */
  readonly message?: string;
}

export interface GoldenUpdate {
  readonly goldenFile: string;
  /** Case names whose entry was added or changed. */
  readonly written: readonly string[];
  /** Obsolete entries dropped. */
  readonly removed: readonly string[];
  /** True when the file was deleted because no entry was left. */
  readonly deleted: boolean;
}

export interface FileSummary {
  readonly file: string;
  readonly passed: number;
  readonly failed: number;
  /** Problems with the file itself. */
  readonly problems: number;
}

export interface TestReport {
  readonly files: readonly FileSummary[];
  readonly cases: readonly CaseResult[];
  readonly fileProblems: readonly FileProblem[];
  readonly obsolete: readonly ObsoleteEntry[];
  readonly policies: readonly PolicyReport[];
  /** Null unless coverage was asked for. */
  readonly coverage: readonly PolicyCoverage[] | null;
  readonly minCoverage: number | null;
  /** Policies below `minCoverage`. */
  readonly coverageBelowMinimum: readonly PolicyCoverage[];
  /** Null unless run with update. */
  readonly updates: readonly GoldenUpdate[] | null;
  readonly counts: {
    readonly passed: number;
    /** Failed cases plus file problems. */
    readonly failed: number;
    readonly obsolete: number;
    /** Cases left out by the filters. */
    readonly skipped: number;
  };
  /** No failure of any kind: the exit code is 0. */
  readonly ok: boolean;
}
