import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import {
  colorsFor,
  formatGithubAnnotations,
  formatHumanReport,
  formatJsonReport,
  formatJunitReport,
  HarnessUsageError,
  runGoldenTests,
  type TestReport,
} from "@leadgate/harness";
import pc from "picocolors";
import { UsageError } from "../files.js";
import { formatDiagnostic } from "../format-diagnostics.js";
import type { Output } from "../output.js";

export type Reporter = "human" | "json" | "junit";

export interface TestOptions {
  update?: boolean;
  filter?: string;
  policy?: string;
  coverage?: boolean;
  minCoverage?: string;
  reporter: Reporter;
  output?: string;
}

/**
 * `leadgate test`: runs example leads as golden tests. Exit 0 when everything passes, 1 on any
 * failure (a case, a broken file, an obsolete snapshot, coverage below the minimum), 2 on usage
 * errors (bad flags, paths that do not exist, filters that select nothing).
 */
export async function runTest(paths: readonly string[], options: TestOptions, output: Output): Promise<number> {
  const minCoverage = parseMinCoverage(options.minCoverage);
  if (options.reporter === "junit" && options.output === undefined)
    throw new UsageError("--reporter junit needs --output <file>, e.g. --output reports/leadgate.xml");

  let report: TestReport;
  try {
    report = await runGoldenTests({
      paths,
      update: options.update === true,
      coverage: options.coverage === true,
      ...(options.filter !== undefined ? { filter: options.filter } : {}),
      ...(options.policy !== undefined ? { policy: options.policy } : {}),
      ...(minCoverage !== undefined ? { minCoverage } : {}),
    });
  } catch (error) {
    if (error instanceof HarnessUsageError) throw new UsageError(error.message);
    throw error;
  }

  const jsonOnStdout = options.reporter === "json" && options.output === undefined;
  if (options.reporter === "json") {
    if (options.output === undefined) output.out(formatJsonReport(report));
    else writeReport(options.output, `${formatJsonReport(report)}\n`);
  }
  if (options.reporter === "junit") writeReport(options.output!, formatJunitReport(report));
  if (!jsonOnStdout) {
    const colors = colorsFor(process.stdout);
    // formatDiagnostic takes the picocolors module itself; give it ours, which may be colourless.
    const diagnosticColors = { ...colors, createColors: pc.createColors };
    output.out(
      formatHumanReport(report, {
        colors,
        formatDiagnostic: (file, source, d) => formatDiagnostic(file, source, d, diagnosticColors),
      }),
    );
  }
  if (process.env.GITHUB_ACTIONS === "true") {
    // The runner reads workflow commands from both streams; keep stdout pure JSON when it is JSON.
    const annotate = jsonOnStdout ? output.err : output.out;
    for (const line of formatGithubAnnotations(report)) annotate(line);
  }
  return report.ok ? 0 : 1;
}

function parseMinCoverage(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const percent = Number(value.replace(/%$/, ""));
  if (value.trim() === "" || !Number.isFinite(percent) || percent < 0 || percent > 100)
    throw new UsageError(`--min-coverage must be a percentage from 0 to 100, got '${value}'`);
  return percent;
}

function writeReport(path: string, text: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (error) {
    throw new UsageError(`Cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
