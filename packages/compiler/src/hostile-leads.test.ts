import { describe, expect, it } from "vitest";
import { HEADER, load } from "./__fixtures__/compile-for-test.js";

/**
 * Leads come from forms, CRMs and other services: anything can arrive. Validation must reject what
 * is wrong with a path, strip what is unknown, never pollute prototypes, and stay fast on huge input;
 * evaluate must never throw on a lead that passed validation.
 */
const policy = `${HEADER}
lead {
  email: email
  employees: integer
  revenue: number?
  signed: date?
  profile: { constructor_name: text? }?
  activities: list of { kind: one of open, demo, at: date }
}
score s { opens: 1 per activities where kind = open and at within 90 days, at most 50 }
stage MQL owned by marketing { require big: employees >= 10  require engaged: s >= 1 }
`;

const valid = { email: "ann@acme.com", employees: 20, activities: [] };

describe("hostile leads", () => {
  it("does not pollute Object.prototype through __proto__ or constructor keys", async () => {
    const m = await load(policy);
    const payloads = [
      '{"email":"a@b.co","employees":20,"activities":[],"__proto__":{"polluted":"yes"}}',
      '{"email":"a@b.co","employees":20,"activities":[],"constructor":{"prototype":{"polluted":"yes"}}}',
      '{"email":"a@b.co","employees":20,"activities":[{"kind":"open","at":"2026-10-01","__proto__":{"polluted":"yes"}}],"profile":{"__proto__":{"polluted":"yes"}}}',
    ];
    for (const payload of payloads) {
      const lead = m.parseLead(JSON.parse(payload));
      const decision = m.evaluate(lead, { asOf: "2026-11-01" });
      expect(decision.gates.MQL!.requirements["big"]!.status).toBe("passed");
    }
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("strips unknown fields at every level (documented in docs/language.md)", async () => {
    const m = await load(policy);
    const lead = m.parseLead({ ...valid, extra: 1, activities: [{ kind: "open", at: "2026-10-01", note: "x" }] });
    expect(lead).toEqual({ email: "ann@acme.com", employees: 20, activities: [{ kind: "open", at: "2026-10-01" }] });
  });

  it.each([
    ["employees", "twenty", 'expected integer, received "twenty"'],
    ["employees", 20.5, "expected integer, received 20.5"],
    ["employees", Number.NaN, "expected integer, received NaN"],
    ["revenue", Number.POSITIVE_INFINITY, "expected number, received Infinity"],
    ["signed", "2026-02-30", 'expected a date YYYY-MM-DD, received "2026-02-30"'],
    ["signed", "2026-11-01T10:00:00Z", 'expected a date YYYY-MM-DD, received "2026-11-01T10:00:00Z"'],
    ["email", "not-an-email", 'expected a valid email, received "not-an-email"'],
    ["activities", { length: 1 }, "expected array, received an object"],
  ])("rejects %s = %j with its path", async (field, value, message) => {
    const m = await load(policy);
    const result = m.safeParseLead({ ...valid, [field]: value });
    expect(result.success).toBe(false);
    expect(result.issues).toEqual([{ path: field, message }]);
  });

  it("validates and evaluates a lead with a million activities in bounded time", async () => {
    const m = await load(policy);
    const activities = Array.from({ length: 1_000_000 }, (_, i) => ({
      kind: i % 2 ? "open" : "demo",
      at: "2026-10-01",
    }));
    const lead = m.parseLead({ ...valid, activities });
    const decision = m.evaluate(lead, { asOf: "2026-11-01" });
    // 500,000 opens in the window, capped at 50 points.
    expect(decision.scores["s"]!.parts["opens"]).toMatchObject({ points: 50, matched: 500_000, capped: true });
  }, 60_000);

  it("ignores deeply nested unknown input instead of walking it", async () => {
    const m = await load(policy);
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 100_000; i++) deep = { inner: deep };
    expect(m.safeParseLead({ ...valid, deep }).success).toBe(true);
  });

  it("never throws from evaluate on any lead that validated, even with every optional field absent or null", async () => {
    const m = await load(policy);
    for (const lead of [valid, { ...valid, revenue: null, signed: null, profile: null }, { ...valid, profile: {} }]) {
      expect(() => m.evaluate(m.parseLead(lead), { asOf: "2026-11-01" })).not.toThrow();
    }
  });

  it("matches text in linear time: no pattern can be a ReDoS", async () => {
    const m = await load(`${HEADER}
lead { note: text }
stage MQL owned by marketing { require r: note contains "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab" or note ends with "a!" }
`);
    // The classic (a+)+b payload against a megabyte of 'a's: a backtracking regex would never finish.
    const note = `${"a".repeat(1_000_000)}!`;
    expect(m.evaluate({ note }, { asOf: "2026-11-01" }).gates.MQL!.status).toBe("passed");
  }, 10_000);

  it("rejects a bad asOf with a RangeError naming the problem", async () => {
    const m = await load(policy);
    expect(() => m.evaluate(valid, { asOf: "yesterday" })).toThrow(/asOf must be a YYYY-MM-DD date or a Date/);
  });
});
