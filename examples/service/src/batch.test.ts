import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { salLead } from "./__fixtures__/leads.js";

// The built script, run as an operator would (vitest's global setup compiles it first).
const batch = fileURLToPath(new URL("../dist/batch.js", import.meta.url));
const fixture = fileURLToPath(new URL("./__fixtures__/leads.ndjson", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "lead-batch-"));

function run(args: string[], input?: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [batch, ...args], { encoding: "utf8", input });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("batch.js", () => {
  it("scores valid lines, reports each invalid one with its line number and paths, and exits 3", () => {
    const result = run(["--policy", "inbound", "--as-of", "2026-11-01", fixture]);
    expect(result.code).toBe(3);
    expect(
      result.stdout
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as unknown),
    ).toEqual([
      { line: 1, stage: "SAL", scores: { engagement: 41 }, disqualified: null },
      { line: 4, stage: null, scores: { engagement: 41 }, disqualified: "competitor" },
      { line: 6, stage: null, scores: { engagement: 0 }, disqualified: null },
    ]);
    expect(result.stderr).toBe(
      [
        `${fixture}:3: invalid JSON: Unexpected end of JSON input`,
        `${fixture}:5: lead.company.employees: expected integer, received "fifty"`,
        `${fixture}:5: lead.budget: expected one of unknown, none, known_amount, approval_pending, budgeted, received "lots"`,
        "2 invalid line(s); 3 lead(s) scored",
        "",
      ].join("\n"),
    );
  });

  it("exits 0 with nothing on stderr when every line is valid, reading CRLF files with a BOM", () => {
    const file = join(scratch, "crlf.ndjson");
    writeFileSync(file, `\uFEFF${JSON.stringify(salLead)}\r\n${JSON.stringify(salLead)}\r\n`);
    const result = run(["--policy", "inbound", "--as-of", "2026-11-01", file]);
    expect(result).toEqual({
      code: 0,
      stdout:
        '{"line":1,"stage":"SAL","scores":{"engagement":41},"disqualified":null}\n' +
        '{"line":2,"stage":"SAL","scores":{"engagement":41},"disqualified":null}\n',
      stderr: "",
    });
  });

  it("evaluates as of the given day, not today", () => {
    const result = run(["--policy", "inbound", "--as-of", "2027-06-01", "-"], `${JSON.stringify(salLead)}\n`);
    expect(result).toEqual({
      code: 0,
      stdout: '{"line":1,"stage":null,"scores":{"engagement":0},"disqualified":null}\n',
      stderr: "",
    });
  });

  it("reads stdin for -, naming it in reports", () => {
    const result = run(["--policy", "partner", "--as-of", "2026-11-01", "-"], "{}\n");
    expect(result.code).toBe(3);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^stdin:1: lead\.\w+: /);
  });

  it("streams a large input through a pipe, one record per line", async () => {
    const count = 20_000;
    const child = spawn(process.execPath, [batch, "--policy", "inbound", "--as-of", "2026-11-01", "-"]);
    let lines = 0;
    let last = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      lines += chunk.split("\n").length - 1;
      last = (last + chunk).slice(-200);
    });
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    const line = `${JSON.stringify(salLead)}\n`;
    for (let i = 0; i < count; i++) {
      if (!child.stdin.write(line)) await new Promise((resolve) => child.stdin.once("drain", resolve));
    }
    child.stdin.end();
    expect(await exited).toBe(0);
    expect(lines).toBe(count);
    expect(last.trimEnd().split("\n").at(-1)).toBe(
      `{"line":${count},"stage":"SAL","scores":{"engagement":41},"disqualified":null}`,
    );
  });

  it("prints usage with --help and exits 0", () => {
    const result = run(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("usage: node dist/batch.js --policy <name> --as-of YYYY-MM-DD");
    expect(result.stdout).toContain("the policy to apply: inbound, enterprise, partner");
  });

  it("exits 2 with one clear message on a usage error, writing nothing to stdout", () => {
    const dir = join(scratch, "a-directory");
    mkdirSync(dir, { recursive: true });
    const cases: Array<[string[], string]> = [
      [[], "--policy is required: one of inbound, enterprise, partner"],
      [
        ["--policy", "outbound", "--as-of", "2026-11-01", fixture],
        "unknown policy 'outbound': expected one of inbound, enterprise, partner",
      ],
      [["--policy", "inbound", fixture], "--as-of is required, e.g. --as-of 2026-11-01"],
      [
        ["--policy", "inbound", "--as-of", "2026-02-30", fixture],
        "--as-of must be a date YYYY-MM-DD, got '2026-02-30'",
      ],
      [["--policy", "inbound", "--as-of", "2026-11-01"], "give the NDJSON file of leads to score (or - for stdin)"],
      [["--policy", "inbound", "--as-of", "2026-11-01", fixture, fixture], "expected one file, got 2"],
      [["--polcy", "inbound"], "Unknown option '--polcy'"],
      [["--policy"], "Option '--policy <value>' argument missing"],
      [["--policy", "inbound", "--as-of", "2026-11-01", join(scratch, "missing.ndjson")], "no such file"],
      [["--policy", "inbound", "--as-of", "2026-11-01", dir], "it is a directory"],
    ];
    for (const [args, message] of cases) {
      const result = run(args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stdout, args.join(" ")).toBe("");
      expect(result.stderr, args.join(" ")).toContain(message);
      expect(result.stderr, args.join(" ")).toMatch(/^batch: .*\nRun with --help for usage\.\n$/);
    }
  });
});
