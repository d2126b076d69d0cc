import type { Status } from "@leadgate/runtime";
import { isMap, isSeq, type Node } from "yaml";
import { unknownKeyMessage } from "./settings.js";
import type { Assertion, WritingProblem } from "./types.js";
import { scalarValue, type YamlEntry, type YamlSource } from "./yaml-source.js";

export const EXPECT_KEYS = [
  "stage",
  "disqualified",
  "scores",
  "grades",
  "rules",
  "passed",
  "failed",
  "missing",
] as const;

const REQUIREMENT_NAME = /^([^.\s]+)\.([^.\s]+)$/;

/**
 * Turns a case's hand-written `expect:` into assertions, each with the line it was written on.
 * Only the shape is checked here; whether the names exist depends on the policy and is checked
 * when the case runs.
 */
export function readExpect(node: Node | null, source: YamlSource, problems: WritingProblem[]): Assertion[] {
  if (!isMap(node)) {
    problems.push({ line: source.lineOf(node), message: "`expect` must be a mapping, e.g. `expect: { stage: MQL }`" });
    return [];
  }
  const assertions: Assertion[] = [];
  for (const entry of source.entries(node)) {
    const line = source.lineOf(entry.value, entry.keyLine);
    const value = scalarValue(entry.value)?.value;
    const bad = (message: string) => problems.push({ line, message: `expect.${entry.key} ${message}` });
    switch (entry.key) {
      case "stage":
        if (value === null || typeof value === "string") assertions.push({ kind: "stage", line, stage: value });
        else bad("must be a stage name, or null for no stage");
        break;
      case "disqualified":
        if (value === null || value === false) assertions.push({ kind: "disqualified", line, disqualifier: null });
        else if (typeof value === "string") assertions.push({ kind: "disqualified", line, disqualifier: value });
        else bad("must be a disqualifier name, or null/false for not disqualified");
        break;
      case "scores":
        for (const item of namedValues(entry, source, problems)) {
          if (typeof item.value === "number")
            assertions.push({ kind: "score", line: item.line, score: item.name, total: item.value });
          else
            problems.push({
              line: item.line,
              message: `expect.scores.${item.name} must be a number (the score's total)`,
            });
        }
        break;
      case "grades":
        for (const item of namedValues(entry, source, problems)) {
          if (item.value === null || typeof item.value === "string")
            assertions.push({ kind: "grade", line: item.line, grade: item.name, value: item.value });
          else
            problems.push({
              line: item.line,
              message: `expect.grades.${item.name} must be a grade value, or null for missing`,
            });
        }
        break;
      case "rules":
        for (const item of namedValues(entry, source, problems)) {
          if (item.value === null || typeof item.value === "boolean")
            assertions.push({ kind: "rule", line: item.line, rule: item.name, value: item.value });
          else
            problems.push({
              line: item.line,
              message: `expect.rules.${item.name} must be true, false or null (missing data)`,
            });
        }
        break;
      case "passed":
      case "failed":
      case "missing":
        assertions.push(...requirementList(entry, entry.key, source, problems));
        break;
      default:
        problems.push({ line: entry.keyLine, message: unknownKeyMessage(entry.key, "expect", EXPECT_KEYS) });
    }
  }
  return assertions;
}

interface NamedValue {
  readonly name: string;
  readonly value: unknown;
  readonly line: number;
}

/** The `name: value` entries of `scores:`, `grades:` or `rules:`. */
function namedValues(entry: YamlEntry, source: YamlSource, problems: WritingProblem[]): NamedValue[] {
  if (!isMap(entry.value)) {
    problems.push({
      line: source.lineOf(entry.value, entry.keyLine),
      message: `expect.${entry.key} must be a mapping of names to values, e.g. \`${entry.key}: { name: value }\``,
    });
    return [];
  }
  return source.entries(entry.value).map((item) => {
    const scalar = scalarValue(item.value);
    // A list or mapping is never a valid value; `undefined` makes every caller report it.
    return { name: item.key, value: scalar ? scalar.value : undefined, line: source.lineOf(item.value, item.keyLine) };
  });
}

function requirementList(
  entry: YamlEntry,
  status: Status,
  source: YamlSource,
  problems: WritingProblem[],
): Assertion[] {
  if (!isSeq(entry.value)) {
    problems.push({
      line: source.lineOf(entry.value, entry.keyLine),
      message: `expect.${status} must be a list of STAGE.requirement names, e.g. \`${status}: [SQL.budget]\``,
    });
    return [];
  }
  const assertions: Assertion[] = [];
  for (const raw of entry.value.items) {
    const item = source.resolve(raw as Node | null);
    const line = source.lineOf(item, entry.keyLine);
    const text = scalarValue(item)?.value;
    const match = typeof text === "string" ? REQUIREMENT_NAME.exec(text) : null;
    if (!match) {
      problems.push({
        line,
        message: `expect.${status}: ${JSON.stringify(text ?? null)} is not a STAGE.requirement name, e.g. SQL.budget`,
      });
      continue;
    }
    assertions.push({ kind: "requirement", line, stage: match[1]!, requirement: match[2]!, status });
  }
  return assertions;
}
