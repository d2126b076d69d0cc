import { loadPolicy, type PolicyModule } from "@leadgate/harness";
import { describe, expect, it } from "vitest";
import { evaluateWith } from "./evaluate.js";
import { explainMove, type Rewritten } from "./explain-move.js";

const POLICY = `policy mini "Mini" {
  version "1.0.0"
  owner marketing "@acme/marketing-ops"
  reviewed 2026-09-15
  review every 6 months
}

lead {
  email: email
  employees: integer
  activities: list of activity
}

record activity {
  kind: one of email_open, demo_request
  at: date
}

rule big "Big company": employees >= 50

score engagement "Engagement" {
  opens "Email opens": 2 per activities where kind = email_open, at most 30
  demo "Demo": 25 if any activities where kind = demo_request
}

disqualify competitor "Works for a competitor": email.domain = "rival.com"

stage MQL "Marketing qualified" owned by marketing {
  require big
  require engaged "Engaged enough": engagement >= 40
}
`;

async function compile(text: string): Promise<PolicyModule> {
  const loaded = await loadPolicy(text, "mini.gate");
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join("\n"));
  return loaded.module;
}

const opens = (n: number) => Array.from({ length: n }, () => ({ kind: "email_open", at: "2026-10-01" }));
const LEAD = {
  email: "ann@example.com",
  employees: 120,
  activities: [...opens(10), { kind: "demo_request", at: "2026-10-20" }],
};

async function explain(after: string, rewritten?: Rewritten): Promise<string> {
  const input = { kind: "json" as const, value: LEAD };
  const x = evaluateWith(await compile(POLICY), input, "2026-11-01");
  const y = evaluateWith(await compile(after), input, "2026-11-01");
  return explainMove(x, y, rewritten);
}

describe("explainMove", () => {
  it("names the requirement that flipped and the score lines that moved it", async () => {
    // 10 opens: 2 × 10 = 20 points before, 1.3 × 10 = 13 after; with the demo, 45 → 38.
    expect(await explain(POLICY.replace("2 per activities", "1.3 per activities"))).toBe(
      "MQL.engaged: passed → failed (engagement 45 → 38: opens \u22127)",
    );
  });

  it("shows the value looked at, and how the condition changed, when only the threshold moved", async () => {
    const after = POLICY.replace("engagement >= 40", "engagement >= 46");
    expect(await explain(after)).toBe("MQL.engaged: passed → failed (engagement 45)");
    const rewritten: Rewritten = (stage, requirement) =>
      stage === "MQL" && requirement === "engaged" ? "engagement >= 40 → engagement >= 46" : undefined;
    expect(await explain(after, rewritten)).toBe(
      "MQL.engaged: passed → failed (engagement 45; engagement >= 40 → engagement >= 46)",
    );
  });

  it("names a new requirement", async () => {
    const after = POLICY.replace("  require big\n", '  require big\n  require tiny_team "Tiny team": employees < 10\n');
    expect(await explain(after)).toBe("MQL.tiny_team (new requirement): failed (employees 120)");
  });

  it("names the disqualifier that now applies", async () => {
    const after = POLICY.replace('email.domain = "rival.com"', 'email.domain = "example.com"');
    expect(await explain(after)).toBe("disqualified by competitor (Works for a competitor)");
  });

  it("says when the new version rejects the lead, with the first issue", async () => {
    const after = POLICY.replace("employees: integer", "employees: integer\n  country: text");
    expect(await explain(after)).toBe("not valid for the new version: lead.country: required, expected string");
  });
});
