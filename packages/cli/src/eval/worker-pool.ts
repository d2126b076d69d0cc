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
}

export interface WorkerReply {
  readonly id: number;
  readonly result: BatchResult;
}

/**
 * Worker threads that process batches. Batches go round-robin; each worker answers its batches in
 * the order it got them, and the caller awaits the answers in submission order, so the output keeps
 * the input's order. The caller bounds how many batches are in flight, which bounds memory.
 */
export class WorkerPool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve(result: BatchResult): void; reject(error: Error): void }>();
  private nextId = 0;
  private failure: Error | null = null;
  private closing = false;

  constructor(size: number, data: WorkerData) {
    const script = new URL("./worker.js", import.meta.url);
    this.workers = Array.from({ length: size }, () => {
      const worker = new Worker(script, { workerData: data });
      worker.on("message", (reply: WorkerReply) => {
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

  process(batch: RecordBatch): Promise<BatchResult> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const id = this.nextId++;
    const worker = this.workers[id % this.workers.length]!;
    const result = new Promise<BatchResult>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      const request: WorkerRequest = { id, batch };
      worker.postMessage(request);
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
