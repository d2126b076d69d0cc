import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { excerpt, runNode, type ChildRun } from "./child.js";
import { BenchError, type Context } from "./context.js";
import { exampleFile } from "./example-yaml.js";
import { AS_OF, generateLeads } from "./leads.js";
import { interleave, median } from "./stats.js";

/**
 * (c) Golden tests: `leadgate test` on 10,000 example cases (100 files of 100) for inbound.gate,
 * in a temporary folder. A first `leadgate test --update` records their golden files; the timed
 * runs then compare against them, as CI does. Timed from outside, Node's start-up included.
 */

const PER_FILE = 100;

export interface GoldenResult {
  readonly cases: number;
  readonly files: number;
  readonly megabytes: number;
  readonly updateSeconds: number;
  readonly seconds: number;
  readonly summary: string;
}

function lastLine(run: ChildRun): string {
  return run.stdout.trim().split("\n").at(-1) ?? "";
}

export async function runGolden(context: Context): Promise<GoldenResult> {
  const { options, log } = context;
  const root = mkdtempSync(join(tmpdir(), "leadgate-bench-golden-"));
  try {
    mkdirSync(join(root, "examples"));
    copyFileSync(join(context.repoRoot, context.inboundPath), join(root, "inbound.gate"));
    writeFileSync(join(root, "examples", "_defaults.yaml"), `policy: ../inbound.gate\nasOf: ${AS_OF}\n`);
    const leads = generateLeads(options.cases, 42);
    let bytes = 0;
    const files = Math.ceil(leads.length / PER_FILE);
    for (let f = 0; f < files; f++) {
      const text = exampleFile(leads.slice(f * PER_FILE, (f + 1) * PER_FILE), f * PER_FILE);
      bytes += Buffer.byteLength(text);
      writeFileSync(join(root, "examples", `batch-${String(f).padStart(4, "0")}.yaml`), text);
    }
    log(`(c) ${leads.length} example cases in ${files} files (${(bytes / 2 ** 20).toFixed(1)} MB) under ${root}`);

    const test = (...flags: string[]) => runNode([context.cli, "test", ...flags], root);
    const update = test("--update");
    if (update.status !== 0)
      throw new BenchError(`leadgate test --update failed:\n${excerpt(update.stdout + update.stderr)}`);
    statSync(join(root, "examples", "batch-0000.golden.yaml")); // throws if --update recorded nothing
    log(`    leadgate test --update: ${update.seconds.toFixed(2)} s — ${lastLine(update)}`);

    let summary = "";
    const samples = await interleave(
      options.runs,
      [
        [
          "test",
          () => {
            const run = test();
            if (run.status !== 0) throw new BenchError(`leadgate test failed:\n${excerpt(run.stdout + run.stderr)}`);
            summary = lastLine(run);
            return run.seconds;
          },
        ],
      ],
      (round) => log(`    run ${round}/${options.runs}`),
    );
    return {
      cases: leads.length,
      files,
      megabytes: bytes / 2 ** 20,
      updateSeconds: update.seconds,
      seconds: median(samples.test),
      summary,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
