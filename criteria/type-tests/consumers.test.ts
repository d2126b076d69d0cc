import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * A TypeScript service importing the built package by name must type-check, and a wrongly shaped
 * lead must not: the compiled .d.ts files are what stands between a service and a bad lead.
 */
const here = fileURLToPath(new URL(".", import.meta.url));
const tsc = fileURLToPath(new URL("../../node_modules/typescript/bin/tsc", import.meta.url));

function typeCheck(file: string): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "leadgate-types-"));
  const config = join(dir, "tsconfig.json");
  writeFileSync(config, JSON.stringify({ extends: join(here, "tsconfig.json"), files: [join(here, file)] }));
  try {
    const output = execFileSync(process.execPath, [tsc, "-p", config, "--pretty", "false"], {
      encoding: "utf8",
      cwd: here,
    });
    return { ok: true, output };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

describe("the compiled package's types", () => {
  it("accept a correctly shaped lead and type the decision", () => {
    const result = typeCheck("good-consumer.ts");
    expect(result.output).toBe("");
    expect(result.ok).toBe(true);
  }, 60_000);

  it("reject a wrongly shaped lead, on exactly the marked lines", () => {
    const result = typeCheck("bad-consumer.ts");
    expect(result.ok).toBe(false);
    const lines = [...result.output.matchAll(/bad-consumer\.ts\((\d+),\d+\): error (TS\d+)/g)].map((m) => Number(m[1]));
    // Exactly the lines that carry an `expect-error` comment in bad-consumer.ts, and there are some.
    const marked = readFileSync(join(here, "bad-consumer.ts"), "utf8")
      .split("\n")
      .flatMap((line, index) => (line.includes("// expect-error") ? [index + 1] : []));
    expect(marked.length).toBeGreaterThanOrEqual(4);
    expect([...new Set(lines)].sort((a, b) => a - b)).toEqual(marked);
  }, 60_000);
});
