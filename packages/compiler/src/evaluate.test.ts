import { describe, expect, it } from "vitest";
import { HEADER, load } from "./__fixtures__/compile-for-test.js";

/**
 * Evaluation semantics, executed on compiled modules. Every expectation is derived from the
 * language rules in docs/language.md; the comment beside it says how.
 */

const ACTIVITY_LEAD = `
lead {
  email: email
  title: text?
  employees: integer
  company: { country: text, size: integer? }?
  activities: list of activity
}
record activity {
  kind: one of open, click, demo, meeting
  at: date
  channel: text?
}
`;

function lead(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { email: "ann@acme.com", employees: 100, activities: [], ...overrides };
}

describe("stages and gates", () => {
  const policy = `${HEADER}${ACTIVITY_LEAD}
rule big "Big company": employees >= 50
disqualify rival "Works for a rival": email.domain = "rival.com"
stage MQL "Marketing qualified" owned by marketing, follow up within 2 days {
  require big
}
stage SQL "Sales qualified" owned by marketing {
  require titled "Has a title": title is present
  require demo "Asked for a demo": any activities where kind = demo
}
stage SAL owned by sales, follow up within 4 hours {
  require met: any activities where kind = meeting
}
`;

  it("reaches the last stage of the unbroken run of passed gates", async () => {
    const m = await load(policy);
    // SAL passes (a meeting) but SQL fails (no demo), so the lead stops at MQL.
    const d = m.evaluate(lead({ title: "VP", activities: [{ kind: "meeting", at: "2026-10-01" }] }), {
      asOf: "2026-11-01",
    });
    expect(d.stage).toBe("MQL");
    expect(d.gates.SQL!.status).toBe("failed");
    expect(d.gates.SQL!.failed).toEqual(["demo"]);
    expect(d.gates.SAL!.status).toBe("passed");
    expect(d.followUp).toEqual({ stage: "MQL", within: { amount: 2, unit: "days" } });
  });

  it("reaches the last stage when every gate passes, with its follow-up", async () => {
    const m = await load(policy);
    const d = m.evaluate(
      lead({
        title: "VP",
        activities: [
          { kind: "demo", at: "2026-10-01" },
          { kind: "meeting", at: "2026-10-02" },
        ],
      }),
      { asOf: "2026-11-01" },
    );
    expect(d.stage).toBe("SAL");
    expect(d.followUp).toEqual({ stage: "SAL", within: { amount: 4, unit: "hours" } });
  });

  it("gives no stage when the first gate fails", async () => {
    const m = await load(policy);
    const d = m.evaluate(lead({ employees: 49 }), { asOf: "2026-11-01" });
    expect(d.stage).toBe(null);
    expect(d.gates.MQL).toMatchObject({ status: "failed", passed: [], failed: ["big"], missing: [] });
    expect(d.followUp).toBe(null);
  });

  it("a disqualified lead has no stage, with the reason", async () => {
    const m = await load(policy);
    const d = m.evaluate(lead({ email: "bob@RIVAL.com" }), { asOf: "2026-11-01" });
    expect(d.disqualified).toEqual({ name: "rival", reason: "Works for a rival" });
    expect(d.disqualifiers).toEqual({ rival: true });
    expect(d.gates.MQL!.status).toBe("passed");
    expect(d.stage).toBe(null);
  });

  it("reports the policy identity and the as-of day", async () => {
    const m = await load(policy);
    const d = m.evaluate(lead(), { asOf: new Date("2026-11-01T12:00:00Z") });
    expect(d).toMatchObject({ policy: "t", version: "1.0.0", asOf: "2026-11-01" });
    expect(d.sourceHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(m.policy).toMatchObject({ name: "t", stages: [{ name: "MQL" }, { name: "SQL" }, { name: "SAL" }] });
    expect(Object.isFrozen(m.policy)).toBe(true);
  });
});

describe("missing data", () => {
  const policy = `${HEADER}${ACTIVITY_LEAD}
rule local "Local company": company.country = "US"
stage MQL owned by marketing {
  require local
  require small "Small": company.size < 500
  require vp "VP title": title contains "vp" or employees > 1000
  require tagged "Tagged activity": any activities where channel = "web"
  require counted: (count activities where channel = "web") >= 1
}
`;

  it("an absent optional field makes a requirement missing, not failed, and names the field", async () => {
    const m = await load(policy);
    const d = m.evaluate(lead({ company: { country: "US" } }), { asOf: "2026-11-01" });
    const small = d.gates.MQL!.requirements["small"]!;
    expect(small.status).toBe("missing");
    expect(small.missing).toEqual(["company.size"]);
    expect(small.values).toEqual({ "company.size": null });
    // `tagged` fails (no activities at all), and a failure outweighs a missing requirement.
    expect(d.gates.MQL).toMatchObject({ status: "failed", failed: ["tagged", "counted"], missing: ["small", "vp"] });
    expect(d.stage).toBe(null);
  });

  it("reports the outermost absent record, through a rule", async () => {
    const m = await load(policy);
    const d = m.evaluate(lead(), { asOf: "2026-11-01" });
    // company is absent, so the rule `local` is missing; company.country is inside it.
    expect(d.rules["local"]).toBe(null);
    expect(d.gates.MQL!.requirements["local"]).toMatchObject({ status: "missing", missing: ["company"] });
  });

  it("Kleene logic: true or missing is true; false and missing is false", async () => {
    const m = await load(policy);
    const big = m.evaluate(lead({ employees: 5000 }), { asOf: "2026-11-01" });
    expect(big.gates.MQL!.requirements["vp"]!.status).toBe("passed");
    const small = m.evaluate(lead({ employees: 10 }), { asOf: "2026-11-01" });
    expect(small.gates.MQL!.requirements["vp"]).toMatchObject({ status: "missing", missing: ["title"] });
    const titled = m.evaluate(lead({ employees: 10, title: "Head of IT" }), { asOf: "2026-11-01" });
    expect(titled.gates.MQL!.requirements["vp"]!.status).toBe("failed");
  });

  it("null counts as missing", async () => {
    const m = await load(policy);
    const d = m.evaluate(m.parseLead(lead({ title: null, employees: 10 })), { asOf: "2026-11-01" });
    expect(d.gates.MQL!.requirements["vp"]!.status).toBe("missing");
  });

  it("quantifiers: any is true if some item matches even when others are missing; count is missing if any item is", async () => {
    const m = await load(policy);
    const mixed = m.evaluate(
      lead({
        activities: [
          { kind: "open", at: "2026-10-01" },
          { kind: "open", at: "2026-10-02", channel: "web" },
        ],
      }),
      { asOf: "2026-11-01" },
    );
    expect(mixed.gates.MQL!.requirements["tagged"]!.status).toBe("passed");
    expect(mixed.gates.MQL!.requirements["counted"]).toMatchObject({
      status: "missing",
      missing: ["activities[].channel"],
    });
    const none = m.evaluate(lead({ activities: [{ kind: "open", at: "2026-10-01" }] }), { asOf: "2026-11-01" });
    expect(none.gates.MQL!.requirements["tagged"]).toMatchObject({
      status: "missing",
      missing: ["activities[].channel"],
    });
    const empty = m.evaluate(lead({ activities: [] }), { asOf: "2026-11-01" });
    expect(empty.gates.MQL!.requirements["tagged"]!.status).toBe("failed");
    expect(empty.gates.MQL!.requirements["counted"]).toMatchObject({
      status: "failed",
      values: { 'count activities where channel = "web"': 0 },
    });
  });
});

describe("quantifiers", () => {
  const policy = `${HEADER}${ACTIVITY_LEAD}
stage MQL owned by marketing {
  require all_web: all activities where kind = demo have channel = "web"
  require every_recent: all activities where at within 30 days
  require no_meeting: no activities where kind = meeting
  require two_opens: (count activities where kind = open) >= 2
}
`;
  const asOf = { asOf: "2026-11-01" };

  it("all ... have checks only the items the filter selects", async () => {
    const m = await load(policy);
    const d = m.evaluate(
      lead({
        activities: [
          { kind: "demo", at: "2026-10-20", channel: "web" },
          { kind: "open", at: "2026-10-20" },
        ],
      }),
      asOf,
    );
    // The open has no channel, but `all` only looks at demos.
    expect(d.gates.MQL!.requirements["all_web"]!.status).toBe("passed");
    expect(d.gates.MQL!.requirements["every_recent"]!.status).toBe("passed");
    expect(d.gates.MQL!.requirements["no_meeting"]!.status).toBe("passed");
    expect(d.gates.MQL!.requirements["two_opens"]!.status).toBe("failed");
  });

  it("all fails on one counterexample; no fails on one match; count counts", async () => {
    const m = await load(policy);
    const d = m.evaluate(
      lead({
        activities: [
          { kind: "demo", at: "2026-10-20", channel: "phone" },
          { kind: "meeting", at: "2026-01-01" },
          { kind: "open", at: "2026-10-01" },
          { kind: "open", at: "2026-10-02" },
        ],
      }),
      asOf,
    );
    expect(d.gates.MQL!.requirements["all_web"]!.status).toBe("failed");
    expect(d.gates.MQL!.requirements["every_recent"]!.status).toBe("failed");
    expect(d.gates.MQL!.requirements["no_meeting"]!.status).toBe("failed");
    expect(d.gates.MQL!.requirements["two_opens"]).toMatchObject({
      status: "passed",
      values: { "count activities where kind = open": 2 },
    });
  });
});

describe("time windows", () => {
  const policy = `${HEADER}
lead { touched: date, signed: date? }
stage MQL owned by marketing {
  require recent: touched within 90 days
  require old: touched older than 90 days
  require quarter: touched within 3 months
  require age: days since touched >= 10
  require signed_recently: signed within 2 weeks
}
`;
  it.each([
    // [touched, recent, old, quarter, age]: day 90 is inside the window, day 91 is not.
    ["2026-08-03", "passed", "failed", "passed", "passed"], // 90 days before 2026-11-01; 3 months back is 2026-08-01
    ["2026-08-02", "failed", "passed", "passed", "passed"], // 91 days
    ["2026-07-31", "failed", "passed", "failed", "passed"], // before 2026-08-01
    ["2026-10-23", "passed", "failed", "passed", "failed"], // 9 days
    ["2026-11-05", "failed", "failed", "failed", "failed"], // in the future
  ])("touched %s", async (touched, recent, old, quarter, age) => {
    const m = await load(policy);
    const r = m.evaluate({ touched }, { asOf: "2026-11-01" }).gates.MQL!.requirements;
    expect([r["recent"]!.status, r["old"]!.status, r["quarter"]!.status, r["age"]!.status]).toEqual([
      recent,
      old,
      quarter,
      age,
    ]);
    expect(r["signed_recently"]).toMatchObject({ status: "missing", missing: ["signed"] });
  });
});

describe("scores", () => {
  const policy = `${HEADER}${ACTIVITY_LEAD}
rule personal: email.domain in ["gmail.com"]
score engagement "Engagement", at most 60, at least 0 {
  opens "Opens": 2 per activities where kind = open and at within 90 days, at most 10
  clicks: 5 per activities where kind = click, half after 60 days on at
  demos: 20 per activities where kind = demo, half-life 30 days on at
  titled: 3 if title is present
  personal_penalty: -25 if personal
  web: 1 per activities where channel = "web"
}
stage MQL owned by marketing {
  require engaged: engagement >= 10
}
`;
  const at = (kind: string, date: string, extra: Record<string, unknown> = {}) => ({ kind, at: date, ...extra });

  it("adds points per matching item and caps the line", async () => {
    const m = await load(policy);
    // 6 opens in the window: 12 raw points, capped at 10. One open is outside the window.
    const opens = [1, 2, 3, 4, 5, 6].map((d) => at("open", `2026-10-0${d}`)).concat(at("open", "2026-01-01"));
    const s = m.evaluate(lead({ activities: opens }), { asOf: "2026-11-01" }).scores["engagement"]!;
    expect(s.parts["opens"]).toEqual({ points: 10, matched: 6, capped: true, decayed: false, missing: [] });
    expect(s.total).toBe(10);
  });

  it("decays by step and by half-life", async () => {
    const m = await load(policy);
    const s = m.evaluate(
      lead({
        activities: [
          at("click", "2026-09-02"), // 60 days: full 5
          at("click", "2026-09-01"), // 61 days: 2.5
          at("demo", "2026-10-02"), // 30 days: 20 × 0.5 = 10
          at("demo", "2026-10-17"), // 15 days: 20 × 0.5^0.5 = 14.142... → 14.14 after rounding the line (24.14)
        ],
      }),
      { asOf: "2026-11-01" },
    ).scores["engagement"]!;
    expect(s.parts["clicks"]).toEqual({ points: 7.5, matched: 2, capped: false, decayed: true, missing: [] });
    expect(s.parts["demos"]).toEqual({ points: 24.14, matched: 2, capped: false, decayed: true, missing: [] });
    expect(s.total).toBe(31.64);
  });

  it("applies negative points, the floor and the total cap", async () => {
    const m = await load(policy);
    const floored = m.evaluate(lead({ email: "a@gmail.com", title: "x" }), { asOf: "2026-11-01" }).scores[
      "engagement"
    ]!;
    // 3 - 25 = -22, raised to the floor of 0.
    expect(floored).toMatchObject({ total: 0, floored: true, capped: false });
    expect(floored.parts["personal_penalty"]!.points).toBe(-25);
    const many = Array.from({ length: 10 }, () => at("demo", "2026-11-01"));
    const capped = m.evaluate(lead({ activities: many }), { asOf: "2026-11-01" }).scores["engagement"]!;
    expect(capped).toMatchObject({ total: 60, capped: true });
  });

  it("a line cannot earn points from missing data and says what was missing", async () => {
    const m = await load(policy);
    const s = m.evaluate(
      lead({ activities: [at("open", "2026-10-01"), at("open", "2026-10-01", { channel: "web" })] }),
      {
        asOf: "2026-11-01",
      },
    ).scores["engagement"]!;
    expect(s.parts["web"]).toEqual({
      points: 1,
      matched: 1,
      capped: false,
      decayed: false,
      missing: ["activities[].channel"],
    });
    expect(s.parts["titled"]).toEqual({ points: 0, capped: false, decayed: false, missing: [] });
  });
});

describe("grades", () => {
  const policy = `${HEADER}
lead { employees: integer?, vertical: one of saas, bank, other }
grade fit "Fit" {
  A "Ideal" if vertical = saas and employees >= 100
  B if vertical in [saas, bank]
  otherwise C
}
stage MQL owned by marketing { require good: fit in [A, B] }
`;
  it.each([
    [{ vertical: "saas", employees: 500 }, "A", "passed"],
    [{ vertical: "saas", employees: 5 }, "B", "passed"],
    [{ vertical: "bank", employees: 5 }, "B", "passed"],
    [{ vertical: "other", employees: 5 }, "C", "failed"],
    // The first branch cannot be decided without employees, so the grade is missing.
    [{ vertical: "saas" }, null, "missing"],
    // For a bank the first branch is false whatever the size, so B applies.
    [{ vertical: "bank" }, "B", "passed"],
  ])("%j grades %s", async (input, grade, status) => {
    const m = await load(policy);
    const d = m.evaluate(input, { asOf: "2026-11-01" });
    expect(d.grades["fit"]).toBe(grade);
    expect(d.gates.MQL!.requirements["good"]!.status).toBe(status);
    if (status === "missing") expect(d.gates.MQL!.requirements["good"]!.missing).toEqual(["employees"]);
  });
});

describe("lead validation", () => {
  const policy = `${HEADER}${ACTIVITY_LEAD}
stage MQL owned by marketing { require big: employees > 10 }
`;
  it("lists every invalid path with what was expected and received", async () => {
    const m = await load(policy);
    const result = m.safeParseLead({
      email: "nope",
      employees: "fifty",
      activities: [{ kind: "call", at: "2026-02-30" }],
    });
    expect(result.success).toBe(false);
    expect(result.issues).toEqual([
      { path: "email", message: 'expected a valid email, received "nope"' },
      { path: "employees", message: 'expected integer, received "fifty"' },
      { path: "activities[0].kind", message: 'expected one of open, click, demo, meeting, received "call"' },
      { path: "activities[0].at", message: 'expected a date YYYY-MM-DD, received "2026-02-30"' },
    ]);
    expect(() => m.parseLead({})).toThrow(/Invalid lead for policy 't':\n {2}email: required/);
  });

  it("rejects non-integers, NaN and Infinity and strips unknown fields", async () => {
    const m = await load(policy);
    expect(m.safeParseLead(lead({ employees: 1.5 })).success).toBe(false);
    expect(m.safeParseLead(lead({ employees: Number.NaN })).success).toBe(false);
    expect(m.safeParseLead(lead({ employees: Number.POSITIVE_INFINITY })).success).toBe(false);
    const parsed = m.parseLead(
      JSON.parse('{"email":"a@b.co","employees":5,"activities":[],"__proto__":{"polluted":true},"extra":1}'),
    );
    expect(parsed).toEqual({ email: "a@b.co", employees: 5, activities: [] });
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

describe("an absent optional list", () => {
  const policy = `${HEADER}
lead { n: integer, events: list of { kind: one of demo, open }? }
score s { demos: 5 per events where kind = demo  all_events: 1 per events }
stage MQL owned by marketing { require engaged: s >= 1  require any_demo: any events where kind = demo }
`;
  it("earns nothing, names the list as missing, and makes quantifiers missing", async () => {
    const m = await load(policy);
    const d = m.evaluate({ n: 1 }, { asOf: "2026-11-01" });
    expect(d.scores["s"]!.parts["demos"]).toMatchObject({ points: 0, matched: 0, missing: ["events"] });
    expect(d.scores["s"]!.parts["all_events"]).toMatchObject({ points: 0, matched: 0, missing: ["events"] });
    expect(d.gates.MQL!.requirements["any_demo"]).toMatchObject({ status: "missing", missing: ["events"] });
    expect(d.gates.MQL!.requirements["engaged"]!.status).toBe("failed");
  });
});

describe("manual override", () => {
  const policy = `${HEADER}
lead {
  employees: integer
  competitor: boolean
  override: { stage: one of MQL, SQL, requested_by: text, reason: text?, approver: text? }?
}
disqualify rival "Competitor": competitor
stage MQL owned by marketing { require big: employees >= 100 }
stage SQL owned by sales { require huge: employees >= 1000 }
override manual "Rep's exception" {
  stage: override.stage
  require reason "Has a reason": override.reason is present
  require approver "Approved by a manager": override.approver is present
}
`;
  const base = { employees: 10, competitor: false };

  it("is null when the lead asks for none", async () => {
    const m = await load(policy);
    const d = m.evaluate(base, { asOf: "2026-11-01" });
    expect(d.stage).toBe(null);
    expect(d.override).toBe(null);
  });

  it("is honoured with a reason and an approver, and stays visible", async () => {
    const m = await load(policy);
    const d = m.evaluate(
      {
        ...base,
        override: { stage: "SQL", requested_by: "rep@acme.com", reason: "Strategic logo", approver: "vp@acme.com" },
      },
      { asOf: "2026-11-01" },
    );
    expect(d.stage).toBe("SQL");
    expect(d.override).toMatchObject({
      name: "manual",
      label: "Rep's exception",
      stage: "SQL",
      honoured: true,
      stageFromGates: null,
      status: "passed",
      passed: ["reason", "approver"],
    });
    expect(d.gates.MQL!.status).toBe("failed");
  });

  it("is not honoured without an approver: the gates decide, and the decision says what is missing", async () => {
    const m = await load(policy);
    const d = m.evaluate(
      { ...base, override: { stage: "SQL", requested_by: "rep@acme.com", reason: "Strategic logo" } },
      { asOf: "2026-11-01" },
    );
    expect(d.stage).toBe(null);
    expect(d.override).toMatchObject({ honoured: false, status: "failed", failed: ["approver"] });
  });

  it("never lifts a disqualification", async () => {
    const m = await load(policy);
    const d = m.evaluate(
      { ...base, competitor: true, override: { stage: "MQL", requested_by: "r", reason: "x", approver: "y" } },
      { asOf: "2026-11-01" },
    );
    expect(d.stage).toBe(null);
    expect(d.override).toMatchObject({ honoured: false, status: "passed" });
  });
});
