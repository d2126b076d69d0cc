import { describe, expect, it } from "vitest";
import { RecordReader } from "./record-reader.js";
import { NdjsonRecords } from "./records.js";

function chunks(...texts: string[]): AsyncIterator<Buffer> {
  return (async function* () {
    for (const text of texts) yield Buffer.from(text);
  })();
}

describe("RecordReader", () => {
  it("hands out batches of the given size (in whole chunks), then null", async () => {
    const reader = new RecordReader(chunks("1\n2\n3\n", "4\n", "5\n", "6"), new NdjsonRecords(), 100, {
      records: 2,
      chars: 1000,
    });
    const batches: string[][] = [];
    for (let batch = await reader.next(); batch !== null; batch = await reader.next()) batches.push(batch.texts);
    expect(batches).toEqual([["1\n2\n3\n"], ["4\n", "5\n"], ["6"]]);
    expect(reader.bytes).toBe(11);
  });

  it("hands out what it has when a pipe has nothing more yet", async () => {
    const reader = new RecordReader(
      chunks("1\n", "2\n", "3\n"),
      new NdjsonRecords(),
      100,
      { records: 100, chars: 1000 },
      () => true,
    );
    expect((await reader.next())?.texts).toEqual(["1\n"]);
    expect((await reader.next())?.texts).toEqual(["2\n"]);
  });
});
