import type { Doc } from "prettier";
import { builders } from "prettier/doc";
import { locEnd, locStart } from "../nodes.js";
import { fillList } from "./lists.js";
import { nodeAs, printEach, unitWord, type Options, type Path, type Print } from "./support.js";

const { group, indent, line, softline } = builders;

/**
 * Conditions. Long ones break before `and`/`or` (the operator starts the continuation line),
 * before `where`/`have`, and between the values of a `[...]` list. Parentheses are kept exactly
 * as written: they are part of what the condition means.
 */

export function printLogical(path: Path, print: Print): Doc {
  const node = nodeAs(path, "Logical");
  const operands = printEach(path, print, "operands");
  const rest = operands.slice(1).map((operand) => [line, node.operator, " ", operand]);
  // `a or b and c`: the `and` chain inside the `or` is indented to show how it groups.
  return group(path.parent?.kind === "Logical" ? [operands[0]!, indent(rest)] : [operands[0]!, rest]);
}

export function printNot(path: Path, print: Print): Doc {
  return ["not ", print("operand")];
}

export function printCompare(path: Path, print: Print): Doc {
  return [print("left"), " ", nodeAs(path, "Compare").operator, " ", print("right")];
}

/** `x in [a, b]`: when too long, the values go on their own lines between `[` and `]`. */
export function printIn(path: Path, print: Print): Doc {
  const node = nodeAs(path, "In");
  const keyword = node.negated ? " not in " : " in ";
  const items = printEach(path, print, "items");
  if (items.length === 0) return [print("operand"), keyword, "[]"];
  return group([print("operand"), keyword, "[", indent([softline, fillList(items, node.items)]), softline, "]"]);
}

export function printPresence(path: Path, print: Print): Doc {
  return [print("operand"), nodeAs(path, "Presence").present ? " is present" : " is missing"];
}

export function printWindow(path: Path, print: Print): Doc {
  const node = nodeAs(path, "Window");
  return [print("operand"), " ", node.mode, " ", print("amount"), " ", unitWord(node.unit, node.amount.text)];
}

export function printTextMatch(path: Path, print: Print): Doc {
  return [print("operand"), " ", nodeAs(path, "TextMatch").operator, " ", print("pattern")];
}

/** `any activities where ... have ...`: `where` and `have` move to their own lines when too long. */
export function printQuantifier(path: Path, print: Print): Doc {
  const node = nodeAs(path, "Quantifier");
  return group([
    node.quantifier,
    " ",
    print("list"),
    node.filter ? indent([line, "where ", print("filter")]) : "",
    node.predicate ? indent([line, "have ", print("predicate")]) : "",
  ]);
}

export function printDaysSince(path: Path, print: Print): Doc {
  return ["days since ", print("operand")];
}

export function printParenthesized(path: Path, print: Print): Doc {
  return ["(", indent(print("expression")), ")"];
}

export function printPath(path: Path): Doc {
  return nodeAs(path, "Path")
    .segments.map((s) => s.name)
    .join(".");
}

/** Text is printed exactly as written, escapes included. */
export function printString(path: Path, options: Options): Doc {
  const node = nodeAs(path, "String");
  return options.originalText.slice(locStart(node), locEnd(node));
}

export function printNumber(path: Path): Doc {
  return nodeAs(path, "Number").text;
}

export function printDate(path: Path): Doc {
  return nodeAs(path, "Date").value;
}

export function printBoolean(path: Path): Doc {
  return nodeAs(path, "Boolean").value ? "true" : "false";
}
