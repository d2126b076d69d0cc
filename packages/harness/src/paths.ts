import { relative, sep } from "node:path";

/** Forward slashes and relative to the working directory: the same report on every machine. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path) || path;
  return rel.split(sep).join("/");
}
