import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Decision } from "@acme/lead-criteria/inbound";
import type { CheckedPolicy } from "@leadgate/language";
import ts from "typescript";

/**
 * The naive AST interpreter: the differential test's reference evaluator
 * (packages/compiler/src/differential/reference-evaluator.ts), which walks the checked AST for
 * every lead and favours the obvious over the fast. It is test code the compiler does not ship,
 * so it is not in any dist folder: we transpile its one file here. It imports only types, so
 * the transpiled module stands alone.
 */

type ReferenceEvaluate = (
  policy: CheckedPolicy,
  lead: unknown,
  options: { asOf: string; sourceHash: string },
) => unknown;

const SOURCE = fileURLToPath(
  new URL("../../../packages/compiler/src/differential/reference-evaluator.ts", import.meta.url),
);

export async function interpreterEvaluator(
  policy: CheckedPolicy,
  asOf: string,
  sourceHash: string,
): Promise<(lead: unknown) => Decision> {
  const { outputText } = ts.transpileModule(readFileSync(SOURCE, "utf8"), {
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
    fileName: SOURCE,
  });
  const dir = mkdtempSync(join(tmpdir(), "leadgate-bench-interpreter-"));
  try {
    const file = join(dir, "reference-evaluator.mjs");
    writeFileSync(file, outputText);
    const module = (await import(pathToFileURL(file).href)) as { referenceEvaluate?: ReferenceEvaluate };
    const referenceEvaluate = module.referenceEvaluate;
    if (typeof referenceEvaluate !== "function") throw new Error(`${SOURCE} no longer exports referenceEvaluate`);
    // The reference returns the runtime's Decision; this policy's narrower type is the same shape.
    return (lead) => referenceEvaluate(policy, lead, { asOf, sourceHash }) as Decision;
  } finally {
    // Once imported, the module no longer needs its file.
    rmSync(dir, { recursive: true, force: true });
  }
}
