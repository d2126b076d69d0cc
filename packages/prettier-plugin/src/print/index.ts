import type { Doc } from "prettier";
import { builders } from "prettier/doc";
import { printOwnLineDangling } from "../comments/print.js";
import type { GateNode } from "../nodes.js";
import * as D from "./declarations.js";
import * as E from "./expressions.js";
import * as T from "./types.js";
import { nodeAs, printEach, type Options, type Path, type Print } from "./support.js";

const { hardline, join } = builders;

/** prettier's `print`: one function per node kind. */
export function print(path: Path, options: Options, print: Print): Doc {
  const node: GateNode = path.node;
  switch (node.kind) {
    case "GateFile":
      return printFile(path, options, print);
    case "PolicyHeader":
      return D.printPolicyHeader(path, options, print);
    case "HeaderEntry":
      return D.printHeaderEntry(path, print);
    case "Owner":
      return D.printOwner(path, print);
    case "Record":
      return D.printRecord(path, options, print);
    case "Rule":
      return D.printRule(path, options, print);
    case "Disqualifier":
      return D.printDisqualifier(path, options, print);
    case "Score":
      return D.printScore(path, options, print);
    case "ScoreLimit":
      return D.printScoreLimit(path, print);
    case "ScoreLine":
      return D.printScoreLine(path, options, print);
    case "ScoreBody":
      return D.printScoreBody(path, print);
    case "Cap":
      return D.printCap(path, print);
    case "Decay":
      return D.printDecay(path, print);
    case "Grade":
      return D.printGrade(path, options, print);
    case "GradeBranch":
      return D.printGradeBranch(path, print);
    case "Stage":
      return D.printStage(path, options, print);
    case "Requirement":
      return D.printRequirement(path, options, print);
    case "Override":
      return D.printOverride(path, options, print);
    case "OverrideStage":
      return D.printOverrideStage(path, print);
    case "Field":
      return T.printField(path, print);
    case "NamedType":
      return T.printNamedType(path);
    case "EnumType":
      return T.printEnumType(path, print);
    case "RecordType":
      return T.printRecordType(path, options, print);
    case "ListType":
      return T.printListType(path, print);
    case "Logical":
      return E.printLogical(path, print);
    case "Not":
      return E.printNot(path, print);
    case "Compare":
      return E.printCompare(path, print);
    case "In":
      return E.printIn(path, print);
    case "Presence":
      return E.printPresence(path, print);
    case "Window":
      return E.printWindow(path, print);
    case "TextMatch":
      return E.printTextMatch(path, print);
    case "Quantifier":
      return E.printQuantifier(path, print);
    case "DaysSince":
      return E.printDaysSince(path, print);
    case "Parenthesized":
      return E.printParenthesized(path, print);
    case "Path":
      return E.printPath(path);
    case "Identifier":
      return nodeAs(path, "Identifier").name;
    case "String":
      return E.printString(path, options);
    case "Number":
      return E.printNumber(path);
    case "Date":
      return E.printDate(path);
    case "Boolean":
      return E.printBoolean(path);
    case "Comment":
      // Comments are printed by prettier through printComment, never as nodes.
      return nodeAs(path, "Comment").value.trimEnd();
  }
}

/**
 * Declarations separated by one blank line; the file ends with a line break. Comments are
 * dangling on the file only when it has no declarations.
 */
function printFile(path: Path, options: Options, print: Print): Doc {
  const declarations = printEach(path, print, "declarations");
  const comments = printOwnLineDangling(path.node, options.originalText);
  if (declarations.length === 0 && comments.length === 0) return "";
  return [join([hardline, hardline], declarations), join(hardline, comments), hardline];
}
