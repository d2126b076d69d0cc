import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, type CliRun } from "../__fixtures__/run-cli.js";

/** `leadgate` as a user runs it: these tests check exit codes and what is printed. */
function run(cwd: string, args: string[], env: Record<string, string> = {}): CliRun {
  return runCli(args, { cwd, env });
}

const POLICY = `policy mini "Mini policy" {
  version "1.0.0"
  owner marketing "@acme/marketing-ops"
  reviewed 2026-09-15
  review every 6 months
}

lead {
  employees: integer
  country: text?
}

rule big "Big company": employees >= 50

stage MQL "Marketing qualified" owned by marketing {
  require big
  require local "Based in the US": country = "US"
}
`;

const EXAMPLES = `policy: ../mini.gate
asOf: 2026-11-01
cases:
  - name: big local company
    why: A big US company is marketing qualified.
    lead: { employees: 120, country: US }
    expect: { stage: MQL }
  - name: small company
    why: A small company is not.
    lead: { employees: 10, country: US }
`;

/** A project folder with a policy, one example file and its golden file (recorded by --update). */
function project(): string {
  const root = mkdtempSync(join(tmpdir(), "leadgate-cli-test-"));
  writeFileSync(join(root, "mini.gate"), POLICY);
  mkdirSync(join(root, "examples"));
  writeFileSync(join(root, "examples", "mini.yaml"), EXAMPLES);
  return root;
}

let recorded: string;
beforeAll(() => {
  recorded = project();
  const update = run(recorded, ["test", "--update"]);
  expect(update.code).toBe(0);
});

describe("leadgate test", () => {
  it("exits 0 when every example passes", () => {
    const result = run(recorded, ["test"]);
    expect(result).toEqual({ code: 0, stdout: "✓ examples/mini.yaml (2 passed)\n\n2 passed, 0 failed\n", stderr: "" });
  });

  it("exits 1 and reports the case, its line and what changed when a decision moves", () => {
    const root = project();
    run(root, ["test", "--update"]);
    writeFileSync(join(root, "examples", "mini.yaml"), EXAMPLES.replace("employees: 120", "employees: 12"));
    const result = run(root, ["test", "examples"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'examples/mini.yaml:7 case "big local company": expected stage MQL, got no stage\n',
    );
    expect(result.stdout).toContain(
      'examples/mini.yaml:4 case "big local company": the decision differs from the snapshot in examples/mini.golden.yaml:3\n    why: A big US company is marketing qualified.\n    stage: MQL → none\n    requirements flipped:\n      MQL.big: passed → failed\n',
    );
    expect(result.stdout.endsWith("1 passed, 1 failed\n")).toBe(true);
    expect(result.stdout).not.toContain("\u001b["); // not a terminal, and NO_COLOR
  });

  it("writes JUnit XML with --reporter junit --output, and still prints the report", () => {
    const out = join(mkdtempSync(join(tmpdir(), "leadgate-junit-")), "reports", "leadgate.xml");
    const result = run(recorded, ["test", "--reporter", "junit", "--output", out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("2 passed, 0 failed");
    const xml = readFileSync(out, "utf8");
    expect(xml).toContain('<testsuite name="examples/mini.yaml" tests="2" failures="0" errors="0" skipped="0">');
    expect(xml).toContain(
      '<testcase name="big local company" classname="examples/mini.yaml" file="examples/mini.yaml" line="4"/>',
    );
  });

  it("prints only JSON with --reporter json", () => {
    const result = run(recorded, ["test", "--reporter", "json", "--coverage"]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as {
      ok: boolean;
      cases: Array<{ name: string; status: string }>;
      coverage: unknown[];
    };
    expect(json.ok).toBe(true);
    expect(json.cases.map((c) => [c.name, c.status])).toEqual([
      ["big local company", "passed"],
      ["small company", "passed"],
    ]);
    expect(json.coverage).toHaveLength(1);
  });

  it("prints GitHub annotations when GITHUB_ACTIONS=true", () => {
    const root = project(); // no golden file yet: both cases fail
    const result = run(root, ["test"], { GITHUB_ACTIONS: "true" });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '::error file=examples/mini.yaml,line=4,title=case "big local company"::no snapshot in examples/mini.golden.yaml; run `leadgate test --update` to record it\n',
    );
  });

  it("prints coverage and fails below --min-coverage", () => {
    const result = run(recorded, ["test", "--min-coverage", "100"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("  mini   83.3%  5/6 ways  mini.gate  (2 decisions)");
    expect(result.stdout).toContain("mini.gate:17 requirement MQL.local never failed");
    expect(result.stdout).toContain("Coverage of mini is 83.3%, below the minimum of 100%.");
  });

  it("selects cases with --filter and --policy", () => {
    expect(run(recorded, ["test", "--filter", "SMALL"]).stdout).toContain(
      "1 case not selected by the filters.\n1 passed, 0 failed",
    );
    expect(run(recorded, ["test", "--policy", "mini"]).stdout).toContain("2 passed, 0 failed");
  });

  it.each([
    [["test", "nowhere"], "leadgate: Path not found: nowhere"],
    [["test", "--min-coverage", "lots"], "leadgate: --min-coverage must be a percentage from 0 to 100, got 'lots'"],
    [["test", "--reporter", "junit"], "leadgate: --reporter junit needs --output <file>"],
    [
      ["test", "--reporter", "tap"],
      "error: option '--reporter <reporter>' argument 'tap' is invalid. Allowed choices are human, json, junit.",
    ],
    [["test", "--frobnicate"], "error: unknown option '--frobnicate'"],
    [["test", "--filter", "no such case"], 'leadgate: No case has a name containing "no such case"'],
    [["test", "--policy", "other"], 'leadgate: No case has policy "other" (the cases use: mini)'],
  ])("usage error %j exits 2 with a message and no stack", (args, message) => {
    const result = run(recorded, args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 2 for a folder without examples", () => {
    const root = project();
    mkdirSync(join(root, "empty"));
    const result = run(root, ["test", "empty"]);
    expect(result).toMatchObject({ code: 2, stderr: "leadgate: No example files (*.yaml, *.yml) in empty\n" });
  });

  it("has help", () => {
    const result = run(recorded, ["test", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: leadgate test [options] [paths...]");
    expect(result.stdout).toContain("--min-coverage <percent>");
  });
});
