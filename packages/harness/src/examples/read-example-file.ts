import { dirname } from "node:path";
import { isMap, isSeq, type Node } from "yaml";
import { displayPath } from "../paths.js";
import { readTextFile } from "../text-file.js";
import { goldenPathFor } from "./discover.js";
import { leadLocator } from "./lead-locator.js";
import { readCase, type CaseReading } from "./read-case.js";
import { readSetting, unknownKeyMessage, type SettingContext, type Settings } from "./settings.js";
import type { ExampleCase, ExampleFile, WritingProblem } from "./types.js";
import { YamlSource } from "./yaml-source.js";

export const FILE_KEYS = ["policy", "asOf", "cases"] as const;

/**
 * Reads an example file: file-level `policy`/`asOf` (over the folder defaults) and each case.
 * Never throws for bad content: every problem becomes a located message, so a typo fails the run
 * instead of being silently ignored.
 */
export function readExampleFile(path: string, cwd: string, defaults: Settings): ExampleFile {
  const read = readTextFile(path);
  if (read.ok) return parseExampleFile(read.text, path, cwd, defaults);
  const base = { path, display: displayPath(path, cwd), goldenPath: goldenPathFor(path) };
  return { ...base, cases: [], problems: [{ line: 1, message: `cannot read: ${read.reason}` }], casesKnown: false };
}

/**
 * Reads an example file's text as if it were at `path`: `leadgate diff` uses this for files read
 * from git objects, so both commands understand a case the same way.
 */
export function parseExampleFile(text: string, path: string, cwd: string, defaults: Settings): ExampleFile {
  const display = displayPath(path, cwd);
  const base = { path, display, goldenPath: goldenPathFor(path) };
  const unreadable = (problems: WritingProblem[]): ExampleFile => ({ ...base, cases: [], problems, casesKnown: false });

  const source = new YamlSource(text);
  if (source.syntaxErrors.length > 0) return unreadable([...source.syntaxErrors]);

  const root = source.document.contents;
  if (!isMap(root)) {
    return unreadable([
      {
        line: source.lineOf(root),
        message: "an example file must be a mapping with `cases:` (and optionally `policy:` and `asOf:`)",
      },
    ]);
  }
  const problems: WritingProblem[] = [];
  const context: SettingContext = { source, file: display, folder: dirname(path), problems };
  let settings: Settings = defaults;
  let casesNode: Node | null | undefined;
  let casesLine = 1;
  for (const entry of source.entries(root)) {
    if (entry.key === "policy" || entry.key === "asOf") settings = { ...settings, ...readSetting(entry, context) };
    else if (entry.key === "cases") {
      casesNode = entry.value;
      casesLine = entry.keyLine;
    } else problems.push({ line: entry.keyLine, message: unknownKeyMessage(entry.key, "an example file", FILE_KEYS) });
  }
  if (casesNode === undefined) {
    problems.push({ line: 1, message: "the file has no `cases:` list" });
    return { ...base, cases: [], problems, casesKnown: false };
  }
  if (casesNode !== null && !isSeq(casesNode)) {
    problems.push({
      line: source.lineOf(casesNode, casesLine),
      message: "`cases` must be a list of cases (`- name: ...`)",
    });
    return { ...base, cases: [], problems, casesKnown: false };
  }

  const items = casesNode === null ? [] : casesNode.items;
  const reading: CaseReading = {
    source,
    inherited: settings,
    file: context,
    casesLine,
    locate: leadLocator(text),
  };
  const firstLineOfName = new Map<string, number>();
  const cases = items.map((item, index): ExampleCase => {
    const exampleCase = readCase(source.resolve(item as Node | null), index, reading);
    const earlier = firstLineOfName.get(exampleCase.name);
    if (earlier === undefined) {
      firstLineOfName.set(exampleCase.name, exampleCase.line);
      return exampleCase;
    }
    const duplicate = {
      line: exampleCase.line,
      message: `the case name ${JSON.stringify(exampleCase.name)} is already used on line ${earlier}; names must be unique within a file`,
    };
    return { ...exampleCase, problems: [duplicate, ...exampleCase.problems] };
  });
  return { ...base, cases, problems, casesKnown: true };
}
