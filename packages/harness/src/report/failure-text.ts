import type { DecisionChanges } from "../compare/decision-changes.js";
import type { Diff } from "../compare/structural-diff.js";
import type { CaseResult, Failure, FileProblem, ObsoleteEntry } from "../run/results.js";
import { noColors, type Colors } from "./colors.js";

/**
 * The words of a failure, shared by every reporter so the terminal, JUnit, GitHub annotations
 * and vitest all say the same thing. Each failure is a head line a reviewer can click
 * (`file:line case "name": message`) and optional indented detail lines.
 */

export interface FailureTextOptions {
  readonly colors?: Colors;
  /**
   * Repeat a broken policy's errors under each of its cases. The terminal report prints them once
   * in its own section instead; JUnit and vitest show one case at a time and need them inline.
   */
  readonly policyDiagnostics?: boolean;
}

export function failureHead(result: CaseResult, failure: Failure): string {
  return `${result.file}:${failure.line} case ${JSON.stringify(result.name)}: ${failure.message}`;
}

/**
 * The detail lines under a failure's head, without indentation. A changed decision also shows the
 * case's `why`: whoever reviews the change needs to know what the case was meant to guard.
 */
export function failureDetails(failure: Failure, options: FailureTextOptions = {}, why = ""): string[] {
  const colors = options.colors ?? noColors;
  switch (failure.kind) {
    case "snapshot-changed":
      return [...(why ? [`why: ${why}`] : []), ...changeLines(failure.changes), ...diffLines(failure.diff, colors)];
    case "policy":
      return options.policyDiagnostics ? [...failure.diagnostics] : [];
    default:
      return [];
  }
}

/** Every failure of a case: head lines, each followed by its details indented by four spaces. */
export function caseFailureText(result: CaseResult, options: FailureTextOptions = {}): string {
  const lines: string[] = [];
  for (const failure of result.failures) {
    lines.push(failureHead(result, failure));
    for (const detail of failureDetails(failure, options, result.why)) lines.push(`    ${detail}`);
  }
  return lines.join("\n");
}

export function fileProblemText(problem: FileProblem): string {
  const column = problem.column === undefined ? "" : `:${problem.column}`;
  return `${problem.file}:${problem.line}${column}: ${problem.message}`;
}

export function obsoleteText(entry: ObsoleteEntry): string {
  return `${entry.goldenFile}:${entry.line} obsolete snapshot ${JSON.stringify(entry.name)}: no case has this name in ${entry.exampleFile}; run \`leadgate test --update\` to remove it`;
}

function arrow(before: string | number | null | undefined, after: string | number | null | undefined): string {
  const show = (value: string | number | null | undefined) =>
    value === undefined ? "(absent)" : value === null ? "none" : String(value);
  return `${show(before)} → ${show(after)}`;
}

function changeLines(changes: DecisionChanges): string[] {
  const lines: string[] = [];
  const { stage } = changes;
  lines.push(
    stage.before === stage.after
      ? `stage: ${stage.after ?? "none"} (unchanged)`
      : `stage: ${arrow(stage.before, stage.after)}`,
  );
  if (changes.disqualified)
    lines.push(`disqualified: ${arrow(changes.disqualified.before, changes.disqualified.after)}`);
  if (changes.flips.length > 0) {
    lines.push("requirements flipped:");
    for (const flip of changes.flips) lines.push(`  ${flip.requirement}: ${arrow(flip.before, flip.after)}`);
  }
  if (changes.scoreDeltas.length > 0) {
    lines.push("scores changed:");
    for (const delta of changes.scoreDeltas) {
      const name = delta.part === undefined ? `${delta.score} (total)` : `${delta.score}.${delta.part}`;
      lines.push(`  ${name}: ${arrow(delta.before, delta.after)}`);
    }
  }
  return lines;
}

function diffLines(diff: Diff, colors: Colors): string[] {
  if (diff.lines.length === 0) return [];
  const lines = ["snapshot diff (- snapshot, + now):"];
  for (const line of diff.lines) {
    const text = `${line.sign} ${line.path}: ${line.value}`;
    lines.push(`  ${line.sign === "-" ? colors.red(text) : colors.green(text)}`);
  }
  if (diff.omitted > 0) lines.push(`  … ${diff.omitted} more line${diff.omitted === 1 ? "" : "s"}`);
  return lines;
}
