import type { PolicyModule } from "@leadgate/harness";
import type { Decision, LeadIssue } from "@leadgate/runtime";
import { csvLeadMapper, type CsvLeadMapper } from "../leads/csv-lead.js";
import { parseCsvRow } from "../leads/csv-row.js";
import { lineAt } from "../leads/line-splitter.js";
import { isBlank, type RecordBatch } from "../leads/records.js";
import { ByteSink } from "./byte-sink.js";
import { decisionWriter, DISQUALIFIED, type DecisionWriter } from "./decision-writer.js";
import { columnsEncoder } from "./encode.js";
import type { Column } from "./columns.js";

/** Everything a batch processor needs besides the module: plain data, the same in every worker. */
export interface EvalSettings {
  readonly asOf: string;
  readonly input: "ndjson" | "csv";
  /** The CSV header's cells; null for NDJSON. */
  readonly csvColumns: readonly string[] | null;
  readonly format: "ndjson" | "csv";
  /** The output columns; null: the whole decision (NDJSON only). */
  readonly columns: readonly Column[] | null;
  /** A decision of the policy as of `asOf` (see sample-decision.ts). */
  readonly sample: Decision;
  /** `ndjson`: one JSON record per invalid record (`--errors FILE`); `text`: messages for a terminal. */
  readonly errors: "ndjson" | "text";
  /** How text messages name the input: its path, or `stdin`. */
  readonly source: string;
}

/** What became of a batch: the output and error lines, in input order, and the counts. */
export interface BatchResult {
  /** UTF-8 output lines (a Uint8Array once it has come from a worker). */
  readonly out: Uint8Array;
  readonly errors: string;
  readonly evaluated: number;
  readonly invalid: number;
  /** Leads reaching each stage, in the policy's stage order, then those reaching none; disqualified apart. */
  readonly stages: number[];
  readonly disqualified: number;
}

/** Where output goes between batches: nowhere. */
const NO_SINK = new ByteSink(0);

/**
 * Cuts a batch into records, then validates, evaluates and writes out each. The same code runs in
 * the main thread and in worker threads. Per record there is no closure and no intermediate object
 * beyond what the compiled module makes: this loop is the command's throughput.
 */
export class BatchProcessor {
  private readonly writer: DecisionWriter;
  private readonly noStage: number;
  private readonly csv: CsvLeadMapper | null;
  private readonly csvWidth: number;
  /** The last batch's output size: the next one's buffer is sized from it, to avoid regrowing. */
  private lastOutBytes = 64 * 1024;

  // The batch being processed.
  private out = NO_SINK;
  private errors = "";
  private evaluated = 0;
  private invalid = 0;
  private disqualified = 0;
  private stages: number[] = [];

  constructor(
    private readonly module: PolicyModule,
    private readonly settings: EvalSettings,
  ) {
    const encoder = settings.columns === null ? null : columnsEncoder(settings.format, settings.columns);
    this.writer = decisionWriter(module, encoder, settings);
    this.noStage = module.policy.stages.length;
    this.csv = settings.csvColumns ? csvLeadMapper(settings.csvColumns, module.leadJsonSchema) : null;
    this.csvWidth = settings.csvColumns?.length ?? 0;
  }

  /** @param spare memory of an earlier result's `out`, written and free to use again. */
  process(batch: RecordBatch, spare: ArrayBuffer | null = null): BatchResult {
    const { lines, texts, unreadable } = batch;
    this.out = new ByteSink(this.lastOutBytes + (this.lastOutBytes >> 3), spare);
    this.errors = "";
    this.evaluated = 0;
    this.invalid = 0;
    this.disqualified = 0;
    this.stages = new Array<number>(this.noStage + 1).fill(0);
    let nextUnreadable = 0;
    for (let i = 0; i < texts.length; i++) {
      const problem = unreadable[nextUnreadable];
      if (problem !== undefined && problem.index === i) {
        nextUnreadable++;
        this.fail(lines[i]!, problem.reason, null, null);
      } else if (batch.kind === "records") {
        this.record(lines[i]!, texts[i]!);
      } else {
        // Whole lines, as the line splitter emitted them: each line that is not blank is a lead.
        const text = texts[i]!;
        let line = lines[i]!;
        for (let from = 0; from < text.length; line++) {
          let end = text.indexOf("\n", from);
          if (end === -1) end = text.length;
          const lead = lineAt(text, from, end);
          if (!isBlank(lead)) this.record(line, lead);
          from = end + 1;
        }
      }
    }
    const out = this.out.bytes();
    this.lastOutBytes = out.length;
    this.out = NO_SINK;
    const { errors, evaluated, invalid, stages, disqualified } = this;
    return { out, errors, evaluated, invalid, stages, disqualified };
  }

  /** One record: a lead, or an invalid record. */
  private record(line: number, text: string): void {
    let input: unknown;
    if (this.csv === null) {
      try {
        input = JSON.parse(text);
      } catch (error) {
        this.fail(line, `not valid JSON: ${(error as Error).message}`, null, text);
        return;
      }
    } else {
      const row = parseCsvRow(text);
      if (!row.ok || row.cells.length !== this.csvWidth) {
        const reason = row.ok ? `the row has ${row.cells.length} cells, the header ${this.csvWidth}` : row.reason;
        this.fail(line, reason, null, text);
        return;
      }
      input = this.csv.toLead(row.cells);
    }
    const parsed = this.module.safeParseLead(input);
    if (!parsed.success) {
      this.fail(line, null, parsed.issues, text);
      return;
    }
    const outcome = this.writer.write(parsed.data, line, this.out);
    this.evaluated++;
    if (outcome === DISQUALIFIED) this.disqualified++;
    else this.stages[outcome]!++;
  }

  /**
   * One invalid record in the errors output. With `--errors FILE`, one JSON line:
   * `{"line":5,"issues":[{"path":"company.employees","message":"..."}],"text":"..."}` for a lead the
   * policy rejects, `{"line":3,"error":"not valid JSON: ...","text":"..."}` for a record that is not
   * a lead at all. Otherwise, one line per problem: `leads.ndjson:5: lead.company.employees: ...`.
   */
  private fail(line: number, reason: string | null, issues: readonly LeadIssue[] | null, text: string | null): void {
    this.invalid++;
    if (this.settings.errors === "ndjson") {
      const record: Record<string, unknown> = { line };
      if (issues !== null) record.issues = issues.map((i) => ({ path: i.path, message: i.message }));
      else record.error = reason;
      if (text !== null) record.text = text;
      this.errors += `${JSON.stringify(record)}\n`;
      return;
    }
    const where = `${this.settings.source}:${line}`;
    if (issues === null) {
      this.errors += `${where}: ${reason}\n`;
      return;
    }
    for (const issue of issues)
      this.errors += `${where}: ${issue.path ? `lead.${issue.path}` : "lead"}: ${issue.message}\n`;
  }
}
