import type { ImpactReport } from "./report.js";

/**
 * The report as JSON, for scripts and dashboards: the ImpactReport shape of report.ts (documented
 * in docs/guides/ci.md), keys in a fixed order, lists in a stable order, so two runs on the same
 * versions print the same bytes.
 */
export function formatJson(report: ImpactReport): string {
  return JSON.stringify(report, null, 2);
}
