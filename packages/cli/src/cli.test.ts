import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli, type CliRun } from "./__fixtures__/run-cli.js";

/** Runs the built binary, as a user would, and returns its exit code and both streams. */

/** A throw-away repository holding the fixtures, so CODEOWNERS lookups never reach this repository's own. */
const fixtures = mkdtempSync(join(tmpdir(), "leadgate-cli-"));
cpSync(fileURLToPath(new URL("./__fixtures__/", import.meta.url)), fixtures, { recursive: true });
mkdirSync(join(fixtures, ".git"));

function run(args: string[]): CliRun {
  return runCli(args, { cwd: fixtures });
}

describe("leadgate check", () => {
  it("passes a valid policy with exit 0", () => {
    const result = run(["check", "ok.gate", "--today", "2026-11-01"]);
    expect(result).toMatchObject({ code: 0, stdout: "Checked 1 policy: no problems.\n" });
  });

  it("locates a typo like tsc, with a code frame and a suggestion, exit 1", () => {
    const result = run(["check", "typo.gate", "--today", "2026-11-01"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        "typo.gate:13:25 - error LG2002: Unknown name 'employes': no lead field, rule, score or grade has this name.",
        "",
        '13 rule big "Big company": employes >= 50',
        "                           ~~~~~~~~",
        "  hint: Did you mean 'employees'?",
        "",
        "Found 1 error and 0 warnings in 1 file.",
        "",
      ].join("\n"),
    );
  });

  it("prints machine-readable diagnostics with --format json", () => {
    const result = run(["check", "typo.gate", "--format", "json", "--today", "2026-11-01"]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      diagnostics: [
        {
          file: "typo.gate",
          line: 13,
          column: 25,
          endLine: 13,
          endColumn: 33,
          code: "LG2002",
          severity: "error",
          message: "Unknown name 'employes': no lead field, rule, score or grade has this name.",
          hint: "Did you mean 'employees'?",
        },
      ],
      errors: 1,
      warnings: 0,
    });
  });

  it("fails when the review is overdue, and only warns with --overdue warning", () => {
    const failing = run(["check", "ok.gate", "--today", "2027-04-01"]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain("ok.gate:4:12 - error LG4005: The policy's review was due on 2027-03-15");
    const warning = run(["check", "ok.gate", "--today", "2027-04-01", "--overdue", "warning"]);
    expect(warning.code).toBe(0);
    expect(warning.stdout).toContain("ok.gate:4:12 - warning LG4005");
  });

  it("warns when the review is due within 30 days, or the window given", () => {
    const soon = run(["check", "ok.gate", "--today", "2027-03-01"]);
    expect(soon.code).toBe(0);
    expect(soon.stdout).toContain(
      "ok.gate:4:12 - warning LG4010: The policy's review is due on 2027-03-15, in 14 days (reviewed 2026-09-15, review every 6 months).",
    );
    expect(run(["check", "ok.gate", "--today", "2027-03-01", "--review-due-days", "7"]).stdout).not.toContain("LG4010");
    expect(run(["check", "ok.gate", "--today", "2027-02-12"]).stdout).not.toContain("LG4010"); // 31 days before
  });

  it("never fails a build over a review date", () => {
    const out = mkdtempSync(join(tmpdir(), "leadgate-build-"));
    const result = run(["build", "ok.gate", "--out-dir", out, "--today", "2030-01-01"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("warning LG4005");
  });

  it.each([
    [["check", "missing.gate"], "leadgate: Path not found: missing.gate"],
    [["check", "ok.gate", "--today", "yesterday"], "leadgate: --today must be a date YYYY-MM-DD, got 'yesterday'"],
    [["check", "binary.gate"], "leadgate: Cannot read binary.gate: it is a binary file, not text"],
    [["check", "latin1.gate"], "leadgate: Cannot read latin1.gate: it is not UTF-8 text"],
    [["check", "--strict"], "error: unknown option '--strict'"],
    [
      ["check", "--format", "xml"],
      "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json.",
    ],
    [["frobnicate"], "error: unknown command 'frobnicate'"],
  ])("usage error %j exits 2 with a message", (args, message) => {
    const result = run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("reports a folder without policies", () => {
    const empty = mkdtempSync(join(tmpdir(), "leadgate-empty-"));
    const result = run(["check", empty]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("No policies (*.gate files) in");
  });
});

describe("leadgate check --analyze", () => {
  it("reports findings as information and still exits 0", () => {
    const result = run(["check", "analyze.gate", "--analyze", "--today", "2026-11-01"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("analyze.gate:14:12 - info LG6003: Disqualifiers 'rival' and 'junk' both apply");
    expect(result.stdout).toContain("Found 0 errors, 0 warnings, 6 notes in 1 file.");
    expect(run(["check", "analyze.gate", "--today", "2026-11-01"]).stdout).toBe("Checked 1 policy: no problems.\n");
  });
});

describe("leadgate owners and CODEOWNERS", () => {
  const codeowners = join(fixtures, ".github", "CODEOWNERS");

  it("prints, writes and checks the section, keeping the rest of the file", () => {
    mkdirSync(join(fixtures, ".github"), { recursive: true });
    writeFileSync(codeowners, "* @acme/maintainers\n");
    expect(run(["owners", "ok.gate"]).stdout).toBe(
      [
        "# BEGIN leadgate: generated by `leadgate owners --write`; edit the policies' owners, not these lines",
        "/ok.gate @acme/marketing-ops",
        "# END leadgate",
        "",
      ].join("\n"),
    );
    expect(run(["owners", "ok.gate", "--check"])).toMatchObject({ code: 1 });
    expect(run(["owners", "ok.gate", "--write"])).toMatchObject({
      code: 0,
      stdout: "Updated the leadgate section of .github/CODEOWNERS.\n",
    });
    expect(readFileSync(codeowners, "utf8")).toBe(
      "* @acme/maintainers\n\n# BEGIN leadgate: generated by `leadgate owners --write`; edit the policies' owners, not these lines\n/ok.gate @acme/marketing-ops\n# END leadgate\n",
    );
    expect(run(["owners", "ok.gate", "--write"]).stdout).toBe(".github/CODEOWNERS is up to date.\n");
    expect(run(["owners", "ok.gate", "--check"])).toMatchObject({ code: 0 });
    expect(run(["check", "ok.gate", "--today", "2026-11-01"])).toMatchObject({ code: 0 });
  });

  it("makes check fail, on the stale line, when a policy's owners changed", () => {
    mkdirSync(join(fixtures, ".github"), { recursive: true });
    writeFileSync(codeowners, "# BEGIN leadgate\n/ok.gate @acme/someone-else\n# END leadgate\n");
    const result = run(["check", "ok.gate", "--today", "2026-11-01"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      ".github/CODEOWNERS:2:1 - error LG5001: The owners of ok.gate changed: expected '/ok.gate @acme/marketing-ops'.",
    );
    expect(run(["check", "ok.gate", "--today", "2026-11-01", "--no-codeowners"]).code).toBe(0);
  });

  it("asks for a line for a new policy beside listed ones, not for policies in folders the section does not cover", () => {
    mkdirSync(join(fixtures, ".github"), { recursive: true });
    mkdirSync(join(fixtures, "elsewhere"), { recursive: true });
    copyFileSync(join(fixtures, "ok.gate"), join(fixtures, "elsewhere", "ok.gate"));
    writeFileSync(codeowners, "# BEGIN leadgate\n/analyze.gate @acme/marketing-ops\n# END leadgate\n");
    const beside = run(["check", "ok.gate", "--today", "2026-11-01"]);
    expect(beside.code).toBe(1);
    expect(beside.stdout).toContain(
      "error LG5001: The leadgate section of .github/CODEOWNERS has no line for ok.gate.",
    );
    expect(run(["check", "elsewhere/ok.gate", "--today", "2026-11-01"])).toMatchObject({ code: 0 });
  });
});

describe("leadgate build", () => {
  it("writes module, declarations, schema and index", () => {
    const out = mkdtempSync(join(tmpdir(), "leadgate-build-"));
    const result = run(["build", "ok.gate", "--out-dir", out, "--today", "2026-11-01"]);
    expect(result).toMatchObject({ code: 0, stdout: `Compiled 1 policy to ${out}.\n` });
    for (const file of ["ok.js", "ok.d.ts", "ok.schema.json", "index.js", "index.d.ts"])
      expect(existsSync(join(out, file))).toBe(true);
    expect(readFileSync(join(out, "index.js"), "utf8")).toContain('export * as ok from "./ok.js";');
  });

  it("refuses to write anything when a policy has errors", () => {
    const out = join(mkdtempSync(join(tmpdir(), "leadgate-build-")), "dist");
    const result = run(["build", "ok.gate", "typo.gate", "--out-dir", out, "--today", "2026-11-01"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Found 1 error and 0 warnings in 2 files. Nothing was written.");
    expect(existsSync(out)).toBe(false);
  });
});

describe("leadgate explain", () => {
  it("explains a decision, with what is missing for the next stage", () => {
    const result = run(["explain", "ok.gate", "lead.json", "--as-of", "2026-11-01"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        "Policy ok 1.0.0, as of 2026-11-01",
        "Stage: no stage",
        "",
        "? MQL Marketing qualified (owned by marketing)",
        "    ✓ big Big company  [big = true]",
        "    ? local Based in the US  [country = null] — missing: country",
        "",
        "Next: to reach MQL, the lead needs local (ask for: country).",
        "",
      ].join("\n"),
    );
  });

  it("reads YAML leads and prints the exact Decision with --format json", () => {
    const result = run(["explain", "ok.gate", "lead.yaml", "--as-of", "2026-11-01", "--format", "json"]);
    expect(result.code).toBe(0);
    const decision = JSON.parse(result.stdout);
    expect(decision).toMatchObject({
      policy: "ok",
      stage: "MQL",
      followUp: { stage: "MQL", within: { amount: 2, unit: "days" } },
    });
  });

  it("lists every invalid path of a bad lead, exit 1", () => {
    const result = run(["explain", "ok.gate", "bad-lead.json", "--as-of", "2026-11-01"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      [
        'bad-lead.json: lead.employees: expected integer, received "fifty"',
        "bad-lead.json: lead.country: expected string, received 7",
        "The lead is not valid for policy ok (2 problems).",
        "",
      ].join("\n"),
    );
  });

  it("requires --as-of: evaluation never reads the clock", () => {
    const result = run(["explain", "ok.gate", "lead.json"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("leadgate: --as-of is required, e.g. --as-of 2026-11-01");
  });

  it("refuses to explain with a broken policy", () => {
    const result = run(["explain", "typo.gate", "lead.json", "--as-of", "2026-11-01"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("typo.gate:13:25 - error LG2002");
  });
});

describe("leadgate --help and --version", () => {
  it("prints the version", () => {
    expect(run(["--version"])).toMatchObject({ code: 0, stdout: "0.1.0\n" });
  });
  it.each(["check", "build", "explain"])("has help for %s", (command) => {
    const result = run([command, "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: leadgate ${command}`);
  });
});
