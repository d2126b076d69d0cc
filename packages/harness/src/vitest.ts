import { resolve } from "node:path";
import { describe, it } from "vitest";
import type { FileProblem } from "./run/results.js";
import { GoldenSession } from "./run/session.js";
import { caseFailureText, fileProblemText, obsoleteText } from "./report/failure-text.js";

export interface GoldenVitestOptions {
  /** Example files or folders, relative to `cwd`. Default: `examples`. */
  readonly paths?: readonly string[];
  /** Default: the process's working directory (vitest's root). */
  readonly cwd?: string;
  /** Only cases whose name contains this text, ignoring case. */
  readonly filter?: string;
}

/** A golden test failure: its message is the whole report, so no stack trace is added to it. */
export class GoldenTestFailure extends Error {
  override readonly name = "GoldenTestFailure";

  constructor(message: string) {
    super(message);
    this.stack = `${this.name}: ${message}`;
  }
}

/**
 * Registers the example cases as vitest tests: a `describe` per example file, an `it` per case,
 * failing with the same text `leadgate test` prints. Files are read synchronously while vitest
 * collects, so the test names exist before anything runs; each case compiles its policy (once,
 * shared) and runs when vitest runs its `it`. Problems with a file, and obsolete snapshots, become
 * extra failing tests so they cannot be missed. Snapshots are only read here; write them with
 * `leadgate test --update`.
 */
export function defineGoldenTests(options: GoldenVitestOptions = {}): void {
  const session = new GoldenSession(resolve(options.cwd ?? process.cwd()));
  const discovered = session.discover(options.paths && options.paths.length > 0 ? options.paths : ["examples"]);
  const files = discovered.examples.map((path) => session.readExample(path));
  const needle = options.filter?.toLowerCase();

  // Problems of `_defaults.yaml` files belong to no example file: give them their own tests.
  for (const [file, problems] of groupByFile(session.defaultsProblems()))
    describe(file, () => failingTest("the file itself is valid", problems.map(fileProblemText).join("\n")));
  for (const path of discovered.orphanGoldens) {
    const golden = session.goldenAt(path);
    const obsolete = session.orphanEntries(golden);
    if (obsolete.length > 0)
      describe(golden.display, () => failingTest("has no obsolete snapshots", obsolete.map(obsoleteText).join("\n")));
  }

  for (const file of files) {
    describe(file.display, () => {
      if (file.problems.length > 0)
        failingTest(
          "the file itself is valid",
          file.problems.map((p) => fileProblemText({ file: file.display, ...p })).join("\n"),
        );
      for (const exampleCase of file.cases) {
        if (needle !== undefined && !exampleCase.name.toLowerCase().includes(needle)) continue;
        it(exampleCase.name, async () => {
          const { result } = await session.runCase(file, exampleCase);
          if (result.status === "failed")
            throw new GoldenTestFailure(caseFailureText(result, { policyDiagnostics: true }));
        });
      }
      const golden = session.golden(file);
      if (golden.problem)
        failingTest("the golden file is valid", fileProblemText({ file: golden.display, ...golden.problem }));
      const obsolete = session.obsoleteEntries(file);
      if (obsolete.length > 0)
        failingTest("the golden file has no obsolete snapshots", obsolete.map(obsoleteText).join("\n"));
    });
  }
}

function failingTest(name: string, message: string): void {
  it(name, () => {
    throw new GoldenTestFailure(message);
  });
}

function groupByFile(problems: readonly FileProblem[]): Map<string, FileProblem[]> {
  const byFile = new Map<string, FileProblem[]>();
  for (const problem of problems) byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), problem]);
  return byFile;
}
