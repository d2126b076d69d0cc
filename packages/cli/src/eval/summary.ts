import type { BatchResult } from "./process-batch.js";

/** The run's counts, over the batches written so far (what the output holds, also when interrupted). */
export class Counts {
  evaluated = 0;
  invalid = 0;
  disqualified = 0;
  readonly stages: number[];

  constructor(stageCount: number) {
    this.stages = new Array<number>(stageCount + 1).fill(0);
  }

  get records(): number {
    return this.evaluated + this.invalid;
  }

  add(result: BatchResult): void {
    this.evaluated += result.evaluated;
    this.invalid += result.invalid;
    this.disqualified += result.disqualified;
    result.stages.forEach((n, i) => (this.stages[i] = (this.stages[i] ?? 0) + n));
  }
}

export interface SummaryContext {
  readonly stageNames: readonly string[];
  readonly elapsedMs: number;
  readonly interrupted: boolean;
  /** Where invalid records went: the errors file, or null for stderr. */
  readonly errorsFile: string | null;
}

/**
 * The closing summary, for stderr: records and rate, then leads per stage (a disqualified lead
 * counts as disqualified, not under a stage), then invalid records and where they went.
 */
export function summaryLines(counts: Counts, context: SummaryContext): string[] {
  const seconds = context.elapsedMs / 1000;
  const rate = seconds > 0 ? Math.round(counts.records / seconds) : counts.records;
  const head = context.interrupted
    ? `Interrupted after ${n(counts.records)} records in ${seconds.toFixed(1)}s: the output and errors hold exactly these, in complete lines.`
    : `Evaluated ${n(counts.records)} records in ${seconds.toFixed(1)}s (${n(rate)}/s).`;
  const rows: Array<[string, number]> = [
    ...context.stageNames.map((name, i): [string, number] => [name, counts.stages[i] ?? 0]),
    ["no stage", counts.stages[context.stageNames.length] ?? 0],
    ["disqualified", counts.disqualified],
    ["invalid", counts.invalid],
  ];
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  const numberWidth = Math.max(...rows.map(([, value]) => n(value).length));
  const lines = [
    head,
    ...rows.map(([label, value]) => `  ${label.padEnd(labelWidth)}  ${n(value).padStart(numberWidth)}`),
  ];
  if (counts.invalid > 0)
    lines.push(
      `${n(counts.invalid)} invalid record${counts.invalid === 1 ? "" : "s"}: ${context.errorsFile ? `see ${context.errorsFile}` : "see the messages above"}.`,
    );
  return lines;
}

function n(value: number): string {
  return value.toLocaleString("en-US");
}
