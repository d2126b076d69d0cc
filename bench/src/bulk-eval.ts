import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { evaluate, parseLead } from "@acme/lead-criteria/inbound";
import { excerpt, runNode, type ChildRun } from "./child.js";
import { BenchError, type Context } from "./context.js";
import { AS_OF, generateLead } from "./leads.js";
import { Random } from "./random.js";
import { interleave, median, pairedRatio } from "./stats.js";

/**
 * (d) Bulk evaluation: `leadgate eval` on an NDJSON file of 1,000,000 leads, against a bare loop
 * that only reads and JSON.parses the same file (the I/O limit), both as child processes timed
 * from outside. Peak memory of eval is measured on that file and on one a tenth its size: if eval
 * streams, the two are about the same.
 */

export interface BulkResult {
  readonly leads: number;
  readonly megabytes: number;
  readonly evalLeadsPerSecond: number;
  readonly bareLeadsPerSecond: number;
  /** Median over runs of eval / bare throughput, paired by run. */
  readonly ratio: number;
  readonly evalPeakRssMb: number;
  readonly barePeakRssMb: number;
  /** `leadgate eval --fields` (COMPACT_FIELDS): what a run that needs only the answer costs. */
  readonly compactLeadsPerSecond: number;
  readonly compactRatio: number;
  readonly compactPeakRssMb: number;
  readonly smallLeads: number;
  readonly smallEvalPeakRssMb: number;
  readonly outputMegabytes: number;
}

const LEAD_SEED = 1_000_003;
/** The compact output measured beside full decisions; not a floor, for the comparison. */
export const COMPACT_FIELDS = "line,stage,scores.engagement";
const BARE_PARSE = fileURLToPath(new URL("./bare-parse.js", import.meta.url));

/** Whether this checkout's CLI has a working `eval` command. */
export function evalAvailable(context: Context): boolean {
  return runNode([context.cli, "eval", "--help"], context.repoRoot).status === 0;
}

/** Writes `count` generated leads as NDJSON to `file`, and the first `prefix` of them to `prefixFile`. */
function writeLeads(file: string, count: number, prefixFile: string, prefix: number): number {
  const rng = new Random(LEAD_SEED);
  const fd = openSync(file, "w");
  const prefixFd = openSync(prefixFile, "w");
  try {
    const BATCH = 2000;
    for (let first = 0; first < count; first += BATCH) {
      const lines: string[] = [];
      for (let i = first; i < Math.min(count, first + BATCH); i++) lines.push(JSON.stringify(generateLead(rng, i)));
      const text = `${lines.join("\n")}\n`;
      writeSync(fd, text);
      if (first < prefix) writeSync(prefixFd, `${lines.slice(0, prefix - first).join("\n")}\n`);
    }
  } finally {
    closeSync(fd);
    closeSync(prefixFd);
  }
  return statSync(file).size;
}

/** Counts lines and returns the first, reading in chunks (the output can be gigabytes). */
function outputLines(file: string): { count: number; first: string } {
  const buffer = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(file, "r");
  let count = 0;
  let first = "";
  try {
    for (let chunk = 0; ; chunk++) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      if (chunk === 0) first = buffer.toString("utf8", 0, read).split("\n")[0]!;
      for (let i = buffer.indexOf(10); i >= 0 && i < read; i = buffer.indexOf(10, i + 1)) count++;
    }
  } finally {
    closeSync(fd);
  }
  return { count, first };
}

/** Checks eval's output for `leads` leads and returns its size in bytes. */
function checkOutput(file: string, leads: number): number {
  const { count, first } = outputLines(file);
  if (count !== leads) throw new BenchError(`leadgate eval wrote ${count} decisions for ${leads} leads`);
  const expected = evaluate(parseLead(generateLead(new Random(LEAD_SEED), 0)), { asOf: AS_OF });
  const stage = (JSON.parse(first) as { stage?: unknown }).stage;
  if (stage !== expected.stage)
    throw new BenchError(
      `leadgate eval's first decision has stage ${String(stage)}, expected ${String(expected.stage)}`,
    );
  return statSync(file).size;
}

export async function runBulk(context: Context): Promise<BulkResult> {
  const { options, log } = context;
  const dir = mkdtempSync(join(tmpdir(), "leadgate-bench-bulk-"));
  try {
    const input = join(dir, "leads.ndjson");
    const smallInput = join(dir, "leads-small.ndjson");
    const output = join(dir, "decisions.ndjson");
    const smallLeads = Math.round(options.bulkLeads / 10);
    const bytes = writeLeads(input, options.bulkLeads, smallInput, smallLeads);
    log(`(d) ${options.bulkLeads} leads in ${(bytes / 2 ** 20).toFixed(0)} MB of NDJSON under ${dir}`);

    const policy = join(context.repoRoot, context.inboundPath);
    const evalRun = (file: string, extra: readonly string[] = []): ChildRun => {
      const run = runNode(
        [context.cli, "eval", policy, "--as-of", AS_OF, "--input", file, "--output", output, ...extra],
        dir,
      );
      if (run.status !== 0)
        throw new BenchError(`leadgate eval failed (exit ${run.status}):\n${excerpt(run.stderr + run.stdout)}`);
      return run;
    };

    let outputBytes = 0;
    const evalRss: number[] = [];
    const bareRss: number[] = [];
    const compactRss: number[] = [];
    const samples = await interleave(
      options.runs,
      [
        [
          "eval",
          () => {
            const run = evalRun(input);
            evalRss.push(run.peakRssMb);
            // The first run's output is checked: a decision for every lead, the evaluator's.
            if (outputBytes === 0) outputBytes = checkOutput(output, options.bulkLeads);
            rmSync(output);
            return options.bulkLeads / run.seconds;
          },
        ],
        [
          "compact",
          () => {
            const run = evalRun(input, ["--fields", COMPACT_FIELDS]);
            compactRss.push(run.peakRssMb);
            rmSync(output);
            return options.bulkLeads / run.seconds;
          },
        ],
        [
          "bare",
          () => {
            const run = runNode([BARE_PARSE, input], dir);
            if (run.status !== 0 || Number(run.stdout.split(" ")[0]) !== options.bulkLeads)
              throw new BenchError(`the bare parse loop failed:\n${excerpt(run.stderr + run.stdout)}`);
            bareRss.push(run.peakRssMb);
            return options.bulkLeads / run.seconds;
          },
        ],
      ],
      (round) => log(`    run ${round}/${options.runs}`),
    );
    const small = evalRun(smallInput);
    rmSync(output);
    return {
      leads: options.bulkLeads,
      megabytes: bytes / 2 ** 20,
      evalLeadsPerSecond: median(samples.eval),
      bareLeadsPerSecond: median(samples.bare),
      ratio: pairedRatio(samples.eval, samples.bare),
      evalPeakRssMb: Math.max(...evalRss),
      barePeakRssMb: Math.max(...bareRss),
      compactLeadsPerSecond: median(samples.compact),
      compactRatio: pairedRatio(samples.compact, samples.bare),
      compactPeakRssMb: Math.max(...compactRss),
      smallLeads,
      smallEvalPeakRssMb: small.peakRssMb,
      outputMegabytes: outputBytes / 2 ** 20,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
