import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, type CliRun } from "../__fixtures__/run-cli.js";

function run(cwd: string, args: string[]): CliRun {
  return runCli(args, { cwd });
}

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: "Test",
  GIT_AUTHOR_EMAIL: "test@example.com",
  GIT_COMMITTER_NAME: "Test",
  GIT_COMMITTER_EMAIL: "test@example.com",
  GIT_CONFIG_NOSYSTEM: "1",
};

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", ...args], {
    cwd,
    env: GIT_ENV,
    encoding: "utf8",
  });
}

const POLICY = `policy mini "Mini policy" {
  version "1.0.0"
  owner marketing "@acme/marketing-ops"
  owner sales "@acme/sales-ops"
  reviewed 2026-09-15
  review every 6 months
}

lead {
  name: text
  employees: integer
  country: text?
  activities: list of activity
}

record activity {
  kind: one of email_open, demo_request
  at: date
}

rule big "Big company": employees >= 50

score engagement "Engagement" {
  opens "Email opens": 5 per activities where kind = email_open and at within 90 days, at most 30
  demo "Demo requested": 25 if any activities where kind = demo_request
}

stage MQL "Marketing qualified" owned by marketing {
  require big
  require engaged "Engaged enough": engagement >= 20
}

stage SAL "Sales accepted" owned by sales {
  require local "Based in the US": country = "US"
}
`;

const OPENS = `
        - { kind: email_open, at: 2026-10-01 }
        - { kind: email_open, at: 2026-10-02 }
        - { kind: email_open, at: 2026-10-03 }
        - { kind: email_open, at: 2026-10-04 }`;

const EXAMPLES = `policy: ../../criteria/policies/mini.gate
asOf: 2026-11-01
cases:
  - name: big engaged US company
    why: Four opens are 20 points, enough for MQL; being in the US makes it SAL.
    lead:
      name: Acme
      employees: 120
      country: US
      activities:${OPENS}
  - name: "<script>alert(1)</script> & co"
    why: A name with markup must show as text in every report.
    lead:
      name: Markup
      employees: 80
      activities:${OPENS}
  - name: small company
    why: Never qualifies.
    lead: { name: Tiny, employees: 10, country: US, activities: [] }
  - name: big company with a demo
    why: A demo alone is 25 points.
    lead:
      name: Demo Co
      employees: 80
      activities: [{ kind: demo_request, at: 2026-10-20 }]
`;

/**
 * A repository whose history is: `v1` with the policy and its examples, then a commit raising the
 * MQL engagement threshold from 20 to 25, which drops the two leads at exactly 20 points.
 */
function makeRepository(): string {
  const root = mkdtempSync(join(tmpdir(), "leadgate-diff-"));
  mkdirSync(join(root, "criteria", "policies"), { recursive: true });
  mkdirSync(join(root, "examples", "mini"), { recursive: true });
  writeFileSync(join(root, "criteria", "package.json"), '{ "name": "@acme/lead-criteria", "version": "1.0.0" }\n');
  writeFileSync(join(root, "criteria", "policies", "mini.gate"), POLICY);
  writeFileSync(join(root, "examples", "mini", "basics.yaml"), EXAMPLES);
  git(root, "init", "-q");
  git(root, "add", "-A");
  git(root, "commit", "-q", "-m", "criteria v1");
  git(root, "tag", "v1");
  writeFileSync(
    join(root, "criteria", "policies", "mini.gate"),
    POLICY.replace("engagement >= 20", "engagement >= 25").replace('version "1.0.0"', 'version "1.1.0"'),
  );
  git(root, "commit", "-q", "-a", "-m", "raise the MQL engagement threshold");
  return root;
}

let repo: string;
beforeAll(() => {
  repo = makeRepository();
});

/** A copy of the repository for a test that changes files in it. */
function copyOfRepository(): string {
  const copy = mkdtempSync(join(tmpdir(), "leadgate-diff-copy-"));
  cpSync(repo, copy, { recursive: true });
  return copy;
}

describe("leadgate diff", () => {
  it("reports the threshold change, the leads it moves and why, the approvals and the bump", () => {
    const result = run(repo, ["diff", "--base", "v1"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/^leadgate diff: v1 \([0-9a-f]{7}\) → work tree\n/);
    expect(out).toContain("1 policy changed of 1; 4 leads evaluated, 2 leads change stage");
    expect(out).toContain("criteria/policies/mini.gate  mini: version 1.0.0 → 1.1.0\n");
    expect(out).toContain("    ~ requirement MQL.engaged: engagement >= 20 → engagement >= 25\n");
    expect(out).toContain(
      [
        "  Stage transitions (rows: before, columns: after; 4 leads):",
        "                  disqualified  none  MQL  SAL",
        "    disqualified             ·     ·    ·    ·",
        "    none                     ·     1    ·    ·",
        "    MQL                      ·     1    1    ·",
        "    SAL                      ·     1    ·    ·",
      ].join("\n"),
    );
    expect(out).toContain(
      '    examples/mini/basics.yaml:4 "big engaged US company": SAL → none\n      MQL.engaged: passed → failed (engagement 20; engagement >= 20 → engagement >= 25)\n',
    );
    expect(out).toContain('    examples/mini/basics.yaml:15 "<script>alert(1)</script> & co": MQL → none\n');
    expect(out).toContain("    engagement  16.25  20      25\n");
    expect(out).toContain("Approvals needed:\n  marketing (@acme/marketing-ops)\n    mini: stage MQL changed\n");
    expect(out).toContain("Suggested version bump for @acme/lead-criteria: minor\n  mini: 2 leads change stage");
  });

  it("exits 1 with --fail-on-change when a lead moves, and 0 when none does", () => {
    expect(run(repo, ["diff", "--base", "v1", "--fail-on-change"]).code).toBe(1);
    const same = run(repo, ["diff", "--base", "HEAD", "--fail-on-change"]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain("0 policies changed of 1; 4 leads evaluated, no lead changes stage");
    expect(same.stdout).toContain("No version bump: no policy changed.");
  });

  it("compares two refs from git objects alone: work-tree edits are ignored and left as they are", () => {
    const copy = copyOfRepository();
    const policyPath = join(copy, "criteria", "policies", "mini.gate");
    const edited = readFileSync(policyPath, "utf8").replace("engagement >= 25", "engagement >= 5");
    writeFileSync(policyPath, edited);
    const status = git(copy, "status", "--porcelain");
    const result = run(copy, ["diff", "--base", "v1", "--head", "HEAD"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("v1 (");
    expect(result.stdout).toMatch(/→ HEAD \([0-9a-f]{7}\)/);
    expect(result.stdout).toContain("engagement >= 20 → engagement >= 25");
    expect(readFileSync(policyPath, "utf8")).toBe(edited);
    expect(git(copy, "status", "--porcelain")).toBe(status);
    // Without --head, the work tree is the head version: the uncommitted edit is what is compared.
    expect(run(copy, ["diff", "--base", "v1"]).stdout).toContain("engagement >= 20 → engagement >= 5");
  });

  it("prints markdown for a pull-request comment, with the moved leads folded and markup escaped", () => {
    const result = run(repo, ["diff", "--base", "v1", "--format", "markdown"]);
    expect(result.code).toBe(0);
    const md = result.stdout;
    expect(md).toContain("## Lead criteria: change impact");
    expect(md).toContain(
      "| Team | Handles | Why |\n| --- | --- | --- |\n| marketing | @acme/marketing-ops | mini: stage MQL changed |",
    );
    expect(md).toContain("| before \\\\ after | disqualified | none | MQL | SAL |");
    expect(md).toContain("| SAL | · | **1** | · | · |");
    expect(md).toContain("<details><summary>2 leads change stage</summary>");
    expect(md).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co");
    expect(md).not.toContain("<script>");
  });

  it("prints the documented JSON shape, the same on every run", () => {
    const first = run(repo, ["diff", "--base", "v1", "--format", "json"]);
    expect(first.code).toBe(0);
    expect(run(repo, ["diff", "--base", "v1", "--format", "json"]).stdout).toBe(first.stdout);
    const report = JSON.parse(first.stdout) as {
      formatVersion: number;
      summary: { moved: number; evaluated: number };
      bump: { package: string; level: string };
      approvals: Array<{ team: string; handles: string[] }>;
      policies: Array<{
        transitions: unknown[];
        moved: Array<{ lead: { name: string; line: number }; from: string; to: string; why: string }>;
        changes: unknown[];
      }>;
    };
    expect(report.formatVersion).toBe(1);
    expect(report.summary).toMatchObject({ moved: 2, evaluated: 4 });
    expect(report.bump).toMatchObject({ package: "@acme/lead-criteria", level: "minor" });
    expect(report.approvals).toEqual([
      { team: "marketing", handles: ["@acme/marketing-ops"], policies: ["mini"], reasons: ["mini: stage MQL changed"] },
    ]);
    const policy = report.policies[0]!;
    expect(policy.transitions).toEqual([
      { from: "(none)", to: "(none)", count: 1 },
      { from: "MQL", to: "(none)", count: 1 },
      { from: "MQL", to: "MQL", count: 1 },
      { from: "SAL", to: "(none)", count: 1 },
    ]);
    expect(policy.moved.map((m) => [m.lead.line, m.from, m.to, m.why])).toEqual([
      [4, "SAL", "(none)", "MQL.engaged: passed → failed (engagement 20; engagement >= 20 → engagement >= 25)"],
      [15, "MQL", "(none)", "MQL.engaged: passed → failed (engagement 20; engagement >= 20 → engagement >= 25)"],
    ]);
  });

  it("writes one self-contained, well-formed HTML file with charts, no script and no network reference", () => {
    const out = join(mkdtempSync(join(tmpdir(), "leadgate-diff-html-")), "reports", "impact.html");
    const result = run(repo, ["diff", "--base", "v1", "--format", "html", "--output", out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Wrote the html report to ${out}.\n`);
    const html = readFileSync(out, "utf8");
    expect(XMLValidator.validate(html)).toBe(true);
    expect(html).not.toMatch(/<script|https?:|\bsrc=|\bhref=|@import|url\(/i);
    const doc = new XMLParser({ ignoreAttributes: false, preserveOrder: true }).parse(html) as unknown[];
    const elements = new Set<string>();
    const text: string[] = [];
    const walk = (nodes: unknown): void => {
      if (!Array.isArray(nodes)) return;
      for (const node of nodes as Array<Record<string, unknown>>) {
        for (const [key, value] of Object.entries(node)) {
          if (key === "#text") text.push(String(value));
          else if (key !== ":@") {
            elements.add(key);
            walk(value);
          }
        }
      }
    };
    walk(doc);
    expect(elements.has("script")).toBe(false);
    expect(elements.has("svg")).toBe(true);
    expect(elements.has("rect")).toBe(true);
    // The case name is text in a table cell, not markup.
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co");
  });

  it("evaluates a corpus of leads (NDJSON or CSV) as of --as-of, and reports records it cannot use", () => {
    const dir = mkdtempSync(join(tmpdir(), "leadgate-diff-leads-"));
    const acme = {
      name: "Corpus Acme",
      employees: 200,
      country: "US",
      activities: [1, 2, 3, 4].map((d) => ({ kind: "email_open", at: `2026-10-0${d}` })),
    };
    writeFileSync(
      join(dir, "leads.ndjson"),
      `${JSON.stringify({ id: "L-1", ...acme })}\n{"id": "L-2", "name": "No size"}\nnot json\n`,
    );
    const ndjson = run(repo, [
      "diff",
      "--base",
      "v1",
      "--leads",
      join(dir, "leads.ndjson"),
      "--as-of",
      "2026-11-01",
      "--format",
      "json",
    ]);
    expect(ndjson.code).toBe(0);
    const report = JSON.parse(ndjson.stdout) as {
      inputs: { corpusAsOf: string };
      unreadable: Array<{ ref: { line: number }; reason: string }>;
      policies: Array<{
        moved: Array<{ lead: { name: string } }>;
        invalid: Array<{ lead: { name: string }; before: string[] }>;
      }>;
    };
    expect(report.inputs.corpusAsOf).toBe("2026-11-01");
    expect(report.policies[0]!.moved.map((m) => m.lead.name)).toContain("L-1");
    expect(report.policies[0]!.invalid.map((i) => [i.lead.name, i.before[0]])).toEqual([
      ["L-2", "lead.employees: required, expected integer"],
    ]);
    expect(report.unreadable.map((u) => u.ref.line)).toEqual([3]);

    const opens = JSON.stringify(acme.activities);
    writeFileSync(
      join(dir, "leads.csv"),
      `id,name,employees,country,activities\nC-1,Csv Co,200,US,"${opens.replace(/"/g, '""')}"\n`,
    );
    const csv = run(repo, ["diff", "--base", "v1", "--leads", join(dir, "leads.csv"), "--as-of", "2026-11-01"]);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toMatch(/leads\.csv:2 "C-1": SAL → none/);
  });

  it("writes a changeset for the criteria package with --changeset", () => {
    const copy = copyOfRepository();
    const result = run(copy, ["diff", "--base", "v1", "--changeset"]);
    expect(result.code).toBe(0);
    const files = readdirSync(join(copy, ".changeset"));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^criteria-mini-[0-9a-f]{7}\.md$/);
    expect(result.stdout).toContain(`Wrote .changeset/${files[0]} (@acme/lead-criteria: minor).`);
    const text = readFileSync(join(copy, ".changeset", files[0]!), "utf8");
    expect(text).toMatch(/^---\n"@acme\/lead-criteria": minor\n---\n\n/);
    expect(text).toContain(
      "- mini (version 1.0.0 → 1.1.0): 2 leads change stage.\n  - requirement MQL.engaged: engagement >= 20 → engagement >= 25\n",
    );
    // Run again: the same file is rewritten, not a second one added.
    run(copy, ["diff", "--base", "v1", "--changeset"]);
    expect(readdirSync(join(copy, ".changeset"))).toEqual(files);
  });

  it.each([
    [["diff", "--base", "nope"], "leadgate: unknown git ref 'nope'"],
    [["diff", "--base", "v1", "--head", "--nope"], "leadgate: unknown git ref '--nope'"],
    [["diff"], "error: required option '--base <ref>' not specified"],
    [
      ["diff", "--base", "v1", "--format", "pdf"],
      "error: option '--format <format>' argument 'pdf' is invalid. Allowed choices are text, markdown, json, html.",
    ],
    [["diff", "--base", "v1", "nowhere"], "leadgate: Path not found: nowhere"],
    [["diff", "--base", "v1", "--examples", "nowhere"], "leadgate: Path not found: nowhere"],
    [["diff", "--base", "v1", "--as-of", "2026-11-01"], "leadgate: --as-of applies to the --leads corpus"],
    [["diff", "--base", "v1", "--leads", "leads.json"], "leadgate: --leads must be an .ndjson, .jsonl or .csv file"],
  ])("usage error %j exits 2 with a message and no stack", (args, message) => {
    const result = run(repo, args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 2 outside a git repository", () => {
    const outside = mkdtempSync(join(tmpdir(), "leadgate-not-a-repo-"));
    const result = run(outside, ["diff", "--base", "main"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^leadgate: not in a git repository \(.*\): leadgate diff compares the policies at two git commits\n$/,
    );
  });

  it("exits 1 and shows the errors when the head version of a policy does not compile", () => {
    const copy = copyOfRepository();
    const policyPath = join(copy, "criteria", "policies", "mini.gate");
    writeFileSync(policyPath, readFileSync(policyPath, "utf8").replace("require big", "require bigg"));
    const result = run(copy, ["diff", "--base", "v1"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("criteria/policies/mini.gate:");
    expect(result.stderr).toContain("error LG");
    expect(result.stderr).toContain("leadgate: the head version has 1 error; those policies were not evaluated.");
  });
});

/** Debian's Chromium, when this machine has it: CI machines may not, so the test is skipped there. */
const chromium = [
  process.env.CHROMIUM_PATH,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
].find((p): p is string => p !== undefined && p !== "" && existsSync(p));

describe.skipIf(chromium === undefined)("the HTML report in a browser", () => {
  const flags = (profile: string) => [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    `--user-data-dir=${profile}`,
  ];

  it("renders to a screenshot, with the markup-named lead as text and no script element", () => {
    const dir = mkdtempSync(join(tmpdir(), "leadgate-diff-browser-"));
    const html = join(dir, "impact.html");
    expect(run(repo, ["diff", "--base", "v1", "--format", "html", "--output", html]).code).toBe(0);
    const png = join(dir, "impact.png");
    execFileSync(
      chromium!,
      [
        ...flags(join(dir, "p1")),
        "--hide-scrollbars",
        "--window-size=1200,1400",
        `--screenshot=${png}`,
        `file://${html}`,
      ],
      {
        stdio: "ignore",
        timeout: 60_000,
      },
    );
    const bytes = readFileSync(png);
    expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(bytes.readUInt32BE(16)).toBe(1200); // width, from the IHDR chunk
    expect(statSync(png).size).toBeGreaterThan(20_000); // a page with charts, not a blank one
    const dom = execFileSync(chromium!, [...flags(join(dir, "p2")), "--dump-dom", `file://${html}`], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 60_000,
    });
    expect(dom).not.toMatch(/<script/i);
    expect(dom).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co");
    expect((dom.match(/<svg/g) ?? []).length).toBe(2);
    // The funnel is drawn: one bar before and one after for every state the JSON report counts,
    // each bar titled with the count it shows.
    const json = JSON.parse(run(repo, ["diff", "--base", "v1", "--format", "json"]).stdout) as {
      policies: { funnel: { before: number; after: number }[] }[];
    };
    const funnel = json.policies.flatMap((p) => p.funnel);
    const bars = [...dom.matchAll(/<rect[^>]*><title>[^<]* (before|after): (\d+)<\/title><\/rect>/g)];
    expect(funnel.length).toBeGreaterThan(0);
    expect(bars.map((b) => Number(b[2]))).toEqual(funnel.flatMap((row) => [row.before, row.after]));
  });
});
