import { statSync } from "node:fs";
import { extname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { loadPolicy, type PolicyModule } from "@leadgate/harness";
import { parsePolicy } from "@leadgate/language";
import { readTextFile, UsageError } from "../files.js";
import { formatDiagnostic } from "../format-diagnostics.js";
import type { Output } from "../output.js";
import type { ModuleSource } from "./load-module.js";

export interface EvalPolicy {
  readonly module: PolicyModule;
  readonly source: ModuleSource;
}

/**
 * The evaluator `leadgate eval` runs: a policy file compiled in-process with the real compiler
 * (through the harness, as `explain` and `test` do), or a module `leadgate build` wrote. Resolves to
 * null after printing the diagnostics when the policy has errors.
 */
export async function loadEvalPolicy(path: string, output: Output): Promise<EvalPolicy | null> {
  const ext = extname(path).toLowerCase();
  if (ext === ".gate") {
    const text = readTextFile(path);
    const loaded = await loadPolicy(text, path);
    if (!loaded.ok) {
      const { source } = parsePolicy(text, path);
      for (const d of loaded.diagnostics) output.err(formatDiagnostic(path, source, d));
      output.err(`${path} has errors; fix them to evaluate leads.`);
      return null;
    }
    return { module: loaded.module, source: { kind: "js", js: loaded.js } };
  }
  if (ext === ".js" || ext === ".mjs") {
    try {
      if (!statSync(path).isFile()) throw new UsageError(`Cannot read ${path}: it is a folder`);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`Cannot read ${path}: file not found`);
    }
    const url = pathToFileURL(resolve(path)).href;
    return { module: checkModule(await importModule(url, path), path), source: { kind: "url", url } };
  }
  throw new UsageError(`Expected a policy (.gate) or a module compiled by leadgate build (.js, .mjs), got '${path}'`);
}

async function importModule(url: string, path: string): Promise<unknown> {
  try {
    return (await import(url)) as unknown;
  } catch (error) {
    // A syntax error or a missing dependency (zod, @leadgate/runtime) in the user's module.
    throw new UsageError(`Cannot load ${path}: ${(error as Error).message.split("\n")[0]}`);
  }
}

const EXPORTS = ["evaluate", "safeParseLead", "leadJsonSchema", "policy"] as const;

function checkModule(value: unknown, path: string): PolicyModule {
  const exports = value as Record<string, unknown>;
  const missing = EXPORTS.filter((name) =>
    name === "evaluate" || name === "safeParseLead"
      ? typeof exports[name] !== "function"
      : typeof exports[name] !== "object" || exports[name] === null,
  );
  if (missing.length > 0)
    throw new UsageError(
      `${path} is not a policy module compiled by leadgate build: it exports no ${missing.join(", ")}`,
    );
  return value as PolicyModule;
}
