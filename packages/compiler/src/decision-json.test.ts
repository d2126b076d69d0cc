import { describe, expect, it } from "vitest";
import { compileText, HEADER, load } from "./__fixtures__/compile-for-test.js";

/**
 * `evaluateJson` writes the decision's JSON without building the decision (decision-shape.ts). It
 * must be `JSON.stringify(evaluate(...))` byte for byte, whatever the policy's names and labels
 * hold; the differential tests check the same on random policies.
 */

// Labels and text that would break generated code written carelessly, or JSON written by hand.
const HOSTILE = [
  `quote " and backslash \\\\ and apostrophe '`,
  "</script><script>alert(1)</script>",
  "*/ process.exit(1); /*",
  "${globalThis.x}` + `",
  "line\u2028separator\u2029and é ü 😀",
] as const;

/** Policy text in quotes: the language escapes `"` and `\\` with a backslash. */
const q = (text: string): string => `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;

const policy = `${HEADER}
lead {
  email: email
  title: text?
  employees: integer?
  score_hint: number?
  consent: boolean?
  activities: list of { kind: one of open, demo, meeting, at: date }
  override: {
    requested_by: email
    approver: email?
    stage: one of MQL, SQL
  }?
}
rule __proto__ ${q(HOSTILE[0])}: employees >= 50
rule constructor ${q(HOSTILE[1])}: title contains ${q(HOSTILE[2])} or title = ${q(HOSTILE[4])}
score engagement ${q(HOSTILE[3])}, at most 30, at least 0 {
  opens ${q(HOSTILE[4])}: 2 per activities where kind = open and at within 90 days, half-life 30 days on at, at most 10
  demo "Demo": 25 if any activities where kind = demo
  penalty: -5 if title is missing
}
grade fit "Fit" {
  A if __proto__ and constructor
  B if __proto__
  otherwise C
}
disqualify toString ${q(HOSTILE[1])}: email.domain = "rival.com"
disqualify no_consent "No consent": consent = false
stage MQL ${q(HOSTILE[0])} owned by marketing, follow up within 2 days {
  require __proto__
  require hinted ${q(HOSTILE[1])}: score_hint > 0.5 or title = ${q(HOSTILE[0])}
}
stage SQL ${q(HOSTILE[4])} owned by sales, follow up within 4 hours {
  require engaged "Engaged": engagement >= 20 and fit in [A, B]
}
override manual ${q(HOSTILE[3])} {
  stage: override.stage
  require approver ${q(HOSTILE[2])}: override.approver is present and override.approver != override.requested_by
}
`;

const LEADS: Array<Record<string, unknown>> = [
  { email: "ann@acme.com", activities: [] },
  {
    email: "bo@acme.com",
    title: HOSTILE[4],
    employees: 400,
    score_hint: 0.75,
    consent: true,
    activities: [
      { kind: "open", at: "2026-10-01" },
      { kind: "open", at: "2026-07-01" },
      { kind: "demo", at: "2026-10-20" },
    ],
  },
  { email: "cy@rival.com", title: HOSTILE[2], employees: 10, consent: false, activities: [] },
  {
    email: "di@acme.com",
    title: "x",
    employees: 60,
    score_hint: -0,
    activities: Array.from({ length: 12 }, () => ({ kind: "open", at: "2026-10-30" })),
    override: { stage: "SQL", requested_by: "di@acme.com", approver: "ed@acme.com" },
  },
  {
    email: "ed@acme.com",
    employees: 100,
    score_hint: 0.9,
    activities: [],
    override: { stage: "MQL", requested_by: "ed@acme.com" },
  },
];

describe("evaluateJson", () => {
  it("writes JSON.stringify(evaluate(...)) byte for byte, hostile names and labels included", async () => {
    const m = await load(policy);
    for (const input of LEADS) {
      const lead = m.parseLead(input);
      for (const asOf of ["2026-11-01", new Date("2026-11-01T23:59:59.999Z")]) {
        const decision = m.evaluate(lead, { asOf });
        expect(m.evaluateJson(lead, { asOf })).toBe(JSON.stringify(decision));
      }
    }
    // The leads between them reach each part of the decision that can be null or not.
    const decisions = LEADS.map((input) => m.evaluate(m.parseLead(input), { asOf: "2026-11-01" }));
    expect(new Set(decisions.map((d) => d.stage))).toEqual(new Set([null, "MQL", "SQL"]));
    expect(decisions.some((d) => d.disqualified !== null)).toBe(true);
    expect(decisions.some((d) => d.override !== null)).toBe(true);
    expect(decisions.some((d) => d.override === null)).toBe(true);
    expect(Object.keys(decisions[0]!.rules)).toEqual(["__proto__", "constructor"]);
  });

  it("keeps policy text inside string literals of the generated code", () => {
    const { js } = compileText(policy);
    const templates = [...js.matchAll(/= new rt\.JsonTemplate\(\[\n([\s\S]*?)\n\]\);/g)].map((m) => m[1]!);
    // The decision's, and the override's (an object that can be null has a template of its own).
    expect(templates).toHaveLength(2);
    for (const line of templates.flatMap((t) => t.split("\n"))) {
      // Each line: one single-quoted literal, then maybe the kind of the value that follows it.
      expect(line).toMatch(/^ {2}'(?:[^'\\]|\\.)*',(?: rt\.Leaf\.[a-zA-Z]+,)?$/);
    }
    const text = templates.join("\n");
    expect(text).not.toContain("</script>");
    expect(text).not.toContain("*/ process");
    expect(text).not.toMatch(/[\u2028\u2029]/);
    expect(text).toContain("\\u003c/script\\u003e");
  });
});
