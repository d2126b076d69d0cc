import { readFileSync } from "node:fs";
import type { PolicyModule } from "@leadgate/harness";
import { beforeAll, describe, expect, it } from "vitest";
import { INBOUND_LEAD as LEAD, loadInbound } from "../__fixtures__/inbound.js";
import { BatchProcessor, type EvalSettings } from "./process-batch.js";
import { sampleDecision } from "./sample-decision.js";

let module: PolicyModule;

beforeAll(async () => {
  module = await loadInbound();
});

function settings(overrides: Partial<EvalSettings> = {}): EvalSettings {
  return {
    asOf: "2026-11-01",
    input: "ndjson",
    csvColumns: null,
    format: "ndjson",
    columns: [
      { name: "line", path: ["line"], show: "value" },
      { name: "stage", path: ["stage"], show: "value" },
    ],
    sample: sampleDecision(module, "2026-11-01", "inbound.gate"),
    errors: "ndjson",
    source: "leads.ndjson",
    ...overrides,
  };
}

describe("BatchProcessor", () => {
  it("decides valid records and counts them; reports the rest in order, with their lines", () => {
    const processor = new BatchProcessor(module, settings());
    const result = processor.process({
      kind: "lines",
      lines: [1, 2, 4, 5, 9],
      texts: [
        JSON.stringify(LEAD),
        "{oops",
        "",
        JSON.stringify({ ...LEAD, budget: 7 }),
        JSON.stringify({ ...LEAD, email: "x@rivalcrm.com" }),
      ],
      unreadable: [{ index: 2, reason: "not UTF-8 text" }],
    });
    expect(Buffer.from(result.out).toString()).toBe('{"line":1,"stage":null}\n{"line":9,"stage":null}\n');
    const errors = result.errors
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(errors.map((e) => e.line)).toEqual([2, 4, 5]);
    expect(errors[0]).toMatchObject({ text: "{oops" });
    expect(errors[1]).toEqual({ line: 4, error: "not UTF-8 text" });
    expect(errors[2]).toMatchObject({ issues: [{ path: "budget" }] });
    expect(result).toMatchObject({ evaluated: 2, invalid: 3, disqualified: 1, stages: [0, 0, 0, 1] });
  });

  it("cuts blocks of lines into leads, skipping blank lines and counting every line", () => {
    const lead = JSON.stringify(LEAD);
    const result = new BatchProcessor(module, settings()).process({
      kind: "lines",
      lines: [1, 5],
      texts: [`${lead}\r\n\n  \n${lead}\n`, `${lead}`],
      unreadable: [],
    });
    expect(Buffer.from(result.out).toString()).toBe(
      '{"line":1,"stage":null}\n{"line":4,"stage":null}\n{"line":5,"stage":null}\n',
    );
    expect(result.evaluated).toBe(3);
  });

  it("writes the whole decision, byte for byte as JSON.stringify, with its line first", () => {
    const leads = [
      LEAD,
      { ...LEAD, email: "x@rivalcrm.com" },
      { ...LEAD, override: { stage: "SQL", requested_by: "rep@acme.com", reason: 'a "big" deal' } },
    ];
    const result = new BatchProcessor(module, settings({ columns: null })).process({
      kind: "lines",
      lines: [7],
      texts: [leads.map((l) => JSON.stringify(l)).join("\n")],
      unreadable: [],
    });
    const expected = leads.map((l, i) => {
      const decision = module.evaluate(module.parseLead(l), { asOf: "2026-11-01" });
      return `{"line":${7 + i},${JSON.stringify(decision).slice(1)}\n`;
    });
    expect(Buffer.from(result.out).toString()).toBe(expected.join(""));
  });

  it("uses the memory of an earlier output again when it is large enough", () => {
    const processor = new BatchProcessor(module, settings({ columns: null }));
    const batch = { kind: "lines" as const, lines: [1], texts: [JSON.stringify(LEAD)], unreadable: [] };
    const first = processor.process(batch);
    const text = Buffer.from(first.out).toString();
    const second = processor.process(batch, first.out.buffer as ArrayBuffer);
    expect(second.out.buffer).toBe(first.out.buffer);
    expect(Buffer.from(second.out).toString()).toBe(text);
    const third = processor.process(batch, new ArrayBuffer(8));
    expect(third.out.buffer).not.toBe(first.out.buffer);
    expect(Buffer.from(third.out).toString()).toBe(text);
  });

  it("counts leads per stage in the policy's order", () => {
    const example = readFileSync(
      new URL("../../../../examples/leads/vp-at-software-company.json", import.meta.url),
      "utf8",
    );
    const met = { ...(JSON.parse(example) as { activities: unknown[] }), agreed_to_meet: true, timeframe_days: 30 };
    met.activities = [...met.activities, { kind: "meeting_held", at: "2026-10-30" }];
    const result = new BatchProcessor(module, settings()).process({
      kind: "lines",
      lines: [1, 2],
      texts: [example.replace(/\n/g, ""), JSON.stringify(met)],
      unreadable: [],
    });
    expect(Buffer.from(result.out).toString()).toBe('{"line":1,"stage":"MQL"}\n{"line":2,"stage":"SAL"}\n');
    expect(result.stages).toEqual([1, 0, 1, 0]);
  });

  it("writes text messages naming the source and line when there is no errors file", () => {
    const processor = new BatchProcessor(module, settings({ errors: "text" }));
    const result = processor.process({
      kind: "lines",
      lines: [3],
      texts: [JSON.stringify({ ...LEAD, company: null })],
      unreadable: [],
    });
    expect(result.errors).toBe("leads.ndjson:3: lead.company: expected object, received null\n");
  });

  it("maps CSV rows with the header, and refuses rows of the wrong width", () => {
    const processor = new BatchProcessor(
      module,
      settings({
        input: "csv",
        csvColumns: [
          "email",
          "seniority",
          "role",
          "company.name",
          "company.industry",
          "company.employees",
          "company.country",
          "budget",
          "agreed_to_meet",
          "unsubscribed",
          "activities",
        ],
      }),
    );
    const result = processor.process({
      kind: "records",
      lines: [2, 3, 4],
      texts: ["a@northwind.io,vp,decision_maker,N,software,420,US,budgeted,false,FALSE,[]", "a,b", 'x,"unclosed'],
      unreadable: [],
    });
    expect(Buffer.from(result.out).toString()).toBe('{"line":2,"stage":null}\n');
    expect(
      result.errors
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([
      { line: 3, error: "the row has 2 cells, the header 11", text: "a,b" },
      { line: 4, error: "a quoted cell is not closed", text: 'x,"unclosed' },
    ]);
  });
});
