// Scores a file of leads (NDJSON) with a policy from @acme/lead-criteria:
//   node dist/batch.js --policy inbound --as-of 2026-11-01 leads.ndjson > decisions.ndjson
import { open } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { parseBatchArgs, usage, UsageError } from "./batch-args.js";
import { policies } from "./policies.js";
import { scoreLines } from "./score-lines.js";

const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;
const EXIT_INVALID_LINES = 3;

async function main(argv: readonly string[]): Promise<number> {
  const known = [...policies.keys()];
  const args = parseBatchArgs(argv, known);
  if (args.help) {
    process.stdout.write(`${usage(known)}\n`);
    return 0;
  }
  // parseBatchArgs has checked the name against the same map.
  const qualifier = policies.get(args.policy);
  if (qualifier === undefined) throw new UsageError(`unknown policy '${args.policy}'`);

  const input = args.file === "-" ? process.stdin : await openFile(args.file);
  let readError: Error | undefined;
  const lines = createInterface({ input, crlfDelay: Infinity });
  // Record a read error and end the line stream, so it is reported instead of silently truncating.
  input.on("error", (error) => {
    readError = error;
    lines.close();
  });

  const counts = await scoreLines(lines, {
    qualifier,
    asOf: args.asOf,
    out: process.stdout,
    report: (message) => process.stderr.write(`${message}\n`),
    source: args.file === "-" ? "stdin" : args.file,
  });
  if (readError !== undefined) throw readError;
  if (counts.invalid > 0) {
    process.stderr.write(`${counts.invalid} invalid line(s); ${counts.scored} lead(s) scored\n`);
    return EXIT_INVALID_LINES;
  }
  return 0;
}

/** Opens the file up front, so a missing or unreadable one is a usage error, not a stream failure. */
async function openFile(path: string): Promise<Readable> {
  let handle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code; // fs errors always carry a code
    throw new UsageError(`cannot read ${path}: ${code === "ENOENT" ? "no such file" : (code ?? String(error))}`);
  }
  if ((await handle.stat()).isDirectory()) {
    await handle.close();
    throw new UsageError(`cannot read ${path}: it is a directory`);
  }
  return handle.createReadStream({ encoding: "utf8" });
}

// A reader that stops early (`| head`) closes the pipe: stop quietly rather than crash on EPIPE.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`batch: ${error.message}\nRun with --help for usage.\n`);
    process.exitCode = EXIT_USAGE;
  } else {
    process.stderr.write(`batch: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT_FAILURE;
  }
}
