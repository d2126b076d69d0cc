// A worker thread of `leadgate eval --workers N`: loads the same module as the main thread and
// processes the batches it is sent, one at a time, answering each with its id. The main thread only
// reads, splits the input into batches of whole lines, and writes: cutting lines into records,
// parsing, validating, evaluating and writing each decision all happen here.
import { parentPort, workerData } from "node:worker_threads";
import { loadModuleSource } from "./load-module.js";
import { BatchProcessor } from "./process-batch.js";
import type { WorkerData, WorkerReply, WorkerRequest } from "./worker-pool.js";

const data = workerData as WorkerData;
const processor = new BatchProcessor(await loadModuleSource(data.source), data.settings);
const port = parentPort!; // this file only runs as a worker
port.postMessage({ ready: true } satisfies WorkerReply);

port.on("message", ({ id, batch, spare }: WorkerRequest) => {
  const result = processor.process(batch, spare);
  const reply: WorkerReply = { id, result };
  // The output's memory moves to the main thread instead of being copied.
  port.postMessage(reply, [result.out.buffer as ArrayBuffer]);
});
