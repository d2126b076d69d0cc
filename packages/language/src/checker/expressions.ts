import type * as A from "../ast.js";
import { diagnostic, type Diagnostic } from "../diagnostics.js";
import type { SourceFile } from "../source.js";
import { didYouMean } from "../suggest.js";
import type { FieldRef, ItemScope, Reference } from "./model.js";
import {
  BOOLEAN,
  comparable,
  DATE,
  describeType,
  ERROR,
  INTEGER,
  isNumeric,
  isTextual,
  NUMBER,
  TEXT,
  type EnumType,
  type LgType,
  type RecordType,
} from "./types.js";

/** What a bare name can mean besides a lead field. */
export interface GlobalNames {
  readonly rules: ReadonlySet<string>;
  readonly scores: ReadonlySet<string>;
  readonly grades: ReadonlyMap<string, EnumType>;
}

export type DependencyKey = `${"rule" | "score" | "grade"}:${string}`;

/**
 * Resolves names and checks types inside expressions, recording for each path what it refers to
 * and for each expression its type. Knows nothing about declarations beyond the names it is given.
 */
export class ExpressionChecker {
  readonly references = new Map<A.PathExpression, Reference>();
  readonly types = new Map<A.Expression, LgType>();
  readonly itemScopes = new Map<A.QuantifierExpression | A.ScoreLine, ItemScope>();
  /** What the declaration being checked uses, filled while checking it. */
  private dependencies = new Set<DependencyKey>();

  constructor(
    private readonly source: SourceFile,
    private readonly lead: RecordType,
    private readonly globals: GlobalNames,
    private readonly diagnostics: Diagnostic[],
  ) {}

  /** Checks one declaration's expressions and returns what they depend on. */
  collectDependencies(check: () => void): Set<DependencyKey> {
    this.dependencies = new Set();
    check();
    return this.dependencies;
  }

  /** An expression used as a condition: it must be true/false. */
  condition(expression: A.Expression, scopes: readonly ItemScope[]): void {
    const type = this.expression(expression, scopes);
    if (type.kind !== "boolean" && type.kind !== "error") {
      const text = this.text(expression);
      this.diagnostics.push(
        diagnostic(
          "LG3002",
          expression.range,
          `'${text}' is ${describeType(type)}, not a condition.`,
          isNumeric(type) ? `Compare it, e.g. '${text} >= 10'.` : `Compare it, e.g. with '=' or 'in [...]'.`,
        ),
      );
    }
  }

  /** Opens the item scope of a list path: used by quantifiers and `per` score lines. */
  itemScope(
    owner: A.QuantifierExpression | A.ScoreLine,
    list: A.PathExpression,
    scopes: readonly ItemScope[],
  ): ItemScope | undefined {
    const type = this.expression(list, scopes);
    if (type.kind === "error") return undefined;
    const reference = this.references.get(list);
    if (type.kind !== "list" || reference?.kind !== "field") {
      this.diagnostics.push(
        diagnostic(
          "LG3004",
          list.range,
          `'${this.text(list)}' is ${describeType(type)}, not a list.`,
          "'any', 'all', 'no', 'count' and 'per' go over a list field such as activities.",
        ),
      );
      return undefined;
    }
    const scope: ItemScope = {
      element: type.element,
      displayPrefix: `${reference.displayPath}[]`,
      optionalPaths: reference.optionalPaths,
      depth: scopes.length + 1,
    };
    this.itemScopes.set(owner, scope);
    return scope;
  }

  expression(expression: A.Expression, scopes: readonly ItemScope[], expected?: LgType): LgType {
    const type = this.infer(expression, scopes, expected);
    this.types.set(expression, type);
    return type;
  }

  private infer(e: A.Expression, scopes: readonly ItemScope[], expected: LgType | undefined): LgType {
    switch (e.kind) {
      case "String":
        return TEXT;
      case "Number":
        return e.integer ? INTEGER : NUMBER;
      case "Date":
        return DATE;
      case "Boolean":
        return BOOLEAN;
      case "Path":
        return this.path(e, scopes, expected);
      case "Parenthesized":
        return this.expression(e.expression, scopes, expected);
      case "Logical":
        for (const operand of e.operands) this.condition(operand, scopes);
        return BOOLEAN;
      case "Not":
        this.condition(e.operand, scopes);
        return BOOLEAN;
      case "Compare":
        return this.compare(e, scopes);
      case "In": {
        const left = this.expression(e.operand, scopes);
        for (const item of e.items) {
          const right = this.expression(item, scopes, left);
          this.requireComparable(e.operand, left, item, right);
        }
        return BOOLEAN;
      }
      case "Presence":
        return this.presence(e, scopes);
      case "Window": {
        this.requireKind(e.operand, this.expression(e.operand, scopes), "date", `'${e.mode}' applies to dates`);
        if (!e.amount.integer || e.amount.value < 0) {
          this.diagnostics.push(
            diagnostic(
              "LG3006",
              e.amount.range,
              `A time window needs a whole number of ${e.unit} (0 or more), not ${e.amount.text}.`,
            ),
          );
        }
        return BOOLEAN;
      }
      case "TextMatch": {
        const left = this.expression(e.operand, scopes);
        if (left.kind !== "error" && !isTextual(left)) {
          this.diagnostics.push(
            diagnostic(
              "LG3003",
              e.operand.range,
              `'${e.operator}' applies to text, but '${this.text(e.operand)}' is ${describeType(left)}.`,
            ),
          );
        }
        const pattern = this.expression(e.pattern, scopes);
        if (pattern.kind !== "error" && !isTextual(pattern)) {
          this.diagnostics.push(
            diagnostic(
              "LG3001",
              e.pattern.range,
              `'${e.operator}' needs text to look for, not ${describeType(pattern)}.`,
            ),
          );
        }
        return BOOLEAN;
      }
      case "DaysSince":
        this.requireKind(e.operand, this.expression(e.operand, scopes), "date", "'days since' applies to dates");
        return INTEGER;
      case "Quantifier": {
        const scope = this.itemScope(e, e.list, scopes);
        const inner = scope ? [...scopes, scope] : undefined;
        if (inner) {
          if (e.filter) this.condition(e.filter, inner);
          if (e.predicate) this.condition(e.predicate, inner);
        }
        return e.quantifier === "count" ? INTEGER : BOOLEAN;
      }
    }
  }

  private compare(e: A.CompareExpression, scopes: readonly ItemScope[]): LgType {
    const left = this.expression(e.left, scopes);
    const right = this.expression(e.right, scopes, left);
    if (this.requireComparable(e.left, left, e.right, right) && e.operator !== "=" && e.operator !== "!=") {
      const ordered = (t: LgType) => t.kind === "error" || isNumeric(t) || t.kind === "date";
      if (!ordered(left)) {
        this.diagnostics.push(
          diagnostic(
            "LG3003",
            e.range,
            `'${e.operator}' compares numbers or dates, but '${this.text(e.left)}' is ${describeType(left)}.`,
            left.kind === "enum" ? `Use 'in [...]' to accept several values.` : undefined,
          ),
        );
      }
    }
    return BOOLEAN;
  }

  private requireComparable(leftNode: A.Expression, left: LgType, rightNode: A.Expression, right: LgType): boolean {
    if (comparable(left, right)) return true;
    let hint: string | undefined;
    if (left.kind === "enum" && rightNode.kind === "String") {
      hint = `Write the value without quotes: ${rightNode.value}.`;
    } else if (left.kind === "date" && isNumeric(right)) {
      hint = "To compare an age, use 'within 90 days', 'older than 90 days' or 'days since'.";
    } else if (isTextual(left) && rightNode.kind === "Path" && rightNode.segments.length === 1) {
      hint = `Put text in quotes: "${rightNode.segments[0]!.name}".`;
    }
    this.diagnostics.push(
      diagnostic(
        "LG3001",
        rightNode.range,
        `Cannot compare '${this.text(leftNode)}' (${describeType(left)}) with '${this.text(rightNode)}' (${describeType(right)}).`,
        hint,
      ),
    );
    return false;
  }

  private requireKind(node: A.Expression, type: LgType, kind: LgType["kind"], what: string): void {
    if (type.kind !== kind && type.kind !== "error") {
      this.diagnostics.push(
        diagnostic("LG3003", node.range, `${what}, but '${this.text(node)}' is ${describeType(type)}.`),
      );
    }
  }

  private presence(e: A.PresenceExpression, scopes: readonly ItemScope[]): LgType {
    const type = this.expression(e.operand, scopes);
    if (type.kind === "error") return BOOLEAN;
    const reference = e.operand.kind === "Path" ? this.references.get(e.operand) : undefined;
    const field = reference?.kind === "field" ? reference : reference?.kind === "domain" ? reference.field : undefined;
    if (!field) {
      this.diagnostics.push(
        diagnostic(
          "LG3003",
          e.operand.range,
          `'is ${e.present ? "present" : "missing"}' applies to lead fields, not to '${this.text(e.operand)}'.`,
        ),
      );
    } else if (field.optionalPaths.length === 0) {
      this.diagnostics.push(
        diagnostic(
          "LG3005",
          e.range,
          `'${field.displayPath}' is required in the lead, so it is never missing.`,
          "Mark the field optional with '?' in the lead, or remove this check.",
        ),
      );
    }
    return BOOLEAN;
  }

  // ------------------------------------------------------------ names

  private path(e: A.PathExpression, scopes: readonly ItemScope[], expected: LgType | undefined): LgType {
    const [head, ...rest] = e.segments;
    if (!head) return ERROR;

    if (rest.length === 0 && expected?.kind === "enum" && expected.members.includes(head.name)) {
      this.references.set(e, { kind: "member", value: head.name });
      return expected;
    }

    const start = this.findField(head.name, scopes);
    if (!start) {
      if (rest.length === 0) {
        const global = this.global(head.name);
        if (global) {
          this.references.set(e, global.reference);
          this.dependencies.add(`${global.reference.kind as "rule" | "score" | "grade"}:${head.name}`);
          return global.type;
        }
      }
      this.unknownName(head, scopes, expected);
      return ERROR;
    }

    let ref = start;
    let type = start.fields[start.fields.length - 1]!.type;
    for (let i = 0; i < rest.length; i++) {
      const segment = rest[i]!;
      if (type.kind === "email" && segment.name === "domain") {
        if (i === rest.length - 1) {
          this.references.set(e, { kind: "domain", field: ref });
          return TEXT;
        }
        // `email.domain.tld`: the domain is text; blame the segment after it, not `domain`.
        const after = rest[i + 1]!;
        this.diagnostics.push(
          diagnostic(
            "LG2001",
            after.range,
            `'${ref.displayPath}.domain' is text and has no field '${after.name}'.`,
            "Compare the domain itself, e.g. 'email.domain ends with \".com\"'.",
          ),
        );
        return ERROR;
      }
      if (type.kind !== "record") {
        const hint =
          type.kind === "email"
            ? "An email address has a 'domain'."
            : type.kind === "list"
              ? `'${ref.displayPath}' is a list: use 'any ${ref.displayPath} where ...' or 'count ${ref.displayPath} where ...'.`
              : undefined;
        this.diagnostics.push(
          diagnostic(
            "LG2001",
            segment.range,
            `'${ref.displayPath}' is ${describeType(type)} and has no field '${segment.name}'.`,
            hint,
          ),
        );
        return ERROR;
      }
      const field = type.fields.find((f) => f.name === segment.name);
      if (!field) {
        this.diagnostics.push(
          diagnostic(
            "LG2001",
            segment.range,
            `'${ref.displayPath}' has no field '${segment.name}'.`,
            didYouMean(
              segment.name,
              type.fields.map((f) => f.name),
            ),
          ),
        );
        return ERROR;
      }
      const displayPath = `${ref.displayPath}.${field.name}`;
      ref = {
        kind: "field",
        scope: ref.scope,
        fields: [...ref.fields, field],
        displayPath,
        optionalPaths: field.optional ? [...ref.optionalPaths, displayPath] : ref.optionalPaths,
      };
      type = field.type;
    }
    this.references.set(e, ref);
    return type;
  }

  /** A field of the innermost item that has it, else of the lead. */
  private findField(name: string, scopes: readonly ItemScope[]): FieldRef | undefined {
    for (let depth = scopes.length; depth >= 0; depth--) {
      const record = depth === 0 ? this.lead : scopes[depth - 1]!.element;
      const field = record.fields.find((f) => f.name === name);
      if (!field) continue;
      const displayPath = depth === 0 ? name : `${scopes[depth - 1]!.displayPrefix}.${name}`;
      return {
        kind: "field",
        scope: depth,
        fields: [field],
        displayPath,
        optionalPaths: field.optional ? [displayPath] : [],
      };
    }
    return undefined;
  }

  private global(name: string): { reference: Reference; type: LgType } | undefined {
    if (this.globals.rules.has(name)) return { reference: { kind: "rule", name }, type: BOOLEAN };
    if (this.globals.scores.has(name)) return { reference: { kind: "score", name }, type: NUMBER };
    const grade = this.globals.grades.get(name);
    if (grade) return { reference: { kind: "grade", name }, type: grade };
    return undefined;
  }

  private unknownName(name: A.Identifier, scopes: readonly ItemScope[], expected: LgType | undefined): void {
    if (expected?.kind === "enum") {
      this.diagnostics.push(
        diagnostic(
          "LG2003",
          name.range,
          `'${name.name}' is not a value of ${expected.origin} (one of ${expected.members.join(", ")}).`,
          didYouMean(name.name, expected.members),
        ),
      );
      return;
    }
    const visible = [
      ...this.lead.fields.map((f) => f.name),
      ...scopes.flatMap((s) => s.element.fields.map((f) => f.name)),
      ...this.globals.rules,
      ...this.globals.scores,
      ...this.globals.grades.keys(),
    ];
    const inItem = scopes.length > 0 ? ` in ${scopes[scopes.length - 1]!.displayPrefix}` : "";
    this.diagnostics.push(
      diagnostic(
        "LG2002",
        name.range,
        `Unknown name '${name.name}': no lead field${inItem}, rule, score or grade has this name.`,
        didYouMean(name.name, visible) ??
          (expected && isTextual(expected) ? `Put text in quotes: "${name.name}".` : undefined),
      ),
    );
  }

  text(node: { range: A.Identifier["range"] }): string {
    return this.source.text.slice(node.range.start.offset, node.range.end.offset).replace(/\s+/g, " ");
  }
}
