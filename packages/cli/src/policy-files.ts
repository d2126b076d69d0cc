import {
  checkPolicy,
  hasErrors,
  parsePolicy,
  type CheckedPolicy,
  type CheckOptions,
  type PolicyHeader,
  type Diagnostic,
  type SourceFile,
} from "@leadgate/language";
import { readTextFile } from "./files.js";

export interface CheckedFile {
  readonly path: string;
  readonly source: SourceFile;
  readonly diagnostics: readonly Diagnostic[];
  readonly policy?: CheckedPolicy;
  /** The policy header as written, when it parsed: owners are known even if the policy has errors. */
  readonly header?: PolicyHeader;
}

export function checkFile(path: string, options: CheckOptions): CheckedFile {
  const parsed = parsePolicy(readTextFile(path), path);
  const checked = checkPolicy(parsed, options);
  const header = parsed.ast.declarations.find((d): d is PolicyHeader => d.kind === "PolicyHeader");
  return {
    path,
    source: parsed.source,
    diagnostics: checked.diagnostics,
    ...(checked.policy ? { policy: checked.policy } : {}),
    ...(header ? { header } : {}),
  };
}

export function countBySeverity(files: ReadonlyArray<{ readonly diagnostics: readonly Diagnostic[] }>): {
  errors: number;
  warnings: number;
  infos: number;
} {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const file of files) {
    for (const d of file.diagnostics) {
      if (d.severity === "error") errors++;
      else if (d.severity === "warning") warnings++;
      else infos++;
    }
  }
  return { errors, warnings, infos };
}

export { hasErrors };
