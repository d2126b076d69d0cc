import type { Decision } from "@leadgate/runtime";
import { describe, expect, it } from "vitest";
import { ByteSink } from "./byte-sink.js";
import { columnsEncoder, csvHeader } from "./encode.js";
import type { Column } from "./columns.js";

const decision = {
  policy: "p",
  stage: "MQL",
  scores: { engagement: { total: 42 } },
  gates: { SQL: { status: "failed", failed: ["need", "budget"] } },
  disqualified: null,
  label: 'say "hi", bye',
} as unknown as Decision;

const columns: Column[] = [
  { name: "line", path: ["line"], show: "value" },
  { name: "stage", path: ["stage"], show: "value" },
  { name: "scores.engagement", path: ["scores", "engagement"], show: "total" },
  { name: "gates.SQL.failed", path: ["gates", "SQL", "failed"], show: "value" },
  { name: "disqualified", path: ["disqualified"], show: "name" },
  { name: "label", path: ["label"], show: "value" },
];

function encode(format: "ndjson" | "csv", cols: Column[]): string {
  const encoder = columnsEncoder(format, cols);
  const sink = new ByteSink(16);
  encoder.encode(decision, 3, sink);
  encoder.encode(decision, 4, sink);
  return sink.bytes().toString("utf8");
}

describe("columnsEncoder", () => {
  it("writes the chosen fields as JSON", () => {
    const [first] = encode("ndjson", columns).split("\n");
    expect(JSON.parse(first!)).toEqual({
      line: 3,
      stage: "MQL",
      "scores.engagement": 42,
      "gates.SQL.failed": ["need", "budget"],
      disqualified: null,
      label: 'say "hi", bye',
    });
  });

  it("writes CSV rows: empty for null, lists as JSON, quoting what needs it", () => {
    expect(csvHeader(columns)).toBe("line,stage,scores.engagement,gates.SQL.failed,disqualified,label\n");
    expect(encode("csv", columns).split("\n")[0]).toBe('3,MQL,42,"[""need"",""budget""]",,"say ""hi"", bye"');
  });
});

describe("ByteSink", () => {
  it("grows as needed and keeps multi-byte text whole", () => {
    const sink = new ByteSink(1);
    const text = "é€😀".repeat(1000);
    sink.append(text);
    sink.append("\n");
    expect(sink.bytes().toString("utf8")).toBe(`${text}\n`);
    expect(sink.size).toBe(Buffer.byteLength(text) + 1);
  });

  it("joins an object onto the unfinished object before it", () => {
    const sink = new ByteSink(1);
    sink.ascii('{"line":1');
    sink.ascii('{"a":1}');
    sink.continueObject(9);
    sink.ascii('\n{"line":2');
    sink.ascii("{}");
    sink.continueObject(26);
    expect(sink.bytes().toString()).toBe('{"line":1,"a":1}\n{"line":2}');
  });
});
