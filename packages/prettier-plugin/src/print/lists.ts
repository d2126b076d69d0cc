import type { Doc } from "prettier";
import { builders } from "prettier/doc";
import { hasComments } from "../comments/print.js";
import type { GateNode } from "../nodes.js";

const { fill, hardline, indent, line } = builders;

/**
 * `a, b, c` packed: as many items per line as fit, every item but the last followed by its
 * comma. After an item with a comment the line always breaks, so the comment stays right after
 * its item (layout.ts promises a possible break after every item).
 *
 * `nodes` are the items' nodes, to see which have comments. With `indented`, continuation lines
 * are indented one level (for lists whose first item can itself span lines).
 */
export function fillList(items: readonly Doc[], nodes: ReadonlyArray<GateNode | undefined>, indented = false): Doc {
  const parts: Doc[] = [];
  items.forEach((item, i) => {
    if (i > 0) {
      const previous = nodes[i - 1];
      const separator = previous && hasComments(previous) ? hardline : line;
      parts.push(indented ? indent(separator) : separator);
    }
    parts.push(i < items.length - 1 ? [item, ","] : item);
  });
  return fill(parts);
}
