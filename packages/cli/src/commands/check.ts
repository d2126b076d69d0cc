import { existsSync } from "node:fs";
import { analyzePolicy, diagnostic, sortDiagnostics, SourceFile, type Diagnostic } from "@leadgate/language";
import { findSection, renderSection } from "../codeowners.js";
import { displayPath, findPolicyFiles, readTextFile, UsageError } from "../files.js";
import { formatDiagnostic, jsonDiagnostic, summary } from "../format-diagnostics.js";
import type { Output } from "../output.js";
import { checkFile, countBySeverity, type CheckedFile } from "../policy-files.js";
import { repoRelative, repositoryRoot } from "../repository.js";
import { resolveToday } from "../today.js";
import { codeownersPath } from "./owners.js";

export interface CheckOptions {
  format: "text" | "json";
  today?: string;
  /** Warn when a review falls due within this many days (default 30). */
  reviewDueDays?: number;
  /** How an overdue review is reported (default "error"). */
  overdue?: "error" | "warning";
  /** CODEOWNERS file to keep in sync, or false to skip (default `.github/CODEOWNERS`, if it exists). */
  codeowners?: string | false;
  /** Also report analysis findings (LG6xxx) as information. */
  analyze?: boolean;
}

interface Reported {
  readonly path: string;
  readonly source: SourceFile;
  readonly diagnostics: readonly Diagnostic[];
}

/** `leadgate check`: 0 without errors (warnings allowed), 1 with any error. */
export function runCheck(paths: readonly string[], options: CheckOptions, output: Output): number {
  const today = resolveToday(options.today);
  const files = findPolicyFiles(paths.length > 0 ? paths : ["criteria"]).map((path) =>
    checkFile(path, {
      today,
      ...(options.reviewDueDays !== undefined ? { reviewDueSoonDays: options.reviewDueDays } : {}),
      overdueSeverity: options.overdue ?? "error",
    }),
  );
  const reported: Reported[] = options.analyze
    ? files.map((f) =>
        f.policy ? { ...f, diagnostics: sortDiagnostics([...f.diagnostics, ...analyzePolicy(f.policy)]) } : f,
      )
    : [...files];
  const owners = options.codeowners === false ? undefined : checkCodeowners(files, options.codeowners);
  if (owners) reported.push(owners);
  const { errors, warnings, infos } = countBySeverity(reported);
  if (options.format === "json") {
    const diagnostics = reported.flatMap((f) => f.diagnostics.map((d) => jsonDiagnostic(f.path, d)));
    output.out(JSON.stringify({ diagnostics, errors, warnings, ...(options.analyze ? { infos } : {}) }, null, 2));
  } else {
    for (const file of reported)
      for (const d of file.diagnostics) output.out(formatDiagnostic(file.path, file.source, d));
    output.out(
      errors + warnings + infos === 0
        ? `Checked ${files.length} ${files.length === 1 ? "policy" : "policies"}: no problems.`
        : summary(errors, warnings, files.length, infos),
    );
  }
  return errors > 0 ? 1 : 0;
}

/**
 * Each checked policy's line in the CODEOWNERS section must name its owners' current handles, or
 * GitHub would not ask the right teams to approve a change. Skipped when there is no CODEOWNERS file.
 */
function checkCodeowners(files: readonly CheckedFile[], file: string | undefined): Reported | undefined {
  const path = codeownersPath(file);
  if (!existsSync(path)) {
    if (file !== undefined) throw new UsageError(`CODEOWNERS file not found: ${path}`);
    return undefined;
  }
  const source = new SourceFile(displayPath(path), readTextFile(path));
  const root = repositoryRoot();
  const section = findSection(source.text);
  const lines = source.text.split(/\r?\n/);
  const diagnostics: Diagnostic[] = [];
  const hint = "Run 'leadgate owners --write' to update it.";
  for (const checked of files) {
    if (!checked.header) continue;
    const expected = renderSection([{ repoPath: repoRelative(checked.path, root), header: checked.header }]).split(
      "\n",
    )[1]!;
    const pathToken = expected.split(" ")[0]!;
    if (!section) {
      diagnostics.push(
        diagnostic(
          "LG5001",
          source.lineRange(1),
          `${source.path} has no leadgate section, so ${checked.path}'s owners are not asked to approve changes.`,
          hint,
        ),
      );
      break;
    }
    const index = lines.findIndex((l, i) => i > section.begin && i < section.end && l.split(" ")[0] === pathToken);
    // A policy in a folder the section does not cover at all (a test fixture, a scratch file) is
    // not one the section manages; a new policy beside listed ones is, and must be added.
    if (index < 0 && !sectionFolders(lines, section).has(folderOf(pathToken))) continue;
    if (index < 0) {
      diagnostics.push(
        diagnostic(
          "LG5001",
          source.lineRange(section.end + 1),
          `The leadgate section of ${source.path} has no line for ${checked.path}.`,
          hint,
        ),
      );
    } else if (lines[index] !== expected) {
      diagnostics.push(
        diagnostic(
          "LG5001",
          source.lineRange(index + 1),
          `The owners of ${checked.path} changed: expected '${expected}'.`,
          hint,
        ),
      );
    }
  }
  return { path: source.path, source, diagnostics };
}

function folderOf(pathToken: string): string {
  return pathToken.slice(0, pathToken.lastIndexOf("/") + 1);
}

/** The folders of the policies the CODEOWNERS section lists. */
function sectionFolders(lines: readonly string[], section: { begin: number; end: number }): Set<string> {
  const folders = new Set<string>();
  for (let i = section.begin + 1; i < section.end; i++) {
    const token = lines[i]!.split(" ")[0]!;
    if (token.startsWith("/")) folders.add(folderOf(token));
  }
  return folders;
}
