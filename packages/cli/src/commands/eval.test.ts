import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { LEADGATE_BIN, runCli, type CliRun } from "../__fixtures__/run-cli.js";
import { defaultWorkers } from "./eval.js";

const repo = fileURLToPath(new URL("../../../../", import.meta.url));
const INBOUND = join(repo, "criteria/policies/inbound.gate");
const dir = mkdtempSync(join(tmpdir(), "leadgate-eval-"));

function run(args: string[], options: { input?: string | Buffer; cwd?: string } = {}): CliRun {
  return runCli(args, { cwd: options.cwd ?? dir, ...(options.input !== undefined ? { input: options.input } : {}) });
}

function evalArgs(...rest: string[]): string[] {
  return ["eval", INBOUND, "--as-of", "2026-11-01", ...rest];
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Non-empty lines of a text, parsed as JSON. */
function jsonLines(text: string): Array<Record<string, unknown>> {
  return text
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** The numbers of the summary's table, e.g. `{ MQL: 2, "no stage": 5, invalid: 1 }`. */
function summary(stderr: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const match of stderr.matchAll(/^ {2}(\S[^\n]*?) +([\d,]+)$/gm))
    counts[match[1]!] = Number(match[2]!.replace(/,/g, ""));
  return counts;
}

const KINDS = ["email_open", "email_click", "content_download", "webinar_attended", "demo_request", "meeting_held"];

/** A varied, valid inbound lead; the same for the same `i`. */
function lead(i: number): Record<string, unknown> {
  return {
    id: `L-${i}`,
    email: `person${i}@${["northwind.io", "gmail.com", "rivalcrm.com", "acme.com"][i % 4]}`,
    seniority: ["ic", "manager", "director", "vp", "c_level"][i % 5],
    role: ["decision_maker", "influencer", "user"][i % 3],
    company: {
      name: `Co ${i}`,
      industry: ["software", "finance", "retail"][i % 3],
      employees: (i * 37) % 6000,
      country: ["US", "DE", "JP"][i % 3],
    },
    budget: ["unknown", "known_amount", "budgeted"][i % 3],
    ...(i % 4 === 0 ? {} : { need_confirmed: i % 5 !== 0 }),
    ...(i % 2 === 0 ? { timeframe_days: (i * 13) % 365 } : {}),
    agreed_to_meet: i % 3 === 0,
    unsubscribed: i % 11 === 0,
    activities: Array.from({ length: i % 7 }, (_, k) => ({
      kind: KINDS[(i + k) % KINDS.length],
      at: `2026-${String(1 + ((i + k) % 10)).padStart(2, "0")}-${String(1 + ((i * k) % 28)).padStart(2, "0")}`,
    })),
  };
}

function ndjson(count: number, from = 0): string {
  return Array.from({ length: count }, (_, i) => `${JSON.stringify(lead(from + i))}\n`).join("");
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("leadgate eval", () => {
  it("writes one decision per lead, in input order, with its line, and a summary on stderr", () => {
    const input = file("three.ndjson", ndjson(3));
    const result = run(evalArgs("--input", input));
    expect(result.code).toBe(0);
    const decisions = jsonLines(result.stdout);
    expect(decisions.map((d) => d.line)).toEqual([1, 2, 3]);
    expect(decisions[0]).toMatchObject({ policy: "inbound", version: "2.0.0", asOf: "2026-11-01" });
    expect(Object.keys(decisions[0]!).slice(0, 2)).toEqual(["line", "policy"]);
    expect(result.stderr).toMatch(/^Evaluated 3 records in \d+\.\ds \([\d,]+\/s\)\.$/m);
    const counts = summary(result.stderr);
    expect(Object.keys(counts)).toEqual(["MQL", "SQL", "SAL", "no stage", "disqualified", "invalid"]);
    expect(counts.invalid).toBe(0);
    expect(counts.MQL! + counts.SQL! + counts.SAL! + counts["no stage"]! + counts.disqualified!).toBe(3);
  });

  it("gives the decision leadgate explain gives for the same lead", () => {
    const leadFile = join(repo, "examples/leads/vp-at-software-company.json");
    const explained = JSON.parse(
      run(["explain", INBOUND, leadFile, "--as-of", "2026-11-01", "--format", "json"]).stdout,
    );
    const compact = JSON.stringify(JSON.parse(readFileSync(leadFile, "utf8")));
    const [decision] = jsonLines(run(evalArgs(), { input: `${compact}\n` }).stdout);
    expect(decision).toEqual({ line: 1, ...explained });
  });

  it("sends every invalid record to --errors with its line and paths, exits 3, and accounts for every record", () => {
    const lines = [
      JSON.stringify(lead(1)),
      "",
      "{not json",
      JSON.stringify({ ...lead(2), company: { name: "X", industry: "software", employees: "fifty", country: "US" } }),
      "   ",
      JSON.stringify(lead(3)),
      "[1,2]",
      JSON.stringify({ ...lead(4), email: "nope", seniority: "intern" }),
    ];
    const input = file("mixed.ndjson", `${lines.join("\r\n")}\r\n`);
    const errorsFile = join(dir, "mixed.errors.ndjson");
    const result = run(evalArgs("--input", input, "--output", join(dir, "mixed.out.ndjson"), "--errors", errorsFile));
    expect(result.code).toBe(3);
    const out = jsonLines(readFileSync(join(dir, "mixed.out.ndjson"), "utf8"));
    const errors = jsonLines(readFileSync(errorsFile, "utf8"));
    expect(out.map((d) => d.line)).toEqual([1, 6]);
    expect(errors.map((e) => e.line)).toEqual([3, 4, 7, 8]);
    expect(errors[0]).toMatchObject({ line: 3, text: "{not json" });
    expect(errors[0]!.error).toMatch(/^not valid JSON: /);
    expect(errors[1]).toMatchObject({
      line: 4,
      issues: [{ path: "company.employees", message: 'expected integer, received "fifty"' }],
    });
    expect(errors[2]).toMatchObject({ line: 7, issues: [{ path: "", message: "expected object, received a list" }] });
    expect((errors[3]!.issues as Array<{ path: string }>).map((i) => i.path)).toEqual(["email", "seniority"]);
    // Output plus errors equals input: six records (two blank lines are not records).
    expect(out.length + errors.length).toBe(6);
    const counts = summary(result.stderr);
    expect(counts.invalid).toBe(4);
    expect(result.stderr).toContain(`4 invalid records: see ${errorsFile}.`);
  });

  it("reports invalid records on stderr, one line per problem, when there is no --errors", () => {
    const input = file("bad.ndjson", `${JSON.stringify({ ...lead(5), budget: "lots" })}\n{"a":\n`);
    const result = run(evalArgs("--input", input, "--output", join(dir, "bad.out.ndjson")));
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(
      `${input}:1: lead.budget: expected one of unknown, none, known_amount, approval_pending, budgeted, received "lots"\n`,
    );
    expect(result.stderr).toMatch(new RegExp(`${input.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:2: not valid JSON: `));
    expect(result.stderr).toContain("2 invalid records: see the messages above.");
  });

  it("keeps a line that is not UTF-8 as an invalid record and reads on", () => {
    const input = file(
      "latin1.ndjson",
      Buffer.concat([
        Buffer.from(`${JSON.stringify(lead(1))}\n`),
        Buffer.from('{"email":"caf\xe9"}\n', "latin1"),
        Buffer.from(`${JSON.stringify(lead(2))}\n`),
      ]),
    );
    const result = run(evalArgs("--input", input, "--errors", join(dir, "latin1.errors.ndjson")));
    expect(result.code).toBe(3);
    expect(jsonLines(result.stdout).map((d) => d.line)).toEqual([1, 3]);
    expect(jsonLines(readFileSync(join(dir, "latin1.errors.ndjson"), "utf8"))).toEqual([
      { line: 2, error: "not UTF-8 text" },
    ]);
  });

  it("keeps the input order with workers and writes exactly what the main thread alone writes", () => {
    // 30,000 leads, 60 batches: the first few are evaluated in the main thread while the workers
    // start, the rest by the workers and, when they are busy, by the main thread.
    const input = file("many.ndjson", ndjson(30000) + "oops\n" + ndjson(10, 30000));
    const one = run(evalArgs("--input", input, "--workers", "0", "--errors", join(dir, "one.errors")));
    const two = run(evalArgs("--input", input, "--workers", "2", "--errors", join(dir, "two.errors")));
    const dflt = run(evalArgs("--input", input, "--workers", "1", "--errors", join(dir, "default.errors")));
    expect(one.code).toBe(3);
    expect(two.code).toBe(3);
    expect(two.stdout).toBe(one.stdout);
    expect(dflt.stdout).toBe(one.stdout);
    expect(readFileSync(join(dir, "two.errors"), "utf8")).toBe(readFileSync(join(dir, "one.errors"), "utf8"));
    expect(readFileSync(join(dir, "default.errors"), "utf8")).toBe(readFileSync(join(dir, "one.errors"), "utf8"));
    const lines = jsonLines(two.stdout).map((d) => d.line as number);
    expect(lines).toHaveLength(30010);
    expect(lines.every((line, i) => line === (i < 30000 ? i + 1 : i + 2))).toBe(true);
    expect(summary(two.stderr)).toEqual(summary(one.stderr));
  });

  it("reads stdin and writes stdout for '-'", () => {
    const viaFile = run(evalArgs("--input", file("two.ndjson", ndjson(2)), "--fields", "line,stage"));
    const viaPipe = run(evalArgs("--input", "-", "--output", "-", "--fields", "line,stage"), { input: ndjson(2) });
    expect(viaPipe.code).toBe(0);
    expect(viaPipe.stdout).toBe(viaFile.stdout);
    expect(jsonLines(viaPipe.stdout).map((d) => Object.keys(d))).toEqual([
      ["line", "stage"],
      ["line", "stage"],
    ]);
  });

  it("reads a named pipe as it is written, with the decisions the same leads get from a file", () => {
    // A file is read with plain reads, a pipe through a stream: both must give the same output.
    const input = file("for-fifo.ndjson", ndjson(3000));
    const fifo = join(dir, "leads.fifo");
    execFileSync("mkfifo", [fifo]);
    // The writer runs beside eval, which blocks this process: cat waits for eval to open the pipe.
    spawn("sh", ["-c", 'cat "$1" > "$2"', "sh", input, fifo], { stdio: "ignore" });
    const viaFifo = run(evalArgs("--input", fifo, "--fields", "line,stage,scores.engagement"));
    const viaFile = run(evalArgs("--input", input, "--fields", "line,stage,scores.engagement"));
    expect(viaFifo.code).toBe(0);
    expect(jsonLines(viaFifo.stdout)).toHaveLength(3000);
    expect(viaFifo.stdout).toBe(viaFile.stdout);
  });

  it("writes compact columns with --fields, and CSV with --format csv", () => {
    const input = file("fields.ndjson", ndjson(4));
    const full = jsonLines(run(evalArgs("--input", input)).stdout);
    const fields = "line,stage,scores.engagement,gates.SQL,gates.SQL.failed,disqualified,grades.fit";
    const compact = jsonLines(run(evalArgs("--input", input, "--fields", fields)).stdout);
    expect(compact).toHaveLength(4);
    compact.forEach((row, i) => {
      const d = full[i] as {
        line: number;
        stage: string | null;
        scores: { engagement: { total: number } };
        gates: { SQL: { status: string; failed: string[] } };
        disqualified: { name: string } | null;
        grades: { fit: string };
      };
      expect(row).toEqual({
        line: d.line,
        stage: d.stage,
        "scores.engagement": d.scores.engagement.total,
        "gates.SQL": d.gates.SQL.status,
        "gates.SQL.failed": d.gates.SQL.failed,
        disqualified: d.disqualified?.name ?? null,
        "grades.fit": d.grades.fit,
      });
    });

    const csv = run(evalArgs("--input", input, "--format", "csv", "--fields", fields));
    expect(csv.code).toBe(0);
    const rows = csv.stdout.trimEnd().split("\n");
    expect(rows[0]).toBe(fields);
    const first = full[0] as {
      stage: string | null;
      scores: { engagement: { total: number } };
      gates: { SQL: { failed: string[] } };
    };
    expect(rows[1]).toContain(`1,${first.stage ?? ""},${first.scores.engagement.total},`);
    expect(rows[1]).toContain(`"${JSON.stringify(first.gates.SQL.failed).replace(/"/g, '""')}"`);

    const byDefault = run(evalArgs("--input", input, "--output", join(dir, "decisions.csv")));
    expect(byDefault.code).toBe(0);
    expect(readFileSync(join(dir, "decisions.csv"), "utf8").split("\n")[0]).toBe(
      "line,stage,disqualified,scores.engagement,grades.fit",
    );
  });

  it("refuses an unknown --fields name before reading anything, with a suggestion", () => {
    const result = run(evalArgs("--fields", "stage,scores.engagment"), { input: ndjson(1) });
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr).toBe(
      "leadgate: --fields: no 'scores.engagment' in this policy's decisions. Did you mean 'engagement'?\n",
    );
  });

  it("reads CSV: dotted columns fill records, numbered ones fill list items, cells are typed by the policy", () => {
    const leads = [lead(3), lead(8), lead(12)];
    const header =
      "id,email,seniority,role,company.name,company.industry,company.employees,company.country,budget,need_confirmed,timeframe_days,agreed_to_meet,unsubscribed,activities.0.kind,activities.0.at,activities.1.kind,activities.1.at";
    const rows = leads.map((l) => {
      const c = l.company as Record<string, unknown>;
      const a = l.activities as Array<{ kind: string; at: string }>;
      return [
        l.id,
        l.email,
        l.seniority,
        l.role,
        `"${String(c.name)}, Inc."`,
        c.industry,
        c.employees,
        c.country,
        l.budget,
        l.need_confirmed ?? "",
        l.timeframe_days ?? "",
        String(l.agreed_to_meet).toUpperCase(),
        l.unsubscribed,
        a[0]?.kind ?? "",
        a[0]?.at ?? "",
        a[1]?.kind ?? "",
        a[1]?.at ?? "",
      ].join(",");
    });
    const input = file("leads.csv", `${header}\r\n${rows.join("\r\n")}\r\n`);
    const result = run(evalArgs("--input", input));
    expect(result.stderr).toContain(`leadgate: ${input}: ignoring columns the policy's lead does not have: id\n`);
    expect(result.code).toBe(0);
    // The same leads as JSON, cut to what the CSV carries, decide the same.
    const asJson = leads
      .map((l) => ({
        ...l,
        company: { ...(l.company as object), name: `${String((l.company as { name: string }).name)}, Inc.` },
        activities: (l.activities as unknown[]).slice(0, 2),
      }))
      .map((l) => `${JSON.stringify(l)}\n`)
      .join("");
    const expected = jsonLines(run(evalArgs(), { input: asJson }).stdout).map((d, i) => ({ ...d, line: i + 2 }));
    expect(jsonLines(result.stdout)).toEqual(expected);
  });

  it("reports a CSV row that does not fit the header, and a cell of the wrong type, with their lines", () => {
    const input = file(
      "rows.csv",
      'email,company.employees\na@b.co,12\n"c@d.co\nstill the email",x,extra\ne@f.co,many\n',
    );
    const result = run(evalArgs("--input", input, "--errors", join(dir, "rows.errors")));
    expect(result.code).toBe(3);
    const errors = jsonLines(readFileSync(join(dir, "rows.errors"), "utf8"));
    expect(errors.map((e) => e.line)).toEqual([2, 3, 5]);
    expect(errors[1]).toMatchObject({
      error: "the row has 3 cells, the header 2",
      text: '"c@d.co\nstill the email",x,extra',
    });
    expect(errors[2]!.issues).toContainEqual({
      path: "company.employees",
      message: 'expected integer, received "many"',
    });
  });

  it("refuses a CSV header that cannot describe a lead", () => {
    const input = file("header.csv", "email,company,company.name\nx,y,z\n");
    const result = run(evalArgs("--input", input));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `leadgate: Cannot read ${input}: in the header row, column "company.name" fills a field that another column already fills as a whole\n`,
    );
  });

  it("evaluates with a module compiled by leadgate build, as with the policy file", () => {
    // Inside the repository, so the module's imports (zod, @leadgate/runtime) resolve.
    const outDir = mkdtempSync(join(repo, "packages/cli/.eval-test-"));
    try {
      expect(run(["build", INBOUND, "--out-dir", outDir, "--today", "2026-11-01"], { cwd: repo }).code).toBe(0);
      const input = ndjson(20);
      const fromModule = run(["eval", join(outDir, "inbound.js"), "--as-of", "2026-11-01"], { input });
      expect(fromModule.code).toBe(0);
      expect(fromModule.stdout).toBe(run(evalArgs(), { input }).stdout);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });

  it("stops on SIGINT leaving only complete lines, exactly the records the summary counts", async () => {
    const input = file("big.ndjson", ndjson(40000) + "broken\n".repeat(10) + ndjson(40000, 40000));
    const out = join(dir, "big.out.ndjson");
    const errorsFile = join(dir, "big.errors.ndjson");
    const child = spawn(
      process.execPath,
      [LEADGATE_BIN, ...evalArgs("--input", input, "--output", out, "--errors", errorsFile)],
      {
        cwd: dir,
      },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    // Interrupt once some decisions are written, long before the end.
    for (let waited = 0; waited < 30_000; waited += 20) {
      await new Promise((r) => setTimeout(r, 20));
      if ((statSync(out, { throwIfNoEntry: false })?.size ?? 0) > 0) break;
    }
    child.kill("SIGINT");
    const code = await exited;
    expect(code).toBe(130);
    expect(stderr).toMatch(/^Interrupted after [\d,]+ records in /m);
    const text = readFileSync(out, "utf8");
    expect(text.endsWith("\n")).toBe(true);
    const decisions = jsonLines(text); // throws on a partial line
    const errors = jsonLines(readFileSync(errorsFile, "utf8"));
    const counts = summary(stderr);
    const written = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(decisions.length + errors.length).toBe(written);
    expect(decisions.length).toBeLessThan(80000);
    // A prefix of the input: every line up to the last one written, in order.
    const lines = [...decisions.map((d) => d.line as number), ...errors.map((e) => e.line as number)].sort(
      (a, b) => a - b,
    );
    expect(lines.every((line, i) => line === i + 1)).toBe(true);
  });
});

describe("defaultWorkers", () => {
  it("uses a worker thread where there is more than one core, none on one", () => {
    expect(defaultWorkers(1)).toBe(0);
    expect(defaultWorkers(2)).toBe(1);
    expect(defaultWorkers(16)).toBe(1);
  });
});

describe("leadgate eval refuses bad input with exit 2 and one line", () => {
  it("a missing --as-of, a missing file, a folder", () => {
    expect(run(["eval", INBOUND], { input: "" })).toMatchObject({
      code: 2,
      stderr: "leadgate: --as-of is required, e.g. --as-of 2026-11-01\n",
    });
    expect(run(evalArgs("--input", "nope.ndjson"))).toMatchObject({
      code: 2,
      stderr: "leadgate: Cannot read nope.ndjson: file not found\n",
    });
    mkdirSync(join(dir, "folder.ndjson"), { recursive: true });
    expect(run(evalArgs("--input", "folder.ndjson"))).toMatchObject({
      code: 2,
      stderr: "leadgate: Cannot read folder.ndjson: it is a folder\n",
    });
  });

  it("a binary file, UTF-16 text", () => {
    file("binary.ndjson", Buffer.from([0x7b, 0x00, 0x01, 0x02, 0x0a]));
    expect(run(evalArgs("--input", "binary.ndjson"))).toMatchObject({
      code: 2,
      stdout: "",
      stderr: "leadgate: Cannot read binary.ndjson: it is a binary file, not text\n",
    });
    file("utf16.ndjson", Buffer.from("\ufeff{}\n", "utf16le"));
    expect(run(evalArgs("--input", "utf16.ndjson")).stderr).toBe(
      "leadgate: Cannot read utf16.ndjson: it is UTF-16 text; save it as UTF-8\n",
    );
  });

  it("an output that cannot be written, or would overwrite the input", () => {
    const input = file("in.ndjson", ndjson(1));
    expect(run(evalArgs("--input", input, "--output", join(dir, "no/such/dir/out.ndjson"))).stderr).toMatch(
      /^leadgate: Cannot write --output .*out\.ndjson: its folder does not exist\n$/,
    );
    const same = run(evalArgs("--input", input, "--output", input));
    expect(same.code).toBe(2);
    expect(same.stderr).toContain("is the input file");
    expect(readFileSync(input, "utf8")).toBe(ndjson(1));
  });

  it.skipIf(!existsSync("/dev/full"))("an output that fills up during the run: exit 1 and why", () => {
    const input = file("to-full.ndjson", ndjson(20));
    expect(run(evalArgs("--input", input, "--output", "/dev/full"))).toMatchObject({
      code: 1,
      stderr: "leadgate: Cannot write /dev/full: no space left on the device\n",
    });
  });

  it("a file that is neither a policy nor a module", () => {
    expect(run(["eval", "leads.txt", "--as-of", "2026-11-01"], { input: "" })).toMatchObject({
      code: 2,
      stderr:
        "leadgate: Expected a policy (.gate) or a module compiled by leadgate build (.js, .mjs), got 'leads.txt'\n",
    });
  });

  it("a policy with errors: its diagnostics, exit 1", () => {
    const policy = file(
      "broken.gate",
      readFileSync(INBOUND, "utf8").replace("company.employees >= 50", "company.employes >= 50"),
    );
    const result = run(["eval", policy, "--as-of", "2026-11-01"], { input: ndjson(1) });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/broken\.gate:\d+:\d+ - error LG\d{4}: /);
    expect(result.stderr).toContain("has errors; fix them to evaluate leads.");
    expect(result.stdout).toBe("");
  });
});
