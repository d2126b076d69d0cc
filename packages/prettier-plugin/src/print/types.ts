import type { Doc } from "prettier";
import { builders } from "prettier/doc";
import { printBlock } from "./block.js";
import { fillList } from "./lists.js";
import { nodeAs, printEach, type Options, type Path, type Print } from "./support.js";

const { indent } = builders;

/** Fields of the lead and of records, and their types. */

export function printField(path: Path, print: Print): Doc {
  return [print("name"), ": ", print("type"), nodeAs(path, "Field").optional ? "?" : ""];
}

export function printNamedType(path: Path): Doc {
  return nodeAs(path, "NamedType").name.name;
}

/** `one of a, b, c`: as many values per line as fit, continued one level deeper than the field. */
export function printEnumType(path: Path, print: Print): Doc {
  return ["one of ", indent(fillList(printEach(path, print, "members"), nodeAs(path, "EnumType").members))];
}

export function printRecordType(path: Path, options: Options, print: Print): Doc {
  return printBlock(path, options, print, "fields");
}

export function printListType(path: Path, print: Print): Doc {
  return ["list of ", print("element")];
}
