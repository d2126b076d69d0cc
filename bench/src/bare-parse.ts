import { closeSync, openSync, readSync } from "node:fs";

/**
 * The I/O limit of bulk evaluation: reads an NDJSON file and JSON.parses every line, nothing
 * more. `leadgate eval` does this plus validation, evaluation and writing; run as its own process
 * like the CLI, so both pay Node's start-up. Prints the number of records parsed.
 *
 *   node dist/bare-parse.js leads.ndjson
 */
const file = process.argv[2];
if (!file) throw new Error("usage: node dist/bare-parse.js <file.ndjson>");

const CHUNK = 1 << 20;
const buffer = Buffer.allocUnsafe(CHUNK);
const fd = openSync(file, "r");
let records = 0;
let sink = 0;
// The bytes of an unfinished line, kept as bytes so a multi-byte character split between two
// chunks is decoded whole.
let carry = Buffer.alloc(0);

function parseLines(text: string): void {
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf("\n", start);
    const end = newline < 0 ? text.length : newline;
    if (end > start) {
      // Touch the result so the parse cannot be optimised away.
      if ((JSON.parse(text.slice(start, end)) as { activities?: unknown[] }).activities?.length) sink++;
      records++;
    }
    start = end + 1;
  }
}

try {
  for (;;) {
    const read = readSync(fd, buffer, 0, CHUNK, null);
    if (read === 0) break;
    const end = buffer.lastIndexOf(10, read - 1);
    if (end < 0) {
      carry = Buffer.concat([carry, buffer.subarray(0, read)]);
      continue;
    }
    parseLines(
      carry.length === 0
        ? buffer.toString("utf8", 0, end)
        : Buffer.concat([carry, buffer.subarray(0, end)]).toString("utf8"),
    );
    carry = Buffer.from(buffer.subarray(end + 1, read));
  }
  parseLines(carry.toString("utf8"));
} finally {
  closeSync(fd);
}
process.stdout.write(`${records} ${sink}\n`);
