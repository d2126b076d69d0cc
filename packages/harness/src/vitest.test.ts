import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixtures } from "./__fixtures__/helpers.js";
import { caseFailureText } from "./report/failure-text.js";
import { runGoldenTests } from "./run/run-golden-tests.js";

interface VitestJson {
  numTotalTests: number;
  numFailedTests: number;
  testResults: Array<{
    assertionResults: Array<{ ancestorTitles: string[]; title: string; status: string; failureMessages: string[] }>;
  }>;
}

/** Runs vitest itself on a spec that calls defineGoldenTests, and reads its JSON report. */
function runVitestOnGoldenSpec(): VitestJson {
  const vitest = join(dirname(createRequire(import.meta.url).resolve("vitest/package.json")), "vitest.mjs");
  const out = join(mkdtempSync(join(tmpdir(), "leadgate-vitest-")), "report.json");
  const config = join(fixtures, "vitest", "vitest.config.ts");
  try {
    execFileSync(process.execPath, [vitest, "run", "--config", config, "--reporter=json", `--outputFile=${out}`], {
      stdio: "ignore",
      env: { ...process.env, NO_COLOR: "1" },
    });
  } catch {
    // Exit code 1 is expected: the failing fixture fails.
  }
  return JSON.parse(readFileSync(out, "utf8")) as VitestJson;
}

describe("defineGoldenTests", () => {
  it("registers one named vitest test per example case, failing with the CLI's text", async () => {
    const json = runVitestOnGoldenSpec();
    const tests = json.testResults.flatMap((file) => file.assertionResults);
    expect(tests.map((t) => [...t.ancestorTitles, t.title, t.status])).toEqual([
      ["failing/changed.yaml", "unchanged lead", "passed"],
      ["failing/changed.yaml", "shrinking company", "failed"],
      ["passing/basics.yaml", "big engaged company", "passed"],
      ["passing/basics.yaml", "small company", "passed"],
      ["passing/basics.yaml", "competitor", "passed"],
    ]);
    const report = await runGoldenTests({ cwd: fixtures, paths: ["failing"] });
    const expected = caseFailureText(
      report.cases.find((c) => c.status === "failed")!,
      { policyDiagnostics: true },
    );
    const failure = tests.find((t) => t.status === "failed")!.failureMessages[0]!;
    expect(failure.startsWith(`GoldenTestFailure: ${expected}`)).toBe(true);
  }, 60_000);
});
