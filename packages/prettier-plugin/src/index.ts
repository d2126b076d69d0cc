import type { Plugin, SupportLanguage } from "prettier";
import { canAttachComment, getCommentChildNodes, handleComments } from "./comments/attach.js";
import { printComment } from "./comments/print.js";
import { visitorKeys } from "./layout.js";
import type { GateNode } from "./nodes.js";
import { gateParser } from "./parse.js";
import { print } from "./print/index.js";

/**
 * A prettier plugin for leadgate policy files (`*.gate`). Load it from a prettier config
 * (`"plugins": ["@leadgate/prettier-plugin"]`) and prettier formats policies like any other file.
 */

export const languages: SupportLanguage[] = [
  {
    name: "leadgate",
    parsers: ["leadgate"],
    extensions: [".gate"],
    vscodeLanguageIds: ["leadgate"],
  },
];

export const parsers = { leadgate: gateParser };

export const printers = {
  "leadgate-ast": {
    print,
    printComment,
    canAttachComment,
    getCommentChildNodes,
    handleComments,
    getVisitorKeys: visitorKeys,
    isBlockComment: () => false,
  },
};

const plugin: Plugin<GateNode> = { languages, parsers, printers };
export default plugin;

export { GateSyntaxError } from "./syntax-error.js";
export { formatPolicy, checkPolicyFormat, type FormatOptions } from "./format.js";
