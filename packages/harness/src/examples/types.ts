import type { Status } from "@leadgate/runtime";

/**
 * An example file as read from disk: its cases with everything the runner needs, and the problems
 * found while reading it. Lines are 1-based lines of the example file unless said otherwise.
 */

/** A value from `policy:` or `asOf:`, remembering where it was written: a case, its file or `_defaults.yaml`. */
export interface Setting<T> {
  readonly value: T;
  /** Display path of the file that set it. */
  readonly file: string;
  readonly line: number;
}

/** One thing a case's `expect` asserts about its decision. */
export type Assertion =
  | { readonly kind: "stage"; readonly line: number; readonly stage: string | null }
  | { readonly kind: "disqualified"; readonly line: number; readonly disqualifier: string | null }
  | { readonly kind: "score"; readonly line: number; readonly score: string; readonly total: number }
  | { readonly kind: "grade"; readonly line: number; readonly grade: string; readonly value: string | null }
  | { readonly kind: "rule"; readonly line: number; readonly rule: string; readonly value: boolean | null }
  | {
      readonly kind: "requirement";
      readonly line: number;
      readonly stage: string;
      readonly requirement: string;
      readonly status: Status;
    };

/** A problem with how a case or file is written: unknown key, missing `why`, wrong type. */
export interface WritingProblem {
  readonly line: number;
  readonly column?: number;
  readonly message: string;
}

export interface ExampleCase {
  readonly name: string;
  /** Line of the case's `- name:` item. */
  readonly line: number;
  readonly why: string;
  readonly policy: Setting<string> | undefined;
  readonly asOf: Setting<string> | undefined;
  readonly lead: unknown;
  readonly assertions: readonly Assertion[];
  /** When not empty, the case is not run: each problem is reported as a failure. */
  readonly problems: readonly WritingProblem[];
  /** The line of a value inside the lead, e.g. `["company", "employees"]`. */
  leadLine(path: readonly (string | number)[]): number;
}

export interface ExampleFile {
  /** Absolute path. */
  readonly path: string;
  /** Path as reports show it: relative to the working directory, forward slashes. */
  readonly display: string;
  /** Absolute path of the golden file beside it. */
  readonly goldenPath: string;
  readonly cases: readonly ExampleCase[];
  /** Problems with the file as a whole (unreadable, malformed YAML, wrong shape). */
  readonly problems: readonly WritingProblem[];
  /**
   * False when the file could not be read far enough to know its cases (malformed YAML): its
   * golden file is then neither checked for obsolete entries nor rewritten.
   */
  readonly casesKnown: boolean;
}
