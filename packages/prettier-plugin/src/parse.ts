import { parsePolicy } from "@leadgate/language";
import { locEnd, locStart, type GateFile } from "./nodes.js";
import { toPrintTree } from "./print-tree.js";
import { GateSyntaxError } from "./syntax-error.js";

/**
 * prettier's parser for `*.gate` files. A file with any syntax error is not formatted: after
 * error recovery the AST lacks the broken declarations, and printing it would delete them.
 *
 * ```gate code blocks in Markdown are left as written. Documentation shows policies the way they
 * teach best (explanatory comments lined up in a column, a record on one line, fragments of a
 * policy), and the canonical layout is for policy files. prettier keeps an embedded block as it
 * is when its parser fails, so the parser declines.
 */
export function parse(text: string, options?: { filepath?: string; parentParser?: string }): GateFile {
  if (options?.parentParser === "markdown" || options?.parentParser === "mdx") {
    throw new Error("leadgate policies in Markdown code blocks are left as written.");
  }
  const parsed = parsePolicy(text, options?.filepath ?? "<policy>");
  const errors = parsed.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new GateSyntaxError(errors);
  return toPrintTree(parsed.ast, parsed.source);
}

export const gateParser = {
  parse,
  astFormat: "leadgate-ast",
  locStart,
  locEnd,
};
