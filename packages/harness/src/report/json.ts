import type { Diagnostic } from "@leadgate/language";
import type { TestReport } from "../run/results.js";

/** The report as JSON for machines: every case with its status and structured failures, plus coverage. */
export function formatJsonReport(report: TestReport): string {
  const json = {
    ok: report.ok,
    summary: report.counts,
    files: report.files,
    cases: report.cases,
    fileProblems: report.fileProblems,
    obsolete: report.obsolete,
    // Without the SourceFile: a policy's text does not belong in a test report.
    policies: report.policies.map((p) => ({
      file: p.file,
      name: p.name,
      ok: p.ok,
      ...(p.message ? { message: p.message } : {}),
      errors: p.errors.map(jsonDiagnostic),
    })),
    coverage: report.coverage,
    minCoverage: report.minCoverage,
    coverageBelowMinimum: report.coverageBelowMinimum.map((c) => c.policy),
    updates: report.updates,
  };
  return JSON.stringify(json, null, 2);
}

function jsonDiagnostic(d: Diagnostic) {
  return {
    line: d.range.start.line,
    column: d.range.start.column,
    endLine: d.range.end.line,
    endColumn: d.range.end.column,
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...(d.hint ? { hint: d.hint } : {}),
  };
}
