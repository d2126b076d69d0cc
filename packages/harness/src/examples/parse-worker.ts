import { parentPort } from "node:worker_threads";
import { readExampleFile } from "./read-example-file.js";
import type { ParseRequest, ParseResponse } from "./parallel-reader.js";

/**
 * A worker thread that reads example files for `ParallelExampleReader`: YAML parsing is most of a
 * large golden-test run, and it needs nothing from the main thread but the path and the folder
 * defaults. The answer is plain data (structured-cloned); the main thread re-creates the one
 * function a case carries, `leadLine`.
 */
// The yaml package reads `process.env.LOG_TOKENS` once per token, and `process.env` is a slow
// accessor into the environment: a plain copy makes parsing about a quarter faster. A worker's
// environment is its own copy already, so this changes nothing outside this thread.
process.env = { ...process.env };

parentPort?.on("message", (request: ParseRequest) => {
  let response: ParseResponse;
  try {
    const file = readExampleFile(request.path, request.cwd, request.settings);
    response = { id: request.id, file: { ...file, cases: file.cases.map(({ leadLine: _, ...data }) => data) } };
  } catch (error) {
    // Not expected (the reader turns bad content into problems), but never leave the run waiting.
    response = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(response);
});
