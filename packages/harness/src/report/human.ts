import type { Diagnostic, SourceFile } from "@leadgate/language";
import { percentText, uncoveredText, unreachedStageText, type PolicyCoverage } from "../coverage/coverage.js";
import type { TestReport } from "../run/results.js";
import { noColors, type Colors } from "./colors.js";
import { diagnosticLine } from "./diagnostic-line.js";
import { caseFailureText, fileProblemText, obsoleteText } from "./failure-text.js";

export interface HumanReportOptions {
  readonly colors?: Colors;
  /** How to print a policy's errors; the CLI passes its tsc-style code frames. Default: one line each. */
  readonly formatDiagnostic?: (file: string, source: SourceFile, diagnostic: Diagnostic) => string;
}

/**
 * The terminal report: a line per example file, then what failed with file and line, then
 * coverage, then the summary `N passed, N failed`. Passing cases print nothing of their own, so a
 * failure is never lost among thousands of passes.
 */
export function formatHumanReport(report: TestReport, options: HumanReportOptions = {}): string {
  const colors = options.colors ?? noColors;
  const sections: string[] = [];

  const fileLines = report.files
    .filter((f) => f.passed + f.failed + f.problems > 0)
    .map((f) => {
      const bad = f.failed + f.problems > 0;
      const counts = [
        `${f.passed} passed`,
        f.failed > 0 ? `${f.failed} failed` : "",
        f.problems > 0 ? "file has problems" : "",
      ];
      return `${bad ? colors.red("✗") : colors.green("✓")} ${f.file} ${colors.gray(`(${counts.filter(Boolean).join(", ")})`)}`;
    });
  if (fileLines.length > 0) sections.push(fileLines.join("\n"));

  const broken = report.policies.filter((p) => !p.ok);
  if (broken.length > 0) {
    const lines = [colors.bold("Policies with errors (their cases fail):")];
    for (const policy of broken) {
      if (policy.errors.length === 0 || !policy.source)
        lines.push(`${policy.file}: ${policy.message ?? "cannot be used"}`);
      for (const d of policy.errors)
        lines.push(
          options.formatDiagnostic && policy.source
            ? options.formatDiagnostic(policy.file, policy.source, d).trimEnd()
            : diagnosticLine(policy.file, d),
        );
    }
    sections.push(lines.join("\n"));
  }

  if (report.fileProblems.length > 0)
    sections.push(
      [colors.bold("Files with problems:"), ...report.fileProblems.map((p) => colors.red(fileProblemText(p)))].join(
        "\n",
      ),
    );

  const failedCases = report.cases.filter((c) => c.status === "failed");
  if (failedCases.length > 0)
    sections.push(
      `${colors.bold("Failures:")}\n${failedCases.map((c) => caseFailureText(c, { colors })).join("\n\n")}`,
    );

  if (report.obsolete.length > 0)
    sections.push([colors.bold("Obsolete snapshots:"), ...report.obsolete.map(obsoleteText)].join("\n"));

  if (report.coverage) sections.push(coverageSection(report.coverage, report.minCoverage, colors));

  if (report.updates) sections.push(updateSection(report));

  sections.push(summaryLines(report, colors));
  return sections.join("\n\n");
}

function coverageSection(coverage: readonly PolicyCoverage[], minimum: number | null, colors: Colors): string {
  const lines = [
    colors.bold("Coverage (each requirement, rule, score line, grade branch and disqualifier, both ways):"),
  ];
  if (coverage.length === 0) lines.push("  no decisions to measure: no case of a valid policy ran");
  const width = Math.max(0, ...coverage.map((c) => c.policy.length));
  for (const c of coverage) {
    const low = minimum !== null && c.percent < minimum;
    const percent = percentText(c.percent).padStart(6);
    lines.push(
      `  ${c.policy.padEnd(width)}  ${low ? colors.red(percent) : percent}  ${c.coveredWays}/${c.totalWays} ways  ${c.file}  ${colors.gray(`(${c.decisions} decision${c.decisions === 1 ? "" : "s"})`)}`,
    );
  }
  const gaps = coverage.flatMap((c) => [
    ...c.uncovered.map((way) => ({ line: way.line, text: uncoveredText(c.file, way) })),
    ...c.unreachedStages.map((stage) => ({ line: stage.line, text: unreachedStageText(c.file, stage) })),
  ]);
  if (gaps.length > 0) lines.push("", "Not covered:", ...gaps.map((g) => `  ${g.text}`));
  for (const c of coverage)
    if (minimum !== null && c.percent < minimum)
      lines.push(
        "",
        colors.red(`Coverage of ${c.policy} is ${percentText(c.percent)}, below the minimum of ${minimum}%.`),
      );
  return lines.join("\n");
}

function updateSection(report: TestReport): string {
  const updates = report.updates ?? [];
  if (updates.length === 0) return "Golden files are up to date: nothing written.";
  const lines = ["Updated golden files:"];
  for (const u of updates) {
    const parts = [
      u.written.length > 0 ? `${u.written.length} snapshot${u.written.length === 1 ? "" : "s"} written` : "",
      u.removed.length > 0 ? `${u.removed.length} obsolete removed` : "",
      u.deleted ? "file deleted (no entries left)" : "",
    ].filter(Boolean);
    lines.push(`  ${u.goldenFile}: ${parts.join(", ") || "rewritten"}`);
  }
  return lines.join("\n");
}

function summaryLines(report: TestReport, colors: Colors): string {
  const { passed, failed, obsolete, skipped } = report.counts;
  const parts = [colors.green(`${passed} passed`), failed > 0 ? colors.red(`${failed} failed`) : `${failed} failed`];
  if (obsolete > 0) parts.push(colors.red(`${obsolete} obsolete`));
  const lines = skipped > 0 ? [`${skipped} case${skipped === 1 ? "" : "s"} not selected by the filters.`] : [];
  lines.push(parts.join(", "));
  return lines.join("\n");
}
