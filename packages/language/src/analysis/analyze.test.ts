import { describe, expect, it } from "vitest";
import { checkPolicy } from "../checker/check.js";
import { parsePolicy } from "../parse.js";
import { analyzePolicy } from "./analyze.js";

const HEADER = `policy t "T" {
  version "1.0.0"
  owner marketing "@acme/marketing"
  reviewed 2026-09-01
  review every 6 months
}
lead {
  email: email
  employees: integer
  activities: list of { kind: one of open, unsubscribe, complaint, at: date }
}
`;

// HEADER is 11 lines and each body starts with a line break, so the body's first line is line 13.
function analyze(body: string) {
  const checked = checkPolicy(parsePolicy(`${HEADER}${body}`));
  if (!checked.policy) throw new Error(checked.diagnostics.map((d) => d.message).join("\n"));
  return analyzePolicy(checked.policy).map((d) => ({
    code: d.code,
    severity: d.severity,
    line: d.range.start.line,
    message: d.message,
  }));
}

describe("analyzePolicy", () => {
  it("finds rules, lines and branches that never or always hold", () => {
    const findings = analyze(`
rule impossible "Never": employees > 10 and false
rule certain: employees > 10 or true
score s { big: 5 if employees > 10  never: 3 if impossible }
stage MQL owned by marketing { require a: s >= 1  require b: employees > 3 and (certain or impossible) }
`);
    expect(findings).toEqual([
      { code: "LG6001", severity: "info", line: 13, message: "Rule 'impossible' never holds: 'false' is a constant." },
      { code: "LG6002", severity: "info", line: 14, message: "Rule 'certain' always holds: 'true' is a constant." },
      {
        code: "LG6001",
        severity: "info",
        line: 15,
        message: "Line 'never' of score s never holds: 'false' is a constant.",
      },
    ]);
  });

  it("finds disqualifiers that can both apply", () => {
    const findings = analyze(`
disqualify rival "Competitor": email.domain in ["rival.com", "spam.io"]
disqualify junk "Junk": email.domain in ["spam.io"] or employees = 0
disqualify tiny "Tiny": employees = 1
stage MQL owned by marketing { require a: employees > 1 }
`);
    expect(findings).toEqual([
      {
        code: "LG6003",
        severity: "info",
        line: 14,
        message: `Disqualifiers 'rival' and 'junk' both apply when email.domain is "spam.io"; the lead is reported as 'rival'.`,
      },
    ]);
  });

  it("finds where more activity can lower a score or a stage", () => {
    const findings = analyze(`
score s {
  opens: 2 per activities where kind = open
  complaints: -5 per activities where kind = complaint
  unsub: -20 if any activities where kind = unsubscribe
  rare: -1 if not (no activities where kind = complaint)
}
stage MQL owned by marketing {
  require s_ok: s >= 4
  require clean: no activities where kind = complaint
  require few: (count activities where kind = open) <= 20
  require some: (count activities where kind = open) >= 1
}
`);
    expect(findings.map((f) => [f.code, f.line])).toEqual([
      ["LG6004", 15], // complaints: negative points per item
      ["LG6004", 16], // unsub: negative points when `any` becomes true
      ["LG6004", 17], // rare: `not no` becomes true as items are added
      ["LG6004", 21], // clean: `no` can become false
      ["LG6004", 22], // few: an upper bound on count can be exceeded
    ]);
  });

  it("finds nothing in a policy without such patterns", () => {
    expect(analyze(`stage MQL owned by marketing { require a: employees > 1 }`)).toEqual([]);
  });
});
