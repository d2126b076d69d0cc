import { type Node, isMap } from "yaml";
import type { LeadLocator } from "./lead-locator.js";
import { readExpect } from "./read-expect.js";
import { readSetting, unknownKeyMessage, type SettingContext, type Settings } from "./settings.js";
import type { Assertion, ExampleCase, WritingProblem } from "./types.js";
import { scalarValue, type YamlSource } from "./yaml-source.js";

export const CASE_KEYS = ["name", "why", "policy", "asOf", "lead", "expect"] as const;

/** What reading a case needs from the file it is in. */
export interface CaseReading {
  readonly source: YamlSource;
  /** `policy`/`asOf` from the folder defaults and the file, which the case may override. */
  readonly inherited: Settings;
  readonly file: SettingContext;
  /** Line of `cases:`, for a case that has no position of its own. */
  readonly casesLine: number;
  readonly locate: LeadLocator;
}

/** Reads one item of `cases:`. Problems are collected on the case, which then does not run. */
export function readCase(node: Node | null, index: number, reading: CaseReading): ExampleCase {
  const { source, inherited, locate } = reading;
  const line = source.lineOf(node, reading.casesLine);
  const problems: WritingProblem[] = [];
  const unnamed = `(case ${index + 1})`;
  const leadLine = (path: readonly (string | number)[]) => locate(index, path, line);
  if (!isMap(node)) {
    problems.push({
      line,
      message: "a case must be a mapping with name, why, lead and optionally expect, policy, asOf",
    });
    return {
      name: unnamed,
      line,
      why: "",
      policy: undefined,
      asOf: undefined,
      lead: undefined,
      assertions: [],
      problems,
      leadLine,
    };
  }

  const context: SettingContext = { ...reading.file, problems };
  let settings = inherited;
  // `null` once written but invalid (already reported), `undefined` while not written.
  let name: string | null | undefined;
  let why: string | null | undefined;
  let lead: unknown;
  let hasLead = false;
  const invalidSettings = new Set<string>();
  let assertions: Assertion[] = [];
  for (const entry of source.entries(node)) {
    const valueLine = source.lineOf(entry.value, entry.keyLine);
    const text = scalarValue(entry.value)?.value;
    switch (entry.key) {
      case "name":
        name = typeof text === "string" && text.trim() !== "" ? text : null;
        if (name === null) problems.push({ line: valueLine, message: "`name` must be text that names the case" });
        break;
      case "why":
        why = typeof text === "string" && text.trim() !== "" ? text : null;
        if (why === null)
          problems.push({ line: valueLine, message: "`why` must be one sentence saying what the case shows" });
        break;
      case "policy":
      case "asOf": {
        const before = problems.length;
        settings = { ...settings, ...readSetting(entry, context) };
        if (problems.length > before) invalidSettings.add(entry.key);
        break;
      }
      case "lead":
        hasLead = true;
        lead = entry.value === null ? null : entry.value.toJS(source.document);
        break;
      case "expect":
        assertions = readExpect(entry.value, source, problems);
        break;
      default:
        problems.push({ line: entry.keyLine, message: unknownKeyMessage(entry.key, "a case", CASE_KEYS) });
    }
  }
  if (name === undefined) problems.push({ line, message: "the case has no `name`" });
  if (why === undefined)
    problems.push({ line, message: "the case has no `why`: add one sentence saying what it shows and why it matters" });
  if (!hasLead) problems.push({ line, message: "the case has no `lead`" });
  const elsewhere = "set it in the case, at the top of the file or in the folder's _defaults.yaml";
  if (!settings.policy && !invalidSettings.has("policy"))
    problems.push({ line, message: `the case has no \`policy\`: ${elsewhere}` });
  if (!settings.asOf && !invalidSettings.has("asOf"))
    problems.push({ line, message: `the case has no \`asOf\` date: ${elsewhere}` });
  problems.sort((a, b) => a.line - b.line);
  return {
    name: name ?? unnamed,
    line,
    why: why ?? "",
    policy: settings.policy,
    asOf: settings.asOf,
    lead,
    assertions,
    problems,
    leadLine,
  };
}
