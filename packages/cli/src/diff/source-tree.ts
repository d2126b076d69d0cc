import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { decodeText } from "@leadgate/harness";
import { UsageError } from "../files.js";
import { listFiles, readBlob } from "./git.js";

/**
 * One version of the repository's files, addressed by paths relative to the repository top with
 * forward slashes: a commit's tree, read from git objects (the work tree is never touched), or the
 * work tree itself.
 */
export interface SourceTree {
  /** How reports name this version: `origin/main (1a2b3c4)` or `work tree`. */
  readonly label: string;
  /** The ref as given, or null for the work tree. */
  readonly ref: string | null;
  /** The full commit hash, or null for the work tree. */
  readonly commit: string | null;
  /** Files under each path (a file or a folder), sorted; node_modules and dot-folders are skipped. */
  list(paths: readonly string[]): Promise<string[]>;
  /** The file's text, or undefined when it does not exist in this version. */
  read(path: string): Promise<string | undefined>;
}

/** Text from bytes, refusing binary and non-UTF-8 content like `readTextFile` does for files. */
function decode(bytes: Buffer, where: string): string {
  const read = decodeText(bytes);
  if (!read.ok) throw new UsageError(`Cannot read ${where}: ${read.reason}`);
  return read.text;
}

/** Paths that `findPolicyFiles` and the example discovery skip, skipped here too. */
function isSkipped(path: string): boolean {
  return path.split("/").some((segment) => segment === "node_modules" || segment.startsWith("."));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function gitTree(top: string, ref: string, commit: string): SourceTree {
  let files: Promise<Set<string>> | undefined;
  // One listing of the whole tree answers every later question, with one git call.
  const all = () => (files ??= listFiles(top, commit, [""]).then((list) => new Set(list)));
  return {
    // A ref that is itself a hash needs no second hash beside it.
    label: commit.startsWith(ref.toLowerCase())
      ? commit.slice(0, Math.max(7, ref.length))
      : `${ref} (${commit.slice(0, 7)})`,
    ref,
    commit,
    async list(paths) {
      const found = new Set<string>();
      for (const file of await all()) {
        // Like the work tree: what is skipped is decided below the path asked for, not above it.
        const under = (p: string) =>
          file === p ||
          (p === "" ? !isSkipped(file) : file.startsWith(`${p}/`) && !isSkipped(file.slice(p.length + 1)));
        if (paths.some(under)) found.add(file);
      }
      return [...found].sort(compare);
    },
    async read(path) {
      if (!(await all()).has(path)) return undefined;
      return decode(await readBlob(top, commit, path), `${path} at ${ref}`);
    },
  };
}

export function workTree(top: string): SourceTree {
  return {
    label: "work tree",
    ref: null,
    commit: null,
    async list(paths) {
      const found = new Set<string>();
      for (const path of paths) walk(top, path, found);
      return [...found].sort(compare);
    },
    async read(path) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(join(top, path));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") return undefined;
        throw new UsageError(`Cannot read ${path}: ${code ?? String(error)}`);
      }
      return decode(bytes, path);
    },
  };
}

function walk(top: string, path: string, found: Set<string>): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(join(top, path)).isDirectory();
  } catch {
    return; // not in this version: the caller decides whether that is an error
  }
  if (!isDirectory) {
    found.add(path);
    return;
  }
  for (const entry of readdirSync(join(top, path), { withFileTypes: true })) {
    if (isSkipped(entry.name)) continue;
    const child = path === "" ? entry.name : `${path}/${entry.name}`;
    if (entry.isDirectory()) walk(top, child, found);
    else if (entry.isFile()) found.add(child);
  }
}
