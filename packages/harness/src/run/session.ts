import { dirname } from "node:path";
import { readFolderDefaults, type FolderDefaults } from "../examples/defaults.js";
import { discoverExampleFiles, type DiscoveredFiles } from "../examples/discover.js";
import { readExampleFile } from "../examples/read-example-file.js";
import type { Settings } from "../examples/settings.js";
import type { ExampleCase, ExampleFile } from "../examples/types.js";
import { readGoldenFile, type GoldenFile } from "../golden/golden-file.js";
import { displayPath } from "../paths.js";
import { PolicyCache, type LoadedPolicy } from "./policy-cache.js";
import type { FileProblem, ObsoleteEntry } from "./results.js";
import { runCase, type CaseRun } from "./run-case.js";

/**
 * The state one test run shares between its cases: policies compiled once, folder defaults and
 * golden files read once. Used by `runGoldenTests` (the CLI), which reads and forgets one example
 * file at a time so memory stays flat over thousands of cases, and by `defineGoldenTests`
 * (vitest), which reads every file up front to register its tests. Both run cases the same way.
 */
export class GoldenSession {
  readonly policies: PolicyCache;
  private readonly goldens = new Map<string, GoldenFile>();
  private readonly defaults = new Map<string, FolderDefaults>();
  private readonly goldenOwners = new Map<string, string>();
  private readonly problemsOfDefaults: FileProblem[] = [];

  constructor(
    readonly cwd: string,
    readonly update = false,
  ) {
    this.policies = new PolicyCache(cwd);
  }

  /** The example files under `paths`; throws HarnessUsageError for a path that does not exist. */
  discover(paths: readonly string[]): DiscoveredFiles {
    return discoverExampleFiles(paths, this.cwd);
  }

  /** Reads one example file (synchronously, so vitest can register tests from it). */
  readExample(path: string): ExampleFile {
    return this.claimGolden(readExampleFile(path, this.cwd, this.settingsFor(path)));
  }

  /** The folder defaults an example file inherits (read once per folder). */
  settingsFor(examplePath: string): Settings {
    return this.folderDefaults(dirname(examplePath)).settings;
  }

  /**
   * Registers the golden file an example file will use. Two example files that would share one
   * (`a.yaml` and `a.yml`) are a problem of the second, whose cases then do not run.
   */
  claimGolden(file: ExampleFile): ExampleFile {
    const owner = this.goldenOwners.get(file.goldenPath);
    if (owner === undefined) {
      this.goldenOwners.set(file.goldenPath, file.display);
      return file;
    }
    const golden = displayPath(file.goldenPath, this.cwd);
    const clash = {
      line: 1,
      message: `${owner} and ${file.display} would share the golden file ${golden}; rename one`,
    };
    // Its cases do not run: they would be compared with the other file's snapshots.
    return { ...file, cases: [], problems: [clash, ...file.problems], casesKnown: false };
  }

  /** Problems of the `_defaults.yaml` files read so far, each file's once. */
  defaultsProblems(): readonly FileProblem[] {
    return this.problemsOfDefaults;
  }

  /** The policy a case names, compiled (once); undefined when the case names none. */
  policyOf(exampleCase: ExampleCase): Promise<LoadedPolicy | undefined> {
    return exampleCase.policy ? this.policies.load(exampleCase.policy.value) : Promise.resolve(undefined);
  }

  golden(file: ExampleFile): GoldenFile {
    return this.goldenAt(file.goldenPath);
  }

  goldenAt(path: string): GoldenFile {
    let golden = this.goldens.get(path);
    if (!golden) {
      golden = readGoldenFile(path, this.cwd);
      this.goldens.set(path, golden);
    }
    return golden;
  }

  /** Drops a golden file from memory once its example file is done. */
  forgetGolden(file: ExampleFile): void {
    this.goldens.delete(file.goldenPath);
  }

  async runCase(file: ExampleFile, exampleCase: ExampleCase): Promise<CaseRun> {
    const policy = await this.policyOf(exampleCase);
    return runCase(exampleCase, { file, policy, golden: this.golden(file), update: this.update });
  }

  /** Golden entries whose case is gone from the example file. */
  obsoleteEntries(file: ExampleFile): ObsoleteEntry[] {
    if (!file.casesKnown) return []; // cases unknown: cannot tell what is obsolete
    const golden = this.golden(file);
    const names = new Set(file.cases.map((c) => c.name));
    return [...golden.entries.values()]
      .filter((entry) => !names.has(entry.name))
      .map((entry) => ({ goldenFile: golden.display, line: entry.line, name: entry.name, exampleFile: file.display }));
  }

  /** Every entry of a golden file whose example file is gone. */
  orphanEntries(golden: GoldenFile): ObsoleteEntry[] {
    const exampleFile = displayPath(golden.path.replace(/\.golden\.ya?ml$/i, ".yaml"), this.cwd);
    return [...golden.entries.values()].map((entry) => ({
      goldenFile: golden.display,
      line: entry.line,
      name: entry.name,
      exampleFile,
    }));
  }

  private folderDefaults(folder: string): FolderDefaults {
    let defaults = this.defaults.get(folder);
    if (!defaults) {
      defaults = readFolderDefaults(folder, this.cwd);
      this.defaults.set(folder, defaults);
      const file = defaults.file;
      if (file) this.problemsOfDefaults.push(...file.problems.map((p) => ({ file: file.display, ...p })));
    }
    return defaults;
  }
}
