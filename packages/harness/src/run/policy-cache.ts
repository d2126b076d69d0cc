import { basename } from "node:path";
import type { Diagnostic, PolicyFile, SourceFile } from "@leadgate/language";
import { loadPolicy, type PolicyModule } from "../load-policy.js";
import { displayPath } from "../paths.js";
import { readTextFile } from "../text-file.js";

interface PolicyIdentity {
  /** Absolute path. */
  readonly path: string;
  readonly display: string;
  /** The name in the policy's header (`policy inbound ...`), or the file name if it has none. */
  readonly name: string;
}

export type LoadedPolicy =
  | (PolicyIdentity & {
      readonly ok: true;
      readonly module: PolicyModule;
      readonly ast: PolicyFile;
      readonly source: SourceFile;
    })
  | (PolicyIdentity & {
      readonly ok: false;
      /** One line: why the policy's cases cannot run. */
      readonly message: string;
      /** The policy's errors, when it could be read. */
      readonly diagnostics: readonly Diagnostic[];
      readonly source?: SourceFile;
    });

/**
 * Compiles each policy once, however many cases use it, with the real compiler (`loadPolicy`):
 * examples run the same module services import.
 */
export class PolicyCache {
  private readonly policies = new Map<string, Promise<LoadedPolicy>>();

  constructor(private readonly cwd: string) {}

  load(path: string): Promise<LoadedPolicy> {
    let policy = this.policies.get(path);
    if (!policy) {
      policy = this.compile(path);
      this.policies.set(path, policy);
    }
    return policy;
  }

  private async compile(path: string): Promise<LoadedPolicy> {
    const display = displayPath(path, this.cwd);
    const fallbackName = basename(path).replace(/\.gate$/, "");
    const read = readTextFile(path);
    if (!read.ok)
      return {
        ok: false,
        path,
        display,
        name: fallbackName,
        message: `cannot read policy ${display}: ${read.reason}`,
        diagnostics: [],
      };
    const loaded = await loadPolicy(read.text, display);
    const header = loaded.ast.declarations.find((d) => d.kind === "PolicyHeader");
    const name = header?.name.name ?? fallbackName;
    if (loaded.ok)
      return { ok: true, path, display, name, module: loaded.module, ast: loaded.ast, source: loaded.source };
    const errors = loaded.diagnostics.filter((d) => d.severity === "error").length;
    return {
      ok: false,
      path,
      display,
      name,
      message: `policy ${display} has ${errors} error${errors === 1 ? "" : "s"}; fix ${errors === 1 ? "it" : "them"} to run its cases`,
      diagnostics: loaded.diagnostics,
      source: loaded.source,
    };
  }
}
