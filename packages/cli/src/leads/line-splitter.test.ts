import { describe, expect, it } from "vitest";
import { forEachLine, LineSplitter, type LineSink } from "./line-splitter.js";

type Event = [number, string] | [number, "unreadable", string];

/** Splits the chunks and returns every line and unreadable line, in order. */
function split(chunks: Array<string | Buffer>, maxLineBytes = 1024): Event[] {
  return events(chunks, maxLineBytes).lines;
}

/** The lines, and the blocks they came in as `[first line, text, count]`. */
function events(chunks: Array<string | Buffer>, maxLineBytes = 1024) {
  const lines: Event[] = [];
  const blocks: Array<[number, string, number]> = [];
  const sink: LineSink = {
    lines: (first, text, count) => {
      blocks.push([first, text, count]);
      let seen = 0;
      forEachLine(first, text, (n, line) => {
        lines.push([n, line]);
        seen++;
      });
      expect(seen).toBe(count);
    },
    unreadable: (n, reason) => lines.push([n, "unreadable", reason]),
  };
  const splitter = new LineSplitter(sink, maxLineBytes);
  for (const chunk of chunks) splitter.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  splitter.end();
  return { lines, blocks };
}

describe("LineSplitter", () => {
  it("numbers lines across chunks, with LF or CRLF endings and no final line break", () => {
    expect(split(["a\r\nb", "c\n\nd", "\r", "\ne"])).toEqual([
      [1, "a"],
      [2, "bc"],
      [3, ""],
      [4, "d"],
      [5, "e"],
    ]);
  });

  it("hands over the whole lines of a chunk as one block, line breaks included", () => {
    expect(events(["a\r\nb\n\nc", "\nd"]).blocks).toEqual([
      [1, "a\r\nb\n\n", 3],
      [4, "c\n", 1],
      [5, "d", 1],
    ]);
  });

  it("strips a byte-order mark from the first line only", () => {
    expect(split(["\uFEFFa\n\uFEFFb\n"])).toEqual([
      [1, "a"],
      [2, "\uFEFFb"],
    ]);
  });

  it("keeps multi-byte characters whole when a chunk ends inside one", () => {
    const bytes = Buffer.from("é€😀\nü\n");
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    expect(split(chunks)).toEqual([
      [1, "é€😀"],
      [2, "ü"],
    ]);
  });

  it("reports a line that is not UTF-8 and reads the lines around it", () => {
    const latin1 = Buffer.from("caf\xe9\n", "latin1");
    expect(split([Buffer.concat([Buffer.from("a\n"), latin1, Buffer.from("b\n")])])).toEqual([
      [1, "a"],
      [2, "unreadable", "not UTF-8 text"],
      [3, "b"],
    ]);
  });

  it("drops a line over the limit as it streams by, without buffering it, and goes on", () => {
    const long = "x".repeat(40);
    expect(split(["ok\n", long.slice(0, 15), long.slice(15, 30), long.slice(30), "\nnext\n"], 32)).toEqual([
      [1, "ok"],
      [2, "unreadable", "longer than 32 bytes"],
      [3, "next"],
    ]);
    expect(split([`${long}\nnext`], 32)).toEqual([
      [1, "unreadable", "longer than 32 bytes"],
      [2, "next"],
    ]);
    expect(split(["a\n", long], 32)).toEqual([
      [1, "a"],
      [2, "unreadable", "longer than 32 bytes"],
    ]);
  });

  it("counts the bytes pushed, for progress", () => {
    const splitter = new LineSplitter({ lines: () => {}, unreadable: () => {} }, 100);
    splitter.push(Buffer.from("abc\nde"));
    splitter.push(Buffer.from("f\n"));
    expect(splitter.bytes).toBe(8);
  });
});
