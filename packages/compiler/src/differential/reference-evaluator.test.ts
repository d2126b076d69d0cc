import { checkPolicy, parsePolicy, type CheckedPolicy } from "@leadgate/language";
import { describe, expect, it } from "vitest";
import { HEADER } from "../__fixtures__/compile-for-test.js";
import { generateLead, generatePolicy } from "./policy-generator.js";
import { Random } from "./random.js";
import { referenceEvaluate } from "./reference-evaluator.js";
import { checkGenerated, diff } from "./harness.js";

/**
 * The reference interpreter checked on its own, against values worked out by hand from the
 * language's rules, so the differential test compares the compiler with something that is
 * itself right, not merely with a second opinion.
 */

function check(body: string): CheckedPolicy {
  const result = checkPolicy(parsePolicy(`${HEADER}${body}`));
  if (!result.policy) throw new Error(result.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
  return result.policy;
}

const evaluate = (policy: CheckedPolicy, lead: unknown, asOf = "2026-03-31") =>
  referenceEvaluate(policy, lead, { asOf, sourceHash: "sha256:test" });

describe("reference interpreter", () => {
  it("three-valued logic: false wins an and, true wins an or, not missing is missing", () => {
    const p = check(`lead { a: boolean?, b: boolean? }
rule and_: a = true and b = true
rule or_: a = true or b = true
rule not_: not (a = true)
stage S owned by marketing { require and_ }
`);
    const row = (lead: object) => {
      const d = evaluate(p, lead);
      return [d.rules["and_"], d.rules["or_"], d.rules["not_"]];
    };
    expect(row({ a: false })).toEqual([false, null, true]);
    expect(row({ a: true })).toEqual([null, true, false]);
    expect(row({})).toEqual([null, null, null]);
    expect(row({ a: true, b: true })).toEqual([true, true, false]);
  });

  it("months count back on the calendar, clamped to the month's end: 2026-03-31 minus 1 month is 2026-02-28", () => {
    const p = check(`lead { d: date }
rule recent: d within 1 month
rule old: d older than 1 month
stage S owned by marketing { require recent }
`);
    const at = (d: string) => [evaluate(p, { d }).rules["recent"], evaluate(p, { d }).rules["old"]];
    expect(at("2026-02-28")).toEqual([true, false]);
    expect(at("2026-02-27")).toEqual([false, true]);
    expect(at("2026-03-31")).toEqual([true, false]);
    expect(at("2026-04-01")).toEqual([false, false]); // the future is neither within nor older
    expect(evaluate(p, { d: "2024-02-29" }, "2024-03-31").rules["recent"]).toBe(true);
    expect(evaluate(p, { d: "2024-02-28" }, "2024-03-31").rules["recent"]).toBe(false);
  });

  it("weeks are 7 days; day windows include both ends; days since may be negative", () => {
    const p = check(`lead { d: date }
rule w: d within 2 weeks
rule z: d within 0 days
rule ago: days since d = -3
stage S owned by marketing { require w }
`);
    expect(evaluate(p, { d: "2026-03-17" }).rules).toEqual({ w: true, z: false, ago: false });
    expect(evaluate(p, { d: "2026-03-16" }).rules["w"]).toBe(false);
    expect(evaluate(p, { d: "2026-03-31" }).rules).toEqual({ w: true, z: true, ago: false });
    expect(evaluate(p, { d: "2026-04-03" }).rules).toEqual({ w: false, z: false, ago: true });
  });

  it("text: = is case-sensitive, contains/starts/ends ignore case, the domain is lower-cased after the last @", () => {
    const p = check(`lead { t: text, e: email }
rule eq: t = "VP"
rule has: t contains "vp" and t starts with "v" and t ends with "S"
rule dom: e.domain = "acme.com"
stage S owned by marketing { require eq }
`);
    expect(evaluate(p, { t: "vp of sales", e: "Ann@ACME.Com" }).rules).toEqual({ eq: false, has: true, dom: true });
    expect(evaluate(p, { t: "VP", e: "a@b.acme.com" }).rules).toEqual({ eq: true, has: false, dom: false });
  });

  it("quantifiers: any/no/all/count with missing item fields", () => {
    const p = check(`lead { l: list of { k: one of a, b, c: boolean? }? }
rule any_: any l where c = true
rule no_: no l where c = true
rule all_have: all l where k = a have c = true
rule all_: all l where c = true
rule two: (count l where c = true) >= 1
stage S owned by marketing { require any_ }
`);
    const rules = (l: unknown) => evaluate(p, l === undefined ? {} : { l }).rules;
    expect(rules(undefined)).toEqual({ any_: null, no_: null, all_have: null, all_: null, two: null });
    expect(rules([])).toEqual({ any_: false, no_: true, all_have: true, all_: true, two: false });
    expect(rules([{ k: "b" }, { k: "a", c: true }])).toEqual({
      any_: true,
      no_: false,
      all_have: true, // the b item is not selected; the a item has c
      all_: null,
      two: null, // count is missing as soon as one item's condition is
    });
    expect(rules([{ k: "a" }, { k: "a", c: false }])).toEqual({
      any_: null,
      no_: null,
      all_have: false,
      all_: false,
      two: null,
    });
  });

  it("scores: per items with half-life and half-after decay, line caps, rounding, floor and cap", () => {
    const p = check(`lead { l: list of { at: date, k: one of x, y } }
score s, at most 30, at least -5 {
  hl: 20 per l where k = x, half-life 30 days on at
  ha: 5 per l where k = y, half after 10 days on at, at most 7
  tiny: 1.005 per l where k = y
}
stage S owned by marketing { require ok: s >= 1 }
`);
    const d = evaluate(p, {
      l: [
        { at: "2026-03-01", k: "x" }, // 30 days: 20 × 0.5 = 10
        { at: "2026-04-10", k: "x" }, // future: factor 1, 20
        { at: "2026-03-21", k: "y" }, // 10 days: full 5
        { at: "2026-03-20", k: "y" }, // 11 days: 2.5 → 7.5, capped at 7
      ],
    });
    expect(d.scores["s"]).toEqual({
      total: 30,
      capped: true, // 30 + 7 + 2.01 = 39.01 > 30
      floored: false,
      parts: {
        hl: { points: 30, matched: 2, capped: false, decayed: true, missing: [] },
        ha: { points: 7, matched: 2, capped: true, decayed: true, missing: [] },
        tiny: { points: 2.01, matched: 2, capped: false, decayed: false, missing: [] }, // round2(2.01)
      },
    });
    const one = evaluate(p, { l: [{ at: "2026-03-31", k: "y" }] }).scores["s"]!;
    expect(one.parts["tiny"]!.points).toBe(1.01); // round2 adds Number.EPSILON: 1.005 → 1.01
  });

  it("missing fields: outermost only, through rules and grades, item fields as list[].field", () => {
    const p = check(`lead { c: { size: integer?, country: text }?, l: list of { ch: text? }, t: text? }
rule local: c.country = "US"
grade g { A if t = "x"  otherwise B }
stage S owned by marketing {
  require local
  require sized: c.size > 10
  require web: any l where ch = "web"
  require graded: g = A
}
`);
    const d = evaluate(p, { l: [{ ch: "phone" }, {}] });
    const r = d.gates["S"]!.requirements;
    expect(r["local"]).toEqual({ label: "local", status: "missing", missing: ["c"], values: { local: null } });
    expect(r["sized"]).toEqual({ label: "sized", status: "missing", missing: ["c"], values: { "c.size": null } });
    expect(r["web"]!.missing).toEqual(["l[].ch"]);
    expect(r["web"]!.values).toEqual({ 'any l where ch = "web"': null });
    expect(r["graded"]).toMatchObject({ status: "missing", missing: ["t"], values: { g: null } });
    const withCompany = evaluate(p, { c: { country: "US" }, l: [] }).gates["S"]!.requirements;
    expect(withCompany["sized"]!.missing).toEqual(["c.size"]);
    expect(withCompany["local"]!.status).toBe("passed");
  });

  it("gates and stages: the unbroken run of passed gates, unless disqualified; follow-up of the reached stage", () => {
    const p = check(`lead { n: integer }
disqualify tiny "Too small": n < 0
stage A owned by marketing, follow up within 2 days { require a: n > 1 }
stage B owned by sales { require b: n > 2 }
stage C owned by sales, follow up within 3 hours { require c: n > 1 }
`);
    expect(evaluate(p, { n: 2 })).toMatchObject({
      stage: "A",
      followUp: { stage: "A", within: { amount: 2, unit: "days" } },
    });
    expect(evaluate(p, { n: 5 })).toMatchObject({
      stage: "C",
      followUp: { stage: "C", within: { amount: 3, unit: "hours" } },
    });
    expect(evaluate(p, { n: -1 })).toMatchObject({ stage: null, disqualified: { name: "tiny", reason: "Too small" } });
  });

  it("overrides: requested when the stage is present, honoured when every requirement passes and not disqualified", () => {
    const p = check(`lead { n: integer, o: { stage: one of A, B, by: text, ok: text? }? }
disqualify negative "Negative": n < 0
stage A owned by marketing, follow up within 2 days { require a: n > 1 }
stage B owned by sales, follow up within 3 hours { require b: n > 2 }
override manual "Exception" {
  stage: o.stage
  require approved "Approved": o.ok is present and o.ok != o.by
}
`);
    expect(evaluate(p, { n: 2 }).override).toBeNull();
    expect(evaluate(p, { n: 0, o: { stage: "B", by: "x", ok: "y" } })).toMatchObject({
      stage: "B",
      followUp: { stage: "B", within: { amount: 3, unit: "hours" } },
      override: {
        name: "manual",
        label: "Exception",
        stage: "B",
        honoured: true,
        stageFromGates: null,
        status: "passed",
        passed: ["approved"],
        failed: [],
        missing: [],
      },
    });
    const selfApproved = evaluate(p, { n: 2, o: { stage: "B", by: "x", ok: "x" } });
    expect(selfApproved).toMatchObject({
      stage: "A",
      override: { honoured: false, stageFromGates: "A", failed: ["approved"] },
    });
    const disqualified = evaluate(p, { n: -1, o: { stage: "A", by: "x", ok: "y" } });
    expect(disqualified).toMatchObject({ stage: null, override: { honoured: false, status: "passed" } });
  });

  it("agrees with itself on generated policies: deterministic and JSON-clean", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const generated = generatePolicy(seed);
      const { checked } = checkGenerated(generated);
      if (!checked) continue;
      const rng = new Random(seed);
      for (let i = 0; i < 5; i++) {
        const { lead, asOf } = generateLead(generated, rng);
        const a = referenceEvaluate(checked, lead, { asOf, sourceHash: "h" });
        const b = referenceEvaluate(checked, structuredClone(lead), { asOf, sourceHash: "h" });
        expect(diff(a, b)).toEqual([]);
        expect(diff(a, JSON.parse(JSON.stringify(a)))).toEqual([]);
      }
    }
  });
});
