import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, type CliRun } from "../__fixtures__/run-cli.js";

/** The built binary, run as a user would: exit codes, what is printed, and what is written. */

function run(cwd: string, args: string[]): CliRun {
  return runCli(args, { cwd });
}

const FORMATTED = `# Who may be contacted.
rule reachable "Still accepts email": not unsubscribed and opted_in

stage MQL owned by marketing {
  require reachable
}
`;

const UNFORMATTED = `# Who may be contacted.
rule reachable "Still accepts email":not unsubscribed   and opted_in
stage MQL owned by marketing {require reachable}
`;

const BROKEN = `rule ok: a

rule broken "Missing colon" a and b
`;

/** A throw-away folder with `criteria/` holding the given policies (and no prettier config above it). */
function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "leadgate-fmt-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe("leadgate fmt", () => {
  it("formats the policies under criteria/ in place by default", () => {
    const dir = workspace({ "criteria/a.gate": UNFORMATTED, "criteria/b.gate": FORMATTED });
    const result = run(dir, ["fmt"]);
    expect(result).toMatchObject({ code: 0, stdout: "Formatted criteria/a.gate\nFormatted 1 of 2 policies.\n" });
    expect(readFileSync(join(dir, "criteria/a.gate"), "utf8")).toBe(FORMATTED);
    expect(run(dir, ["fmt"]).stdout).toBe("Checked 2 policies: all formatted.\n");
  });

  it("--check lists the unformatted policies, exits 1 and changes nothing", () => {
    const dir = workspace({ "criteria/a.gate": UNFORMATTED, "criteria/b.gate": FORMATTED });
    const result = run(dir, ["fmt", "--check"]);
    expect(result).toMatchObject({
      code: 1,
      stdout: "criteria/a.gate\n1 of 2 policies is not formatted. Run 'leadgate fmt' to format it.\n",
    });
    expect(readFileSync(join(dir, "criteria/a.gate"), "utf8")).toBe(UNFORMATTED);
  });

  it("--check passes, exit 0, when everything is formatted", () => {
    const dir = workspace({ "policies/b.gate": FORMATTED });
    expect(run(dir, ["fmt", "--check", "policies"])).toMatchObject({
      code: 0,
      stdout: "Checked 1 policy: all formatted.\n",
    });
  });

  it("reports a syntax error like tsc, leaves that file alone and still formats the others, exit 1", () => {
    const dir = workspace({ "criteria/a.gate": UNFORMATTED, "criteria/broken.gate": BROKEN });
    const result = run(dir, ["fmt"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        "Formatted criteria/a.gate",
        "criteria/broken.gate:3:29 - error LG1002: Expected ':' but found 'a'.",
        "",
        '3 rule broken "Missing colon" a and b',
        "                              ~",
        "",
        "Found 1 error and 0 warnings in 1 file. Files with syntax errors were not formatted.",
        "Formatted 1 of 1 policy.",
        "",
      ].join("\n"),
    );
    expect(readFileSync(join(dir, "criteria/broken.gate"), "utf8")).toBe(BROKEN);
    expect(readFileSync(join(dir, "criteria/a.gate"), "utf8")).toBe(FORMATTED);
  });

  it("uses the prettier configuration that applies to the file, as `prettier --write` does", () => {
    const dir = workspace({ ".prettierrc.json": '{ "printWidth": 40 }\n', "criteria/b.gate": FORMATTED });
    expect(run(dir, ["fmt"]).code).toBe(0);
    expect(readFileSync(join(dir, "criteria/b.gate"), "utf8")).toBe(`# Who may be contacted.
rule reachable "Still accepts email":
  not unsubscribed and opted_in

stage MQL owned by marketing {
  require reachable
}
`);
  });

  it("skips files listed in .prettierignore", () => {
    const dir = workspace({ ".prettierignore": "criteria/kept.gate\n", "criteria/kept.gate": UNFORMATTED });
    expect(run(dir, ["fmt", "--check"])).toMatchObject({ code: 0, stdout: "Checked 0 policies: all formatted.\n" });
  });

  it("--check with only a broken policy: the error, and exit 1", () => {
    const dir = workspace({ "criteria/broken.gate": BROKEN });
    const result = run(dir, ["fmt", "--check"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("criteria/broken.gate:3:29 - error LG1002");
    expect(result.stdout).not.toContain("all formatted");
  });

  it("exits 2 for a path that does not exist", () => {
    const dir = workspace({});
    expect(run(dir, ["fmt", "nowhere"])).toMatchObject({ code: 2, stderr: "leadgate: Path not found: nowhere\n" });
  });
});
