import { inlineYaml } from "../golden/yaml-writer.js";
import { deepEqual, isRecord, unionKeys } from "./values.js";

/** One line of a snapshot diff: `- gates.SQL.status: passed` / `+ gates.SQL.status: missing`. */
export interface DiffLine {
  readonly sign: "-" | "+";
  readonly path: string;
  readonly value: string;
}

export interface Diff {
  readonly lines: readonly DiffLine[];
  /** Lines left out to keep the report readable. */
  readonly omitted: number;
}

const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A compact diff of two plain values: one `-`/`+` pair per changed leaf, named by its path, in the
 * order of the new value. Lists of scalars (a gate's `passed` list) count as one leaf, which reads
 * better than element-wise changes.
 */
export function diffValues(before: unknown, after: unknown, maxLines = 40): Diff {
  const lines: DiffLine[] = [];
  walk("", before, after, lines);
  return lines.length <= maxLines
    ? { lines, omitted: 0 }
    : { lines: lines.slice(0, maxLines), omitted: lines.length - maxLines };
}

function walk(path: string, before: unknown, after: unknown, out: DiffLine[]): void {
  if (deepEqual(before, after)) return;
  if (isRecord(before) && isRecord(after)) {
    for (const key of unionKeys(before, after)) {
      const child = childPath(path, key);
      const had = before[key] !== undefined;
      const has = after[key] !== undefined;
      if (had && has) walk(child, before[key], after[key], out);
      else if (had) out.push({ sign: "-", path: child, value: inlineYaml(before[key]) });
      else out.push({ sign: "+", path: child, value: inlineYaml(after[key]) });
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length && after.some(isRecord)) {
    after.forEach((item, i) => walk(`${path}[${i}]`, before[i], item, out));
    return;
  }
  const shown = path === "" ? "(whole entry)" : path;
  if (before !== undefined) out.push({ sign: "-", path: shown, value: inlineYaml(before) });
  if (after !== undefined) out.push({ sign: "+", path: shown, value: inlineYaml(after) });
}

function childPath(path: string, key: string): string {
  if (SIMPLE_KEY.test(key)) return path === "" ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}
