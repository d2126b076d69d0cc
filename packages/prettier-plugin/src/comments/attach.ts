import { util } from "prettier";
import { childSlots, type Slot } from "../layout.js";
import { locEnd, locStart, type GateComment, type GateFile, type GateNode } from "../nodes.js";

/**
 * Decides which node each comment belongs to, so that the printer keeps it in place.
 *
 * A `#` comment runs to the end of its line, so it is either on a line of its own ("own-line")
 * or after code ("end-of-line"). The printer can keep a comment in exactly three kinds of place,
 * and this module picks the nearest one at or after where the comment was written:
 *
 * - before a node that always starts a line (a declaration, a block entry, the condition of a
 *   rule when it moves below `rule name:`): own-line comments only, printed as "leading";
 * - after a node the printer can break the line after (see `breakAfter` in layout.ts): printed
 *   as "trailing", at the end of that line or on the lines after it;
 * - right after a block's `{`, or inside an empty block: printed by the block ("dangling").
 *
 * Choosing by the same rule on the formatted text gives the same place again, which is what
 * makes formatting idempotent with comments: a comment is only ever moved (rarely, e.g. from
 * between `=` and its right side) to the next place where it can stay for good.
 */

interface Event {
  readonly type: "start" | "end" | "open";
  readonly slot: Slot;
  readonly position: number;
}

const eventCache = new WeakMap<GateFile, Event[]>();

/** Start and end of every attachable node, and every block's `{`, in source order. */
function events(root: GateFile): Event[] {
  let list = eventCache.get(root);
  if (!list) {
    list = [];
    for (const slot of childSlots(root)) visit(slot, root, list);
    eventCache.set(root, list);
  }
  return list;
}

function visit(slot: Slot, root: GateFile, list: Event[]): void {
  list.push({ type: "start", slot, position: locStart(slot.node) });
  const brace = root.openBraces.get(slot.node);
  let opened = brace === undefined;
  for (const child of childSlots(slot.node)) {
    if (!opened && brace !== undefined && locStart(child.node) > brace) {
      list.push({ type: "open", slot, position: brace });
      opened = true;
    }
    visit(child, root, list);
  }
  if (!opened && brace !== undefined) list.push({ type: "open", slot, position: brace });
  list.push({ type: "end", slot, position: locEnd(slot.node) });
}

/** Index of the first event after `offset`. */
function firstAfter(list: readonly Event[], offset: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (list[mid]!.position <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

const isLineStart = (e: Event | undefined): boolean => e?.type === "start" && e.slot.lineStart;
const breaksAfter = (e: Event | undefined): boolean => e?.type === "end" && e.slot.breakAfter;
const isEmptyBlock = (open: Event, next: Event | undefined): boolean =>
  next?.type === "end" && next.slot.node === open.slot.node;

function attachOwnLine(comment: GateComment, root: GateFile): void {
  const list = events(root);
  const i = firstAfter(list, locStart(comment));
  const prev = list[i - 1];
  const next = list[i];
  if (next && isLineStart(next)) return void util.addLeadingComment(next.slot.node, comment);
  if (prev && breaksAfter(prev)) return void util.addTrailingComment(prev.slot.node, comment);
  if (prev?.type === "open" && isEmptyBlock(prev, next))
    return void util.addDanglingComment(prev.slot.node, comment, "");
  // Nowhere to stay here: move forward to the next place, as the formatted text will have it.
  for (let j = i; j < list.length; j++) {
    const e = list[j]!;
    if (isLineStart(e)) return void util.addLeadingComment(e.slot.node, comment);
    if (breaksAfter(e)) {
      // On the formatted text the comment will be on its own line right before the next node:
      // if that node starts a line, it is the comment's node then, so it must be now.
      const after = list[j + 1];
      if (after && isLineStart(after)) return void util.addLeadingComment(after.slot.node, comment);
      return void util.addTrailingComment(e.slot.node, comment);
    }
    if (e.type === "open" && isEmptyBlock(e, list[j + 1])) {
      return void util.addDanglingComment(e.slot.node, comment, "");
    }
  }
  util.addDanglingComment(root, comment, "");
}

function attachEndOfLine(comment: GateComment, root: GateFile): void {
  const list = events(root);
  const i = firstAfter(list, locStart(comment));
  for (let j = i - 1; j < list.length; j++) {
    const e = list[j];
    if (!e) continue;
    if (breaksAfter(e)) {
      // A second comment moved to the end of the same line is printed on the line below it
      // (prettier puts one comment per line), so it is placed like an own-line comment there.
      const after = list[j + 1];
      if (hasTrailingComment(e.slot.node) && after && isLineStart(after)) {
        return void util.addLeadingComment(after.slot.node, comment);
      }
      return void util.addTrailingComment(e.slot.node, comment);
    }
    if (e.type === "open") return void util.addDanglingComment(e.slot.node, comment, AFTER_BRACE);
  }
  util.addDanglingComment(root, comment, "");
}

function hasTrailingComment(node: GateNode): boolean {
  return ((node as { comments?: GateComment[] }).comments ?? []).some((c) => c.trailing);
}

/** Marks a dangling comment written on the line of its block's `{`. */
export const AFTER_BRACE = "after-brace";

/**
 * Whether only whitespace precedes the comment on its line. prettier's own test differs at the
 * very start of the file (no line break before it), so the plugin decides itself.
 */
function isOwnLine(text: string, comment: GateComment): boolean {
  for (let i = locStart(comment) - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch === "\n" || ch === "\r") return true;
    if (ch !== " " && ch !== "\t") return false;
  }
  return true;
}

function attach(comment: GateComment, text: string, ast: GateNode): boolean {
  if (isOwnLine(text, comment)) attachOwnLine(comment, ast as GateFile);
  else attachEndOfLine(comment, ast as GateFile);
  return true;
}

/**
 * prettier's `handleComments`: this module places every comment itself, whatever prettier's
 * classification ("remaining" only happens for a last line without a line break).
 */
export const handleComments = {
  ownLine: (comment: GateComment, text: string, _options: unknown, ast: GateNode): boolean =>
    attach(comment, text, ast),
  endOfLine: (comment: GateComment, text: string, _options: unknown, ast: GateNode): boolean =>
    attach(comment, text, ast),
  remaining: (comment: GateComment, text: string, _options: unknown, ast: GateNode): boolean =>
    attach(comment, text, ast),
};

export function canAttachComment(node: GateNode): boolean {
  return node.kind !== "Comment" && node.kind !== "GateFile";
}

/** Only the children layout.ts knows: prettier must not look inside ranges or wrappers' originals. */
export function getCommentChildNodes(node: GateNode): GateNode[] {
  return childSlots(node).map((slot) => slot.node);
}
