import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { displayPath as harnessDisplayPath, readTextFile as readTextFileResult } from "@leadgate/harness";

import { UsageError } from "./usage-error.js";

export { UsageError };

/** Every `*.gate` file under the given paths, sorted, as paths relative to the working directory. */
export function findPolicyFiles(paths: readonly string[], cwd = process.cwd()): string[] {
  const found = new Set<string>();
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new UsageError(`Path not found: ${path}`);
    }
    if (stats.isDirectory()) {
      const before = found.size;
      walk(path, found);
      if (found.size === before) throw new UsageError(`No policies (*.gate files) in ${path}`);
    } else {
      found.add(path);
    }
  }
  return [...found].map((p) => displayPath(p, cwd)).sort();
}

function walk(dir: string, found: Set<string>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, found);
    else if (entry.name.endsWith(".gate")) found.add(path);
  }
}

/** Forward slashes and relative to the working directory, the same on every machine. */
export function displayPath(path: string, cwd = process.cwd()): string {
  return harnessDisplayPath(path, cwd);
}

/** Reads a text file, refusing binary and non-UTF-8 content with a message that says which. */
export function readTextFile(path: string): string {
  const read = readTextFileResult(path);
  if (!read.ok) throw new UsageError(`Cannot read ${path}: ${read.reason}`);
  return read.text;
}
