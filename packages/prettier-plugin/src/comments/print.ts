import type { AstPath, Doc } from "prettier";
import { builders } from "prettier/doc";
import type { GateComment, GateNode } from "../nodes.js";
import { isPreviousLineEmpty } from "../source-text.js";
import { AFTER_BRACE } from "./attach.js";

const { breakParent, hardline, join, lineSuffix } = builders;

/** The text of a comment, without trailing spaces. prettier prints leading and trailing ones. */
export function printComment(path: AstPath<GateNode>): Doc {
  const comment = path.node as GateComment;
  return comment.value.trimEnd();
}

/** Comments attached to a node that are neither leading nor trailing: the printer places them. */
export function danglingComments(node: GateNode): GateComment[] {
  const comments = (node as { comments?: GateComment[] }).comments ?? [];
  return comments.filter((c) => !c.leading && !c.trailing);
}

/** Whether prettier attached any comment to the node. */
export function hasComments(node: GateNode): boolean {
  return ((node as { comments?: GateComment[] }).comments ?? []).length > 0;
}

/**
 * `{ # comment`: dangling comments written on the line of a block's `{`. Only the first can stay
 * on that line (the others moved there from before the `{`); the rest go on the lines below.
 */
export function printAfterBrace(node: GateNode): { sameLine: Doc; below: Doc[] } {
  const [first, ...rest] = danglingComments(node).filter((c) => c.marker === AFTER_BRACE);
  return {
    sameLine: first ? [lineSuffix([" ", markPrinted(first)]), breakParent] : "",
    below: rest.map(markPrinted),
  };
}

/**
 * Own-line dangling comments (in an empty block, or a file without declarations), one per
 * line, keeping a blank line the author left between two of them.
 */
export function printOwnLineDangling(node: GateNode, text: string): Doc[] {
  const comments = danglingComments(node).filter((c) => c.marker !== AFTER_BRACE);
  return comments.map((c, i) => [
    i > 0 && isPreviousLineEmpty(text, c.range.start.offset) ? hardline : "",
    markPrinted(c),
  ]);
}

export function joinLines(docs: Doc[]): Doc {
  return join(hardline, docs);
}

/** prettier checks that every comment was printed; comments printed here are marked by hand. */
function markPrinted(comment: GateComment): string {
  comment.printed = true;
  return comment.value.trimEnd();
}
