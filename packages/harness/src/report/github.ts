import type { TestReport } from "../run/results.js";
import { percentText } from "../coverage/coverage.js";
import { diagnosticLine } from "./diagnostic-line.js";
import { failureDetails, obsoleteText } from "./failure-text.js";

/**
 * GitHub Actions workflow commands (`::error file=…,line=…::…`) so failures show on the lines of
 * the pull request's diff. Printed in addition to a report when GITHUB_ACTIONS=true.
 */
export function formatGithubAnnotations(report: TestReport): string[] {
  const out: string[] = [];
  for (const policy of report.policies)
    for (const d of policy.errors)
      out.push(
        annotation(
          { file: policy.file, line: d.range.start.line, col: d.range.start.column, title: `policy ${policy.name}` },
          diagnosticLine(policy.file, d),
        ),
      );
  for (const problem of report.fileProblems)
    out.push(
      annotation(
        { file: problem.file, line: problem.line, col: problem.column, title: "invalid file" },
        problem.message,
      ),
    );
  for (const result of report.cases)
    for (const failure of result.failures) {
      const message = [failure.message, ...failureDetails(failure, {}, result.why)].join("\n");
      out.push(
        annotation({ file: result.file, line: failure.line, title: `case ${JSON.stringify(result.name)}` }, message),
      );
    }
  for (const entry of report.obsolete)
    out.push(annotation({ file: entry.goldenFile, line: entry.line, title: "obsolete snapshot" }, obsoleteText(entry)));
  for (const coverage of report.coverageBelowMinimum)
    out.push(
      annotation(
        { file: coverage.file, line: 1, title: "coverage" },
        `coverage of ${coverage.policy} is ${percentText(coverage.percent)}, below the minimum of ${report.minCoverage}%`,
      ),
    );
  return out;
}

interface Properties {
  readonly file: string;
  readonly line: number;
  readonly col?: number | undefined;
  readonly title: string;
}

function annotation(properties: Properties, message: string): string {
  const props = Object.entries(properties)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(",");
  return `::error ${props}::${escapeData(message)}`;
}

/** As @actions/core escapes a command's message. */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** As @actions/core escapes a property value: also `:` and `,`, which delimit properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
