import type { CstElement, CstNode, IToken } from "chevrotain";
import { isIsoDate } from "@leadgate/runtime";
import type * as A from "./ast.js";
import { diagnostic, type Diagnostic } from "./diagnostics.js";
import type { Range, SourceFile } from "./source.js";

/**
 * Turns chevrotain's concrete syntax tree into the AST. After error recovery the CST can have holes;
 * a declaration with a hole is left out of the AST (its syntax error is already reported), so the
 * rest of the tree is always complete and well-formed.
 */

type Ctx = Record<string, CstElement[] | undefined>;

class Incomplete extends Error {}

export function buildAst(cst: CstNode, source: SourceFile, diagnostics: Diagnostic[]): A.PolicyFile {
  return new AstBuilder(source, diagnostics).policyFile(cst);
}

class AstBuilder {
  constructor(
    private readonly source: SourceFile,
    private readonly diagnostics: Diagnostic[],
  ) {}

  policyFile(cst: CstNode): A.PolicyFile {
    const declarations: A.Declaration[] = [];
    for (const node of nodes(cst.children, "declaration")) {
      try {
        declarations.push(this.declaration(node));
      } catch (error) {
        if (!(error instanceof Incomplete)) throw error;
      }
    }
    return { kind: "PolicyFile", declarations, comments: [], range: this.source.rangeAt(0, this.source.text.length) };
  }

  private declaration(node: CstNode): A.Declaration {
    const [child] = Object.values(node.children).flat() as CstNode[];
    if (!child) throw new Incomplete();
    switch (child.name) {
      case "policyHeader":
        return this.policyHeader(child);
      case "leadDeclaration":
        return this.recordDeclaration(child, true);
      case "recordDeclaration":
        return this.recordDeclaration(child, false);
      case "ruleDeclaration":
        return this.rule(child);
      case "scoreDeclaration":
        return this.score(child);
      case "gradeDeclaration":
        return this.grade(child);
      case "disqualifyDeclaration":
        return this.disqualifier(child);
      case "stageDeclaration":
        return this.stage(child);
      case "overrideDeclaration":
        return this.override(child);
      default:
        throw new Incomplete();
    }
  }

  // ------------------------------------------------------------ helpers

  private range(node: CstNode): Range {
    const loc = node.location;
    if (!loc || Number.isNaN(loc.startOffset) || loc.endOffset === undefined || Number.isNaN(loc.endOffset)) {
      throw new Incomplete();
    }
    return this.source.rangeAt(loc.startOffset, loc.endOffset + 1);
  }

  private tokenRange(token: IToken): Range {
    return this.source.rangeAt(token.startOffset, (token.endOffset ?? token.startOffset) + 1);
  }

  private identifier(token: IToken | undefined): A.Identifier {
    return { kind: "Identifier", name: present(token).image, range: this.tokenRange(present(token)) };
  }

  private optionalString(token: IToken | undefined): A.StringLiteral | undefined {
    return token === undefined || token.isInsertedInRecovery ? undefined : this.string(token);
  }

  private string(token: IToken | undefined): A.StringLiteral {
    const t = present(token);
    const range = this.tokenRange(t);
    const value = t.image.slice(1, -1).replace(/\\(.)/g, (whole, ch: string) => {
      switch (ch) {
        case '"':
          return '"';
        case "\\":
          return "\\";
        case "n":
          return "\n";
        case "t":
          return "\t";
        default:
          this.diagnostics.push(
            diagnostic(
              "LG1010",
              range,
              `Unknown escape '\\${ch}' in text.`,
              `Write \\" for a quote and \\\\ for a backslash.`,
            ),
          );
          return ch;
      }
    });
    return { kind: "String", value, range };
  }

  private number(token: IToken | undefined): A.NumberLiteral {
    const t = present(token);
    return {
      kind: "Number",
      value: Number(t.image),
      integer: !t.image.includes("."),
      text: t.image,
      range: this.tokenRange(t),
    };
  }

  private date(token: IToken | undefined): A.DateLiteral {
    const t = present(token);
    const range = this.tokenRange(t);
    if (!isIsoDate(t.image)) {
      this.diagnostics.push(
        diagnostic(
          "LG1004",
          range,
          `'${t.image}' is not a calendar date.`,
          "Write dates as YYYY-MM-DD, e.g. 2026-09-15.",
        ),
      );
    }
    return { kind: "Date", value: t.image, range };
  }

  private duration(node: CstNode | undefined): A.Duration {
    const n = present(node);
    const ctx = n.children;
    const unitToken = first(ctx, "Days") ?? first(ctx, "Weeks") ?? first(ctx, "Months") ?? first(ctx, "Hours");
    return { amount: this.number(first(ctx, "NumberLiteral")), unit: unitOf(present(unitToken)), range: this.range(n) };
  }

  // ------------------------------------------------------------ declarations

  private policyHeader(node: CstNode): A.PolicyHeader {
    const ctx = node.children;
    let version: A.StringLiteral | undefined;
    let reviewed: A.DateLiteral | undefined;
    let reviewEvery: A.Duration | undefined;
    const owners: A.OwnerDeclaration[] = [];
    for (const entryNode of nodes(ctx, "headerEntry")) {
      const [entry] = Object.values(entryNode.children).flat() as CstNode[];
      if (!entry) continue;
      const e = entry.children;
      switch (entry.name) {
        case "versionEntry":
          version = this.repeatCheck(version, "version", this.range(entry)) ?? this.string(first(e, "StringLiteral"));
          break;
        case "ownerEntry":
          owners.push({
            kind: "Owner",
            name: this.identifier(first(e, "name")),
            handles: tokens(e, "StringLiteral").map((t) => this.string(t)),
            range: this.range(entry),
          });
          break;
        case "reviewedEntry":
          reviewed = this.repeatCheck(reviewed, "reviewed", this.range(entry)) ?? this.date(first(e, "DateLiteral"));
          break;
        case "reviewEveryEntry":
          reviewEvery =
            this.repeatCheck(reviewEvery, "review every", this.range(entry)) ?? this.duration(nodes(e, "duration")[0]);
          break;
      }
    }
    return {
      kind: "PolicyHeader",
      name: this.identifier(first(ctx, "name")),
      title: this.optionalString(first(ctx, "title")),
      version,
      owners,
      reviewed,
      reviewEvery,
      range: this.range(node),
    };
  }

  /** Reports a header entry written twice; returns undefined so the later entry wins. */
  private repeatCheck<V>(existing: V | undefined, what: string, range: Range): undefined {
    if (existing !== undefined) {
      this.diagnostics.push(diagnostic("LG1009", range, `'${what}' is given more than once in the policy header.`));
    }
    return undefined;
  }

  private recordDeclaration(node: CstNode, isLead: boolean): A.RecordDeclaration {
    const ctx = node.children;
    const body = present(nodes(ctx, "recordBody")[0]);
    const leadToken = first(ctx, "Lead");
    return {
      kind: "Record",
      name: isLead ? this.identifier(leadToken) : this.identifier(first(ctx, "name")),
      isLead,
      fields: this.fields(body),
      range: this.range(node),
    };
  }

  private fields(body: CstNode): A.FieldDeclaration[] {
    return nodes(body.children, "field").map((fieldNode) => {
      const ctx = fieldNode.children;
      return {
        kind: "Field",
        name: this.identifier(first(ctx, "name")),
        type: this.typeExpression(present(nodes(ctx, "typeExpression")[0])),
        optional: first(ctx, "Question") !== undefined,
        range: this.range(fieldNode),
      };
    });
  }

  private typeExpression(node: CstNode): A.TypeExpression {
    const ctx = node.children;
    const enumNode = nodes(ctx, "enumType")[0];
    if (enumNode) {
      return {
        kind: "EnumType",
        members: tokens(enumNode.children, "member").map((t) => this.identifier(t)),
        range: this.range(enumNode),
      };
    }
    const listNode = nodes(ctx, "listType")[0];
    if (listNode) {
      const bodyNode = nodes(listNode.children, "recordBody")[0];
      const element: A.NamedTypeExpression | A.RecordTypeExpression = bodyNode
        ? { kind: "RecordType", fields: this.fields(bodyNode), range: this.range(bodyNode) }
        : this.namedType(first(listNode.children, "named"));
      return { kind: "ListType", element, range: this.range(listNode) };
    }
    const bodyNode = nodes(ctx, "recordBody")[0];
    if (bodyNode) return { kind: "RecordType", fields: this.fields(bodyNode), range: this.range(bodyNode) };
    return this.namedType(first(ctx, "named"));
  }

  private namedType(token: IToken | undefined): A.NamedTypeExpression {
    const name = this.identifier(token);
    return { kind: "NamedType", name, range: name.range };
  }

  private rule(node: CstNode): A.RuleDeclaration {
    const ctx = node.children;
    return {
      kind: "Rule",
      name: this.identifier(first(ctx, "name")),
      label: this.optionalString(first(ctx, "label")),
      condition: this.expression(nodes(ctx, "expression")[0]),
      range: this.range(node),
    };
  }

  private score(node: CstNode): A.ScoreDeclaration {
    const ctx = node.children;
    let cap: A.NumberLiteral | undefined;
    let floor: A.NumberLiteral | undefined;
    for (const limit of nodes(ctx, "scoreLimit")) {
      const value = this.number(first(limit.children, "NumberLiteral"));
      if (first(limit.children, "Most")) cap = this.repeatLimit(cap, "at most", limit) ?? value;
      else floor = this.repeatLimit(floor, "at least", limit) ?? value;
    }
    return {
      kind: "Score",
      name: this.identifier(first(ctx, "name")),
      label: this.optionalString(first(ctx, "label")),
      cap,
      floor,
      lines: nodes(ctx, "scoreLine").map((line) => this.scoreLine(line)),
      range: this.range(node),
    };
  }

  private repeatLimit(existing: A.NumberLiteral | undefined, what: string, node: CstNode, owner = "score"): undefined {
    if (existing !== undefined) {
      this.diagnostics.push(
        diagnostic("LG1009", this.range(node), `'${what}' is given more than once for this ${owner}.`),
      );
    }
    return undefined;
  }

  private scoreLine(node: CstNode): A.ScoreLine {
    const ctx = node.children;
    const isPer = first(ctx, "Per") !== undefined;
    let cap: A.NumberLiteral | undefined;
    let decay: A.Decay | undefined;
    for (const modifier of nodes(ctx, "lineModifier")) {
      const m = modifier.children;
      if (first(m, "Most")) {
        cap = this.repeatLimit(cap, "at most", modifier, "score line") ?? this.number(first(m, "cap"));
      } else {
        if (decay !== undefined) {
          this.diagnostics.push(diagnostic("LG1009", this.range(modifier), "A score line can decay only one way."));
        }
        decay = {
          mode: first(m, "HalfLife") ? "half-life" : "half after",
          days: this.number(first(m, "days")),
          dateField: this.path(nodes(m, "dateField")[0]),
          range: this.range(modifier),
        };
      }
    }
    const list = nodes(ctx, "list")[0];
    const filter = nodes(ctx, "filter")[0];
    const condition = nodes(ctx, "condition")[0];
    return {
      kind: "ScoreLine",
      name: this.identifier(first(ctx, "name")),
      label: this.optionalString(first(ctx, "label")),
      points: this.number(first(ctx, "points")),
      mode: isPer ? "per" : "if",
      list: isPer ? this.path(list) : undefined,
      filter: filter ? this.expression(filter) : undefined,
      condition: isPer ? undefined : this.expression(condition),
      cap,
      decay,
      range: this.range(node),
    };
  }

  private grade(node: CstNode): A.GradeDeclaration {
    const ctx = node.children;
    return {
      kind: "Grade",
      name: this.identifier(first(ctx, "name")),
      label: this.optionalString(first(ctx, "label")),
      branches: nodes(ctx, "gradeBranch").map((branch) => {
        const b = branch.children;
        const condition = nodes(b, "expression")[0];
        const isOtherwise = first(b, "Otherwise") !== undefined;
        if (isOtherwise === (condition !== undefined)) {
          this.diagnostics.push(
            diagnostic(
              "LG1002",
              this.range(branch),
              isOtherwise
                ? "The 'otherwise' branch of a grade takes no condition."
                : "A grade branch needs a condition: '<value> if <condition>', or 'otherwise <value>' for the fallback.",
            ),
          );
        }
        return {
          kind: "GradeBranch",
          value: this.identifier(first(b, "value")),
          label: this.optionalString(first(b, "label")),
          condition: condition ? this.expression(condition) : undefined,
          range: this.range(branch),
        } satisfies A.GradeBranch;
      }),
      range: this.range(node),
    };
  }

  private disqualifier(node: CstNode): A.DisqualifierDeclaration {
    const ctx = node.children;
    return {
      kind: "Disqualifier",
      name: this.identifier(first(ctx, "name")),
      reason: this.string(first(ctx, "reason")),
      condition: this.expression(nodes(ctx, "expression")[0]),
      range: this.range(node),
    };
  }

  private stage(node: CstNode): A.StageDeclaration {
    const ctx = node.children;
    const followUp = nodes(ctx, "duration")[0];
    return {
      kind: "Stage",
      name: this.identifier(first(ctx, "name")),
      label: this.optionalString(first(ctx, "label")),
      owner: this.identifier(first(ctx, "owner")),
      followUp: followUp ? this.duration(followUp) : undefined,
      requirements: this.requirements(ctx),
      range: this.range(node),
    };
  }

  private override(node: CstNode): A.OverrideDeclaration {
    const ctx = node.children;
    return {
      kind: "Override",
      name: this.identifier(first(ctx, "name")),
      label: this.optionalString(first(ctx, "label")),
      stage: this.expression(nodes(ctx, "stage")[0]),
      requirements: this.requirements(ctx),
      range: this.range(node),
    };
  }

  private requirements(ctx: Ctx): A.Requirement[] {
    return nodes(ctx, "requirement").map((req) => {
      const r = req.children;
      const expression = nodes(r, "expression")[0];
      return {
        kind: "Requirement",
        name: this.identifier(first(r, "name")),
        label: this.optionalString(first(r, "label")),
        condition: expression ? this.expression(expression) : undefined,
        range: this.range(req),
      } satisfies A.Requirement;
    });
  }

  // ------------------------------------------------------------ expressions

  private expression(node: CstNode | undefined): A.Expression {
    const n = present(node);
    const operands = nodes(n.children, "operand").map((o) => this.andExpression(o));
    return operands.length === 1 ? operands[0]! : { kind: "Logical", operator: "or", operands, range: this.range(n) };
  }

  private andExpression(node: CstNode): A.Expression {
    const operands = nodes(node.children, "operand").map((o) => this.notExpression(o));
    return operands.length === 1
      ? operands[0]!
      : { kind: "Logical", operator: "and", operands, range: this.range(node) };
  }

  private notExpression(node: CstNode): A.Expression {
    const inner = nodes(node.children, "notExpression")[0];
    if (inner) return { kind: "Not", operand: this.notExpression(inner), range: this.range(node) };
    return this.predicate(present(nodes(node.children, "predicate")[0]));
  }

  private predicate(node: CstNode): A.Expression {
    const subject = this.operand(nodes(node.children, "subject")[0]);
    const postfixNode = nodes(node.children, "postfix")[0];
    if (!postfixNode) return subject;
    const p = postfixNode.children;
    const range = this.range(node);
    const compare = nodes(p, "compareOperator")[0];
    if (compare) {
      const [opToken] = Object.values(compare.children).flat() as IToken[];
      return {
        kind: "Compare",
        operator: present(opToken).image as A.CompareOperator,
        left: subject,
        right: this.operand(nodes(p, "right")[0]),
        range,
      };
    }
    if (first(p, "In")) {
      const list = present(nodes(p, "listLiteral")[0]);
      return {
        kind: "In",
        negated: first(p, "Not") !== undefined,
        operand: subject,
        items: nodes(list.children, "item").map((item) => this.operand(item)),
        range,
      };
    }
    if (first(p, "Is"))
      return { kind: "Presence", present: first(p, "Present") !== undefined, operand: subject, range };
    if (first(p, "Within") || first(p, "Older")) {
      const unitToken = first(p, "Days") ?? first(p, "Weeks") ?? first(p, "Months");
      return {
        kind: "Window",
        mode: first(p, "Within") ? "within" : "older than",
        operand: subject,
        amount: this.number(first(p, "amount")),
        unit: unitOf(present(unitToken)) as A.TimeUnit,
        range,
      };
    }
    const operator: A.TextMatchOperator = first(p, "Contains")
      ? "contains"
      : first(p, "Starts")
        ? "starts with"
        : "ends with";
    return { kind: "TextMatch", operator, operand: subject, pattern: this.operand(nodes(p, "pattern")[0]), range };
  }

  private operand(node: CstNode | undefined): A.Expression {
    const n = present(node);
    const [child] = Object.values(n.children).flat() as CstNode[];
    const c = present(child);
    switch (c.name) {
      case "quantifier":
        return this.quantifier(c);
      case "daysSince":
        return { kind: "DaysSince", operand: this.operand(nodes(c.children, "operand")[0]), range: this.range(c) };
      case "parenthesized":
        return {
          kind: "Parenthesized",
          expression: this.expression(nodes(c.children, "expression")[0]),
          range: this.range(c),
        };
      case "literal":
        return this.literal(c);
      case "path":
        return this.path(c);
      default:
        throw new Incomplete();
    }
  }

  private quantifier(node: CstNode): A.QuantifierExpression {
    const ctx = node.children;
    const quantifier: A.Quantifier = first(ctx, "Any")
      ? "any"
      : first(ctx, "All")
        ? "all"
        : first(ctx, "No")
          ? "no"
          : "count";
    const filter = nodes(ctx, "filter")[0];
    const predicate = nodes(ctx, "predicate")[0];
    if (predicate && quantifier !== "all") {
      this.diagnostics.push(
        diagnostic(
          "LG1002",
          this.range(node),
          `'have' only follows 'all': write '${quantifier} <list> where <condition>'.`,
        ),
      );
    }
    return {
      kind: "Quantifier",
      quantifier,
      list: this.path(nodes(ctx, "list")[0]),
      filter: filter ? this.expression(filter) : undefined,
      predicate: predicate ? this.expression(predicate) : undefined,
      range: this.range(node),
    };
  }

  private literal(node: CstNode): A.Literal {
    const [token] = Object.values(node.children).flat() as IToken[];
    const t = present(token);
    switch (t.tokenType.name) {
      case "StringLiteral":
        return this.string(t);
      case "NumberLiteral":
        return this.number(t);
      case "DateLiteral":
        return this.date(t);
      default:
        return { kind: "Boolean", value: t.tokenType.name === "True", range: this.tokenRange(t) };
    }
  }

  private path(node: CstNode | undefined): A.PathExpression {
    const n = present(node);
    return {
      kind: "Path",
      segments: tokens(n.children, "segment").map((t) => this.identifier(t)),
      range: this.range(n),
    };
  }
}

function present<V>(value: V | undefined): V {
  if (value === undefined) throw new Incomplete();
  if (typeof value === "object" && value !== null && "isInsertedInRecovery" in value && value.isInsertedInRecovery) {
    throw new Incomplete();
  }
  if (typeof value === "object" && value !== null && "recoveredNode" in value && value.recoveredNode) {
    throw new Incomplete();
  }
  return value;
}

function tokens(ctx: Ctx, key: string): IToken[] {
  return (ctx[key] ?? []) as IToken[];
}

function nodes(ctx: Ctx, key: string): CstNode[] {
  return (ctx[key] ?? []) as CstNode[];
}

function first(ctx: Ctx, key: string): IToken | undefined {
  return tokens(ctx, key)[0];
}

function unitOf(token: IToken): A.Duration["unit"] {
  const word = token.image.endsWith("s") ? token.image : `${token.image}s`;
  return word as A.Duration["unit"];
}
