import { availableParallelism } from "node:os";
import { statSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { readTextFile } from "../text-file.js";
import { leadLocator, type LeadLocator } from "./lead-locator.js";
import { readExampleFile } from "./read-example-file.js";
import type { Settings } from "./settings.js";
import type { ExampleCase, ExampleFile } from "./types.js";

/** An example file as a worker sends it: every case without its `leadLine` function. */
export type ExampleFileData = Omit<ExampleFile, "cases"> & { readonly cases: readonly Omit<ExampleCase, "leadLine">[] };
export interface ParseRequest {
  readonly id: number;
  readonly path: string;
  readonly cwd: string;
  readonly settings: Settings;
}
export type ParseResponse =
  { readonly id: number; readonly file: ExampleFileData } | { readonly id: number; readonly error: string };

/**
 * Below this much YAML, starting worker threads (each loads the YAML parser) costs more than it
 * saves: the repository's own examples are well under it, a 10,000-case suite well over.
 */
export const PARALLEL_READ_MIN_BYTES = 2 * 1024 * 1024;

/**
 * Reads example files in order. With more than one core and enough YAML, files are parsed ahead
 * in worker threads while the main thread runs the cases of earlier files; at most a few files
 * are read ahead per worker, so memory stays flat however many cases there are.
 */
export async function* readExamplesInOrder(
  paths: readonly string[],
  cwd: string,
  settingsFor: (path: string) => Settings,
  /** How many worker threads; by default one per core for a large suite, none for a small one. */
  workers = workerCount(paths),
): AsyncGenerator<ExampleFile> {
  if (workers === 0) {
    for (const path of paths) yield readExampleFile(path, cwd, settingsFor(path));
    return;
  }
  const pool = new ParsePool(workers);
  try {
    const ahead = workers * 2;
    const pending: Promise<ExampleFile>[] = [];
    let next = 0;
    const fill = () => {
      while (next < paths.length && pending.length < ahead) {
        const path = paths[next++]!;
        pending.push(pool.read({ path, cwd, settings: settingsFor(path) }));
      }
    };
    fill();
    while (pending.length > 0) {
      const file = await pending.shift()!;
      fill();
      yield file;
    }
  } finally {
    await pool.close();
  }
}

function workerCount(paths: readonly string[]): number {
  const cores = availableParallelism();
  if (cores < 2) return 0;
  let bytes = 0;
  for (const path of paths) {
    try {
      bytes += statSync(path).size;
    } catch {
      // an unreadable file is reported by the reader itself
    }
  }
  // One worker per core: parsing is the bulk of the work (about 70% of a large run), and the main
  // thread, which evaluates and compares, mostly waits for it.
  return bytes < PARALLEL_READ_MIN_BYTES ? 0 : Math.min(4, cores);
}

class ParsePool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve: (file: ExampleFile) => void; reject: (e: Error) => void }>();
  private nextId = 0;

  constructor(size: number) {
    this.workers = Array.from({ length: size }, () => {
      const worker = new Worker(new URL("./parse-worker.js", import.meta.url));
      worker.on("message", (response: ParseResponse) => this.settle(response));
      worker.on("error", (error) => this.failAll(error));
      return worker;
    });
  }

  read(request: Omit<ParseRequest, "id">): Promise<ExampleFile> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.workers[id % this.workers.length]!.postMessage({ id, ...request } satisfies ParseRequest);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private settle(response: ParseResponse): void {
    const waiter = this.waiting.get(response.id);
    if (!waiter) return;
    this.waiting.delete(response.id);
    if ("error" in response) waiter.reject(new Error(response.error));
    else waiter.resolve(withLeadLines(response.file));
  }

  private failAll(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}

/** Gives each case back its `leadLine`, reading the file's text again only if a line is asked for. */
function withLeadLines(data: ExampleFileData): ExampleFile {
  let locate: LeadLocator | undefined;
  const locator: LeadLocator = (index, path, fallback) => {
    if (!locate) {
      const read = readTextFile(data.path);
      locate = read.ok ? leadLocator(read.text) : () => fallback;
    }
    return locate(index, path, fallback);
  };
  return {
    ...data,
    cases: data.cases.map((c, index) => ({ ...c, leadLine: (path) => locator(index, path, c.line) })),
  };
}
