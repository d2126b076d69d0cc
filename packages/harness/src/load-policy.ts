import { createHash } from "node:crypto";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { compilePolicy } from "@leadgate/compiler";
import {
  checkPolicy,
  parsePolicy,
  type CheckOptions,
  type Diagnostic,
  type PolicyFile,
  type SourceFile,
} from "@leadgate/language";
import type { Decision, LeadIssue, PolicyInfo } from "@leadgate/runtime";

/** What a compiled policy module exports, seen from code that does not know the policy's types. */
export interface PolicyModule {
  readonly policy: PolicyInfo;
  evaluate(lead: unknown, options: { asOf: string | Date }): Decision;
  /**
   * `JSON.stringify(evaluate(lead, options))`, written without building the decision. Modules
   * compiled by earlier versions of leadgate do not have it.
   */
  evaluateJson?(lead: unknown, options: { asOf: string | Date }): string;
  parseLead(input: unknown): unknown;
  safeParseLead(input: unknown): { success: true; data: unknown } | { success: false; issues: LeadIssue[] };
  readonly leadJsonSchema: Readonly<Record<string, unknown>>;
}

/** The parsed policy, with or without errors: tools that report lines or walk the AST need it. */
interface Parsed {
  readonly source: SourceFile;
  /** Complete when the policy has no syntax errors; partial otherwise. */
  readonly ast: PolicyFile;
}

export type LoadResult =
  | (Parsed & {
      readonly ok: true;
      readonly module: PolicyModule;
      readonly diagnostics: readonly Diagnostic[];
      readonly js: string;
    })
  | (Parsed & { readonly ok: false; readonly diagnostics: readonly Diagnostic[] });

/**
 * Compiles a policy with the real compiler and imports the resulting module: tools evaluate
 * exactly what services import, never a separate interpreter. The module is written to a
 * content-addressed file under the OS temp folder, with its two imports pointing at the copies
 * of zod and the runtime this package depends on, so it loads from anywhere.
 */
export async function loadPolicy(text: string, sourceName: string, options: CheckOptions = {}): Promise<LoadResult> {
  const parsed = parsePolicy(text, sourceName);
  const checked = checkPolicy(parsed, options);
  const { source, ast } = parsed;
  if (!checked.policy) return { ok: false, diagnostics: checked.diagnostics, source, ast };
  const compiled = compilePolicy(checked.policy, {
    sourceName,
    imports: { zod: import.meta.resolve("zod"), runtime: import.meta.resolve("@leadgate/runtime") },
  });
  const module = await importModuleText(compiled.js);
  return { ok: true, module, diagnostics: checked.diagnostics, js: compiled.js, source, ast };
}

const loaded = new Map<string, Promise<PolicyModule>>();

export function importModuleText(js: string): Promise<PolicyModule> {
  const hash = createHash("sha256").update(js).digest("hex").slice(0, 32);
  let module = loaded.get(hash);
  if (!module) {
    const dir = join(tmpdir(), "leadgate-modules");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${hash}.mjs`);
    // Write then rename, so a concurrent run never imports a half-written file.
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, js);
    renameSync(partial, file);
    module = import(pathToFileURL(file).href) as Promise<PolicyModule>;
    loaded.set(hash, module);
  }
  return module;
}
