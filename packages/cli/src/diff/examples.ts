import { join, posix, relative, sep } from "node:path";
import {
  isExampleFileName,
  parseExampleFile,
  parseFolderDefaults,
  type ExampleCase,
  type Settings,
} from "@leadgate/harness";
import type { LeadCase, UnreadableLead } from "./leads.js";
import type { SourceTree } from "./source-tree.js";

/**
 * Reads example cases (the golden-test files, see `leadgate test`) from one version of the
 * repository, for the diff to evaluate. The files are parsed by the harness's own reader, so a
 * case means the same thing to `leadgate diff` as to `leadgate test`; only the bytes come from
 * the version (git objects or the work tree). The diff needs each case's name, lead, policy and
 * asOf; judging how a case is written is `leadgate test`'s job, so a case that still has those
 * is evaluated, and one that does not is listed, never dropped.
 */
export interface ExampleCases {
  readonly cases: LeadCase[];
  readonly unreadable: UnreadableLead[];
}

/**
 * @param top the repository top on disk: files are parsed as if they were there, so `policy:` paths
 *   resolve as `leadgate test` resolves them, then are turned back into repository paths.
 */
export async function readExampleCases(
  tree: SourceTree,
  folders: readonly string[],
  top: string,
  display: (repoPath: string) => string,
): Promise<ExampleCases> {
  const files = (await tree.list(folders)).filter((p) => isExampleFileName(posix.basename(p)));
  const cases: LeadCase[] = [];
  const unreadable: UnreadableLead[] = [];
  const defaults = new Map<string, Settings>();
  for (const path of files) {
    const text = await tree.read(path);
    if (text === undefined) continue;
    const folder = posix.dirname(path);
    const inherited = defaults.get(folder) ?? (await folderDefaults(tree, folder, top));
    defaults.set(folder, inherited);
    const source = display(path);
    const file = parseExampleFile(text, join(top, path), top, inherited);
    if (!file.casesKnown) {
      const reason = file.problems.map((p) => `line ${p.line}: ${p.message}`).join("; ");
      unreadable.push({ ref: { source, line: 1, name: "(whole file)" }, reason });
      continue;
    }
    for (const item of file.cases) {
      const ref = { source, line: item.line, name: item.name };
      const read = toLeadCase(item, top);
      if (typeof read === "string") unreadable.push({ ref, reason: read });
      else cases.push({ ref, ...read });
    }
  }
  return { cases, unreadable };
}

async function folderDefaults(tree: SourceTree, folder: string, top: string): Promise<Settings> {
  for (const name of ["_defaults.yaml", "_defaults.yml"]) {
    const path = posix.join(folder, name);
    const text = await tree.read(path);
    if (text !== undefined) return parseFolderDefaults(text, join(top, path), top).settings;
  }
  return {};
}

/** What the diff evaluates of a case, or why it cannot. */
function toLeadCase(item: ExampleCase, top: string): Omit<LeadCase, "ref"> | string {
  if (item.lead === undefined) return "the case has no `lead`";
  if (item.policy === undefined) return "the case names no `policy`";
  if (item.asOf === undefined) return "the case has no valid `asOf` date";
  const policyPath = relative(top, item.policy.value).split(sep).join("/");
  // A policy outside the repository has no version at a commit.
  if (policyPath.startsWith("../") || posix.isAbsolute(policyPath))
    return `the case's policy ${item.policy.value} is outside the repository`;
  return { policyPath, asOf: item.asOf.value, input: { kind: "json", value: item.lead } };
}
