import { describe, expect, it } from "vitest";
import { LineSplitter } from "./line-splitter.js";
import { CsvHeaderError, CsvRecords, NdjsonRecords, type RecordCollector } from "./records.js";

function collect(collector: RecordCollector, text: string | Buffer, maxLineBytes = 1024) {
  const splitter = new LineSplitter(collector, maxLineBytes);
  splitter.push(typeof text === "string" ? Buffer.from(text) : text);
  splitter.end();
  collector.end();
  return collector.take();
}

describe("NdjsonRecords", () => {
  it("keeps lines in the blocks they came in, blank ones too, for the evaluator to split", () => {
    const batch = collect(new NdjsonRecords(), '{"a":1}\n\n   \n{"a":2}\nnot json\n');
    expect(batch).toEqual({
      kind: "lines",
      lines: [1],
      texts: ['{"a":1}\n\n   \n{"a":2}\nnot json\n'],
      unreadable: [],
    });
  });

  it("keeps an unreadable line in its place", () => {
    const bytes = Buffer.concat([Buffer.from("{}\n"), Buffer.from([0xff, 0x0a]), Buffer.from("{}\n")]);
    expect(collect(new NdjsonRecords(), bytes)).toEqual({
      kind: "lines",
      lines: [1, 2, 3],
      texts: ["{}", "", "{}"],
      unreadable: [{ index: 1, reason: "not UTF-8 text" }],
    });
  });

  it("counts lines, to size batches, and hands over what it has collected, then starts afresh", () => {
    const collector = new NdjsonRecords();
    collector.lines(1, "{}\n{}\n", 2);
    expect(collector.count).toBe(2);
    expect(collector.chars).toBe(6);
    expect(collector.take().lines).toEqual([1]);
    expect(collector.count).toBe(0);
  });
});

describe("CsvRecords", () => {
  it("reads the header, then one record per row, a quoted cell spanning lines kept whole", () => {
    const collector = new CsvRecords(1000);
    const batch = collect(collector, 'email,note\r\na@b.co,hi\r\n\r\nc@d.co,"two\r\nlines"\r\ne@f.co,x\r\n');
    expect(collector.header).toEqual({ line: 1, cells: ["email", "note"] });
    expect(batch).toEqual({
      kind: "records",
      lines: [2, 4, 6],
      texts: ["a@b.co,hi", 'c@d.co,"two\nlines"', "e@f.co,x"],
      unreadable: [],
    });
  });

  it("reports a quoted cell that is never closed as one unreadable record where it starts", () => {
    const batch = collect(new CsvRecords(1000), 'email,note\na@b.co,ok\nc@d.co,"oops\nmore\nand more\n');
    expect(batch).toEqual({
      kind: "records",
      lines: [2, 3],
      texts: ["a@b.co,ok", ""],
      unreadable: [{ index: 1, reason: "a quoted cell is not closed before the end of the input" }],
    });
  });

  it("reports a record over the limit without keeping its text", () => {
    const batch = collect(new CsvRecords(20), `a,b\n"${"x".repeat(15)}\n${"y".repeat(15)}",1\nc,d\n`);
    expect(batch).toEqual({
      kind: "records",
      lines: [2, 4],
      texts: ["", "c,d"],
      unreadable: [{ index: 0, reason: "longer than 20 characters" }],
    });
  });

  it("refuses an input whose header row cannot be read", () => {
    expect(() => collect(new CsvRecords(1000), 'a,"b"c\n1,2\n')).toThrow(CsvHeaderError);
    expect(() => collect(new CsvRecords(1000), 'a,"b\n')).toThrow(
      "the header row (line 1): a quoted cell is not closed before the end of the input",
    );
  });
});
