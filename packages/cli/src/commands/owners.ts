import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { inSync, renderSection, withSection, type PolicyOwners } from "../codeowners.js";
import { displayPath, findPolicyFiles } from "../files.js";
import { formatDiagnostic, summary } from "../format-diagnostics.js";
import type { Output } from "../output.js";
import { checkFile, countBySeverity } from "../policy-files.js";
import { repoRelative, repositoryRoot } from "../repository.js";

export interface OwnersOptions {
  write: boolean;
  check: boolean;
  /** CODEOWNERS file; default `.github/CODEOWNERS` at the repository root. */
  file?: string;
}

export function codeownersPath(file: string | undefined): string {
  return file ?? join(repositoryRoot(), ".github", "CODEOWNERS");
}

/** The owners of every policy under `paths`; a policy whose header does not parse stops the command. */
export function policyOwners(paths: readonly string[], output: Output): PolicyOwners[] | undefined {
  const root = repositoryRoot();
  const files = findPolicyFiles(paths.length > 0 ? paths : ["criteria"]).map((path) =>
    checkFile(path, { overdueSeverity: "warning" }),
  );
  const unreadable = files.filter((f) => !f.header);
  if (unreadable.length > 0) {
    for (const file of unreadable)
      for (const d of file.diagnostics) output.err(formatDiagnostic(file.path, file.source, d));
    const { errors, warnings } = countBySeverity(unreadable);
    output.err(`${summary(errors, warnings, unreadable.length)} Fix them to know the policies' owners.`);
    return undefined;
  }
  return files.flatMap((f) => (f.header ? [{ repoPath: repoRelative(f.path, root), header: f.header }] : []));
}

/**
 * `leadgate owners`: prints the CODEOWNERS section for the policies; `--write` puts it in the file,
 * `--check` exits 1 when the file's section is missing or stale.
 */
export function runOwners(paths: readonly string[], options: OwnersOptions, output: Output): number {
  const owners = policyOwners(paths, output);
  if (!owners) return 1;
  const section = renderSection(owners);
  const file = codeownersPath(options.file);
  const shown = displayPath(file);
  const current = existsSync(file) ? readFileSync(file, "utf8") : "";
  if (options.write) {
    if (inSync(current, section)) {
      output.out(`${shown} is up to date.`);
      return 0;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, withSection(current, section));
    output.out(`Updated the leadgate section of ${shown}.`);
    return 0;
  }
  if (options.check) {
    if (inSync(current, section)) {
      output.out(`${shown} is up to date.`);
      return 0;
    }
    output.err(`${shown}: the leadgate section does not match the policies' owners. Run 'leadgate owners --write'.`);
    return 1;
  }
  output.out(section);
  return 0;
}
