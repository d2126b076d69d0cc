import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readFolderDefaults } from "./defaults.js";
import { discoverExampleFiles } from "./discover.js";
import type { ExampleFile } from "./types.js";

// The worker thread runs compiled JavaScript (parse-worker.js beside the reader), so this test uses
// the build, which `turbo run test` makes first.
const { readExamplesInOrder } = (await import(
  new URL("../../dist/examples/parallel-reader.js", import.meta.url).href
)) as typeof import("./parallel-reader.js");

const repo = fileURLToPath(new URL("../../../../", import.meta.url));
const examples = discoverExampleFiles(["examples/inbound", "examples/enterprise"], repo).examples;
const settingsFor = (path: string) => readFolderDefaults(join(path, ".."), repo).settings;

async function readAll(workers: number): Promise<ExampleFile[]> {
  const files: ExampleFile[] = [];
  for await (const file of readExamplesInOrder(examples, repo, settingsFor, workers)) files.push(file);
  return files;
}

/** Everything but the functions: what structured cloning must carry across unchanged. */
function data(files: readonly ExampleFile[]): unknown {
  return JSON.parse(JSON.stringify(files));
}

describe("readExamplesInOrder", () => {
  it("reads the same files, in the same order, with worker threads as without", async () => {
    const inMainThread = await readAll(0);
    const inWorkers = await readAll(2);
    expect(examples.length).toBeGreaterThan(4);
    expect(inWorkers.map((f) => f.path)).toEqual(examples);
    expect(data(inWorkers)).toEqual(data(inMainThread));
  });

  it("gives every case back a working leadLine after the round trip", async () => {
    const [sequential, parallel] = [await readAll(0), await readAll(2)];
    const lines = (files: readonly ExampleFile[]) =>
      files.flatMap((f) => f.cases.map((c) => [c.leadLine(["company"]), c.leadLine(["activities", 0, "at"])]));
    expect(lines(parallel)).toEqual(lines(sequential));
    // Real positions, not the fallback: the first inbound case's company is below its `- name:` line.
    const first = sequential[0]!.cases[0]!;
    expect(first.leadLine(["company"])).toBeGreaterThan(first.line);
  });
});
