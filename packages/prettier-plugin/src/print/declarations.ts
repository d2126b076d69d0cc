import type { Doc } from "prettier";
import { builders } from "prettier/doc";
import type * as L from "@leadgate/language";
import { locEnd, locStart } from "../nodes.js";
import { hasLineBreakBetween } from "../source-text.js";
import { printBlock } from "./block.js";
import { fillList } from "./lists.js";
import { nodeAs, printEach, unitWord, type Options, type Path, type Print } from "./support.js";

const { group, hardline, indent, line } = builders;

/**
 * Declarations and the entries of their blocks. The layout each function produces is described
 * for comment placement in layout.ts: keep the two in step.
 */

/** ` "label"` when there is one. */
function label(path: Path, print: Print, value: L.StringLiteral | undefined, key = "label"): Doc {
  return value ? [" ", print(key)] : "";
}

/**
 * `head: body`: the body stays on the head's line when it fits, and otherwise moves to the next
 * line, indented. If the author put it on the next line, it stays there even when it would fit:
 * a long label reads better with the condition below it, and that is the author's call (as
 * prettier keeps an object broken when its first key is on a new line).
 */
function colonStatement(
  path: Path,
  options: Options,
  print: Print,
  head: Doc[],
  headEnd: { readonly range: L.Range },
  bodyKey: string,
  body: { readonly range: L.Range },
): Doc {
  const authorBroke = hasLineBreakBetween(options.originalText, locEnd(headEnd), locStart(body));
  return group([...head, ":", indent([authorBroke ? hardline : line, print(bodyKey)])]);
}

export function printPolicyHeader(path: Path, options: Options, print: Print): Doc {
  const node = nodeAs(path, "PolicyHeader");
  return [
    "policy ",
    print("name"),
    label(path, print, node.title, "title"),
    " ",
    printBlock(path, options, print, "entries"),
  ];
}

export function printHeaderEntry(path: Path, print: Print): Doc {
  const node = nodeAs(path, "HeaderEntry");
  if ("kind" in node.value) return [node.keyword, " ", print("value")];
  return [node.keyword, " ", print(["value", "amount"]), " ", unitWord(node.value.unit, node.value.amount.text)];
}

export function printOwner(path: Path, print: Print): Doc {
  const handles = printEach(path, print, "handles");
  return ["owner ", print("name"), " ", indent(fillList(handles, nodeAs(path, "Owner").handles))];
}

export function printRecord(path: Path, options: Options, print: Print): Doc {
  const node = nodeAs(path, "Record");
  // The lead's name is its keyword: `lead { ... }`; other records are `record name { ... }`.
  const head: Doc = node.isLead ? print("name") : ["record ", print("name")];
  return [head, " ", printBlock(path, options, print, "fields")];
}

export function printRule(path: Path, options: Options, print: Print): Doc {
  const node = nodeAs(path, "Rule");
  const head = ["rule ", print("name"), label(path, print, node.label)];
  return colonStatement(path, options, print, head, node.label ?? node.name, "condition", node.condition);
}

export function printDisqualifier(path: Path, options: Options, print: Print): Doc {
  const node = nodeAs(path, "Disqualifier");
  const head = ["disqualify ", print("name"), " ", print("reason")];
  return colonStatement(path, options, print, head, node.reason, "condition", node.condition);
}

/**
 * A block's heading that does not fit on one line continues two levels deeper, so that it does
 * not line up with the entries of the block.
 */
function continued(doc: Doc): Doc {
  return indent(indent(doc));
}

export function printScore(path: Path, options: Options, print: Print): Doc {
  const node = nodeAs(path, "Score");
  const limits = printEach(path, print, "limits").map((limit) => [",", line, limit]);
  return [
    group(["score ", print("name"), label(path, print, node.label), continued(limits)]),
    " ",
    printBlock(path, options, print, "lines"),
  ];
}

export function printScoreLimit(path: Path, print: Print): Doc {
  return [nodeAs(path, "ScoreLimit").which, " ", print("value")];
}

export function printScoreLine(path: Path, options: Options, print: Print): Doc {
  const node = nodeAs(path, "ScoreLine");
  const head = [print("name"), label(path, print, node.label)];
  return colonStatement(path, options, print, head, node.label ?? node.name, "body", node.body);
}

/**
 * `10 per activities where ..., at most 20` or `-20 if personal_email`. The modifiers follow on
 * the same line while they fit, then continue on the next, indented.
 */
export function printScoreBody(path: Path, print: Print): Doc {
  const node = nodeAs(path, "ScoreBody");
  const what: Doc =
    node.mode === "per"
      ? [" per ", print("list"), node.filter ? indent([line, "where ", print("filter")]) : ""]
      : [" if ", print("condition")];
  const head = group([print("points"), what]);
  if (node.modifiers.length === 0) return head;
  const headEnd = node.condition ?? node.filter ?? node.list;
  return fillList([head, ...printEach(path, print, "modifiers")], [headEnd, ...node.modifiers], true);
}

export function printCap(path: Path, print: Print): Doc {
  return ["at most ", print("value")];
}

export function printDecay(path: Path, print: Print): Doc {
  const node = nodeAs(path, "Decay");
  return [node.mode, " ", print("days"), " ", unitWord("days", node.days.text), " on ", print("dateField")];
}

export function printGrade(path: Path, options: Options, print: Print): Doc {
  const node = nodeAs(path, "Grade");
  return ["grade ", print("name"), label(path, print, node.label), " ", printBlock(path, options, print, "branches")];
}

export function printGradeBranch(path: Path, print: Print): Doc {
  const node = nodeAs(path, "GradeBranch");
  if (!node.condition) return ["otherwise ", print("value"), label(path, print, node.label)];
  return group([print("value"), label(path, print, node.label), indent([line, "if ", print("condition")])]);
}

export function printStage(path: Path, options: Options, print: Print): Doc {
  const node = nodeAs(path, "Stage");
  const followUp = node.followUp
    ? [
        ",",
        line,
        "follow up within ",
        print(["followUp", "amount"]),
        " ",
        unitWord(node.followUp.unit, node.followUp.amount.text),
      ]
    : "";
  // `owned by` and the follow-up stay together on the continuation line when they fit.
  const ownedBy = group(["owned by ", print("owner"), followUp]);
  return [
    group(["stage ", print("name"), label(path, print, node.label), continued([line, ownedBy])]),
    " ",
    printBlock(path, options, print, "requirements"),
  ];
}

export function printRequirement(path: Path, options: Options, print: Print): Doc {
  const node = nodeAs(path, "Requirement");
  const head = ["require ", print("name"), label(path, print, node.label)];
  if (!node.condition) return head;
  return colonStatement(path, options, print, head, node.label ?? node.name, "condition", node.condition);
}

export function printOverride(path: Path, options: Options, print: Print): Doc {
  const node = nodeAs(path, "Override");
  return ["override ", print("name"), label(path, print, node.label), " ", printBlock(path, options, print, "entries")];
}

export function printOverrideStage(path: Path, print: Print): Doc {
  return ["stage: ", print("value")];
}
