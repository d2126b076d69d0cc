import type { Decision } from "@leadgate/runtime";
import { csvCell } from "../leads/csv-row.js";
import type { ByteSink } from "./byte-sink.js";
import { columnValue, type Column } from "./columns.js";

/** Writes one decision as one line of output, ending with a line break. */
export type Encoder = (decision: Decision, line: number, sink: ByteSink) => void;

/**
 * The encoder for an output format. Without columns, NDJSON carries the whole decision after the
 * input line it came from: `{"line":12,"policy":...}`. With columns, each line carries just those.
 */
export function encoderFor(format: "ndjson" | "csv", columns: readonly Column[] | null): Encoder {
  if (columns === null) {
    // `line` goes first, spliced into the decision's own JSON: no copy of the decision or its text.
    return (decision, line, sink) => sink.appendObjectAfter(`{"line":${line}`, JSON.stringify(decision));
  }
  if (format === "csv") {
    return (decision, line, sink) => {
      let row = "";
      for (let i = 0; i < columns.length; i++) {
        if (i > 0) row += ",";
        row += csvValue(columnValue(columns[i]!, decision, line));
      }
      sink.append(`${row}\n`);
    };
  }
  const keys = columns.map((c, i) => `${i === 0 ? "{" : ","}${JSON.stringify(c.name)}:`);
  return (decision, line, sink) => {
    let text = "";
    for (let i = 0; i < columns.length; i++) {
      text += keys[i]!;
      text += JSON.stringify(columnValue(columns[i]!, decision, line));
    }
    sink.append(`${text}}\n`);
  };
}

/** The CSV header line for the columns. */
export function csvHeader(columns: readonly Column[]): string {
  return `${columns.map((c) => csvCell(c.name)).join(",")}\n`;
}

/** A cell: empty for null, JSON for a list or record (`["need","timeframe"]`). */
function csvValue(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return csvCell(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return csvCell(JSON.stringify(value));
}
