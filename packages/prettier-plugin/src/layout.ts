import type * as L from "@leadgate/language";
import type { GateNode } from "./nodes.js";

/**
 * What the printer promises about where each child ends up, which is what comment placement
 * needs to know (comments/attach.ts). This file and the printers in print/ describe the same
 * layout and must change together; the comment fuzz test (comments.test.ts) catches a mismatch
 * as a comment that moves on a second formatting pass.
 *
 * - `lineStart`: the child always starts a line when something is printed right before it. A
 *   comment on its own line just before it is printed there (a "leading" comment).
 * - `breakAfter`: right after the child (and any keywords after it, such as `:` or `,`) the
 *   printer has a possible line break inside a group that contains the child. A comment after
 *   the child forces that break, so it stays right after the child (a "trailing" comment).
 *
 * Children are listed in source order, which is also print order.
 */
export interface Slot {
  readonly node: GateNode;
  readonly lineStart: boolean;
  readonly breakAfter: boolean;
}

const plain = (node: GateNode | undefined): Slot[] => (node ? [{ node, lineStart: false, breakAfter: false }] : []);
const breaking = (node: GateNode | undefined, breakAfter = true): Slot[] =>
  node ? [{ node, lineStart: false, breakAfter }] : [];
/** Entries of a block and declarations of the file: each on its own line. */
const lines = (nodes: readonly GateNode[]): Slot[] =>
  nodes.map((node) => ({ node, lineStart: true, breakAfter: true }));
/** A list whose items are separated by `,` and a possible break; the last one may or may not be followed by one. */
const separated = (nodes: readonly GateNode[], lastBreaks: boolean): Slot[] =>
  nodes.map((node, i) => ({ node, lineStart: false, breakAfter: lastBreaks || i < nodes.length - 1 }));
/** The part after `name "label":`, which moves to its own line when it does not fit. */
const body = (node: GateNode | undefined): Slot[] => (node ? [{ node, lineStart: true, breakAfter: false }] : []);

/** `name "label":` followed by a possible break: the last of the two breaks after it. */
function heading(name: L.Identifier, label: L.StringLiteral | undefined, breakAfter: boolean): Slot[] {
  return label ? [...plain(name), ...breaking(label, breakAfter)] : breaking(name, breakAfter);
}

export function childSlots(node: GateNode): Slot[] {
  switch (node.kind) {
    case "GateFile":
      return lines(node.declarations);
    case "PolicyHeader":
      return [...plain(node.name), ...plain(node.title), ...lines(node.entries)];
    case "HeaderEntry":
      return plain("kind" in node.value ? node.value : node.value.amount);
    case "Owner":
      return [...plain(node.name), ...separated(node.handles, false)];
    case "Record":
      return [...plain(node.name), ...lines(node.fields)];
    case "Field":
      return [...plain(node.name), ...plain(node.type)];
    case "EnumType":
      return separated(node.members, false);
    case "RecordType":
      return lines(node.fields);
    case "ListType":
      return plain(node.element);
    case "NamedType":
      return [];
    case "Rule":
      return [...heading(node.name, node.label, true), ...body(node.condition)];
    case "Disqualifier":
      return [...plain(node.name), ...breaking(node.reason), ...body(node.condition)];
    case "Score":
      return [
        ...heading(node.name, node.label, node.limits.length > 0),
        ...separated(node.limits, false),
        ...lines(node.lines),
      ];
    case "ScoreLimit":
    case "Cap":
      return plain(node.value);
    case "ScoreLine":
      return [...heading(node.name, node.label, true), ...body(node.body)];
    case "ScoreBody": {
      const modified = node.modifiers.length > 0;
      return [
        ...plain(node.points),
        ...breaking(node.list, node.filter !== undefined || modified),
        ...breaking(node.filter, modified),
        ...breaking(node.condition, modified),
        ...separated(node.modifiers, false),
      ];
    }
    case "Decay":
      return [...plain(node.days), ...plain(node.dateField)];
    case "Grade":
      return [...plain(node.name), ...plain(node.label), ...lines(node.branches)];
    case "GradeBranch":
      return [...heading(node.value, node.label, node.condition !== undefined), ...plain(node.condition)];
    case "Stage":
      return [
        ...heading(node.name, node.label, true),
        ...breaking(node.owner, node.followUp !== undefined),
        ...plain(node.followUp?.amount),
        ...lines(node.requirements),
      ];
    case "Requirement":
      return [...heading(node.name, node.label, node.condition !== undefined), ...body(node.condition)];
    case "Override":
      return [...plain(node.name), ...plain(node.label), ...lines(node.entries)];
    case "OverrideStage":
      return plain(node.value);
    case "Logical":
      return separated(node.operands, false);
    case "Not":
    case "DaysSince":
    case "Presence":
      return plain(node.operand);
    case "Compare":
      return [...plain(node.left), ...plain(node.right)];
    case "In":
      // `x in [` is followed by a possible break, and so is every item (`,` or the closing `]`).
      return [...breaking(node.operand, node.items.length > 0), ...separated(node.items, true)];
    case "Window":
      return [...plain(node.operand), ...plain(node.amount)];
    case "TextMatch":
      return [...plain(node.operand), ...plain(node.pattern)];
    case "Quantifier":
      return [
        ...breaking(node.list, node.filter !== undefined || node.predicate !== undefined),
        ...breaking(node.filter, node.predicate !== undefined),
        ...plain(node.predicate),
      ];
    case "Parenthesized":
      return plain(node.expression);
    case "Path":
    case "Identifier":
    case "String":
    case "Number":
    case "Date":
    case "Boolean":
    case "Comment":
      return [];
  }
}

/** The attachable children of a node, for prettier's comment attachment. */
export function childNodes(node: GateNode): GateNode[] {
  return childSlots(node).map((slot) => slot.node);
}

/**
 * The properties holding child nodes, for prettier's generic traversals (cursor tracking). The
 * `range` of a node is not a child.
 */
export function visitorKeys(node: GateNode): string[] {
  return Object.keys(node).filter((key) => {
    if (key === "range" || key === "comments" || key === "openBraces") return false;
    const value: unknown = (node as unknown as Record<string, unknown>)[key];
    return typeof value === "object" && value !== null;
  });
}
