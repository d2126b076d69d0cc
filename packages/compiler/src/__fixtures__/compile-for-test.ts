import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { checkPolicy, parsePolicy } from "@leadgate/language";
import type { Decision } from "@leadgate/runtime";
import { compilePolicy, type CompiledPolicy } from "../compile.js";

/** The exports of a compiled policy, as tests use them. */
export interface TestModule {
  evaluate(lead: unknown, options: { asOf: string | Date }): Decision;
  evaluateJson(lead: unknown, options: { asOf: string | Date }): string;
  parseLead(input: unknown): unknown;
  safeParseLead(input: unknown): {
    success: boolean;
    data?: unknown;
    issues?: Array<{ path: string; message: string }>;
  };
  policy: Record<string, unknown>;
  leadJsonSchema: Record<string, unknown>;
}

/** Checks and compiles policy text, failing loudly with the diagnostics if it does not compile. */
export function compileText(text: string, sourceName = "test.gate"): CompiledPolicy {
  const checked = checkPolicy(parsePolicy(text, sourceName));
  if (!checked.policy) {
    throw new Error(
      `policy does not compile:\n${checked.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code} ${d.message}`).join("\n")}`,
    );
  }
  return compilePolicy(checked.policy, {
    sourceName,
    imports: { zod: import.meta.resolve("zod"), runtime: import.meta.resolve("@leadgate/runtime") },
  });
}

/** Compiles and imports: the module under test is exactly what the compiler emitted. */
export async function load(text: string): Promise<TestModule> {
  const { js } = compileText(text);
  const dir = join(tmpdir(), "leadgate-compiler-tests");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${createHash("sha256").update(js).digest("hex").slice(0, 24)}.mjs`);
  writeFileSync(file, js);
  return (await import(pathToFileURL(file).href)) as TestModule;
}

export const HEADER = `policy t "Test" {
  version "1.0.0"
  owner marketing "@acme/marketing"
  owner sales "@acme/sales"
  reviewed 2026-09-01
  review every 6 months
}
`;
