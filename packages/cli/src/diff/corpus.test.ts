import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCorpus } from "./corpus.js";

function file(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "leadgate-corpus-")), name);
  writeFileSync(path, text);
  return path;
}

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
