import { mkdirSync, realpathSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { colorsFor, noColors } from "@leadgate/harness";
import { displayPath, UsageError } from "../files.js";
import { formatDiagnostic } from "../format-diagnostics.js";
import type { Output } from "../output.js";
import { requireDate, resolveToday } from "../today.js";
import { buildReport, type ReportInputs } from "../diff/build-report.js";
import { writeChangeset } from "../diff/changeset.js";
import { readCorpus } from "../diff/corpus.js";
import { criteriaPackageName } from "../diff/criteria-package.js";
import { readExampleCases } from "../diff/examples.js";
import { formatHtml } from "../diff/format-html.js";
import { formatJson } from "../diff/format-json.js";
import { formatMarkdown } from "../diff/format-markdown.js";
import { formatText } from "../diff/format-text.js";
import { repositoryTop, resolveCommit } from "../diff/git.js";
import { loadPolicyPairs, type PolicyPair } from "../diff/policy-versions.js";
import type { ImpactReport } from "../diff/report.js";
import { gitTree, workTree, type SourceTree } from "../diff/source-tree.js";

export type DiffFormat = "text" | "markdown" | "json" | "html";

export interface DiffOptions {
  /** The git ref to compare against (required): `origin/main`, a tag, a commit. */
  base?: string;
  /** The git ref to compare; default: the work tree as it is now (uncommitted edits included). */
  head?: string;
  /** A corpus of real leads, NDJSON (.ndjson/.jsonl) or CSV (.csv), evaluated with every policy. */
  leads?: string;
  /** The date corpus leads are evaluated as of; default today. Example cases use their own asOf. */
  asOf?: string;
  /** Where the example cases are; default `examples`, as for `leadgate test`. */
  examples?: string;
  format: DiffFormat;
  output?: string;
  failOnChange?: boolean;
  changeset?: boolean;
}

/**
 * `leadgate diff`: compiles each policy at the base ref and at the head (the work tree unless
 * `--head` names a ref), reading the base from git objects without touching the work tree,
 * evaluates every example case (as found at the head) and corpus lead with both, and reports what
 * moved, why, who must approve and which version bump it calls for.
 *
 * Exit codes: 0 when the report was made (whatever it says); 1 when `--fail-on-change` is given
 * and a lead changes stage, or when a policy has errors at the head version; 2 for usage errors
 * (unknown ref, not a git repository, bad paths or flags).
 */
export async function runDiff(paths: readonly string[], options: DiffOptions, output: Output): Promise<number> {
  if (options.base === undefined) throw new UsageError("--base is required, e.g. --base origin/main");
  if (options.asOf !== undefined && options.leads === undefined)
    throw new UsageError("--as-of applies to the --leads corpus; example cases are evaluated as of their own asOf");
  const cwd = realpathSync(process.cwd());
  const top = realpathSync(await repositoryTop(cwd));
  const base = gitTree(top, options.base, await resolveCommit(top, options.base));
  const head: SourceTree =
    options.head === undefined ? workTree(top) : gitTree(top, options.head, await resolveCommit(top, options.head));
  const display = (repoPath: string) => displayPath(join(top, repoPath), cwd);
  const toRepo = (path: string) => repoPathOf(path, cwd, top);

  const given = paths.length > 0 ? paths : ["criteria"];
  for (const path of given) {
    const found = (await base.list([toRepo(path)])).length + (await head.list([toRepo(path)])).length;
    if (found === 0) throw new UsageError(`Path not found: ${path} (at ${base.label} or ${head.label})`);
  }
  const pairs = await loadPolicyPairs(base, head, given.map(toRepo), display);
  if (pairs.length === 0) throw new UsageError(`No policies (*.gate files) in ${given.join(", ")}`);
  const packageName = criteriaPackageName(
    top,
    pairs.map((p) => p.path),
  );
  if (options.changeset && packageName === null)
    throw new UsageError(
      "--changeset: no package.json with a name above the policies; cannot tell which package to bump",
    );

  const headErrors = reportHeadErrors(pairs, display, output);
  const inputs = await readLeads(head, options, { cwd, top, toRepo, display });
  const report = buildReport({
    base: { ref: base.ref, commit: base.commit, label: base.label },
    head: { ref: head.ref, commit: head.commit, label: head.label },
    pairs,
    ...inputs,
    packageName,
    display,
  });

  // Notes go beside the report, never into it: stdout stays pure JSON, markdown or HTML.
  const note = options.output === undefined && options.format !== "text" ? output.err : output.out;
  const rendered = render(report, options.format, options.output === undefined);
  if (options.output === undefined) output.out(rendered);
  else {
    writeFile(options.output, rendered.endsWith("\n") ? rendered : `${rendered}\n`);
    note(`Wrote the ${options.format} report to ${options.output}.`);
  }
  if (options.changeset && packageName !== null) {
    if (report.bump.level === "none") note("No policy changed: no changeset written.");
    else {
      const file = displayPath(writeChangeset(top, report, packageName), cwd);
      note(`Wrote ${file} (${packageName}: ${report.bump.level}).`);
    }
  }
  if (headErrors > 0) {
    const errors = `${headErrors} error${headErrors === 1 ? "" : "s"}`;
    output.err(`leadgate: the head version has ${errors}; those policies were not evaluated.`);
    return 1;
  }
  return options.failOnChange && report.summary.moved > 0 ? 1 : 0;
}

/** Prints the errors of policies that do not compile at the head, as `check` would; returns how many. */
function reportHeadErrors(pairs: readonly PolicyPair[], display: (repoPath: string) => string, output: Output): number {
  let count = 0;
  for (const pair of pairs) {
    if (!pair.after || pair.after.errors === 0) continue;
    count += pair.after.errors;
    for (const d of pair.after.diagnostics)
      if (d.severity === "error") output.err(formatDiagnostic(display(pair.path), pair.after.source, d));
  }
  return count;
}

/** The example cases at the head, and the `--leads` corpus if given. */
async function readLeads(
  head: SourceTree,
  options: DiffOptions,
  paths: {
    cwd: string;
    top: string;
    toRepo: (path: string) => string;
    display: (repoPath: string) => string;
  },
): Promise<Pick<ReportInputs, "leads" | "unreadable" | "exampleFolders" | "corpus">> {
  const { cwd, top, toRepo, display } = paths;
  const folder = options.examples ?? "examples";
  // The default folder may be absent (a repository without examples); a folder asked for may not.
  if (options.examples !== undefined && (await head.list([toRepo(folder)])).length === 0)
    throw new UsageError(`Path not found: ${folder} (at ${head.label})`);
  const examples = await readExampleCases(head, [toRepo(folder)], top, display);
  const exampleFolders = [displayPath(resolve(cwd, folder), cwd)];
  if (options.leads === undefined)
    return { leads: examples.cases, unreadable: examples.unreadable, exampleFolders, corpus: null };
  const asOf = options.asOf === undefined ? resolveToday(undefined) : requireDate(options.asOf, "--as-of");
  const path = displayPath(resolve(cwd, options.leads), cwd);
  const corpus = readCorpus(options.leads, path, asOf);
  return {
    leads: [...examples.cases, ...corpus.leads],
    unreadable: [...examples.unreadable, ...corpus.unreadable],
    exampleFolders,
    corpus: { path, asOf },
  };
}

function render(report: ImpactReport, format: DiffFormat, toStdout: boolean): string {
  switch (format) {
    case "markdown":
      return formatMarkdown(report);
    case "json":
      return formatJson(report);
    case "html":
      return formatHtml(report);
    case "text":
      // Colours only on a terminal, never in a file, never with NO_COLOR.
      return formatText(report, toStdout ? colorsFor(process.stdout) : noColors);
  }
}

/** A path given on the command line, relative to the repository top with forward slashes. */
function repoPathOf(path: string, cwd: string, top: string): string {
  const rel = relative(top, resolve(cwd, path));
  if (rel.startsWith("..") || isAbsolute(rel)) throw new UsageError(`${path} is outside the git repository ${top}`);
  return rel.split(sep).join("/");
}

function writeFile(path: string, text: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (error) {
    throw new UsageError(`Cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
