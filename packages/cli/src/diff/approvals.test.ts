import { parsePolicy } from "@leadgate/language";
import { describe, expect, it } from "vitest";
import { approvalsFor } from "./approvals.js";
import { diffPolicies } from "./semantic-diff.js";

const BASE = `policy inbound "Inbound" {
  version "1.0.0"
  owner marketing "@acme/marketing-ops"
  owner sales "@acme/sales-ops", "@acme/sales-leads"
  owner revops "@acme/revops"
  reviewed 2026-09-15
  review every 6 months
}

lead {
  employees: integer
  budget: one of none, known
  agreed: boolean
}

rule big "Big company": employees >= 50
rule qualified "Qualified": big and budget = known

stage MQL "Marketing qualified" owned by marketing {
  require big
}

stage SQL "Sales qualified" owned by sales {
  require qualified
}

stage SAL "Sales accepted" owned by revops {
  require agreed
}
`;

function approvals(after: string) {
  const before = parsePolicy(BASE, "inbound.gate").ast;
  const next = parsePolicy(after, "inbound.gate").ast;
  return approvalsFor([{ policy: "inbound", before, after: next, changes: diffPolicies(before, next) }]);
}

describe("approvalsFor", () => {
  it("asks the owner of a changed stage, with the handles from the header", () => {
    expect(approvals(BASE.replace("  require agreed\n", "  require agreed\n  require big\n"))).toEqual([
      { team: "revops", handles: ["@acme/revops"], policies: ["inbound"], reasons: ["inbound: stage SAL changed"] },
    ]);
  });

  it("follows a changed rule through the rules that use it to every stage it reaches", () => {
    expect(approvals(BASE.replace("employees >= 50", "employees >= 100"))).toEqual([
      {
        team: "marketing",
        handles: ["@acme/marketing-ops"],
        policies: ["inbound"],
        reasons: ["inbound: stage MQL uses big, which changed"],
      },
      {
        team: "sales",
        handles: ["@acme/sales-ops", "@acme/sales-leads"],
        policies: ["inbound"],
        reasons: ["inbound: stage SQL uses big, which changed"],
      },
    ]);
  });

  it("asks the stages whose requirements use a changed lead field", () => {
    expect(approvals(BASE.replace("one of none, known", "one of none, known, approved")).map((a) => a.reasons)).toEqual(
      [["inbound: stage SQL uses budget, which changed"]],
    );
  });

  it("asks every stage owner about a disqualifier, and nobody about a version bump", () => {
    const after = BASE.replace('version "1.0.0"', 'version "1.1.0"').concat(
      '\ndisqualify tiny "Too small": employees < 5\n',
    );
    expect(approvals(after).map((a) => [a.team, a.reasons])).toEqual([
      ["marketing", ["inbound: disqualifier tiny changed: disqualifiers apply to every stage"]],
      ["revops", ["inbound: disqualifier tiny changed: disqualifiers apply to every stage"]],
      ["sales", ["inbound: disqualifier tiny changed: disqualifiers apply to every stage"]],
    ]);
    expect(approvals(BASE.replace('version "1.0.0"', 'version "1.1.0"'))).toEqual([]);
  });

  it("asks both the old and the new owner when a stage changes hands", () => {
    expect(approvals(BASE.replace("owned by revops", "owned by sales")).map((a) => a.team)).toEqual([
      "revops",
      "sales",
    ]);
  });
});
