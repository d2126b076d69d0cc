import { existsSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

/** The nearest folder at or above `start` holding `.git`; the working directory if there is none. */
export function repositoryRoot(start = process.cwd()): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, ".git"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(start);
    dir = parent;
  }
}

export function repoRelative(path: string, root: string): string {
  return relative(root, resolve(path)).split(sep).join("/");
}
