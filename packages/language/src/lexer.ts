import type { TokenType } from "chevrotain";
import { createToken, Lexer } from "./chevrotain.js";

/**
 * Tokens of the policy language. Keywords are matched whole-word (`longer_alt: Identifier`), so
 * `owner_team` is one identifier. "Soft" keywords also belong to the Identifier category: they only
 * mean something in one place (`at most`, `version "1.0"`) and stay usable as field names elsewhere
 * (a field may be called `at` or `version`).
 */

export const Identifier = createToken({ name: "Identifier", pattern: /[A-Za-z_][A-Za-z0-9_]*/, label: "a name" });

function keyword(word: string, soft = false): TokenType {
  return createToken({
    name: word === "half-life" ? "HalfLife" : word[0]!.toUpperCase() + word.slice(1),
    pattern: word === "half-life" ? /half-life/ : new RegExp(`${word}(?![A-Za-z0-9_])`),
    longer_alt: Identifier,
    label: `'${word}'`,
    ...(soft ? { categories: [Identifier] } : {}),
  });
}

// Declaration keywords are soft: they only start a declaration at the top level, so a lead may
// have fields named `stage`, `score` or `grade`. The others are reserved everywhere.
export const Policy = keyword("policy");
export const Lead = keyword("lead");
export const Record = keyword("record", true);
export const Rule = keyword("rule", true);
export const Score = keyword("score", true);
export const Grade = keyword("grade", true);
export const Disqualify = keyword("disqualify");
export const Stage = keyword("stage", true);
export const Require = keyword("require");
export const And = keyword("and");
export const Or = keyword("or");
export const Not = keyword("not");
export const In = keyword("in");
export const Any = keyword("any");
export const All = keyword("all");
export const No = keyword("no");
export const Count = keyword("count");
export const Where = keyword("where");
export const If = keyword("if");
export const Is = keyword("is");
export const Within = keyword("within");
export const Older = keyword("older");
export const True = keyword("true");
export const False = keyword("false");
export const Contains = keyword("contains");
export const Starts = keyword("starts");
export const Ends = keyword("ends");
export const Since = keyword("since");
export const Otherwise = keyword("otherwise");
// "days" starts the `days since <date>` expression, so it cannot double as a name.
export const Days = createToken({
  name: "Days",
  pattern: /days?(?![A-Za-z0-9_])/,
  longer_alt: Identifier,
  label: "'days'",
});

// `half-life` must be tried before the `half` keyword.
// `half-life` cannot be a name: it is not an identifier in generated code.
export const HalfLife = keyword("half-life");
// Soft keywords: meaningful in one position, otherwise ordinary names.
export const Version = keyword("version", true);
export const Override = keyword("override", true);
export const Owner = keyword("owner", true);
export const Reviewed = keyword("reviewed", true);
export const Review = keyword("review", true);
export const Every = keyword("every", true);
export const Owned = keyword("owned", true);
export const By = keyword("by", true);
export const Follow = keyword("follow", true);
export const Up = keyword("up", true);
export const At = keyword("at", true);
export const Most = keyword("most", true);
export const Least = keyword("least", true);
export const Per = keyword("per", true);
export const One = keyword("one");
export const Of = keyword("of");
export const List = keyword("list");
export const Have = keyword("have", true);
export const With = keyword("with", true);
export const Than = keyword("than", true);
export const Missing = keyword("missing", true);
export const Present = keyword("present", true);
export const Half = keyword("half", true);
export const After = keyword("after", true);
export const On = keyword("on", true);
export const Weeks = createToken({
  name: "Weeks",
  pattern: /weeks?(?![A-Za-z0-9_])/,
  longer_alt: Identifier,
  categories: [Identifier],
  label: "'weeks'",
});
export const Months = createToken({
  name: "Months",
  pattern: /months?(?![A-Za-z0-9_])/,
  longer_alt: Identifier,
  categories: [Identifier],
  label: "'months'",
});
export const Hours = createToken({
  name: "Hours",
  pattern: /hours?(?![A-Za-z0-9_])/,
  longer_alt: Identifier,
  categories: [Identifier],
  label: "'hours'",
});

export const DateLiteral = createToken({
  name: "DateLiteral",
  pattern: /\d{4}-\d{2}-\d{2}(?![0-9A-Za-z_])/,
  label: "a date",
});
export const NumberLiteral = createToken({
  name: "NumberLiteral",
  pattern: /-?\d+(?:\.\d+)?(?![A-Za-z_])/,
  label: "a number",
});
export const StringLiteral = createToken({
  name: "StringLiteral",
  pattern: /"(?:[^"\\\r\n]|\\.)*"/,
  label: "text in quotes",
});
/** Matches a string that runs to the end of the line, so the error names the string, not a stray quote. */
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  pattern: /"(?:[^"\\\r\n]|\\.)*/,
  label: "unterminated text",
});

export const LessEqual = createToken({ name: "LessEqual", pattern: /<=/, label: "'<='" });
export const GreaterEqual = createToken({ name: "GreaterEqual", pattern: />=/, label: "'>='" });
export const NotEqual = createToken({ name: "NotEqual", pattern: /!=/, label: "'!='" });
export const Less = createToken({ name: "Less", pattern: /</, label: "'<'" });
export const Greater = createToken({ name: "Greater", pattern: />/, label: "'>'" });
export const Equal = createToken({ name: "Equal", pattern: /=/, label: "'='" });
export const LBrace = createToken({ name: "LBrace", pattern: /\{/, label: "'{'" });
export const RBrace = createToken({ name: "RBrace", pattern: /\}/, label: "'}'" });
export const LBracket = createToken({ name: "LBracket", pattern: /\[/, label: "'['" });
export const RBracket = createToken({ name: "RBracket", pattern: /]/, label: "']'" });
export const LParen = createToken({ name: "LParen", pattern: /\(/, label: "'('" });
export const RParen = createToken({ name: "RParen", pattern: /\)/, label: "')'" });
export const Colon = createToken({ name: "Colon", pattern: /:/, label: "':'" });
export const Comma = createToken({ name: "Comma", pattern: /,/, label: "','" });
export const Dot = createToken({ name: "Dot", pattern: /\./, label: "'.'" });
export const Question = createToken({ name: "Question", pattern: /\?/, label: "'?'" });

export const Comment = createToken({ name: "Comment", pattern: /#[^\r\n]*/, group: "comments" });
export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\r\n\f\v]+/, group: Lexer.SKIPPED });

const keywords = [
  Policy,
  Lead,
  Record,
  Rule,
  Score,
  Grade,
  Disqualify,
  Stage,
  Require,
  And,
  Or,
  Not,
  In,
  Any,
  All,
  No,
  Count,
  Where,
  If,
  Is,
  Within,
  Older,
  True,
  False,
  Contains,
  Starts,
  Ends,
  Since,
  Otherwise,
  Days,
  HalfLife,
  Version,
  Override,
  Owner,
  Reviewed,
  Review,
  Every,
  Owned,
  By,
  Follow,
  Up,
  At,
  Most,
  Least,
  Per,
  One,
  Of,
  List,
  Have,
  With,
  Than,
  Missing,
  Present,
  Half,
  After,
  On,
  Weeks,
  Months,
  Hours,
];

export const allTokens: TokenType[] = [
  WhiteSpace,
  Comment,
  DateLiteral,
  NumberLiteral,
  StringLiteral,
  UnterminatedString,
  ...keywords,
  Identifier,
  LessEqual,
  GreaterEqual,
  NotEqual,
  Less,
  Greater,
  Equal,
  LBrace,
  RBrace,
  LBracket,
  RBracket,
  LParen,
  RParen,
  Colon,
  Comma,
  Dot,
  Question,
];

/** Words that can never be used as names: every keyword that is not soft. */
export const reservedWords: ReadonlySet<string> = new Set(
  keywords
    .filter((token) => !(token.CATEGORIES ?? []).includes(Identifier))
    .flatMap((token) => (token === Days ? ["day", "days"] : [String(token.LABEL).slice(1, -1)])),
);

export const policyLexer = new Lexer(allTokens, { positionTracking: "full", ensureOptimizations: false });
