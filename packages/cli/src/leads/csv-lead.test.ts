import { describe, expect, it } from "vitest";
import { csvLeadMapper, csvToLead } from "./csv-lead.js";

const SCHEMA = {
  type: "object",
  properties: {
    employees: { type: "integer" },
    revenue: { anyOf: [{ type: "number" }, { type: "null" }] },
    agreed: { type: "boolean" },
    company: {
      type: "object",
      properties: { name: { type: "string" }, size: { anyOf: [{ type: "integer" }, { type: "null" }] } },
    },
    activities: { type: "array", items: { $ref: "#/$defs/activity" } },
  },
  $defs: { activity: { type: "object", properties: { at: { type: "string" } } } },
};

describe("csvToLead", () => {
  it("types cells by the schema and builds nested records from dotted columns; empty cells are absent", () => {
    expect(
      csvToLead(
        {
          employees: "120",
          revenue: "2.5",
          agreed: "TRUE",
          "company.name": "Acme",
          "company.size": "",
          activities: '[{"at":"2026-10-01"}]',
          note: "kept as text",
        },
        SCHEMA,
      ),
    ).toEqual({
      employees: 120,
      revenue: 2.5,
      agreed: true,
      company: { name: "Acme" },
      activities: [{ at: "2026-10-01" }],
      note: "kept as text",
    });
  });

  it("leaves a cell that does not fit its type as text, for validation to report", () => {
    expect(csvToLead({ employees: "fifty", agreed: "maybe", activities: "[not json" }, SCHEMA)).toEqual({
      employees: "fifty",
      agreed: "maybe",
      activities: "[not json",
    });
  });

  it("never lets a column set the prototype", () => {
    const lead = csvToLead({ "__proto__.polluted": "yes", "company.__proto__": "x" }, SCHEMA);
    expect(Object.getPrototypeOf(lead)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("csvLeadMapper", () => {
  const INBOUND_LIKE = {
    type: "object",
    properties: {
      email: { type: "string", format: "email" },
      company: {
        type: "object",
        properties: { name: { type: "string" }, employees: { anyOf: [{ type: "integer" }, { type: "null" }] } },
      },
      override: {
        anyOf: [
          { type: "object", properties: { stage: { enum: ["MQL"] }, reason: { type: "string" } } },
          { type: "null" },
        ],
      },
      activities: { type: "array", items: { $ref: "#/$defs/activity" } },
    },
    $defs: { activity: { type: "object", properties: { kind: { enum: ["email_open"] }, at: { type: "string" } } } },
  };

  it("fills list items from numbered columns, in index order, leaving out items whose cells are all empty", () => {
    const columns = [
      "email",
      "activities.1.kind",
      "activities.1.at",
      "activities.0.kind",
      "activities.0.at",
      "activities.2.kind",
    ];
    const mapper = csvLeadMapper(columns, INBOUND_LIKE);
    expect(mapper.problems).toEqual([]);
    expect(mapper.unknownColumns).toEqual([]);
    expect(mapper.toLead(["a@b.co", "email_open", "2026-10-02", "email_open", "2026-10-01", ""])).toEqual({
      email: "a@b.co",
      activities: [
        { kind: "email_open", at: "2026-10-01" },
        { kind: "email_open", at: "2026-10-02" },
      ],
    });
    // Item 0 empty: item 1 is the only one, not a hole.
    expect(mapper.toLead(["a@b.co", "email_open", "2026-10-02", "", "", ""]).activities).toEqual([
      { kind: "email_open", at: "2026-10-02" },
    ]);
    expect(mapper.toLead(["a@b.co", "", "", "", "", ""])).toEqual({ email: "a@b.co" });
  });

  it("leaves out a record whose cells are all empty, so an optional record is absent", () => {
    const mapper = csvLeadMapper(["email", "override.stage", "override.reason", "company.employees"], INBOUND_LIKE);
    expect(mapper.toLead(["a@b.co", "", "", "12"])).toEqual({ email: "a@b.co", company: { employees: 12 } });
    expect(mapper.toLead(["a@b.co", "MQL", "", ""])).toEqual({ email: "a@b.co", override: { stage: "MQL" } });
  });

  it("names the columns the policy does not declare", () => {
    const mapper = csvLeadMapper(["id", "email", "company.website", "activities.0.channel"], INBOUND_LIKE);
    expect(mapper.unknownColumns).toEqual(["id", "company.website", "activities.0.channel"]);
  });

  it("reports header problems: not a path, two columns for one field, a list item by name", () => {
    const mapper = csvLeadMapper(
      ["email", "company..name", "company", "company.name", "email", "activities.first.kind", "activities.10000.kind"],
      INBOUND_LIKE,
    );
    expect(mapper.problems).toEqual([
      'column "company..name" is not a field path like company.employees',
      'column "company.name" fills a field that another column already fills as a whole',
      'column "email" fills the same field as another column',
      'column "activities.first.kind" names a list item by something other than its number',
      'column "activities.10000.kind" numbers an item beyond 9999',
    ]);
  });
});
