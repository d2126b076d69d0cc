import type { Decision } from "@leadgate/runtime";
import { csvCell } from "../leads/csv-row.js";
import type { ByteSink } from "./byte-sink.js";
import { columnValue, type Column } from "./columns.js";

/** Writes decisions, one line of output each. */
export interface Encoder {
  /** Writes one decision as one line, ending with a line break. */
  encode(decision: Decision, line: number, sink: ByteSink): void;
}

/** The encoder for `--fields`: each line carries just those columns, as CSV or JSON. */
export function columnsEncoder(format: "ndjson" | "csv", columns: readonly Column[]): Encoder {
  if (format === "csv") {
    return {
      encode(decision, line, sink) {
        let row = "";
        for (let i = 0; i < columns.length; i++) {
          if (i > 0) row += ",";
          row += csvValue(columnValue(columns[i]!, decision, line));
        }
        sink.append(`${row}\n`);
      },
    };
  }
  // Each value goes into the sink as it is found: no string of the line is built.
  const keys = columns.map((c, i) => Buffer.from(`${i === 0 ? "{" : ","}${JSON.stringify(c.name)}:`));
  return {
    encode(decision, line, sink) {
      for (let i = 0; i < columns.length; i++) {
        const key = keys[i]!;
        sink.copy(key, 0, key.length);
        sink.append(JSON.stringify(columnValue(columns[i]!, decision, line)) ?? "null");
      }
      sink.ascii("}\n");
    },
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
