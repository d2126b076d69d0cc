import type { Decision } from "@leadgate/runtime";
import { checkAssertions } from "../compare/expectations.js";
import type { ExampleCase, ExampleFile } from "../examples/types.js";
import { compareSnapshot } from "../golden/compare-snapshot.js";
import { renderGoldenEntry, type GoldenFile } from "../golden/golden-file.js";
import { snapshotOf } from "../golden/snapshot.js";
import { diagnosticLine } from "../report/diagnostic-line.js";
import type { LoadedPolicy } from "./policy-cache.js";
import type { CaseResult, Failure } from "./results.js";

export interface CaseRun {
  readonly result: CaseResult;
  /** The decision, when the case got one (for coverage). */
  readonly decision?: Decision;
  /** In update mode: the golden entry this case should have. */
  readonly goldenEntry?: string;
}

export interface CaseContext {
  readonly file: ExampleFile;
  /** Undefined when the case names no policy (already a writing problem). */
  readonly policy: LoadedPolicy | undefined;
  readonly golden: GoldenFile;
  readonly update: boolean;
}

/**
 * Runs one example case: validates its lead with the policy's own schema, evaluates it, checks
 * the hand-written `expect`, and compares the decision with its golden snapshot. Every way it can
 * go wrong becomes a failure pointing at a line of the example file.
 */
export function runCase(exampleCase: ExampleCase, context: CaseContext): CaseRun {
  const { file, policy, golden } = context;
  const base = {
    file: file.display,
    line: exampleCase.line,
    name: exampleCase.name,
    why: exampleCase.why,
    policy: policy?.name ?? null,
    policyFile: policy?.display ?? null,
    asOf: exampleCase.asOf?.value ?? null,
  };
  const failed = (failures: Failure[], stage?: string | null): CaseRun => ({
    result: { ...base, stage, status: "failed", failures, snapshot: "not-run" },
  });

  if (exampleCase.problems.length > 0)
    return failed(exampleCase.problems.map((p) => ({ kind: "invalid-case", line: p.line, message: p.message })));
  if (!policy || !policy.ok) {
    const setting = exampleCase.policy;
    const where = setting && setting.file !== file.display ? ` (policy set in ${setting.file}:${setting.line})` : "";
    const message = (policy && !policy.ok ? policy.message : "no policy") + where;
    const errors = policy && !policy.ok ? policy.diagnostics.filter((d) => d.severity === "error") : [];
    const diagnostics = errors.map((d) => diagnosticLine(policy!.display, d));
    return failed([
      { kind: "policy", line: exampleCase.line, message, policyFile: policy?.display ?? "", diagnostics },
    ]);
  }

  const parsed = policy.module.safeParseLead(exampleCase.lead);
  if (!parsed.success) {
    return failed(
      parsed.issues.map((issue) => ({
        kind: "invalid-lead",
        line: exampleCase.leadLine(pathSegments(issue.path)),
        path: issue.path,
        message: `${issue.path ? `lead.${issue.path}` : "lead"}: ${issue.message}`,
      })),
    );
  }

  let decision: Decision;
  try {
    // A case without `asOf` has a writing problem and returned above.
    decision = policy.module.evaluate(parsed.data, { asOf: exampleCase.asOf!.value });
  } catch (error) {
    const message = `the evaluator threw (a bug in leadgate, please report it): ${(error as Error).message}`;
    return failed([{ kind: "evaluation", line: exampleCase.line, message }]);
  }

  const failures: Failure[] = checkAssertions(exampleCase.assertions, decision).map((f) => ({
    kind: "expectation",
    ...f,
  }));
  const snapshot = snapshotOf(decision);
  const entryText = renderGoldenEntry(exampleCase.name, snapshot);
  const { outcome, failure } = compareSnapshot({
    caseLine: exampleCase.line,
    goldenFile: golden.display,
    entry: golden.entries.get(exampleCase.name),
    entryText,
    snapshot,
    update: context.update,
  });
  if (failure) failures.push(failure);
  return {
    result: {
      ...base,
      stage: decision.stage,
      status: failures.length > 0 ? "failed" : "passed",
      failures,
      snapshot: outcome,
    },
    decision,
    ...(context.update ? { goldenEntry: entryText } : {}),
  };
}

/** `activities[2].at` → `["activities", 2, "at"]`: lead field names never contain dots or brackets. */
export function pathSegments(path: string): Array<string | number> {
  const segments: Array<string | number> = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g))
    segments.push(match[2] !== undefined ? Number(match[2]) : match[1]!);
  return segments;
}
