import { loadPolicy, type PolicyModule } from "@leadgate/harness";
import type { Diagnostic, PolicyFile, SourceFile } from "@leadgate/language";
import type { SourceTree } from "./source-tree.js";

/** One version of one policy file: its syntax tree always, its compiled module when it has no errors. */
export interface PolicyVersion {
  readonly text: string;
  readonly ast: PolicyFile;
  readonly source: SourceFile;
  readonly name: string | undefined;
  readonly version: string | undefined;
  readonly module: PolicyModule | undefined;
  readonly diagnostics: readonly Diagnostic[];
  readonly errors: number;
}

/** A policy file at both versions; one side is missing when the file was added or removed. */
export interface PolicyPair {
  /** Relative to the repository top. */
  readonly path: string;
  readonly before: PolicyVersion | undefined;
  readonly after: PolicyVersion | undefined;
}

/** Every `*.gate` file under `paths` in either version, paired by path and compiled. */
export async function loadPolicyPairs(
  base: SourceTree,
  head: SourceTree,
  paths: readonly string[],
  display: (repoPath: string) => string,
): Promise<PolicyPair[]> {
  const isPolicy = (p: string) => p.endsWith(".gate");
  const files = [
    ...new Set([...(await base.list(paths)).filter(isPolicy), ...(await head.list(paths)).filter(isPolicy)]),
  ].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const pairs: PolicyPair[] = [];
  for (const path of files) {
    const shown = display(path);
    const before = await base.read(path);
    const after = await head.read(path);
    pairs.push({
      path,
      before: before === undefined ? undefined : await loadVersion(before, shown),
      after: after === undefined ? undefined : await loadVersion(after, shown),
    });
  }
  return pairs;
}

/**
 * Compiles with the real compiler and imports the module (`loadPolicy`): the diff evaluates what
 * services would import at each version. No `today` is given, so a review date never fails it.
 */
async function loadVersion(text: string, sourceName: string): Promise<PolicyVersion> {
  const loaded = await loadPolicy(text, sourceName);
  const header = loaded.ast.declarations.find((d) => d.kind === "PolicyHeader");
  const errors = loaded.diagnostics.filter((d) => d.severity === "error").length;
  return {
    text,
    ast: loaded.ast,
    source: loaded.source,
    name: header?.name.name,
    version: header?.version?.value,
    module: loaded.ok ? loaded.module : undefined,
    diagnostics: loaded.diagnostics,
    errors,
  };
}
