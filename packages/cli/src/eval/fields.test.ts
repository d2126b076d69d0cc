import type { PolicyModule } from "@leadgate/harness";
import type { Decision } from "@leadgate/runtime";
import { beforeAll, describe, expect, it } from "vitest";
import { loadInbound } from "../__fixtures__/inbound.js";
import { columnValue } from "./columns.js";
import { resolveFields } from "./fields.js";
import { sampleDecision } from "./sample-decision.js";

let module: PolicyModule;
let sample: Decision;

beforeAll(async () => {
  module = await loadInbound();
  sample = sampleDecision(module, "2026-11-01", "inbound.gate");
});

describe("sampleDecision", () => {
  it("evaluates the smallest lead the policy accepts, showing every key a decision has", () => {
    expect(Object.keys(sample.gates)).toEqual(["MQL", "SQL", "SAL"]);
    expect(Object.keys(sample.scores)).toEqual(["engagement"]);
    expect(Object.keys(sample.grades)).toEqual(["fit"]);
  });
});

describe("resolveFields", () => {
  it("expands prefix.* in decision order and shows scores as totals, gates as statuses", () => {
    const columns = resolveFields("line, stage ,scores.*,gates.*,disqualified", sample);
    expect(columns.map((c) => [c.name, c.show])).toEqual([
      ["line", "value"],
      ["stage", "value"],
      ["scores.engagement", "total"],
      ["gates.MQL", "status"],
      ["gates.SQL", "status"],
      ["gates.SAL", "status"],
      ["disqualified", "name"],
    ]);
  });

  it("knows the keys of parts that are null in the sample: disqualified, followUp, override", () => {
    expect(resolveFields("disqualified.reason,followUp.within,override.honoured", sample)).toHaveLength(3);
    expect(() => resolveFields("disqualified.reasons", sample)).toThrow(
      "--fields: no 'disqualified.reasons' in this policy's decisions. Did you mean 'reason'?",
    );
  });

  it("refuses unknown and repeated fields, and an empty list", () => {
    expect(() => resolveFields("stag", sample)).toThrow("Did you mean 'stage'?");
    expect(() => resolveFields("gates.XYZ", sample)).toThrow(
      "--fields: no 'gates.XYZ' in this policy's decisions; there: MQL, SQL, SAL",
    );
    expect(() => resolveFields("stage,stage", sample)).toThrow("--fields: 'stage' is asked for twice");
    expect(() => resolveFields(" , ", sample)).toThrow("--fields needs at least one field");
    expect(() => resolveFields("stage.*", sample)).toThrow("stage has no fields to list");
  });
});

describe("columnValue", () => {
  it("reads the value, or its summary, and null for what is absent", () => {
    const decision = module.evaluate(
      module.parseLead({
        email: "a@rivalcrm.com",
        seniority: "vp",
        role: "decision_maker",
        company: { name: "R", industry: "software", employees: 100, country: "US" },
        budget: "budgeted",
        agreed_to_meet: false,
        unsubscribed: false,
        activities: [{ kind: "email_open", at: "2026-10-30" }],
      }),
      { asOf: "2026-11-01" },
    );
    const value = (spec: string) => columnValue(resolveFields(spec, sample)[0]!, decision, 7);
    expect(value("line")).toBe(7);
    expect(value("disqualified")).toBe("competitor");
    expect(value("disqualified.reason")).toBe("Works for a competitor");
    expect(value("scores.engagement")).toBe(decision.scores.engagement!.total);
    expect(value("scores.engagement.parts.email_opens")).toBe(1);
    expect(value("gates.MQL.requirements.engaged")).toBe("failed");
    expect(value("gates.SAL.failed")).toEqual(["agreed_to_meet", "met"]);
    expect(value("followUp")).toBeNull();
    expect(value("override.stage")).toBeNull();
  });
});
