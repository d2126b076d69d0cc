import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import type { ExampleFile } from "../examples/types.js";
import type { GoldenUpdate } from "../run/results.js";
import { renderGoldenFile, type GoldenFile } from "./golden-file.js";

/**
 * Rewrites a golden file from the cases of its example file, in case order: a case that ran gets
 * its new entry, a case that did not run (filtered out, invalid lead, broken policy) keeps its old
 * entry byte for byte, and entries of cases that no longer exist are dropped. The file is only
 * written when its bytes change, so a second `--update` touches nothing.
 */
export function updateGoldenFile(
  file: ExampleFile,
  golden: GoldenFile,
  newEntries: ReadonlyMap<string, string>,
): GoldenUpdate | undefined {
  const entries: string[] = [];
  const written: string[] = [];
  const caseNames = new Set<string>();
  for (const exampleCase of file.cases) {
    if (caseNames.has(exampleCase.name)) continue; // a duplicate name is reported on the case
    caseNames.add(exampleCase.name);
    const old = golden.entries.get(exampleCase.name)?.text;
    const entry = newEntries.get(exampleCase.name) ?? old;
    if (entry === undefined) continue;
    if (entry !== old) written.push(exampleCase.name);
    entries.push(entry);
  }
  const removed = [...golden.entries.keys()].filter((name) => !caseNames.has(name));
  const before = readIfExists(golden.path);
  if (entries.length === 0) {
    if (before === undefined) return undefined;
    rmSync(golden.path);
    return { goldenFile: golden.display, written, removed, deleted: true };
  }
  const after = renderGoldenFile(basename(file.path), entries);
  if (after === before) return undefined;
  writeFileSync(golden.path, after);
  return { goldenFile: golden.display, written, removed, deleted: false };
}

/** A golden file whose example file is gone: every entry is obsolete, and update deletes it. */
export function deleteOrphanGolden(golden: GoldenFile): GoldenUpdate {
  rmSync(golden.path, { force: true });
  return { goldenFile: golden.display, written: [], removed: [...golden.entries.keys()], deleted: true };
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
