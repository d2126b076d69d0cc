import { Worker } from "node:worker_threads";
import type { RecordBatch } from "../leads/records.js";
import type { ModuleSource } from "./load-module.js";
import type { BatchResult, EvalSettings } from "./process-batch.js";

export interface WorkerData {
  readonly source: ModuleSource;
  readonly settings: EvalSettings;
}

export interface WorkerRequest {
  readonly id: number;
  readonly batch: RecordBatch;
  /** Memory of an earlier result's output, written and free to use again (see ByteSink). */
  readonly spare: ArrayBuffer | null;
}

/** A worker's answer to a batch, or its word that it has loaded the module and can take batches. */
export type WorkerReply = { readonly id: number; readonly result: BatchResult } | { readonly ready: true };

/**
 * A worker's young generation, where the objects of each record live and die. V8 gives a worker
 * 48 MB by default; 16 MB keeps each worker ~15 MB smaller with no difference in speed measured
 * (docs/guides/bulk-evaluation.md, section 7).
 */
const YOUNG_GENERATION_MB = 16;

/**
 * Worker threads that process batches. Batches go round-robin to the workers that are ready, and
 * the caller awaits the answers in submission order, so the output keeps the input's order. The
 * caller bounds how many batches are in flight, which bounds memory.
 */
export class WorkerPool {
  private readonly workers: Worker[];
  /** Workers that have loaded the module, in the order they did. */
  private readonly readyWorkers: Worker[] = [];
  private readonly waiting = new Map<number, { resolve(result: BatchResult): void; reject(error: Error): void }>();
  private nextId = 0;
  private failure: Error | null = null;
  private closing = false;

  constructor(size: number, data: WorkerData) {
    const script = new URL("./worker.js", import.meta.url);
    this.workers = Array.from({ length: size }, () => {
      const worker = new Worker(script, {
        workerData: data,
        resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      });
      worker.on("message", (reply: WorkerReply) => {
        if ("ready" in reply) {
          this.readyWorkers.push(worker);
          return;
        }
        const waiter = this.waiting.get(reply.id);
        this.waiting.delete(reply.id);
        waiter?.resolve(reply.result);
      });
      worker.on("error", (error) => this.fail(error));
      worker.on("exit", (code) => {
        if (code !== 0 && !this.closing) this.fail(new Error(`an eval worker thread stopped with exit code ${code}`));
      });
      return worker;
    });
  }

  /**
   * Whether a worker can take a batch. A worker takes a fraction of a second to start (it loads the
   * module, zod and the runtime): until then, the caller evaluates batches itself, so a small
   * input never waits for workers.
   */
  get ready(): boolean {
    return this.readyWorkers.length > 0;
  }

  /** Batches sent and not yet answered. */
  get pending(): number {
    return this.waiting.size;
  }

  /** Sends a batch to a ready worker (see `ready`). */
  process(batch: RecordBatch, spare: ArrayBuffer | null = null): Promise<BatchResult> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const id = this.nextId++;
    const worker = this.readyWorkers[id % this.readyWorkers.length]!;
    const result = new Promise<BatchResult>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      const request: WorkerRequest = { id, batch, spare };
      // The batch is a few long strings, cheap to copy; the spare memory moves.
      worker.postMessage(request, spare === null ? [] : [spare]);
    });
    // The caller awaits results in order, maybe after a later one has failed: not an unhandled rejection.
    result.catch(() => {});
    return result;
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  /** A worker crashed (a bug): every waiting batch fails with its error. */
  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
