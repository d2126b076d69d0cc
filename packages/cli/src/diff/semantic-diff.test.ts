import { parsePolicy, type RuleDeclaration } from "@leadgate/language";
import { describe, expect, it } from "vitest";
import { diffExpressions } from "./expression-diff.js";
import { printExpression } from "./print-expression.js";
import { diffPolicies } from "./semantic-diff.js";

const BASE = `# The base version.
policy mini "Mini policy" {
  version "1.0.0"
  owner marketing "@acme/marketing-ops"
  owner sales "@acme/sales-ops"
  reviewed 2026-03-01
  review every 6 months
}

lead {
  employees: integer
  country: text?
  activities: list of activity
}

record activity {
  kind: one of email_open, demo_request
  at: date
}

rule big "Big company": employees >= 50 and employees <= 5000

score engagement "Engagement", at most 100 {
  opens "Email opens": 2 per activities where kind = email_open and at within 90 days, at most 20
  demo "Demo": 25 if any activities where kind = demo_request
}

disqualify tiny "Too small": employees < 5

stage MQL "Marketing qualified" owned by marketing {
  require big
  require engaged "Engaged enough": engagement >= 40
}

stage SAL "Sales accepted" owned by sales {
  require local "Based in the US": country = "US"
}
`;

const ast = (text: string) => parsePolicy(text, "mini.gate").ast;
const texts = (after: string) => diffPolicies(ast(BASE), ast(after)).map((c) => c.text);

function rule(text: string, name: string): RuleDeclaration {
  const found = ast(text).declarations.find((d): d is RuleDeclaration => d.kind === "Rule" && d.name.name === name);
  if (!found) throw new Error(`no rule ${name}`);
  return found;
}

describe("printExpression", () => {
  it("prints a condition in one canonical line, whatever its layout and comments", () => {
    const policy = BASE.replace(
      "employees >= 50 and employees <= 5000",
      "employees   >= 50   # lower bound\n  and (employees <= 5000)",
    );
    expect(printExpression(rule(policy, "big").condition)).toBe("employees >= 50 and (employees <= 5000)");
  });
});

describe("diffExpressions", () => {
  it("names each number that moved, in the comparison that holds it", () => {
    const after = BASE.replace("employees >= 50", "employees >= 100");
    expect(diffExpressions(rule(BASE, "big").condition, rule(after, "big").condition)).toEqual({
      kind: "numbers",
      changes: [{ from: 50, to: 100, before: "employees >= 50", after: "employees >= 100" }],
    });
  });

  it("gives the whole condition before and after when more than numbers changed", () => {
    const after = BASE.replace("employees >= 50 and", "employees > 50 or");
    expect(diffExpressions(rule(BASE, "big").condition, rule(after, "big").condition)).toEqual({
      kind: "rewritten",
      before: "employees >= 50 and employees <= 5000",
      after: "employees > 50 or employees <= 5000",
    });
  });

  it("finds nothing when only layout changed", () => {
    const after = BASE.replace("employees >= 50 and", "employees>=50\n    and");
    expect(diffExpressions(rule(BASE, "big").condition, rule(after, "big").condition)).toEqual({ kind: "same" });
  });
});

describe("diffPolicies", () => {
  it("finds nothing when only comments and layout changed", () => {
    expect(texts(BASE.replace("# The base version.", "# Reworded.").replace(/\n\n/g, "\n\n\n"))).toEqual([]);
  });

  it("reports a moved threshold of a requirement, old → new, under its stage", () => {
    const changes = diffPolicies(ast(BASE), ast(BASE.replace("engagement >= 40", "engagement >= 45")));
    expect(changes).toEqual([
      {
        kind: "stage",
        name: "MQL",
        part: "engaged",
        change: "changed",
        text: "requirement MQL.engaged: engagement >= 40 → engagement >= 45",
        from: "engagement >= 40",
        to: "engagement >= 45",
      },
    ]);
  });

  it("reports score points, caps and windows by line", () => {
    const after = BASE.replace("2 per activities", "3 per activities")
      .replace("at within 90 days, at most 20", "at within 60 days, at most 30")
      .replace("at most 100 {", "at most 150 {");
    expect(texts(after)).toEqual([
      "score engagement: at most 100 → 150",
      "score line engagement.opens: points 2 → 3",
      "score line engagement.opens: at most 20 → 30",
      "score line engagement.opens: at within 90 days → at within 60 days",
    ]);
  });

  it("reports requirements, rules and disqualifiers added and removed", () => {
    const after = BASE.replace("  require big\n", "")
      .replace(
        '  require local "Based in the US": country = "US"\n',
        '  require local "Based in the US": country = "US"\n  require met "Met": any activities\n',
      )
      .replace('disqualify tiny "Too small": employees < 5\n', "")
      .replace("rule big", 'rule huge "Huge": employees > 10000\n\nrule big');
    const changes = diffPolicies(ast(BASE), ast(after));
    expect(changes.map((c) => [c.kind, c.name, c.part, c.change, c.text])).toEqual([
      ["rule", "huge", undefined, "added", "rule huge added: employees > 10000"],
      ["disqualifier", "tiny", undefined, "removed", "disqualifier tiny removed"],
      ["stage", "MQL", "big", "removed", "requirement MQL.big removed"],
      ["stage", "SAL", "met", "added", "requirement SAL.met added: any activities"],
    ]);
  });

  it("reports reordered stages, a changed owner team and review date, and a new handle", () => {
    const sal = BASE.slice(BASE.indexOf("stage SAL"));
    const mql = BASE.slice(BASE.indexOf("stage MQL"), BASE.indexOf("stage SAL"));
    const after = BASE.slice(0, BASE.indexOf("stage MQL"))
      .concat(sal, "\n", mql)
      .replace("reviewed 2026-03-01", "reviewed 2026-09-15")
      .replace('owner sales "@acme/sales-ops"', 'owner sales "@acme/sales-ops", "@acme/sales-leads"')
      .replace("owned by sales", "owned by marketing");
    const changes = diffPolicies(ast(BASE), ast(after));
    expect(changes.map((c) => c.text)).toEqual([
      "reviewed 2026-03-01 → 2026-09-15",
      "owner sales: @acme/sales-ops → @acme/sales-ops, @acme/sales-leads",
      "stages reordered: MQL, SAL → SAL, MQL",
      "stage SAL: owned by sales → marketing",
    ]);
    expect(changes.find((c) => c.change === "reordered")?.moved).toEqual(["SAL", "MQL"]);
  });

  it("treats `require big` and `require big: big` as the same requirement", () => {
    expect(texts(BASE.replace("  require big\n", '  require big "Big company": big\n'))).toEqual([
      'requirement MQL.big label (none) → "Big company"',
    ]);
  });

  it("includes lead-schema changes, marked breaking or not", () => {
    const changes = diffPolicies(ast(BASE), ast(BASE.replace("country: text?", "country: text")));
    expect(changes).toEqual([
      { kind: "lead", name: "country", change: "changed", text: "field country made required", breaking: true },
    ]);
  });
});
