import type { Range } from "./source.js";

/**
 * The syntax tree of a policy file. Nodes carry only what was written (names, literals, ranges);
 * what names refer to and what types expressions have is the checker's job (see checker/).
 */

export interface Identifier {
  readonly kind: "Identifier";
  readonly name: string;
  readonly range: Range;
}

export interface StringLiteral {
  readonly kind: "String";
  readonly value: string;
  readonly range: Range;
}

export interface NumberLiteral {
  readonly kind: "Number";
  readonly value: number;
  /** Written without a decimal point. */
  readonly integer: boolean;
  readonly text: string;
  readonly range: Range;
}

export interface DateLiteral {
  readonly kind: "Date";
  /** ISO `YYYY-MM-DD`. */
  readonly value: string;
  readonly range: Range;
}

export interface BooleanLiteral {
  readonly kind: "Boolean";
  readonly value: boolean;
  readonly range: Range;
}

/** `company.industry`, `email.domain`, `target_market`, `vp`: what it names is resolved by the checker. */
export interface PathExpression {
  readonly kind: "Path";
  readonly segments: readonly Identifier[];
  readonly range: Range;
}

export type Literal = StringLiteral | NumberLiteral | DateLiteral | BooleanLiteral;

export type CompareOperator = "=" | "!=" | "<" | "<=" | ">" | ">=";
export type TimeUnit = "days" | "weeks" | "months";
export type Quantifier = "any" | "all" | "no" | "count";
export type TextMatchOperator = "contains" | "starts with" | "ends with";

export interface LogicalExpression {
  readonly kind: "Logical";
  readonly operator: "and" | "or";
  readonly operands: readonly Expression[];
  readonly range: Range;
}

export interface NotExpression {
  readonly kind: "Not";
  readonly operand: Expression;
  readonly range: Range;
}

export interface CompareExpression {
  readonly kind: "Compare";
  readonly operator: CompareOperator;
  readonly left: Expression;
  readonly right: Expression;
  readonly range: Range;
}

export interface InExpression {
  readonly kind: "In";
  readonly negated: boolean;
  readonly operand: Expression;
  readonly items: readonly Expression[];
  readonly range: Range;
}

/** `title is missing` / `title is present`. */
export interface PresenceExpression {
  readonly kind: "Presence";
  readonly present: boolean;
  readonly operand: Expression;
  readonly range: Range;
}

/** `at within 90 days` (0 ≤ age ≤ 90) or `at older than 90 days` (age > 90). */
export interface WindowExpression {
  readonly kind: "Window";
  readonly mode: "within" | "older than";
  readonly operand: Expression;
  readonly amount: NumberLiteral;
  readonly unit: TimeUnit;
  readonly range: Range;
}

export interface TextMatchExpression {
  readonly kind: "TextMatch";
  readonly operator: TextMatchOperator;
  readonly operand: Expression;
  readonly pattern: Expression;
  readonly range: Range;
}

/** `any activities where kind = demo_request`, `all contacts where engaged have seniority in [vp]`. */
export interface QuantifierExpression {
  readonly kind: "Quantifier";
  readonly quantifier: Quantifier;
  readonly list: PathExpression;
  /** The `where` condition: items that do not satisfy it are ignored. */
  readonly filter?: Expression;
  /** Only for `all ... have <condition>`. */
  readonly predicate?: Expression;
  readonly range: Range;
}

/** `days since last_contacted`: whole days from the date to the evaluation date. */
export interface DaysSinceExpression {
  readonly kind: "DaysSince";
  readonly operand: Expression;
  readonly range: Range;
}

export interface ParenthesizedExpression {
  readonly kind: "Parenthesized";
  readonly expression: Expression;
  readonly range: Range;
}

export type Expression =
  | Literal
  | PathExpression
  | LogicalExpression
  | NotExpression
  | CompareExpression
  | InExpression
  | PresenceExpression
  | WindowExpression
  | TextMatchExpression
  | QuantifierExpression
  | DaysSinceExpression
  | ParenthesizedExpression;

// ---------------------------------------------------------------- types of lead fields

export interface NamedTypeExpression {
  readonly kind: "NamedType";
  /** A primitive (`text`, `email`, `integer`, `number`, `boolean`, `date`) or a `record` name. */
  readonly name: Identifier;
  readonly range: Range;
}

export interface EnumTypeExpression {
  readonly kind: "EnumType";
  readonly members: readonly Identifier[];
  readonly range: Range;
}

export interface RecordTypeExpression {
  readonly kind: "RecordType";
  readonly fields: readonly FieldDeclaration[];
  readonly range: Range;
}

export interface ListTypeExpression {
  readonly kind: "ListType";
  readonly element: NamedTypeExpression | RecordTypeExpression;
  readonly range: Range;
}

export type TypeExpression = NamedTypeExpression | EnumTypeExpression | RecordTypeExpression | ListTypeExpression;

export interface FieldDeclaration {
  readonly kind: "Field";
  readonly name: Identifier;
  readonly type: TypeExpression;
  readonly optional: boolean;
  readonly range: Range;
}

// ---------------------------------------------------------------- declarations

export interface OwnerDeclaration {
  readonly kind: "Owner";
  readonly name: Identifier;
  readonly handles: readonly StringLiteral[];
  readonly range: Range;
}

export interface Duration {
  readonly amount: NumberLiteral;
  readonly unit: "hours" | TimeUnit;
  readonly range: Range;
}

export interface PolicyHeader {
  readonly kind: "PolicyHeader";
  readonly name: Identifier;
  readonly title?: StringLiteral;
  readonly version?: StringLiteral;
  readonly owners: readonly OwnerDeclaration[];
  readonly reviewed?: DateLiteral;
  readonly reviewEvery?: Duration;
  readonly range: Range;
}

/** `lead { ... }` (name `lead`) or `record activity { ... }`. */
export interface RecordDeclaration {
  readonly kind: "Record";
  readonly name: Identifier;
  readonly isLead: boolean;
  readonly fields: readonly FieldDeclaration[];
  readonly range: Range;
}

export interface RuleDeclaration {
  readonly kind: "Rule";
  readonly name: Identifier;
  readonly label?: StringLiteral;
  readonly condition: Expression;
  readonly range: Range;
}

export interface Decay {
  /** `half-life 30 days on at`: points × 0.5^(age / 30). `half after 60 days on at`: points × 0.5 once age > 60. */
  readonly mode: "half-life" | "half after";
  readonly days: NumberLiteral;
  readonly dateField: PathExpression;
  readonly range: Range;
}

export interface ScoreLine {
  readonly kind: "ScoreLine";
  readonly name: Identifier;
  readonly label?: StringLiteral;
  readonly points: NumberLiteral;
  /** `per`: points for each list item matching `filter`; `if`: points once when `condition` holds. */
  readonly mode: "per" | "if";
  readonly list?: PathExpression;
  readonly filter?: Expression;
  readonly condition?: Expression;
  readonly cap?: NumberLiteral;
  readonly decay?: Decay;
  readonly range: Range;
}

export interface ScoreDeclaration {
  readonly kind: "Score";
  readonly name: Identifier;
  readonly label?: StringLiteral;
  readonly cap?: NumberLiteral;
  readonly floor?: NumberLiteral;
  readonly lines: readonly ScoreLine[];
  readonly range: Range;
}

export interface GradeBranch {
  readonly kind: "GradeBranch";
  readonly value: Identifier;
  readonly label?: StringLiteral;
  /** Absent for the `otherwise` branch. */
  readonly condition?: Expression;
  readonly range: Range;
}

export interface GradeDeclaration {
  readonly kind: "Grade";
  readonly name: Identifier;
  readonly label?: StringLiteral;
  readonly branches: readonly GradeBranch[];
  readonly range: Range;
}

export interface DisqualifierDeclaration {
  readonly kind: "Disqualifier";
  readonly name: Identifier;
  readonly reason: StringLiteral;
  readonly condition: Expression;
  readonly range: Range;
}

export interface Requirement {
  readonly kind: "Requirement";
  readonly name: Identifier;
  readonly label?: StringLiteral;
  /** Absent when the requirement names a rule or boolean field: `require agreed_to_meet`. */
  readonly condition?: Expression;
  readonly range: Range;
}

export interface StageDeclaration {
  readonly kind: "Stage";
  readonly name: Identifier;
  readonly label?: StringLiteral;
  readonly owner: Identifier;
  readonly followUp?: Duration;
  readonly requirements: readonly Requirement[];
  readonly range: Range;
}

/**
 * A manual override: when the lead names a stage in the `stage` field and every requirement
 * passes (typically a reason and an approver), the lead is put in that stage whatever the gates say.
 */
export interface OverrideDeclaration {
  readonly kind: "Override";
  readonly name: Identifier;
  readonly label?: StringLiteral;
  readonly stage: Expression;
  readonly requirements: readonly Requirement[];
  readonly range: Range;
}

export type Declaration =
  | OverrideDeclaration
  | PolicyHeader
  | RecordDeclaration
  | RuleDeclaration
  | ScoreDeclaration
  | GradeDeclaration
  | DisqualifierDeclaration
  | StageDeclaration;

export interface Comment {
  readonly text: string;
  readonly range: Range;
}

export interface PolicyFile {
  readonly kind: "PolicyFile";
  readonly declarations: readonly Declaration[];
  readonly comments: readonly Comment[];
  readonly range: Range;
}
