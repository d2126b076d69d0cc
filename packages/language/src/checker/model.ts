import type * as A from "../ast.js";
import type { Diagnostic } from "../diagnostics.js";
import type { Range, SourceFile } from "../source.js";
import type { Expression } from "../ast.js";
import type { FieldInfo, LgType, RecordType } from "./types.js";

/**
 * What the checker knows about a policy once names and types are resolved: the input of the
 * compiler and of any other tool that needs meaning rather than syntax.
 */

/** A lead field reached from the lead (scope 0) or from the item of the n-th enclosing list scope. */
export interface FieldRef {
  readonly kind: "field";
  readonly scope: number;
  readonly fields: readonly FieldInfo[];
  /** `company.employees` or, inside a list, `activities[].at`: how missing data is reported. */
  readonly displayPath: string;
  /** Display paths of the optional fields along the way: if any is absent the value is missing. */
  readonly optionalPaths: readonly string[];
}

export type Reference =
  | FieldRef
  | { readonly kind: "domain"; readonly field: FieldRef }
  | { readonly kind: "rule"; readonly name: string }
  | { readonly kind: "score"; readonly name: string }
  | { readonly kind: "grade"; readonly name: string }
  | { readonly kind: "member"; readonly value: string };

export interface ItemScope {
  readonly element: RecordType;
  /** `activities[]`, the prefix of display paths of the item's fields. */
  readonly displayPrefix: string;
  /** Optional fields along the list's own path. */
  readonly optionalPaths: readonly string[];
  /** 1 for a list scope opened at lead level, 2 inside one, and so on: the n in `it<n>`. */
  readonly depth: number;
}

export interface Computation {
  readonly kind: "rule" | "score" | "grade";
  readonly name: string;
  readonly declaration: A.RuleDeclaration | A.ScoreDeclaration | A.GradeDeclaration;
}

export interface CheckedPolicy {
  readonly source: SourceFile;
  readonly ast: A.PolicyFile;
  readonly header: A.PolicyHeader;
  readonly lead: RecordType;
  readonly records: ReadonlyMap<string, RecordType>;
  readonly rules: readonly A.RuleDeclaration[];
  readonly scores: readonly A.ScoreDeclaration[];
  readonly grades: readonly A.GradeDeclaration[];
  readonly disqualifiers: readonly A.DisqualifierDeclaration[];
  readonly stages: readonly A.StageDeclaration[];
  /** The policy's manual override, if it allows one. */
  readonly override: A.OverrideDeclaration | undefined;
  /** Rules, scores and grades in an order where each comes after everything it uses. */
  readonly evaluationOrder: readonly Computation[];
  readonly references: ReadonlyMap<A.PathExpression, Reference>;
  readonly types: ReadonlyMap<A.Expression, LgType>;
  /** For each requirement without a condition: what its name refers to. */
  readonly requirementTargets: ReadonlyMap<A.Requirement, Reference>;
  /** Item scopes opened by quantifiers and `per` score lines. */
  readonly itemScopes: ReadonlyMap<A.QuantifierExpression | A.ScoreLine, ItemScope>;
  /** Static bounds of each score's total. */
  readonly scoreBounds: ReadonlyMap<string, Bounds>;
  /** Optional lead fields a condition depends on (through rules and grades too), sorted. */
  optionalPaths(expression: Expression): readonly string[];
  /** The source text of a node, whitespace collapsed: how conditions are named in decisions. */
  text(node: { readonly range: Range }): string;
}

export interface Bounds {
  readonly min: number;
  readonly max: number;
}

export interface CheckResult {
  readonly diagnostics: readonly Diagnostic[];
  /** Present when there are no errors: only an error-free policy has a meaning to compile. */
  readonly policy?: CheckedPolicy;
}
