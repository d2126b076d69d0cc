import { extname } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { readTextFile, UsageError } from "../files.js";
import type { LeadCase, LeadInput, LeadRef, UnreadableLead } from "./leads.js";

export interface Corpus {
  /** Every record that could be read, in file order; each is evaluated with every compared policy. */
  readonly leads: LeadCase[];
  /** Records that could not be read at all (a malformed JSON line, a CSV row with too many cells). */
  readonly unreadable: UnreadableLead[];
}

/**
 * Reads `--leads FILE`: NDJSON (`.ndjson`, `.jsonl`: one JSON lead per line) or CSV (`.csv`: a
 * header row, then one lead per row; `company.employees` columns build nested records, and cells
 * are typed later, per policy version, from that version's lead schema). A record that cannot be
 * read is kept as unreadable with its line, never dropped, so the report's counts add up.
 */
export function readCorpus(path: string, display: string, asOf: string): Corpus {
  const ext = extname(path).toLowerCase();
  if (ext !== ".ndjson" && ext !== ".jsonl" && ext !== ".csv")
    throw new UsageError(`--leads must be an .ndjson, .jsonl or .csv file, got '${display}'`);
  // One line-break convention, so line numbers count the same however the file was saved.
  const text = readTextFile(path).replace(/\r\n?/g, "\n");
  const records = ext === ".csv" ? readCsv(text, display) : readNdjson(text, display);
  const leads: LeadCase[] = [];
  const unreadable: UnreadableLead[] = [];
  for (const record of records) {
    if ("reason" in record) unreadable.push(record);
    else leads.push({ ref: record.ref, policyPath: null, asOf, input: record.input });
  }
  return { leads, unreadable };
}

type Read = { readonly ref: LeadRef; readonly input: LeadInput } | UnreadableLead;

function readNdjson(text: string, source: string): Read[] {
  const out: Read[] = [];
  let count = 0;
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    count++;
    const lineNumber = index + 1;
    try {
      const value: unknown = JSON.parse(line);
      out.push({ ref: { source, line: lineNumber, name: nameOf(value, count) }, input: { kind: "json", value } });
    } catch (error) {
      out.push({
        ref: { source, line: lineNumber, name: `record ${count}` },
        reason: `not valid JSON: ${(error as Error).message}`,
      });
    }
  });
  return out;
}

function readCsv(text: string, source: string): Read[] {
  const out: Array<Read & { readonly order: number }> = [];
  let count = 0;
  let rows: Array<{ record: Record<string, string>; raw: string; info: { lines: number } }>;
  try {
    rows = parseCsv(text, {
      columns: true,
      bom: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        const line = typeof error?.lines === "number" ? error.lines : 0;
        out.push({
          ref: { source, line, name: `row at line ${line}` },
          reason: error?.message ?? "unreadable row",
          order: line,
        });
        return undefined;
      },
    }) as unknown as typeof rows;
  } catch (error) {
    // Only the header row can fail the whole file (e.g. a column named twice).
    throw new UsageError(`Cannot read ${source}: ${(error as Error).message}`);
  }
  for (const row of rows) {
    count++;
    // `lines` is where the row ends; a quoted cell may span lines, so count back to where it starts.
    const line = row.info.lines - (row.raw.trim().match(/\n/g)?.length ?? 0);
    out.push({
      ref: { source, line, name: nameOf(row.record, count) },
      input: { kind: "csv", cells: row.record },
      order: line,
    });
  }
  return out.sort((a, b) => a.order - b.order).map(({ order: _order, ...read }) => read as Read);
}

/** A record's own name for itself, for reports: its `id`, `name` or `email`, else its position. */
function nameOf(value: unknown, position: number): string {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const key of ["id", "name", "email"]) {
      const v = record[key];
      if ((typeof v === "string" && v.trim() !== "") || typeof v === "number") return String(v);
    }
  }
  return `record ${position}`;
}
