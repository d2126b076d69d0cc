import { readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { copyOfFixtures, fixtures, snapshotOfTree, writeMalformedExample } from "../__fixtures__/helpers.js";
import { HarnessUsageError } from "../errors.js";
import { formatHumanReport } from "../report/human.js";
import { formatJsonReport } from "../report/json.js";
import { runGoldenTests } from "./run-golden-tests.js";

/** Runs the harness on fixture folders; reports are uncoloured, as with NO_COLOR. */
async function run(paths: string[], options: Parameters<typeof runGoldenTests>[0] = {}, cwd = fixtures) {
  const report = await runGoldenTests({ cwd, paths, ...options });
  return { report, text: formatHumanReport(report) };
}

describe("a passing suite", () => {
  it("passes every case of a file with folder defaults and a golden file", async () => {
    const { report, text } = await run(["passing"]);
    expect(report.ok).toBe(true);
    expect(report.counts).toEqual({ passed: 3, failed: 0, obsolete: 0, skipped: 0 });
    expect(report.cases.map((c) => [c.name, c.stage, c.snapshot])).toEqual([
      ["big engaged company", "MQL", "matched"],
      ["small company", null, "matched"],
      ["competitor", null, "matched"],
    ]);
    expect(text).toBe(["✓ passing/basics.yaml (3 passed)", "", "3 passed, 0 failed"].join("\n"));
  });
});

describe("a failing example", () => {
  it("reports the expectation, the flipped requirement, the score deltas and the snapshot diff", async () => {
    const { report, text } = await run(["failing"]);
    expect(report.ok).toBe(false);
    expect(text).toBe(
      [
        "✗ failing/changed.yaml (1 passed, 1 failed)",
        "",
        "Failures:",
        'failing/changed.yaml:23 case "shrinking company": expected stage MQL, got no stage',
        'failing/changed.yaml:14 case "shrinking company": the decision differs from the snapshot in failing/changed.golden.yaml:75',
        "    why: Dropping below 50 employees loses the MQL stage.",
        "    stage: MQL → none",
        "    requirements flipped:",
        "      MQL.big: passed → failed",
        "    scores changed:",
        "      engagement.opens: 5 → 0",
        "      engagement (total): 25 → 20",
        "    snapshot diff (- snapshot, + now):",
        "      - stage: MQL",
        "      + stage: null",
        "      - gates.MQL.status: passed",
        "      + gates.MQL.status: failed",
        "      - gates.MQL.passed: [big, engaged]",
        "      + gates.MQL.passed: [engaged]",
        "      - gates.MQL.failed: []",
        "      + gates.MQL.failed: [big]",
        "      - gates.MQL.requirements.big.status: passed",
        "      + gates.MQL.requirements.big.status: failed",
        "      - gates.MQL.requirements.big.values.big: true",
        "      + gates.MQL.requirements.big.values.big: false",
        "      - gates.MQL.requirements.engaged.values.engagement: 25",
        "      + gates.MQL.requirements.engaged.values.engagement: 20",
        "      - scores.engagement.total: 25",
        "      + scores.engagement.total: 20",
        "      - scores.engagement.parts.opens.points: 5",
        "      + scores.engagement.parts.opens.points: 0",
        "      - scores.engagement.parts.opens.matched: 1",
        "      + scores.engagement.parts.opens.matched: 0",
        "      - rules.big: true",
        "      + rules.big: false",
        "      - grades.fit: A",
        "      + grades.fit: B",
        "",
        "1 passed, 1 failed",
      ].join("\n"),
    );
  });

  it("colours the diff only when asked to", async () => {
    const { report } = await run(["failing"]);
    const { createColors } = (await import("picocolors")).default;
    const coloured = formatHumanReport(report, { colors: createColors(true) });
    expect(coloured).toContain("\u001b[31m- stage: MQL\u001b[39m");
    expect(coloured).toContain("\u001b[32m+ stage: null\u001b[39m");
    expect(formatHumanReport(report)).not.toContain("\u001b[");
  });
});

describe("--update", () => {
  it("writes missing and changed snapshots, then a second run changes no byte", async () => {
    const cwd = copyOfFixtures("failing", "passing");
    rmSync(join(cwd, "passing", "basics.golden.yaml"));
    const first = await runGoldenTests({ cwd, paths: ["failing", "passing"], update: true });
    // The hand-written expect still fails: --update only rewrites what the tool owns.
    expect(first.counts).toEqual({ passed: 4, failed: 1, obsolete: 0, skipped: 0 });
    expect(first.cases.find((c) => c.status === "failed")?.failures.map((f) => f.kind)).toEqual(["expectation"]);
    expect(first.updates).toEqual([
      { goldenFile: "failing/changed.golden.yaml", written: ["shrinking company"], removed: [], deleted: false },
      {
        goldenFile: "passing/basics.golden.yaml",
        written: ["big engaged company", "small company", "competitor"],
        removed: [],
        deleted: false,
      },
    ]);
    // Recreated from nothing, the golden file is the one committed in the fixtures, byte for byte.
    expect(readFileSync(join(cwd, "passing", "basics.golden.yaml"), "utf8")).toBe(
      readFileSync(join(fixtures, "passing", "basics.golden.yaml"), "utf8"),
    );

    const before = snapshotOfTree(cwd);
    const modified = statSync(join(cwd, "failing", "changed.golden.yaml")).mtimeMs;
    const second = await runGoldenTests({ cwd, paths: ["failing", "passing"], update: true });
    expect(second.updates).toEqual([]);
    expect(snapshotOfTree(cwd)).toEqual(before);
    expect(statSync(join(cwd, "failing", "changed.golden.yaml")).mtimeMs).toBe(modified);
  });

  it("keeps unchanged entries byte-identical and never touches the example file", async () => {
    const cwd = copyOfFixtures("failing");
    const golden = join(cwd, "failing", "changed.golden.yaml");
    const example = readFileSync(join(cwd, "failing", "changed.yaml"), "utf8");
    const unchangedEntry = (text: string) =>
      text.slice(text.indexOf("unchanged lead:"), text.indexOf("shrinking company:"));
    const oldEntry = unchangedEntry(readFileSync(golden, "utf8"));
    await runGoldenTests({ cwd, paths: ["failing"], update: true });
    expect(unchangedEntry(readFileSync(golden, "utf8"))).toBe(oldEntry);
    expect(readFileSync(join(cwd, "failing", "changed.yaml"), "utf8")).toBe(example);
    const after = await runGoldenTests({ cwd, paths: ["failing"] });
    expect(after.cases.map((c) => c.snapshot)).toEqual(["matched", "matched"]);
  });

  it("reads a golden file that was reformatted by hand, and rewrites it in canonical form", async () => {
    const cwd = copyOfFixtures("passing");
    const golden = join(cwd, "passing", "basics.golden.yaml");
    const canonical = readFileSync(golden, "utf8");
    // A list written out by hand: same decision, different text.
    const reformatted = canonical.replace(
      "      passed: [big, engaged]\n",
      "      passed:\n        - big\n        - engaged\n",
    );
    expect(reformatted).not.toBe(canonical);
    for (const variant of [reformatted, canonical.replace(/\n/g, "\r\n") /* as a Windows checkout could leave it */]) {
      writeFileSync(golden, variant);
      expect((await runGoldenTests({ cwd, paths: ["passing"] })).ok).toBe(true);
      await runGoldenTests({ cwd, paths: ["passing"], update: true });
      expect(readFileSync(golden, "utf8")).toBe(canonical);
    }
  });
});

describe("invalid examples", () => {
  it("names file, line, case and path of each bad lead value, and rejects unknown keys and a missing why", async () => {
    const { report, text } = await run(["invalid/bad-leads.yaml"]);
    expect(report.counts).toEqual({ passed: 0, failed: 3, obsolete: 0, skipped: 0 });
    expect(text.split("\n").filter((line) => line.startsWith("invalid/"))).toEqual([
      'invalid/bad-leads.yaml:8 case "student at a bank": lead.employees: expected integer, received "fifty"',
      'invalid/bad-leads.yaml:12 case "student at a bank": lead.activities[1].at: expected a date YYYY-MM-DD, received "yesterday"',
      'invalid/bad-leads.yaml:21 case "typo in expect": unknown key "expct" in a case (did you mean "expect"?); allowed: name, why, policy, asOf, lead, expect',
      'invalid/bad-leads.yaml:24 case "no reason given": the case has no `why`: add one sentence saying what it shows and why it matters',
    ]);
    const failure = report.cases[0]!.failures[0]!;
    expect(failure).toMatchObject({ kind: "invalid-lead", line: 8, path: "employees" });
  });

  it("reports malformed YAML with file, line and column, as a failure", async () => {
    const cwd = copyOfFixtures();
    writeMalformedExample(cwd);
    const { report, text } = await run(["invalid/malformed.yaml"], {}, cwd);
    expect(report.ok).toBe(false);
    expect(report.counts.failed).toBe(1);
    expect(report.fileProblems).toEqual([
      { file: "invalid/malformed.yaml", line: 7, column: 1, message: expect.stringContaining("Flow map") },
    ]);
    expect(text).toContain(
      "invalid/malformed.yaml:7:1: Flow map in block collection must be sufficiently indented and end with a }",
    );
  });

  it("reports a policy with errors with its diagnostics, and fails its cases", async () => {
    const { report, text } = await run(["broken"]);
    expect(report.cases[0]).toMatchObject({ status: "failed", failures: [{ kind: "policy", line: 4 }] });
    expect(text).toContain(
      "Policies with errors (their cases fail):\npolicies/broken.gate:12:25 - error LG2002: Unknown name 'employes'",
    );
    expect(text).toContain(
      'broken/uses-broken.yaml:4 case "any lead": policy policies/broken.gate has 1 error; fix it to run its cases',
    );
  });

  it("lists each problem with a case's expect at its own line", async () => {
    const cwd = copyOfFixtures("passing");
    const file = join(cwd, "passing", "basics.yaml");
    const text = readFileSync(file, "utf8")
      .replace("stage: MQL", "stage: SLQ")
      .replace("scores: { engagement: 20 }", "scores: { engagment: 20 }")
      .replace("failed: [MQL.big]", "failed: [MQL.big, bigness]");
    writeFileSync(file, text);
    const report = await runGoldenTests({ cwd, paths: ["passing"] });
    expect(report.cases.flatMap((c) => c.failures.map((f) => `${f.line}: ${f.message}`))).toEqual([
      "12: expect.stage: the policy has no stage SLQ (did you mean SAL?); it has MQL, SAL",
      "13: expect.scores: the policy has no score engagment (did you mean engagement?); it has engagement",
      '31: expect.failed: "bigness" is not a STAGE.requirement name, e.g. SQL.budget',
    ]);
  });
});

describe("broken golden and defaults files", () => {
  it("reports a golden file that is not valid YAML, and --update rewrites it", async () => {
    const cwd = copyOfFixtures("passing");
    const golden = join(cwd, "passing", "basics.golden.yaml");
    const canonical = readFileSync(golden, "utf8");
    writeFileSync(golden, "big engaged company: [MQL\n");
    const report = await runGoldenTests({ cwd, paths: ["passing"] });
    expect(report.fileProblems).toEqual([
      { file: "passing/basics.golden.yaml", line: 2, column: 1, message: expect.stringMatching(/^not valid YAML: /) },
    ]);
    expect(report.cases.map((c) => c.snapshot)).toEqual(["missing", "missing", "missing"]);
    await runGoldenTests({ cwd, paths: ["passing"], update: true });
    expect(readFileSync(golden, "utf8")).toBe(canonical);
  });

  it("reports a single broken entry on its case", async () => {
    const cwd = copyOfFixtures("passing");
    const golden = join(cwd, "passing", "basics.golden.yaml");
    writeFileSync(golden, readFileSync(golden, "utf8").replace("  stage: MQL\n", "  stage: [MQL\n"));
    const report = await runGoldenTests({ cwd, paths: ["passing"] });
    expect(report.cases[0]?.failures[0]?.message).toMatch(
      /^the snapshot in passing\/basics.golden.yaml:3 is not valid YAML \(/,
    );
    expect(report.cases.slice(1).map((c) => c.status)).toEqual(["passed", "passed"]);
  });

  it("reports a misspelt key in _defaults.yaml at its line", async () => {
    const cwd = copyOfFixtures("passing");
    writeFileSync(join(cwd, "passing", "_defaults.yaml"), "policy: ../policies/tiny.gate\nasof: 2026-11-01\n");
    const { report, text } = await run(["passing"], {}, cwd);
    expect(text).toContain(
      'passing/_defaults.yaml:2: unknown key "asof" in _defaults.yaml (did you mean "asOf"?); allowed: policy, asOf',
    );
    // Without its asOf, every case says where one could be set.
    expect(report.cases[0]?.failures[0]?.message).toBe(
      "the case has no `asOf` date: set it in the case, at the top of the file or in the folder's _defaults.yaml",
    );
  });
});

describe("obsolete snapshots", () => {
  it("reports entries whose case is gone as failures, and --update removes only them", async () => {
    const cwd = copyOfFixtures("obsolete");
    const golden = join(cwd, "obsolete", "renamed.golden.yaml");
    const { report, text } = await run(["obsolete"], {}, cwd);
    expect(report.ok).toBe(false);
    expect(report.obsolete).toEqual([
      { goldenFile: "obsolete/renamed.golden.yaml", line: 75, name: "old name", exampleFile: "obsolete/renamed.yaml" },
    ]);
    expect(text).toContain(
      'obsolete/renamed.golden.yaml:75 obsolete snapshot "old name": no case has this name in obsolete/renamed.yaml; run `leadgate test --update` to remove it',
    );
    expect(text.endsWith("1 passed, 1 failed, 1 obsolete")).toBe(true);

    const kept = readFileSync(golden, "utf8").split("old name:")[0]!;
    const updated = await runGoldenTests({ cwd, paths: ["obsolete"], update: true });
    expect(updated.updates).toEqual([
      { goldenFile: "obsolete/renamed.golden.yaml", written: ["new name"], removed: ["old name"], deleted: false },
    ]);
    const after = readFileSync(golden, "utf8");
    expect(after.startsWith(kept)).toBe(true);
    expect(after).not.toContain("old name:");
    expect((await runGoldenTests({ cwd, paths: ["obsolete"] })).ok).toBe(true);
  });

  it("treats a golden file without its example file as obsolete, and deletes it on --update", async () => {
    const cwd = copyOfFixtures("passing");
    rmSync(join(cwd, "passing", "basics.yaml"));
    writeFileSync(join(cwd, "passing", "other.yaml"), "cases: []\n");
    const report = await runGoldenTests({ cwd, paths: ["passing"] });
    expect(report.obsolete.map((o) => o.name)).toEqual(["big engaged company", "small company", "competitor"]);
    await runGoldenTests({ cwd, paths: ["passing"], update: true });
    expect(snapshotOfTree(join(cwd, "passing")).has("basics.golden.yaml")).toBe(false);
  });
});

describe("filters", () => {
  it("--filter selects cases by name, ignoring case", async () => {
    const { report, text } = await run(["filters"], { filter: "SMALL" });
    expect(report.cases.map((c) => c.name)).toEqual(["Small company"]);
    expect(report.counts).toEqual({ passed: 1, failed: 0, obsolete: 0, skipped: 2 });
    expect(text).toContain("2 cases not selected by the filters.\n1 passed, 0 failed");
  });

  it("--policy selects the cases of one policy, by the name in its header", async () => {
    const { report } = await run(["filters"], { policy: "other" });
    expect(report.cases.map((c) => [c.name, c.policy])).toEqual([["big company, other policy", "other"]]);
  });

  it("filters combine", async () => {
    const { report } = await run(["filters"], { filter: "big", policy: "tiny" });
    expect(report.cases.map((c) => c.name)).toEqual(["big company"]);
  });

  it("a filter that selects nothing is a usage error, and --update then writes nothing", async () => {
    const cwd = copyOfFixtures("obsolete");
    const before = snapshotOfTree(cwd);
    await expect(runGoldenTests({ cwd, paths: ["obsolete"], policy: "nope", update: true })).rejects.toThrow(
      new HarnessUsageError('No case has policy "nope" (the cases use: tiny)'),
    );
    expect(snapshotOfTree(cwd)).toEqual(before);
  });

  it("--update under a filter rewrites only the selected cases' entries", async () => {
    const cwd = copyOfFixtures("filters");
    const golden = join(cwd, "filters", "mixed.golden.yaml");
    // Make every snapshot stale by hand, then update only the small company.
    writeFileSync(golden, readFileSync(golden, "utf8").replaceAll('version: "1.0.0"', 'version: "0.9.0"'));
    const stale = readFileSync(golden, "utf8");
    const report = await runGoldenTests({ cwd, paths: ["filters"], filter: "small", update: true });
    expect(report.updates?.[0]?.written).toEqual(["Small company"]);
    const after = readFileSync(golden, "utf8");
    expect(after.match(/version: "0.9.0"/g)).toHaveLength(2);
    expect(after.length).toBe(stale.length);
  });
});

describe("usage errors", () => {
  it("rejects a path that does not exist and a folder without examples", async () => {
    await expect(runGoldenTests({ cwd: fixtures, paths: ["nowhere"] })).rejects.toThrow("Path not found: nowhere");
    await expect(runGoldenTests({ cwd: fixtures, paths: ["policies"] })).rejects.toThrow(
      "No example files (*.yaml, *.yml) in policies",
    );
  });
});

describe("the JSON reporter", () => {
  it("lists cases with status and structured failures", async () => {
    const { report } = await run(["failing"], { coverage: true });
    const json = JSON.parse(formatJsonReport(report)) as {
      ok: boolean;
      summary: unknown;
      cases: Array<{ name: string; status: string; failures: Array<{ kind: string; line: number }> }>;
      coverage: Array<{ policy: string; coveredWays: number; totalWays: number }>;
    };
    expect(json.ok).toBe(false);
    expect(json.summary).toEqual({ passed: 1, failed: 1, obsolete: 0, skipped: 0 });
    expect(json.cases.map((c) => [c.name, c.status, c.failures.map((f) => `${f.kind}@${f.line}`)])).toEqual([
      ["unchanged lead", "passed", []],
      ["shrinking company", "failed", ["expectation@23", "snapshot-changed@14"]],
    ]);
    expect(json.coverage[0]).toMatchObject({ policy: "tiny", totalWays: 20 });
  });
});
