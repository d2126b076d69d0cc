import { writeFileSync } from "node:fs";
import { parsePolicy } from "@leadgate/language";
import type { FormatOptions } from "@leadgate/prettier-plugin";
import { findPolicyFiles, readTextFile, UsageError } from "../files.js";
import { formatDiagnostic, summary } from "../format-diagnostics.js";
import type { Output } from "../output.js";

export interface FmtOptions {
  /** Only report which files are not formatted; change nothing. */
  check: boolean;
}

/**
 * `leadgate fmt`: formats policies in place, exactly as `prettier --write` does with the leadgate
 * plugin and the repository's prettier config (so the two never disagree). `--check` changes
 * nothing and lists the files that are not formatted.
 *
 * Exit codes: 0 when every file is (now) formatted; 1 when `--check` finds an unformatted file or
 * a policy has a syntax error (it is left untouched, and reported like `leadgate check` does).
 * Files listed in the working directory's `.prettierignore` are skipped, as prettier skips them.
 */
export async function runFmt(paths: readonly string[], options: FmtOptions, output: Output): Promise<number> {
  const files = findPolicyFiles(paths.length > 0 ? paths : ["criteria"]);
  // Loaded here, not at the top: the other commands start without prettier.
  const [prettier, { formatPolicy }] = await Promise.all([import("prettier"), import("@leadgate/prettier-plugin")]);
  const unformatted: string[] = [];
  let considered = 0;
  let errors = 0;
  let broken = 0;
  for (const file of files) {
    if ((await prettier.getFileInfo(file, { ignorePath: ".prettierignore" })).ignored) continue;
    considered++;
    const text = readTextFile(file);
    // Syntax errors are reported with leadgate's codes and code frames; prettier would only say
    // where the first one is.
    const parsed = parsePolicy(text, file);
    const syntax = parsed.diagnostics.filter((d) => d.severity === "error");
    if (syntax.length > 0) {
      for (const d of syntax) output.out(formatDiagnostic(file, parsed.source, d));
      errors += syntax.length;
      broken++;
      continue;
    }
    const formatted = await formatPolicy(text, await prettierOptions(prettier, file));
    if (formatted === text) continue;
    unformatted.push(file);
    if (options.check) output.out(file);
    else {
      writeFileSync(file, formatted);
      output.out(`Formatted ${file}`);
    }
  }
  if (errors > 0) output.out(`${summary(errors, 0, broken)} Files with syntax errors were not formatted.`);
  if (considered > broken || broken === 0) output.out(report(considered - broken, unformatted.length, options.check));
  return errors > 0 || (options.check && unformatted.length > 0) ? 1 : 0;
}

function report(files: number, changed: number, check: boolean): string {
  const policies = (n: number) => `${n} ${n === 1 ? "policy" : "policies"}`;
  if (changed === 0) return `Checked ${policies(files)}: all formatted.`;
  if (!check) return `Formatted ${changed} of ${policies(files)}.`;
  return `${changed} of ${policies(files)} ${changed === 1 ? "is" : "are"} not formatted. Run 'leadgate fmt' to format ${changed === 1 ? "it" : "them"}.`;
}

/** The file's prettier options (`.prettierrc`, `.editorconfig`), as `prettier --write` would use them. */
async function prettierOptions(prettier: typeof import("prettier"), file: string): Promise<FormatOptions> {
  let config;
  try {
    config = await prettier.resolveConfig(file, { editorconfig: true });
  } catch (error) {
    throw new UsageError(`Cannot read the prettier configuration for ${file}: ${(error as Error).message}`);
  }
  // The config names the plugin by package; formatPolicy brings it along itself.
  const { plugins: _plugins, parser: _parser, ...options } = config ?? {};
  return { ...options, filepath: file };
}
