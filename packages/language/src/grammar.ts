import type { IParserErrorMessageProvider, TokenType } from "chevrotain";
import { CstParser, tokenMatcher } from "./chevrotain.js";
import * as T from "./lexer.js";

/**
 * The grammar, as a chevrotain CST parser. It only recognises structure; `build-ast.ts` turns the
 * concrete syntax tree into the AST. Error recovery is on, so one pass reports every syntax error.
 */

const label = (t: TokenType): string => (t.name === "EOF" ? "the end of the file" : String(t.LABEL ?? t.name));

/** Plain-English syntax errors: ops people read these, not parser authors. */
const errorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual }) {
    return `Expected ${label(expected)} but found ${describe(actual.image)}.`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `Unexpected ${describe(firstRedundant.image)}: expected a new section such as 'rule', 'score' or 'stage'.`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, customUserDescription }) {
    const expected =
      customUserDescription ??
      unique(expectedPathsPerAlt.flat().map((path) => (path[0] ? label(path[0]) : "end of file"))).join(", ");
    return `Expected ${expected} but found ${describe(actual[0]?.image)}.`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, customUserDescription }) {
    const expected =
      customUserDescription ?? unique(expectedIterationPaths.map((path) => (path[0] ? label(path[0]) : ""))).join(", ");
    return `Expected at least one ${expected} but found ${describe(actual[0]?.image)}.`;
  },
};

const VALUE_DESCRIPTION =
  "a condition or value (a field, rule or score name, text in quotes, a number, a date, 'not', 'any', 'count' or '(')";

function describe(image: string | undefined): string {
  return image === undefined || image === "" ? "the end of the file" : `'${image}'`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

export class PolicyGrammar extends CstParser {
  constructor() {
    super(T.allTokens, {
      recoveryEnabled: true,
      maxLookahead: 3,
      nodeLocationTracking: "full",
      errorMessageProvider: errorMessages,
    });
    this.performSelfAnalysis();
  }

  policyFile = this.RULE("policyFile", () => {
    this.MANY(() => this.SUBRULE(this.declaration));
  });

  declaration = this.RULE("declaration", () => {
    this.OR({
      DEF: [
        { ALT: () => this.SUBRULE(this.policyHeader) },
        { ALT: () => this.SUBRULE(this.leadDeclaration) },
        { ALT: () => this.SUBRULE(this.recordDeclaration) },
        { ALT: () => this.SUBRULE(this.ruleDeclaration) },
        { ALT: () => this.SUBRULE(this.scoreDeclaration) },
        { ALT: () => this.SUBRULE(this.gradeDeclaration) },
        { ALT: () => this.SUBRULE(this.disqualifyDeclaration) },
        { ALT: () => this.SUBRULE(this.stageDeclaration) },
        { ALT: () => this.SUBRULE(this.overrideDeclaration) },
      ],
      ERR_MSG: "a section ('policy', 'lead', 'record', 'rule', 'score', 'grade', 'disqualify', 'stage' or 'override')",
    });
  });

  // ------------------------------------------------------------ policy header

  policyHeader = this.RULE("policyHeader", () => {
    this.CONSUME(T.Policy);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: "title" }));
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.headerEntry));
    this.CONSUME(T.RBrace);
  });

  headerEntry = this.RULE("headerEntry", () => {
    this.OR({
      DEF: [
        { ALT: () => this.SUBRULE(this.versionEntry) },
        { ALT: () => this.SUBRULE(this.ownerEntry) },
        { ALT: () => this.SUBRULE(this.reviewedEntry) },
        { ALT: () => this.SUBRULE(this.reviewEveryEntry) },
      ],
      ERR_MSG: "'version', 'owner', 'reviewed' or 'review every'",
    });
  });

  versionEntry = this.RULE("versionEntry", () => {
    this.CONSUME(T.Version);
    this.CONSUME(T.StringLiteral);
  });

  ownerEntry = this.RULE("ownerEntry", () => {
    this.CONSUME(T.Owner);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME(T.StringLiteral) });
  });

  reviewedEntry = this.RULE("reviewedEntry", () => {
    this.CONSUME(T.Reviewed);
    this.CONSUME(T.DateLiteral);
  });

  reviewEveryEntry = this.RULE("reviewEveryEntry", () => {
    this.CONSUME(T.Review);
    this.CONSUME(T.Every);
    this.SUBRULE(this.duration);
  });

  duration = this.RULE("duration", () => {
    this.CONSUME(T.NumberLiteral);
    this.OR([
      { ALT: () => this.CONSUME(T.Days) },
      { ALT: () => this.CONSUME(T.Weeks) },
      { ALT: () => this.CONSUME(T.Months) },
      { ALT: () => this.CONSUME(T.Hours) },
    ]);
  });

  // ------------------------------------------------------------ lead shape

  leadDeclaration = this.RULE("leadDeclaration", () => {
    this.CONSUME(T.Lead);
    this.SUBRULE(this.recordBody);
  });

  recordDeclaration = this.RULE("recordDeclaration", () => {
    this.CONSUME(T.Record);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.SUBRULE(this.recordBody);
  });

  recordBody = this.RULE("recordBody", () => {
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.field));
    this.CONSUME(T.RBrace);
  });

  field = this.RULE("field", () => {
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.CONSUME(T.Colon);
    this.SUBRULE(this.typeExpression);
    this.OPTION(() => this.CONSUME(T.Question));
    this.OPTION2(() => this.CONSUME(T.Comma));
  });

  typeExpression = this.RULE("typeExpression", () => {
    this.OR({
      DEF: [
        { ALT: () => this.SUBRULE(this.enumType) },
        { ALT: () => this.SUBRULE(this.listType) },
        { ALT: () => this.SUBRULE(this.recordBody) },
        { ALT: () => this.CONSUME(T.Identifier, { LABEL: "named" }) },
      ],
      ERR_MSG: "a type (text, email, integer, number, boolean, date, 'one of ...', 'list of ...' or '{ ... }')",
    });
  });

  enumType = this.RULE("enumType", () => {
    this.CONSUME(T.One);
    this.CONSUME(T.Of);
    this.CONSUME(T.Identifier, { LABEL: "member" });
    // `, name:` starts the next field (fields may be separated by commas), not another member.
    this.MANY({
      GATE: () =>
        this.LA(1).tokenType === T.Comma && tokenMatcher(this.LA(2), T.Identifier) && this.LA(3).tokenType !== T.Colon,
      DEF: () => {
        this.CONSUME(T.Comma);
        this.CONSUME2(T.Identifier, { LABEL: "member" });
      },
    });
  });

  listType = this.RULE("listType", () => {
    this.CONSUME(T.List);
    this.CONSUME(T.Of);
    this.OR([
      { ALT: () => this.SUBRULE(this.recordBody) },
      { ALT: () => this.CONSUME(T.Identifier, { LABEL: "named" }) },
    ]);
  });

  // ------------------------------------------------------------ rules, scores, grades

  ruleDeclaration = this.RULE("ruleDeclaration", () => {
    this.CONSUME(T.Rule);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: "label" }));
    this.CONSUME(T.Colon);
    this.SUBRULE(this.expression);
  });

  scoreDeclaration = this.RULE("scoreDeclaration", () => {
    this.CONSUME(T.Score);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: "label" }));
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE(this.scoreLimit);
    });
    this.CONSUME(T.LBrace);
    this.MANY2(() => this.SUBRULE(this.scoreLine));
    this.CONSUME(T.RBrace);
  });

  scoreLimit = this.RULE("scoreLimit", () => {
    this.CONSUME(T.At);
    this.OR([{ ALT: () => this.CONSUME(T.Most) }, { ALT: () => this.CONSUME(T.Least) }]);
    this.CONSUME(T.NumberLiteral);
  });

  scoreLine = this.RULE("scoreLine", () => {
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: "label" }));
    this.CONSUME(T.Colon);
    this.CONSUME(T.NumberLiteral, { LABEL: "points" });
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Per);
          this.SUBRULE(this.path, { LABEL: "list" });
          this.OPTION2(() => {
            this.CONSUME(T.Where);
            this.SUBRULE(this.expression, { LABEL: "filter" });
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.If);
          this.SUBRULE2(this.expression, { LABEL: "condition" });
        },
      },
    ]);
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE(this.lineModifier);
    });
  });

  lineModifier = this.RULE("lineModifier", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.At);
          this.CONSUME(T.Most);
          this.CONSUME(T.NumberLiteral, { LABEL: "cap" });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.HalfLife);
          this.CONSUME2(T.NumberLiteral, { LABEL: "days" });
          this.CONSUME(T.Days);
          this.CONSUME(T.On);
          this.SUBRULE(this.path, { LABEL: "dateField" });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Half);
          this.CONSUME(T.After);
          this.CONSUME3(T.NumberLiteral, { LABEL: "days" });
          this.CONSUME2(T.Days);
          this.CONSUME2(T.On);
          this.SUBRULE2(this.path, { LABEL: "dateField" });
        },
      },
    ]);
  });

  gradeDeclaration = this.RULE("gradeDeclaration", () => {
    this.CONSUME(T.Grade);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: "label" }));
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.gradeBranch));
    this.CONSUME(T.RBrace);
  });

  gradeBranch = this.RULE("gradeBranch", () => {
    this.OPTION(() => this.CONSUME(T.Otherwise));
    this.CONSUME(T.Identifier, { LABEL: "value" });
    this.OPTION2(() => this.CONSUME(T.StringLiteral, { LABEL: "label" }));
    this.OPTION3(() => {
      this.CONSUME(T.If);
      this.SUBRULE(this.expression);
    });
  });

  disqualifyDeclaration = this.RULE("disqualifyDeclaration", () => {
    this.CONSUME(T.Disqualify);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.CONSUME(T.StringLiteral, { LABEL: "reason" });
    this.CONSUME(T.Colon);
    this.SUBRULE(this.expression);
  });

  // ------------------------------------------------------------ stages

  /** `override manual "label" { stage: <field naming a stage>  require ... }`: a rep's exception, honoured under conditions. */
  overrideDeclaration = this.RULE("overrideDeclaration", () => {
    this.CONSUME(T.Override);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: "label" }));
    this.CONSUME(T.LBrace);
    this.CONSUME(T.Stage);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.expression, { LABEL: "stage" });
    this.MANY(() => this.SUBRULE(this.requirement));
    this.CONSUME(T.RBrace);
  });

  stageDeclaration = this.RULE("stageDeclaration", () => {
    this.CONSUME(T.Stage);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: "label" }));
    this.CONSUME(T.Owned);
    this.CONSUME(T.By);
    this.CONSUME2(T.Identifier, { LABEL: "owner" });
    this.OPTION2(() => {
      this.CONSUME(T.Comma);
      this.CONSUME(T.Follow);
      this.CONSUME(T.Up);
      this.CONSUME(T.Within);
      this.SUBRULE(this.duration);
    });
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.requirement));
    this.CONSUME(T.RBrace);
  });

  requirement = this.RULE("requirement", () => {
    this.CONSUME(T.Require);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: "label" }));
    this.OPTION2(() => {
      this.CONSUME(T.Colon);
      this.SUBRULE(this.expression);
    });
  });

  // ------------------------------------------------------------ expressions

  expression = this.RULE("expression", () => {
    this.SUBRULE(this.andExpression, { LABEL: "operand" });
    this.MANY(() => {
      this.CONSUME(T.Or);
      this.SUBRULE2(this.andExpression, { LABEL: "operand" });
    });
  });

  andExpression = this.RULE("andExpression", () => {
    this.SUBRULE(this.notExpression, { LABEL: "operand" });
    this.MANY(() => {
      this.CONSUME(T.And);
      this.SUBRULE2(this.notExpression, { LABEL: "operand" });
    });
  });

  notExpression = this.RULE("notExpression", () => {
    this.OR({
      DEF: [
        {
          ALT: () => {
            this.CONSUME(T.Not);
            this.SUBRULE(this.notExpression);
          },
        },
        { ALT: () => this.SUBRULE(this.predicate) },
      ],
      ERR_MSG: VALUE_DESCRIPTION,
    });
  });

  predicate = this.RULE("predicate", () => {
    this.SUBRULE(this.operand, { LABEL: "subject" });
    this.OPTION(() => this.SUBRULE(this.postfix));
  });

  postfix = this.RULE("postfix", () => {
    this.OR([
      {
        ALT: () => {
          this.SUBRULE(this.compareOperator);
          this.SUBRULE(this.operand, { LABEL: "right" });
        },
      },
      {
        ALT: () => {
          this.OPTION(() => this.CONSUME(T.Not));
          this.CONSUME(T.In);
          this.SUBRULE(this.listLiteral);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Is);
          this.OR2([{ ALT: () => this.CONSUME(T.Missing) }, { ALT: () => this.CONSUME(T.Present) }]);
        },
      },
      {
        ALT: () => {
          this.OR3([
            { ALT: () => this.CONSUME(T.Within) },
            {
              ALT: () => {
                this.CONSUME(T.Older);
                this.CONSUME(T.Than);
              },
            },
          ]);
          this.CONSUME(T.NumberLiteral, { LABEL: "amount" });
          this.OR4([
            { ALT: () => this.CONSUME(T.Days) },
            { ALT: () => this.CONSUME(T.Weeks) },
            { ALT: () => this.CONSUME(T.Months) },
          ]);
        },
      },
      {
        ALT: () => {
          this.OR5([
            { ALT: () => this.CONSUME(T.Contains) },
            {
              ALT: () => {
                this.CONSUME(T.Starts);
                this.CONSUME(T.With);
              },
            },
            {
              ALT: () => {
                this.CONSUME(T.Ends);
                this.CONSUME2(T.With);
              },
            },
          ]);
          this.SUBRULE2(this.operand, { LABEL: "pattern" });
        },
      },
    ]);
  });

  compareOperator = this.RULE("compareOperator", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Equal) },
      { ALT: () => this.CONSUME(T.NotEqual) },
      { ALT: () => this.CONSUME(T.LessEqual) },
      { ALT: () => this.CONSUME(T.GreaterEqual) },
      { ALT: () => this.CONSUME(T.Less) },
      { ALT: () => this.CONSUME(T.Greater) },
    ]);
  });

  operand = this.RULE("operand", () => {
    this.OR({
      DEF: [
        { ALT: () => this.SUBRULE(this.quantifier) },
        { ALT: () => this.SUBRULE(this.daysSince) },
        { ALT: () => this.SUBRULE(this.parenthesized) },
        { ALT: () => this.SUBRULE(this.literal) },
        { ALT: () => this.SUBRULE(this.path) },
      ],
      ERR_MSG: VALUE_DESCRIPTION,
    });
  });

  quantifier = this.RULE("quantifier", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Any) },
      { ALT: () => this.CONSUME(T.All) },
      { ALT: () => this.CONSUME(T.No) },
      { ALT: () => this.CONSUME(T.Count) },
    ]);
    this.SUBRULE(this.path, { LABEL: "list" });
    this.OPTION(() => {
      this.CONSUME(T.Where);
      this.SUBRULE(this.expression, { LABEL: "filter" });
    });
    this.OPTION2(() => {
      this.CONSUME(T.Have);
      this.SUBRULE2(this.expression, { LABEL: "predicate" });
    });
  });

  daysSince = this.RULE("daysSince", () => {
    this.CONSUME(T.Days);
    this.CONSUME(T.Since);
    this.SUBRULE(this.operand);
  });

  parenthesized = this.RULE("parenthesized", () => {
    this.CONSUME(T.LParen);
    this.SUBRULE(this.expression);
    this.CONSUME(T.RParen);
  });

  literal = this.RULE("literal", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(T.NumberLiteral) },
      { ALT: () => this.CONSUME(T.DateLiteral) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
    ]);
  });

  listLiteral = this.RULE("listLiteral", () => {
    this.CONSUME(T.LBracket);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.operand, { LABEL: "item" }) });
    this.CONSUME(T.RBracket);
  });

  path = this.RULE("path", () => {
    this.CONSUME(T.Identifier, { LABEL: "segment" });
    this.MANY(() => {
      this.CONSUME(T.Dot);
      this.CONSUME2(T.Identifier, { LABEL: "segment" });
    });
  });
}

/** One parser instance, reused: building it runs chevrotain's grammar analysis, which is slow. */
export const policyGrammar = new PolicyGrammar();
