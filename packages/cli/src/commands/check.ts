import { findPolicyFiles } from "../files.js";
import { formatDiagnostic, jsonDiagnostic, summary } from "../format-diagnostics.js";
import type { Output } from "../output.js";
import { checkFile, countBySeverity } from "../policy-files.js";
import { resolveToday } from "../today.js";

export interface CheckOptions {
  format: "text" | "json";
  today?: string;
}

/** `leadgate check`: 0 without errors (warnings allowed), 1 with any error. */
export function runCheck(paths: readonly string[], options: CheckOptions, output: Output): number {
  const today = resolveToday(options.today);
  const files = findPolicyFiles(paths.length > 0 ? paths : ["criteria"]).map((path) => checkFile(path, today));
  const { errors, warnings } = countBySeverity(files);
  if (options.format === "json") {
    output.out(
      JSON.stringify(
        { diagnostics: files.flatMap((f) => f.diagnostics.map((d) => jsonDiagnostic(f.path, d))), errors, warnings },
        null,
        2,
      ),
    );
  } else {
    for (const file of files) for (const d of file.diagnostics) output.out(formatDiagnostic(file.path, file.source, d));
    output.out(
      errors + warnings === 0
        ? `Checked ${files.length} ${files.length === 1 ? "policy" : "policies"}: no problems.`
        : summary(errors, warnings, files.length),
    );
  }
  return errors > 0 ? 1 : 0;
}
