import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCorpus } from "./corpus.js";
import { csvToLead } from "./csv-lead.js";

function file(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "leadgate-corpus-")), name);
  writeFileSync(path, text);
  return path;
}

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

describe("readCorpus", () => {
  it("reads NDJSON with each record's line and name, and keeps a malformed line as unreadable", () => {
    const path = file("leads.ndjson", '{"id":"L-1","employees":5}\n\n{"employees":\n{"name":"Bo"}\n');
    const corpus = readCorpus(path, "leads.ndjson", "2026-11-01");
    expect(corpus.leads.map((l) => [l.ref.line, l.ref.name, l.asOf, l.policyPath])).toEqual([
      [1, "L-1", "2026-11-01", null],
      [4, "Bo", "2026-11-01", null],
    ]);
    expect(corpus.unreadable).toHaveLength(1);
    expect(corpus.unreadable[0]?.ref).toEqual({ source: "leads.ndjson", line: 3, name: "record 2" });
    expect(corpus.unreadable[0]?.reason).toMatch(/^not valid JSON: /);
  });

  it("reads CSV rows with the line each starts on, a quoted cell spanning lines, and a bad row kept", () => {
    const path = file("leads.csv", 'email,employees\r\nann@a.com,5\r\n"bo\r\n@b.com",7\r\nx,1,extra\r\ncy@c.com,9\r\n');
    const corpus = readCorpus(path, "leads.csv", "2026-11-01");
    expect(corpus.leads.map((l) => [l.ref.line, l.ref.name])).toEqual([
      [2, "ann@a.com"],
      [3, "bo\n@b.com"],
      [6, "cy@c.com"],
    ]);
    expect(corpus.unreadable.map((u) => [u.ref.line, u.reason])).toEqual([
      [5, "Invalid Record Length: columns length is 2, got 3 on line 5"],
    ]);
  });

  it("refuses other file types", () => {
    expect(() => readCorpus(file("leads.json", "[]"), "leads.json", "2026-11-01")).toThrow(
      "--leads must be an .ndjson, .jsonl or .csv file, got 'leads.json'",
    );
  });
});

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
