import { resolve } from "node:path";
import { CoverageTally } from "../coverage/coverage.js";
import { HarnessUsageError } from "../errors.js";
import { readExamplesInOrder } from "../examples/parallel-reader.js";
import type { ExampleCase } from "../examples/types.js";
import { deleteOrphanGolden, updateGoldenFile } from "../golden/update-golden.js";
import type { LoadedPolicy } from "./policy-cache.js";
import type {
  CaseResult,
  FileProblem,
  FileSummary,
  GoldenUpdate,
  ObsoleteEntry,
  PolicyReport,
  TestReport,
} from "./results.js";
import { GoldenSession } from "./session.js";

export interface GoldenTestOptions {
  /** Example files or folders, relative to `cwd`. Default: `examples`. */
  readonly paths?: readonly string[];
  /** Default: the process's working directory. Reports show paths relative to it. */
  readonly cwd?: string;
  /** Rewrite golden files to match the decisions (hand-written `expect`s still fail). */
  readonly update?: boolean;
  /** Only cases whose name contains this text, ignoring case. */
  readonly filter?: string;
  /** Only cases of the policy with this name (the name in its header). */
  readonly policy?: string;
  /** Compute coverage (also implied by `minCoverage`). */
  readonly coverage?: boolean;
  /** Fail when a policy's coverage is below this percentage. */
  readonly minCoverage?: number;
}

/**
 * Runs example cases as golden tests and returns everything found, for a reporter to print.
 * Throws HarnessUsageError for a bad request (a path that does not exist, filters matching no
 * case); problems in the examples themselves are failures in the report.
 */
export async function runGoldenTests(options: GoldenTestOptions = {}): Promise<TestReport> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const update = options.update ?? false;
  const filtered = options.filter !== undefined || options.policy !== undefined;
  const session = new GoldenSession(cwd, update);
  const discovered = session.discover(options.paths && options.paths.length > 0 ? options.paths : ["examples"]);

  const wantCoverage = options.coverage === true || options.minCoverage !== undefined;
  const tallies = new Map<string, CoverageTally>();
  const cases: CaseResult[] = [];
  const files: FileSummary[] = [];
  const fileProblems: FileProblem[] = [];
  const obsolete: ObsoleteEntry[] = [];
  const updates: GoldenUpdate[] = [];
  const usedPolicies = new Set<LoadedPolicy>();
  const policyNames = new Set<string>();
  let total = 0;

  // One example file at a time, forgotten once done: memory stays flat however many cases.
  // Large suites are parsed ahead in worker threads (see parallel-reader.ts), still in file order.
  for await (const read of readExamplesInOrder(discovered.examples, cwd, (path) => session.settingsFor(path))) {
    const file = session.claimGolden(read);
    fileProblems.push(...file.problems.map((p) => ({ file: file.display, ...p })));
    total += file.cases.length;
    const newEntries = new Map<string, string>();
    let passed = 0;
    let failed = 0;
    for (const exampleCase of file.cases) {
      const policy = await session.policyOf(exampleCase);
      if (policy) policyNames.add(policy.name);
      if (!isSelected(exampleCase, policy, options)) continue;
      const run = await session.runCase(file, exampleCase);
      cases.push(run.result);
      if (run.result.status === "passed") passed++;
      else failed++;
      if (policy) usedPolicies.add(policy);
      if (run.goldenEntry !== undefined) newEntries.set(exampleCase.name, run.goldenEntry);
      if (run.decision && wantCoverage) tallyFor(tallies, policy)?.record(run.decision);
    }
    files.push({ file: file.display, passed, failed, problems: file.problems.length });
    const golden = session.golden(file);
    if (!update) {
      if (golden.problem) fileProblems.push({ file: golden.display, ...golden.problem });
      obsolete.push(...session.obsoleteEntries(file));
    } else if (file.casesKnown && (!filtered || passed + failed > 0)) {
      // Under filters, a file none of whose cases were selected is left alone entirely.
      const change = updateGoldenFile(file, golden, newEntries);
      if (change) updates.push(change);
    }
    session.forgetGolden(file);
  }
  fileProblems.unshift(...session.defaultsProblems());

  if (filtered && cases.length === 0 && total > 0) throw noMatch(options, policyNames);

  for (const path of discovered.orphanGoldens) {
    const orphan = session.goldenAt(path);
    if (update) updates.push(deleteOrphanGolden(orphan));
    else obsolete.push(...session.orphanEntries(orphan));
  }

  const coverage = wantCoverage ? [...tallies.values()].map((t) => t.result()).sort(byFile) : null;
  const minimum = options.minCoverage;
  const below = minimum === undefined ? [] : (coverage ?? []).filter((c) => c.percent < minimum);
  const counts = {
    passed: cases.filter((c) => c.status === "passed").length,
    failed: cases.filter((c) => c.status === "failed").length + fileProblems.length,
    obsolete: obsolete.length,
    skipped: total - cases.length,
  };
  return {
    files,
    cases,
    fileProblems,
    obsolete,
    policies: policyReports([...usedPolicies]),
    coverage,
    minCoverage: minimum ?? null,
    coverageBelowMinimum: below,
    updates: update ? updates : null,
    counts,
    ok: counts.failed === 0 && counts.obsolete === 0 && below.length === 0,
  };
}

function isSelected(exampleCase: ExampleCase, policy: LoadedPolicy | undefined, options: GoldenTestOptions): boolean {
  if (options.filter !== undefined && !exampleCase.name.toLowerCase().includes(options.filter.toLowerCase()))
    return false;
  return options.policy === undefined || policy?.name === options.policy;
}

function noMatch(options: GoldenTestOptions, policyNames: ReadonlySet<string>): HarnessUsageError {
  const wanted = [
    options.filter !== undefined ? `a name containing ${JSON.stringify(options.filter)}` : "",
    options.policy !== undefined ? `policy ${JSON.stringify(options.policy)}` : "",
  ].filter(Boolean);
  const known =
    options.policy !== undefined && policyNames.size > 0
      ? ` (the cases use: ${[...policyNames].sort().join(", ")})`
      : "";
  return new HarnessUsageError(`No case has ${wanted.join(" and ")}${known}`);
}

function tallyFor(tallies: Map<string, CoverageTally>, policy: LoadedPolicy | undefined): CoverageTally | undefined {
  if (!policy?.ok) return undefined;
  let tally = tallies.get(policy.path);
  if (!tally) {
    tally = new CoverageTally(policy.name, policy.display, policy.ast);
    tallies.set(policy.path, tally);
  }
  return tally;
}

function policyReports(policies: readonly LoadedPolicy[]): PolicyReport[] {
  return policies
    .map((p): PolicyReport =>
      p.ok
        ? { file: p.display, name: p.name, ok: true, errors: [] }
        : {
            file: p.display,
            name: p.name,
            ok: false,
            errors: p.diagnostics.filter((d) => d.severity === "error"),
            message: p.message,
            ...(p.source ? { source: p.source } : {}),
          },
    )
    .sort(byFile);
}

function byFile(a: { file: string }, b: { file: string }): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}
