import { availableParallelism } from "node:os";
import { setImmediate as yieldToEvents } from "node:timers/promises";
import { extname, resolve } from "node:path";
import type { Readable, Writable } from "node:stream";
import { UsageError } from "../files.js";
import { csvLeadMapper } from "../leads/csv-lead.js";
import { RecordReader } from "../leads/record-reader.js";
import { CsvHeaderError, CsvRecords, NdjsonRecords, type RecordBatch } from "../leads/records.js";
import type { Output } from "../output.js";
import { requireDate } from "../today.js";
import { openDestination, RunFailure, type Destination } from "../eval/destination.js";
import { csvHeader } from "../eval/encode.js";
import { DEFAULT_CSV_FIELDS, resolveFields } from "../eval/fields.js";
import { openInput, type Input } from "../eval/input.js";
import { loadEvalPolicy, type EvalPolicy } from "../eval/policy.js";
import { BatchProcessor, type BatchResult, type EvalSettings } from "../eval/process-batch.js";
import { ProgressBar } from "../eval/progress.js";
import { sampleDecision } from "../eval/sample-decision.js";
import { Counts, summaryLines } from "../eval/summary.js";
import { WorkerPool } from "../eval/worker-pool.js";

export interface EvalOptions {
  asOf?: string;
  /** A path, or `-` for stdin. */
  input: string;
  inputFormat?: "ndjson" | "csv";
  /** A path, or `-` for stdout. */
  output: string;
  format?: "ndjson" | "csv";
  errors?: string;
  fields?: string;
  /** Worker threads; 0: none. Without it, as defaultWorkers says. */
  workers?: number;
}

export interface EvalStreams {
  readonly stdin: Readable & { isTTY?: boolean };
  readonly stdout: Writable;
  readonly stderr: Writable & { isTTY?: boolean; columns?: number };
}

/** Exit codes of `leadgate eval` beyond 0, 1 and 2; documented in docs/guides/bulk-evaluation.md. */
export const EVAL_EXIT = { invalidRecords: 3, interrupted: 130 } as const;

/** A lead bigger than this is refused as a record, so one line cannot exhaust memory. */
const MAX_RECORD_BYTES = 8 * 1024 * 1024;
/** Batches: large enough to amortise a message to a worker, small enough to keep memory flat. */
const BATCH = { records: 500, chars: 256 * 1024 };
const MAX_WORKERS = 64;

/**
 * Worker threads when `--workers` is not given: one where there is more than one core, else none.
 * The main thread evaluates too whenever the workers are busy, so with one worker two cores
 * evaluate. Measured on a shared 2-core machine on 200,000 leads (3 interleaved runs): 1.6 times
 * the leads per second of no worker, and two workers were no faster, at 177 MB of memory at peak
 * against 208 MB for two, as each worker holds its own heap. See docs/guides/bulk-evaluation.md,
 * section 7.
 */
export function defaultWorkers(cores: number = availableParallelism()): number {
  return cores > 1 ? 1 : 0;
}

/**
 * `leadgate eval`: evaluates a stream of leads (NDJSON or CSV) in constant memory and writes one
 * decision per valid record, in input order; every invalid record goes to the errors output with its
 * line, so output plus errors always accounts for every input record.
 */
export async function runEval(
  policyPath: string,
  options: EvalOptions,
  output: Output,
  streams: EvalStreams = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const asOf = requireDate(options.asOf, "--as-of");
  const workers = options.workers ?? defaultWorkers();
  if (workers > MAX_WORKERS) throw new UsageError(`--workers must be at most ${MAX_WORKERS}`);
  if (options.errors === "-") throw new UsageError("--errors needs a file; without it, messages go to stderr");
  if (options.errors !== undefined && options.output !== "-" && resolve(options.errors) === resolve(options.output))
    throw new UsageError("--errors and --output must be different files");
  const inputFormat = options.inputFormat ?? (extname(options.input).toLowerCase() === ".csv" ? "csv" : "ndjson");
  const format = options.format ?? (extname(options.output).toLowerCase() === ".csv" ? "csv" : "ndjson");

  const policy = await loadEvalPolicy(policyPath, output);
  if (policy === null) return 1;
  const fields = options.fields ?? (format === "csv" ? DEFAULT_CSV_FIELDS : null);
  // Shows which fields exist, and how every decision of the run begins (see JsonOutcomes).
  const sample = sampleDecision(policy.module, asOf, policyPath);
  const columns = fields === null ? null : resolveFields(fields, sample);

  const input = await openInput(options.input, streams.stdin);
  try {
    const collector = inputFormat === "csv" ? new CsvRecords(MAX_RECORD_BYTES) : new NdjsonRecords();
    const reader = new RecordReader(input.chunks, collector, MAX_RECORD_BYTES, BATCH, input.idle);
    const csvColumns =
      collector instanceof CsvRecords ? await readCsvHeader(reader, collector, input, policy, output) : null;
    const out = openDestination(options.output, "--output", streams.stdout, input.identity);
    const errors =
      options.errors === undefined ? null : openDestination(options.errors, "--errors", streams.stdout, input.identity);
    const settings: EvalSettings = {
      asOf,
      input: inputFormat,
      csvColumns,
      format,
      columns,
      sample,
      errors: errors === null ? "text" : "ndjson",
      source: input.name,
    };
    if (format === "csv" && columns !== null) await out.write(csvHeader(columns));
    return await stream(reader, { policy, settings, workers, out, errors, input, output, streams });
  } catch (error) {
    if (error instanceof RunFailure) {
      output.err(`leadgate: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    input.close();
  }
}

/** Reads the CSV header and checks that its columns make sense for the policy's lead. */
async function readCsvHeader(
  reader: RecordReader,
  collector: CsvRecords,
  input: Input,
  policy: EvalPolicy,
  output: Output,
): Promise<string[]> {
  try {
    await reader.readUntil(() => collector.header !== null);
  } catch (error) {
    if (error instanceof CsvHeaderError) throw new UsageError(`Cannot read ${input.name}: ${error.message}`);
    throw error;
  }
  const columns = collector.header?.cells ?? [];
  const mapper = csvLeadMapper(columns, policy.module.leadJsonSchema);
  if (mapper.problems.length > 0)
    throw new UsageError(`Cannot read ${input.name}: in the header row, ${mapper.problems.join("; ")}`);
  if (mapper.unknownColumns.length > 0)
    output.err(
      `leadgate: ${input.name}: ignoring columns the policy's lead does not have: ${mapper.unknownColumns.join(", ")}`,
    );
  return columns;
}

interface Run {
  readonly policy: EvalPolicy;
  readonly settings: EvalSettings;
  readonly workers: number;
  readonly out: Destination;
  readonly errors: Destination | null;
  readonly input: Input;
  readonly output: Output;
  readonly streams: EvalStreams;
}

/** A batch being evaluated: its result once known, and the worker's answer to wait for, if a worker has it. */
interface Pending {
  result: BatchResult | null;
  readonly promise: Promise<BatchResult> | null;
}

/**
 * Batches the main thread may evaluate ahead of the oldest batch a worker still has. On 200,000
 * leads with one worker (3 interleaved runs each): 1 ahead took 6.2 s (median), 2 took 5.0 s and
 * 4 took 5.5 s (2 and 4 within this machine's noise of each other); peak memory 167, 181 and
 * 189 MB.
 */
const MAIN_AHEAD = 2;

/**
 * The loop: read a batch, evaluate it (here or in a worker), write the results in input order.
 * Reading waits for writing (at most `2 × workers + MAIN_AHEAD` batches in flight), so memory stays
 * flat however large the input and however slow the output. SIGINT stops reading; what is written is whole lines,
 * and the summary counts exactly what was written. A second SIGINT exits at once.
 */
async function stream(reader: RecordReader, run: Run): Promise<number> {
  const { policy, settings, out, errors, streams } = run;
  const stageNames = policy.module.policy.stages.map((s) => s.name);
  const counts = new Counts(stageNames.length);
  const progress = streams.stderr.isTTY ? new ProgressBar(streams.stderr, run.input.size) : null;
  const pool = run.workers > 0 ? new WorkerPool(run.workers, { source: policy.source, settings }) : null;
  const processor = new BatchProcessor(policy.module, settings);
  // Two batches a worker, so none waits for the next; and up to MAIN_AHEAD the main thread
  // evaluates itself while the oldest batch is still with a worker.
  const maxInFlight = pool === null ? 1 : run.workers * 2 + MAIN_AHEAD;
  // Output memory whose bytes are written, to use again: megabytes a batch, which would otherwise
  // wait for the garbage collector (and, from a worker, be more of it).
  const spares: ArrayBuffer[] = [];
  // A batch goes to a worker unless every worker already has two to do (or none is ready yet):
  // then the main thread evaluates it, between reading and writing. So a small input is done
  // before a worker has started, and with one worker on two cores both cores evaluate.
  const evaluate = (batch: RecordBatch): Pending => {
    const spare = spares.pop() ?? null;
    if (pool !== null && pool.ready && pool.pending < run.workers * 2) {
      const pending: Pending = { result: null, promise: pool.process(batch, spare) };
      pending.promise!.then((result) => (pending.result = result)).catch(() => {});
      return pending;
    }
    return { result: processor.process(batch, spare), promise: null };
  };
  const next = async (pending: Pending): Promise<BatchResult> => pending.result ?? (await pending.promise!);

  // SIGINT stops the reading by closing the input, which ends a read that is waiting for data.
  let interrupted = false;
  const forceExit = () => process.exit(EVAL_EXIT.interrupted);
  const onSignal = () => {
    interrupted = true;
    run.input.close();
    process.once("SIGINT", forceExit);
  };
  process.once("SIGINT", onSignal);

  const write = async (result: BatchResult): Promise<void> => {
    await out.write(result.out, () => {
      if (spares.length < maxInFlight) spares.push(result.out.buffer as ArrayBuffer);
    });
    if (errors !== null) await errors.write(result.errors);
    else if (result.errors !== "") {
      progress?.clear();
      if (!streams.stderr.write(result.errors)) await new Promise((r) => streams.stderr.once("drain", r));
    }
    counts.add(result);
    progress?.update(counts.records, reader.bytes);
  };

  const started = performance.now();
  const inFlight: Pending[] = [];
  try {
    while (!interrupted) {
      // Reading and writing a file do not wait, so without this the loop would never let the
      // workers' answers in: it would see them busy, and evaluate every batch itself.
      await yieldToEvents();
      const batch = await reader.next().catch((error: NodeJS.ErrnoException) => {
        if (interrupted) return null;
        throw new RunFailure(`Cannot read ${run.input.name}: ${error.code ?? error.message}`);
      });
      if (batch === null || interrupted) break;
      inFlight.push(evaluate(batch));
      // Write what is done, in order; wait for a worker only when the main thread may not take
      // on another batch. (Waiting whenever the oldest batch is a worker's left the main thread
      // idle a third of the time with one worker.)
      while (inFlight.length > 0 && inFlight[0]!.result !== null && !interrupted)
        await write(inFlight.shift()!.result!);
      while (inFlight.length >= maxInFlight && !interrupted) await write(await next(inFlight.shift()!));
    }
    while (inFlight.length > 0 && !interrupted) await write(await next(inFlight.shift()!));
  } finally {
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGINT", forceExit);
    await pool?.close();
  }
  progress?.clear();
  await out.close();
  await errors?.close();
  const elapsedMs = performance.now() - started;
  for (const line of summaryLines(counts, { stageNames, elapsedMs, interrupted, errorsFile: errors?.name ?? null }))
    run.output.err(line);
  if (interrupted) return EVAL_EXIT.interrupted;
  return counts.invalid > 0 ? EVAL_EXIT.invalidRecords : 0;
}
