import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The fixtures folder: tests run with it (or a copy) as the working directory. */
export const fixtures = fileURLToPath(new URL(".", import.meta.url));

/**
 * A private copy of the fixtures, for tests that write golden files. The policies come along so
 * the examples' relative `policy:` paths still resolve.
 */
export function copyOfFixtures(...folders: string[]): string {
  const root = mkdtempSync(join(tmpdir(), "leadgate-harness-"));
  for (const folder of ["policies", ...folders])
    cpSync(join(fixtures, folder), join(root, folder), { recursive: true });
  return root;
}

/** Every file under `dir` with its bytes, to prove a run changed nothing (or exactly what it should). */
export function snapshotOfTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (path: string) => {
    for (const name of readdirSync(path).sort()) {
      const child = join(path, name);
      if (statSync(child).isDirectory()) walk(child);
      else files.set(child.slice(dir.length + 1), readFileSync(child, "utf8"));
    }
  };
  walk(dir);
  return files;
}

/**
 * Writes `invalid/malformed.yaml`, a YAML file whose flow mapping is never closed. Created by the
 * tests rather than kept among the fixtures, where the repository's format check would trip on it.
 */
export function writeMalformedExample(root: string): void {
  mkdirSync(join(root, "invalid"), { recursive: true });
  writeFileSync(
    join(root, "invalid", "malformed.yaml"),
    [
      "policy: ../policies/tiny.gate",
      "asOf: 2026-11-01",
      "cases:",
      "  - name: unclosed",
      "    why: The flow mapping below is never closed.",
      "    lead: { email: ana@northwind.io, employees: 120",
      "",
    ].join("\n"),
  );
}
