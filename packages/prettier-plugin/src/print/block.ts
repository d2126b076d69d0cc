import type { Range } from "@leadgate/language";
import type { Doc } from "prettier";
import { builders } from "prettier/doc";
import { printAfterBrace, printOwnLineDangling } from "../comments/print.js";
import { locEnd, type BlockNode, type GateNode } from "../nodes.js";
import { isNextLineEmpty } from "../source-text.js";
import type { Options, Path, Print } from "./support.js";

const { hardline, indent, join } = builders;

/**
 * `{`, one entry per line indented, `}`. A blank line the author left between two entries stays
 * (one, however many there were): it groups fields or requirements that belong together.
 */
export function printBlock(path: Path, options: Options, print: Print, key: string): Doc {
  const node = path.node as BlockNode;
  const count = ((node as unknown as Record<string, readonly GateNode[] | undefined>)[key] ?? []).length;
  const afterBrace = printAfterBrace(node);
  const lines: Doc[] = [...afterBrace.below];
  // AstPath.each's typings only accept property names known at compile time; `key` names the entries.
  path.each((entryPath, i) => {
    const blankAfter =
      i < count - 1 && isNextLineEmpty(options.originalText, locEnd(entryPath.node as { readonly range: Range }));
    lines.push(blankAfter ? [print(), hardline] : print());
  }, key as never);
  lines.push(...printOwnLineDangling(node, options.originalText));
  if (lines.length === 0) return ["{", afterBrace.sameLine, afterBrace.sameLine === "" ? "" : hardline, "}"];
  return ["{", afterBrace.sameLine, indent([hardline, join(hardline, lines)]), hardline, "}"];
}
