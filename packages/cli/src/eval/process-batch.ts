import type { PolicyModule } from "@leadgate/harness";
import type { LeadIssue } from "@leadgate/runtime";
import { csvLeadMapper, type CsvLeadMapper } from "../leads/csv-lead.js";
import { parseCsvRow } from "../leads/csv-row.js";
import type { RecordBatch } from "../leads/records.js";
import { ByteSink } from "./byte-sink.js";
import { encoderFor, type Encoder } from "./encode.js";
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

/**
 * Validates, evaluates and writes out a batch of records. The same code runs in the main thread and
 * in worker threads. Per record there is no closure and no intermediate object beyond what the
 * compiled module makes: this loop is the command's throughput.
 */
export class BatchProcessor {
  private readonly encode: Encoder;
  private readonly options: { readonly asOf: string };
  private readonly stageIndex: Map<string, number>;
  private readonly noStage: number;
  private readonly csv: CsvLeadMapper | null;
  private readonly csvWidth: number;
  /** The last batch's output size: the next one's buffer is sized from it, to avoid regrowing. */
  private lastOutBytes = 64 * 1024;

  constructor(
    private readonly module: PolicyModule,
    private readonly settings: EvalSettings,
  ) {
    this.encode = encoderFor(settings.format, settings.columns);
    this.options = { asOf: settings.asOf };
    this.stageIndex = new Map(module.policy.stages.map((s, i) => [s.name, i]));
    this.noStage = module.policy.stages.length;
    this.csv = settings.csvColumns ? csvLeadMapper(settings.csvColumns, module.leadJsonSchema) : null;
    this.csvWidth = settings.csvColumns?.length ?? 0;
  }

  process(batch: RecordBatch): BatchResult {
    const { lines, texts, unreadable } = batch;
    const { module, options, encode, stageIndex } = this;
    const stages = new Array<number>(this.noStage + 1).fill(0);
    const out = new ByteSink(this.lastOutBytes + (this.lastOutBytes >> 3));
    let errors = "";
    let evaluated = 0;
    let invalid = 0;
    let disqualified = 0;
    let nextUnreadable = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const text = texts[i]!;
      const problem = unreadable[nextUnreadable];
      if (problem !== undefined && problem.index === i) {
        nextUnreadable++;
        invalid++;
        errors += this.error(line, problem.reason, null, null);
        continue;
      }
      let input: unknown;
      if (this.csv === null) {
        try {
          input = JSON.parse(text);
        } catch (error) {
          invalid++;
          errors += this.error(line, `not valid JSON: ${(error as Error).message}`, null, text);
          continue;
        }
      } else {
        const row = parseCsvRow(text);
        if (!row.ok || row.cells.length !== this.csvWidth) {
          invalid++;
          const reason = row.ok ? `the row has ${row.cells.length} cells, the header ${this.csvWidth}` : row.reason;
          errors += this.error(line, reason, null, text);
          continue;
        }
        input = this.csv.toLead(row.cells);
      }
      const parsed = module.safeParseLead(input);
      if (!parsed.success) {
        invalid++;
        errors += this.error(line, null, parsed.issues, text);
        continue;
      }
      const decision = module.evaluate(parsed.data, options);
      evaluated++;
      if (decision.disqualified !== null) disqualified++;
      else stages[decision.stage === null ? this.noStage : (stageIndex.get(decision.stage) ?? this.noStage)]!++;
      encode(decision, line, out);
    }
    this.lastOutBytes = out.size;
    return { out: out.bytes(), errors, evaluated, invalid, stages, disqualified };
  }

  /**
   * One invalid record in the errors output. With `--errors FILE`, one JSON line:
   * `{"line":5,"issues":[{"path":"company.employees","message":"..."}],"text":"..."}` for a lead the
   * policy rejects, `{"line":3,"error":"not valid JSON: ...","text":"..."}` for a record that is not
   * a lead at all. Otherwise, one line per problem: `leads.ndjson:5: lead.company.employees: ...`.
   */
  private error(line: number, reason: string | null, issues: readonly LeadIssue[] | null, text: string | null): string {
    if (this.settings.errors === "ndjson") {
      const record: Record<string, unknown> = { line };
      if (issues !== null) record.issues = issues.map((i) => ({ path: i.path, message: i.message }));
      else record.error = reason;
      if (text !== null) record.text = text;
      return `${JSON.stringify(record)}\n`;
    }
    const where = `${this.settings.source}:${line}`;
    if (issues === null) return `${where}: ${reason}\n`;
    let lines = "";
    for (const issue of issues) lines += `${where}: ${issue.path ? `lead.${issue.path}` : "lead"}: ${issue.message}\n`;
    return lines;
  }
}
