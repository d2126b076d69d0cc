import { approvalsFor } from "./approvals.js";
import { combineBumps } from "./bump.js";
import { comparePolicy } from "./compare-policy.js";
import type { LeadCase, UnreadableLead } from "./leads.js";
import type { PolicyPair } from "./policy-versions.js";
import { REPORT_FORMAT_VERSION, type ImpactReport, type VersionInfo } from "./report.js";

export interface ReportInputs {
  readonly base: VersionInfo;
  readonly head: VersionInfo;
  readonly pairs: readonly PolicyPair[];
  /** Example cases (each names its policy) and corpus records (evaluated with every policy). */
  readonly leads: readonly LeadCase[];
  readonly unreadable: readonly UnreadableLead[];
  readonly exampleFolders: readonly string[];
  readonly corpus: { readonly path: string; readonly asOf: string } | null;
  /** The criteria package the bump is for, when known. */
  readonly packageName: string | null;
  readonly display: (repoPath: string) => string;
}

export function buildReport(inputs: ReportInputs): ImpactReport {
  const policies = inputs.pairs.map((pair) =>
    comparePolicy(
      pair,
      inputs.leads.filter((lead) => lead.policyPath === null || lead.policyPath === pair.path),
      inputs.display(pair.path),
    ),
  );
  const approvals = approvalsFor(
    inputs.pairs.flatMap((pair, i) => {
      const report = policies[i];
      if (!report || report.status === "unchanged") return [];
      return [{ policy: report.name, before: pair.before?.ast, after: pair.after?.ast, changes: report.changes }];
    }),
  );
  const bump = combineBumps(policies.map((p) => p.bump));
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    base: inputs.base,
    head: inputs.head,
    inputs: {
      examples: [...inputs.exampleFolders],
      corpus: inputs.corpus?.path ?? null,
      corpusAsOf: inputs.corpus?.asOf ?? null,
    },
    summary: {
      policies: policies.length,
      changedPolicies: policies.filter((p) => p.status !== "unchanged").length,
      evaluated: policies.reduce((n, p) => n + p.evaluated, 0),
      moved: policies.reduce((n, p) => n + p.moved.length, 0),
      invalid: policies.reduce((n, p) => n + p.invalid.length, 0),
      unreadable: inputs.unreadable.length,
    },
    bump: { package: inputs.packageName, level: bump.level, reasons: bump.reasons },
    approvals,
    policies,
    unreadable: [...inputs.unreadable],
  };
}
