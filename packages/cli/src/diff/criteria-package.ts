import { existsSync, readFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";

/**
 * The npm package the policies are published in (e.g. `@acme/lead-criteria`, from
 * criteria/package.json): the nearest package.json above the first policy file, up to the
 * repository top. Null when there is none, or it has no name.
 */
export function criteriaPackageName(top: string, policyPaths: readonly string[]): string | null {
  const first = policyPaths[0];
  if (first === undefined) return null;
  for (let dir = posix.dirname(first); ; dir = posix.dirname(dir)) {
    const file = join(top, dir === "." ? "" : dir, "package.json");
    if (existsSync(file)) {
      try {
        const name = (JSON.parse(readFileSync(file, "utf8")) as { name?: unknown }).name;
        return typeof name === "string" && name !== "" ? name : null;
      } catch {
        return null;
      }
    }
    if (dir === "." || dir === "" || dir === dirname(dir)) return null;
  }
}
