import { diagnosticJson } from "@leadgate/language";
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
      errors: p.errors.map(diagnosticJson),
    })),
    coverage: report.coverage,
    minCoverage: report.minCoverage,
    coverageBelowMinimum: report.coverageBelowMinimum.map((c) => c.policy),
    updates: report.updates,
  };
  return JSON.stringify(json, null, 2);
}
