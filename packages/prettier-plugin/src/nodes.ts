import type * as L from "@leadgate/language";

/**
 * The tree the printer walks: the language's AST, plus a few wrapper nodes for syntax the AST
 * folds into its parent (header entries, score limits, score line modifiers, an override's
 * `stage:` line). Wrappers give those parts a range that covers their keyword, so a comment
 * written before `version "1.4.0"` can be attached to the whole entry and printed before it.
 *
 * Everything the printer prints is in source order: the formatter lays text out, it never
 * reorders what was written.
 */

/** A `#` comment as prettier handles it: `value` is the text including `#`. */
export interface GateComment {
  readonly kind: "Comment";
  readonly value: string;
  readonly range: L.Range;
  // Set by prettier while attaching and printing comments.
  placement?: "ownLine" | "endOfLine" | "remaining";
  leading?: boolean;
  trailing?: boolean;
  printed?: boolean;
  marker?: string;
}

/** `version "1.4.0"`, `reviewed 2026-09-15` or `review every 6 months`. */
export interface HeaderEntry {
  readonly kind: "HeaderEntry";
  readonly keyword: "version" | "reviewed" | "review every";
  readonly value: L.StringLiteral | L.DateLiteral | L.Duration;
  readonly range: L.Range;
}

export interface PrintHeader extends Omit<L.PolicyHeader, "version" | "owners" | "reviewed" | "reviewEvery"> {
  /** Entries in source order: version, owners, reviewed and review every, as written. */
  readonly entries: ReadonlyArray<HeaderEntry | L.OwnerDeclaration>;
}

/** `at most 100` or `at least 0` in a score's header. */
export interface ScoreLimit {
  readonly kind: "ScoreLimit";
  readonly which: "at most" | "at least";
  readonly value: L.NumberLiteral;
  readonly range: L.Range;
}

export interface PrintScore extends Omit<L.ScoreDeclaration, "cap" | "floor" | "lines"> {
  readonly limits: readonly ScoreLimit[];
  readonly lines: readonly PrintScoreLine[];
}

/** `, at most 24` after a score line. */
export interface CapModifier {
  readonly kind: "Cap";
  readonly value: L.NumberLiteral;
  readonly range: L.Range;
}

/** `, half-life 45 days on at` or `, half after 60 days on at` after a score line. */
export interface DecayModifier extends L.Decay {
  readonly kind: "Decay";
}

export interface PrintScoreLine {
  readonly kind: "ScoreLine";
  readonly name: L.Identifier;
  readonly label?: L.StringLiteral;
  readonly body: ScoreBody;
  readonly range: L.Range;
}

/**
 * Everything after `name "label":` in a score line: the points, what they are for, and the
 * modifiers. A node of its own so that it can move to its own line as a whole, with a comment
 * written before it.
 */
export interface ScoreBody {
  readonly kind: "ScoreBody";
  readonly points: L.NumberLiteral;
  readonly mode: "per" | "if";
  readonly list?: L.PathExpression;
  readonly filter?: L.Expression;
  readonly condition?: L.Expression;
  /** `at most` and decay, in source order. */
  readonly modifiers: ReadonlyArray<CapModifier | DecayModifier>;
  readonly range: L.Range;
}

/** `stage: override.stage`, the first line of an override. */
export interface OverrideStage {
  readonly kind: "OverrideStage";
  readonly value: L.Expression;
  readonly range: L.Range;
}

export interface PrintOverride extends Omit<L.OverrideDeclaration, "stage" | "requirements"> {
  readonly entries: ReadonlyArray<OverrideStage | L.Requirement>;
}

export type PrintDeclaration =
  | PrintHeader
  | L.RecordDeclaration
  | L.RuleDeclaration
  | PrintScore
  | L.GradeDeclaration
  | L.DisqualifierDeclaration
  | L.StageDeclaration
  | PrintOverride;

export interface GateFile {
  readonly kind: "GateFile";
  readonly declarations: readonly PrintDeclaration[];
  /** Handed to prettier, which attaches each comment to a node and then deletes this property. */
  comments?: GateComment[];
  readonly range: L.Range;
  /** Where each block's `{` is, by block node: comments right after it stay there. */
  readonly openBraces: WeakMap<object, number>;
}

export type GateNode =
  | GateFile
  | PrintDeclaration
  | HeaderEntry
  | L.OwnerDeclaration
  | ScoreLimit
  | PrintScoreLine
  | ScoreBody
  | CapModifier
  | DecayModifier
  | L.GradeBranch
  | L.Requirement
  | OverrideStage
  | L.FieldDeclaration
  | L.TypeExpression
  | L.Expression
  | L.Identifier
  | GateComment;

/** Every node kind that has a block `{ ... }` of entries. */
export type BlockNode =
  | PrintHeader
  | L.RecordDeclaration
  | L.RecordTypeExpression
  | PrintScore
  | L.GradeDeclaration
  | L.StageDeclaration
  | PrintOverride;

export function locStart(node: { readonly range: L.Range }): number {
  return node.range.start.offset;
}

export function locEnd(node: { readonly range: L.Range }): number {
  return node.range.end.offset;
}
