// A worker thread of `leadgate eval --workers N`: loads the same module as the main thread and
// processes the batches it is sent, one at a time, answering each with its id.
import { parentPort, workerData } from "node:worker_threads";
import type { RecordBatch } from "../leads/records.js";
import { loadModuleSource } from "./load-module.js";
import { BatchProcessor } from "./process-batch.js";
import type { WorkerData, WorkerReply, WorkerRequest } from "./worker-pool.js";

const data = workerData as WorkerData;
const processor = new BatchProcessor(await loadModuleSource(data.source), data.settings);
const port = parentPort!; // this file only runs as a worker

port.on("message", ({ id, batch }: WorkerRequest & { batch: RecordBatch }) => {
  const result = processor.process(batch);
  const reply: WorkerReply = { id, result };
  // The output's memory moves to the main thread instead of being copied.
  port.postMessage(reply, [result.out.buffer as ArrayBuffer]);
});
