import type { Decision } from "@leadgate/runtime";
import { csvCell } from "../leads/csv-row.js";
import type { ByteSink } from "./byte-sink.js";
import { columnValue, type Column } from "./columns.js";
import { jsonTemplate, writeValue, type JsonTemplate } from "./json-template.js";

/** Writes decisions, one line of output each. */
export interface Encoder {
  /** Writes one decision as one line, ending with a line break. */
  encode(decision: Decision, line: number, sink: ByteSink): void;
  /** The bytes to make output sinks with, as their prefix, for the encoder to copy from. */
  readonly prefix: Uint8Array | null;
}

/**
 * The encoder for an output format. Without columns, NDJSON carries the whole decision after the
 * input line it came from: `{"line":12,"policy":...}`, with `sample` (any decision of the policy)
 * as the template of its JSON. With columns, each line carries just those.
 */
export function encoderFor(format: "ndjson" | "csv", columns: readonly Column[] | null, sample: Decision): Encoder {
  if (columns === null) return decisionEncoder(jsonTemplate(sample));
  if (format === "csv") {
    return {
      prefix: null,
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
    prefix: null,
    encode(decision, line, sink) {
      for (let i = 0; i < columns.length; i++) {
        const key = keys[i]!;
        sink.copy(key, 0, key.length);
        const value = columnValue(columns[i]!, decision, line);
        if (!writeValue(value, sink)) sink.append(JSON.stringify(value) ?? "null");
      }
      sink.ascii("}\n");
    },
  };
}

/**
 * The whole decision, with the input line first: `{"line":12,"policy":...}`, the decision's JSON
 * byte for byte as JSON.stringify writes it (see jsonTemplate).
 */
function decisionEncoder(template: JsonTemplate): Encoder {
  return {
    prefix: template.bytes,
    encode(decision, line, sink) {
      sink.ascii(`{"line":${line}`);
      const brace = sink.size;
      if (!template.write(decision, sink)) throw new Error("a decision must be a JSON object");
      sink.continueObject(brace);
      sink.ascii("\n");
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
