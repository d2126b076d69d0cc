import { once } from "node:events";
import type { Writable } from "node:stream";
import type { Qualifier } from "./policies.js";

/** What the batch writes per valid lead: enough to route it, with the line to find it again. */
export interface ScoredLine {
  line: number;
  stage: string | null;
  /** Each score's total, by score name. */
  scores: Record<string, number>;
  /** The name of the disqualifier that applied, if any. */
  disqualified: string | null;
}

export interface ScoreCounts {
  scored: number;
  invalid: number;
}

export interface ScoreLinesOptions {
  qualifier: Qualifier;
  asOf: string;
  /** Receives one NDJSON record per valid lead; its backpressure is respected. */
  out: Writable;
  /** Receives one message per problem, without a trailing newline. */
  report: (message: string) => void;
  /** How lines are named in reports: the file name, or `stdin`. */
  source: string;
}

/**
 * Scores leads one line at a time, so memory stays flat however long the input is. Blank lines are
 * skipped but still counted, so reported line numbers match what an editor shows.
 */
export async function scoreLines(lines: AsyncIterable<string>, options: ScoreLinesOptions): Promise<ScoreCounts> {
  const counts: ScoreCounts = { scored: 0, invalid: 0 };
  let lineNumber = 0;
  for await (const raw of lines) {
    lineNumber++;
    // A byte-order mark some editors put at the start of a file is not part of the JSON.
    const text = lineNumber === 1 ? raw.replace(/^\uFEFF/, "") : raw;
    if (text.trim() === "") continue;
    const where = `${options.source}:${lineNumber}`;

    let input: unknown;
    try {
      input = JSON.parse(text) as unknown;
    } catch (error) {
      counts.invalid++;
      options.report(`${where}: invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }

    const result = options.qualifier.qualify(input, options.asOf);
    if (!result.ok) {
      counts.invalid++;
      for (const issue of result.issues) options.report(`${where}: ${issue.path}: ${issue.message}`);
      continue;
    }

    const { decision } = result;
    const record: ScoredLine = {
      line: lineNumber,
      stage: decision.stage,
      scores: Object.fromEntries(Object.entries(decision.scores).map(([name, score]) => [name, score.total])),
      disqualified: decision.disqualified?.name ?? null,
    };
    counts.scored++;
    if (!options.out.write(`${JSON.stringify(record)}\n`)) await once(options.out, "drain");
  }
  return counts;
}
