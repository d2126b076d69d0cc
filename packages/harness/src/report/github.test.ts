import { describe, expect, it } from "vitest";
import { copyOfFixtures, fixtures, writeMalformedExample } from "../__fixtures__/helpers.js";
import { runGoldenTests } from "../run/run-golden-tests.js";
import { escapeData, escapeProperty, formatGithubAnnotations } from "./github.js";

describe("GitHub Actions annotations", () => {
  it("escape %, CR and LF in messages, and also : and , in properties", () => {
    expect(escapeData("50% done\r\nnext: a, b")).toBe("50%25 done%0D%0Anext: a, b");
    expect(escapeProperty('case "a: b, c" 100%')).toBe('case "a%3A b%2C c" 100%25');
  });

  it("point at the file and line of each failure, details on further lines", async () => {
    const cwd = copyOfFixtures("failing", "invalid", "obsolete", "broken");
    writeMalformedExample(cwd);
    const report = await runGoldenTests({ cwd, paths: ["failing", "invalid", "obsolete", "broken"] });
    const lines = formatGithubAnnotations(report);
    expect(lines).toContain(
      "::error file=policies/broken.gate,line=12,col=25,title=policy broken::policies/broken.gate:12:25 - error LG2002: Unknown name 'employes': no lead field, rule, score or grade has this name. (Did you mean 'employees'?)",
    );
    expect(lines).toContain(
      "::error file=invalid/malformed.yaml,line=7,col=1,title=invalid file::Flow map in block collection must be sufficiently indented and end with a }",
    );
    expect(lines).toContain(
      '::error file=invalid/bad-leads.yaml,line=8,title=case "student at a bank"::lead.employees: expected integer, received "fifty"',
    );
    expect(lines).toContain(
      '::error file=failing/changed.yaml,line=23,title=case "shrinking company"::expected stage MQL, got no stage',
    );
    const changed = lines.find((l) => l.startsWith("::error file=failing/changed.yaml,line=14,"))!;
    expect(changed).toMatch(
      /^::error file=failing\/changed.yaml,line=14,title=case "shrinking company"::the decision differs from the snapshot in failing\/changed.golden.yaml:75%0Awhy: Dropping below 50 employees loses the MQL stage.%0Astage: MQL → none%0Arequirements flipped:%0A  MQL.big: passed → failed%0A/,
    );
    expect(changed).not.toContain("\n");
    expect(lines).toContain(
      '::error file=obsolete/renamed.golden.yaml,line=75,title=obsolete snapshot::obsolete/renamed.golden.yaml:75 obsolete snapshot "old name": no case has this name in obsolete/renamed.yaml; run `leadgate test --update` to remove it',
    );
    expect(lines.every((l) => l.startsWith("::error file="))).toBe(true);
  });

  it("escape property delimiters in case names used as titles", async () => {
    const report = await runGoldenTests({ cwd: fixtures, paths: ["filters"], filter: "other policy" });
    const withFailure = {
      ...report,
      cases: report.cases.map((c) => ({
        ...c,
        status: "failed" as const,
        failures: [{ kind: "expectation" as const, line: 13, message: "x" }],
      })),
    };
    expect(formatGithubAnnotations(withFailure)).toEqual([
      '::error file=filters/mixed.yaml,line=13,title=case "big company%2C other policy"::x',
    ]);
  });
});
