import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { format } from "prettier";
import { evalAvailable, runBulk, type BulkResult } from "./bulk-eval.js";
import { rssMethod } from "./child.js";
import { runCompileTime } from "./compile-time.js";
import { BenchError, createContext, FULL, QUICK } from "./context.js";
import { runGolden } from "./golden.js";
import { describeMachine } from "./machine.js";
import { consoleReport, floors, markdownReport, type Results } from "./report.js";
import { runThroughput } from "./throughput.js";

/**
 * `npm run bench [-- --quick] [-- --only a,c]`: measures (a) evaluation throughput, (b) compile
 * time growth, (c) golden tests and (d) bulk evaluation in one run, prints a table with ratios
 * and PASS/FAIL per floor, and writes bench/results.md. A missed floor is a finding reported in
 * the table, not a crash: the exit code is 0 unless `--strict` is given. An implementation that
 * gives a different decision, or a command that fails, always ends the run with exit code 1.
 */

const USAGE = `usage: npm run bench [-- --quick] [-- --only a,b,c,d] [-- --no-write] [-- --strict]
  --quick     fewer leads, rounds and runs, and 100,000 leads for (d): indicative only
  --only      run only some measures: a throughput, b compile time, c golden tests, d bulk eval
  --no-write  print the results without writing bench/results.md (--only never writes it)
  --strict    exit with code 1 when a floor is missed`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      only: { type: "string", default: "a,b,c,d" },
      "no-write": { type: "boolean", default: false },
      strict: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const only = new Set(values.only.split(",").map((s) => s.trim()));
  if ([...only].some((s) => !["a", "b", "c", "d"].includes(s))) throw new BenchError(USAGE);
  const options = values.quick ? QUICK : FULL;
  const started = process.hrtime.bigint();
  const context = createContext(options, (line) => console.error(line));
  const machine = describeMachine(context.repoRoot);
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;

  const throughput = only.has("a") ? await runThroughput(context) : undefined;
  const compile = only.has("b") ? await runCompileTime(context) : undefined;
  const golden = only.has("c") ? await runGolden(context) : undefined;
  let bulk: BulkResult | undefined;
  let bulkSkipped: string | undefined;
  let failed = false;
  if (only.has("d")) {
    if (!evalAvailable(context)) {
      bulkSkipped = "this checkout's CLI has no working `leadgate eval` (packages/cli); build it and rerun.";
    } else {
      try {
        bulk = await runBulk(context);
      } catch (error) {
        // Keep (a) to (c): they took minutes and are valid whatever eval does.
        if (!(error instanceof BenchError)) throw error;
        bulkSkipped = `failed. ${error.message}`;
        failed = true;
      }
    }
  } else bulkSkipped = "not selected (--only).";

  const args = process.argv.slice(2).join(" ");
  const results: Results = {
    machine,
    date: new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC",
    command: `npm run bench${args ? ` -- ${args}` : ""}`,
    options,
    rssMethod: rssMethod(),
    ...(throughput ? { throughput } : {}),
    ...(compile ? { compile } : {}),
    ...(golden ? { golden } : {}),
    ...(bulk ? { bulk } : {}),
    ...(bulkSkipped ? { bulkSkipped } : {}),
    seconds: elapsed(),
    loadAtEnd: loadavg()[0] ?? 0,
  };
  console.log(consoleReport(results));
  // A partial or failed run would leave a results file that looks complete: only a full run writes it.
  if (!values["no-write"] && only.size === 4 && !failed) {
    const file = `${context.repoRoot}bench/results.md`;
    // Formatted as the repository's prettier check expects, so a committed results file passes it.
    writeFileSync(file, await format(markdownReport(results), { parser: "markdown", printWidth: 120 }));
    console.log(`Wrote ${file}`);
  }
  if (failed) return 1;
  return values.strict && floors(results).some((f) => f.pass === false) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof BenchError) console.error(`bench: ${error.message}`);
    else console.error(error);
    process.exit(1);
  },
);
