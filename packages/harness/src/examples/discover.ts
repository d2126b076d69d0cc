import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { HarnessUsageError } from "../errors.js";
import { displayPath } from "../paths.js";

export interface DiscoveredFiles {
  /** Example files, absolute, sorted by display path. */
  readonly examples: readonly string[];
  /** Golden files found while walking folders whose example file no longer exists. */
  readonly orphanGoldens: readonly string[];
}

const YAML = /\.ya?ml$/i;
const GOLDEN = /\.golden\.ya?ml$/i;
const DEFAULTS = /^_defaults\.ya?ml$/i;

export function isExampleFileName(name: string): boolean {
  return YAML.test(name) && !GOLDEN.test(name) && !DEFAULTS.test(name);
}

/** `topic.yaml` → `topic.golden.yaml`, beside it. */
export function goldenPathFor(examplePath: string): string {
  return join(dirname(examplePath), `${basename(examplePath).replace(YAML, "")}.golden.yaml`);
}

/** The example file a golden file belongs to, if either spelling exists. */
function exampleOfGolden(goldenPath: string): string | undefined {
  const stem = join(dirname(goldenPath), basename(goldenPath).replace(GOLDEN, ""));
  return [`${stem}.yaml`, `${stem}.yml`].find((candidate) => existsSync(candidate));
}

/**
 * The example files named by `paths` (files or folders, relative to `cwd`). Folders are walked
 * for `*.yaml`/`*.yml`, skipping golden files, `_defaults.yaml`, node_modules and dot-folders.
 */
export function discoverExampleFiles(paths: readonly string[], cwd: string): DiscoveredFiles {
  const examples = new Set<string>();
  const orphans = new Set<string>();
  for (const given of paths) {
    const path = resolve(cwd, given);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      throw new HarnessUsageError(`Path not found: ${given}`);
    }
    if (isDirectory) {
      if (walk(path, examples, orphans) === 0)
        throw new HarnessUsageError(`No example files (*.yaml, *.yml) in ${given}`);
    } else if (isExampleFileName(basename(path))) {
      examples.add(path);
    } else {
      throw new HarnessUsageError(
        `${given} is not an example file: expected a .yaml or .yml file that is not a golden file or _defaults.yaml`,
      );
    }
  }
  const byDisplay = (a: string, b: string) => compare(displayPath(a, cwd), displayPath(b, cwd));
  return { examples: [...examples].sort(byDisplay), orphanGoldens: [...orphans].sort(byDisplay) };
}

/** Adds the example files under `dir` to `examples`; returns how many it found (named before or not). */
function walk(dir: string, examples: Set<string>, orphans: Set<string>): number {
  let found = 0;
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => compare(a.name, b.name));
  for (const entry of entries) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found += walk(path, examples, orphans);
    else if (GOLDEN.test(entry.name)) {
      if (exampleOfGolden(path) === undefined) orphans.add(path);
    } else if (isExampleFileName(entry.name)) {
      examples.add(path);
      found++;
    }
  }
  return found;
}

/** Code-unit order, not locale order: the same sort on every machine. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
