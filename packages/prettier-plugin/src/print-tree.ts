import type * as L from "@leadgate/language";
import type { SourceFile } from "@leadgate/language";
import type {
  BlockNode,
  CapModifier,
  DecayModifier,
  GateComment,
  GateFile,
  HeaderEntry,
  OverrideStage,
  PrintDeclaration,
  PrintScoreLine,
  ScoreBody,
  ScoreLimit,
} from "./nodes.js";
import { findOpenBrace, keywordStart } from "./source-text.js";

/**
 * Turns a parsed policy into the tree the printer walks (see nodes.ts): wrappers for the parts
 * the AST folds into their parent, and the position of every block's `{`.
 */
export function toPrintTree(ast: L.PolicyFile, source: SourceFile): GateFile {
  const openBraces = new WeakMap<object, number>();
  const builder = new PrintTreeBuilder(source, openBraces);
  return {
    kind: "GateFile",
    declarations: ast.declarations.map((d) => builder.declaration(d)),
    comments: ast.comments.map((c): GateComment => ({ kind: "Comment", value: c.text, range: c.range })),
    range: ast.range,
    openBraces,
  };
}

class PrintTreeBuilder {
  private readonly text: string;

  constructor(
    private readonly source: SourceFile,
    private readonly openBraces: WeakMap<object, number>,
  ) {
    this.text = source.text;
  }

  declaration(d: L.Declaration): PrintDeclaration {
    switch (d.kind) {
      case "PolicyHeader": {
        const { version, owners, reviewed, reviewEvery, ...rest } = d;
        // The header's entries are now wrappers in `entries`.
        return this.block({ ...rest, entries: sortBySource([...this.headerEntries(d), ...owners]) });
      }
      case "Record":
        return this.block({ ...d, fields: d.fields.map((f) => this.field(f)) });
      case "Score": {
        const { cap, floor, lines, ...rest } = d;
        // The limits are now wrappers in `limits`, each line has a `body`.
        return this.block({
          ...rest,
          limits: sortBySource(this.scoreLimits(d)),
          lines: d.lines.map((line) => this.scoreLine(line)),
        });
      }
      case "Grade":
      case "Stage":
        return this.block(d);
      case "Override": {
        const stage: OverrideStage = {
          kind: "OverrideStage",
          value: d.stage,
          range: this.keywordRange(d.stage.range, /stage\s*:\s*$/),
        };
        const { stage: value, requirements, ...rest } = d;
        // `stage:` is now the first entry.
        return this.block({ ...rest, entries: [stage, ...requirements] });
      }
      case "Rule":
      case "Disqualifier":
        return d;
    }
  }

  private block<N extends BlockNode>(node: N): N {
    const brace = findOpenBrace(this.text, node.range.start.offset);
    if (brace !== undefined) this.openBraces.set(node, brace);
    return node;
  }

  private headerEntries(header: L.PolicyHeader): HeaderEntry[] {
    const entries: HeaderEntry[] = [];
    if (header.version) {
      entries.push({
        kind: "HeaderEntry",
        keyword: "version",
        value: header.version,
        range: this.keywordRange(header.version.range, /version\s*$/),
      });
    }
    if (header.reviewed) {
      entries.push({
        kind: "HeaderEntry",
        keyword: "reviewed",
        value: header.reviewed,
        range: this.keywordRange(header.reviewed.range, /reviewed\s*$/),
      });
    }
    if (header.reviewEvery) {
      entries.push({
        kind: "HeaderEntry",
        keyword: "review every",
        value: header.reviewEvery,
        range: this.keywordRange(header.reviewEvery.range, /review\s+every\s*$/),
      });
    }
    return entries;
  }

  private scoreLimits(score: L.ScoreDeclaration): ScoreLimit[] {
    const limits: ScoreLimit[] = [];
    if (score.cap) {
      limits.push({
        kind: "ScoreLimit",
        which: "at most",
        value: score.cap,
        range: this.keywordRange(score.cap.range, /at\s+most\s*$/),
      });
    }
    if (score.floor) {
      limits.push({
        kind: "ScoreLimit",
        which: "at least",
        value: score.floor,
        range: this.keywordRange(score.floor.range, /at\s+least\s*$/),
      });
    }
    return limits;
  }

  private scoreLine(line: L.ScoreLine): PrintScoreLine {
    const modifiers: Array<CapModifier | DecayModifier> = [];
    if (line.cap) {
      modifiers.push({ kind: "Cap", value: line.cap, range: this.keywordRange(line.cap.range, /at\s+most\s*$/) });
    }
    if (line.decay) modifiers.push({ kind: "Decay", ...line.decay });
    const body: ScoreBody = {
      kind: "ScoreBody",
      points: line.points,
      mode: line.mode,
      ...(line.list ? { list: line.list } : {}),
      ...(line.filter ? { filter: line.filter } : {}),
      ...(line.condition ? { condition: line.condition } : {}),
      modifiers: sortBySource(modifiers),
      range: { start: line.points.range.start, end: line.range.end },
    };
    return {
      kind: "ScoreLine",
      name: line.name,
      ...(line.label ? { label: line.label } : {}),
      body,
      range: line.range,
    };
  }

  private field(field: L.FieldDeclaration): L.FieldDeclaration {
    return { ...field, type: this.type(field.type) };
  }

  /** Inline records `{ ... }` are blocks too, at any depth. */
  private type(type: L.TypeExpression): L.TypeExpression {
    switch (type.kind) {
      case "RecordType":
        return this.block({ ...type, fields: type.fields.map((f) => this.field(f)) });
      case "ListType":
        return {
          ...type,
          element:
            type.element.kind === "RecordType"
              ? this.block({ ...type.element, fields: type.element.fields.map((f) => this.field(f)) })
              : type.element,
        };
      default:
        return type;
    }
  }

  /** The range of a value extended back over the keyword(s) before it. */
  private keywordRange(value: L.Range, keywords: RegExp): L.Range {
    const start = keywordStart(this.text, value.start.offset, keywords);
    return start === value.start.offset ? value : { start: this.source.positionAt(start), end: value.end };
  }
}

function sortBySource<N extends { readonly range: L.Range }>(nodes: N[]): N[] {
  return nodes.sort((a, b) => a.range.start.offset - b.range.start.offset);
}
