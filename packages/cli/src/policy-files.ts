import {
  checkPolicy,
  hasErrors,
  parsePolicy,
  type CheckedPolicy,
  type Diagnostic,
  type SourceFile,
} from "@leadgate/language";
import { readTextFile } from "./files.js";

export interface CheckedFile {
  readonly path: string;
  readonly source: SourceFile;
  readonly diagnostics: readonly Diagnostic[];
  readonly policy?: CheckedPolicy;
}

export function checkFile(path: string, today: string | undefined): CheckedFile {
  const parsed = parsePolicy(readTextFile(path), path);
  const checked = checkPolicy(parsed, today ? { today } : {});
  return {
    path,
    source: parsed.source,
    diagnostics: checked.diagnostics,
    ...(checked.policy ? { policy: checked.policy } : {}),
  };
}

export function countBySeverity(files: readonly CheckedFile[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    for (const d of file.diagnostics) {
      if (d.severity === "error") errors++;
      else if (d.severity === "warning") warnings++;
    }
  }
  return { errors, warnings };
}

export { hasErrors };
