import { round2, type Decision } from "@leadgate/runtime";

/** Summary statistics of one score's totals over a set of leads, rounded to 2 decimals. */
export interface Stats {
  readonly count: number;
  readonly mean: number;
  readonly median: number;
  /** Nearest-rank 90th percentile: the smallest total that at least 90% of the leads do not exceed. */
  readonly p90: number;
  readonly min: number;
  readonly max: number;
}

/** One score's distribution before and after; null on the side whose policy has no such score. */
export interface ScoreShift {
  readonly score: string;
  readonly before: Stats | null;
  readonly after: Stats | null;
}

export function statsOf(values: readonly number[]): Stats | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const at = (i: number) => sorted[Math.min(n - 1, Math.max(0, i))] ?? 0;
  const median = n % 2 === 1 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
  return {
    count: n,
    mean: round2(sorted.reduce((sum, v) => sum + v, 0) / n),
    median: round2(median),
    p90: round2(at(Math.ceil(0.9 * n) - 1)),
    min: round2(at(0)),
    max: round2(at(n - 1)),
  };
}

/**
 * How each score's distribution moved, over the leads both versions could evaluate (so the two
 * sides describe the same leads). Scores in the new order, then those that were removed.
 */
export function scoreShifts(pairs: ReadonlyArray<{ before: Decision; after: Decision }>): ScoreShift[] {
  const names: string[] = [];
  const before = new Map<string, number[]>();
  const after = new Map<string, number[]>();
  const add = (into: Map<string, number[]>, name: string, total: number) => {
    if (!names.includes(name)) names.push(name);
    let list = into.get(name);
    if (!list) into.set(name, (list = []));
    list.push(total);
  };
  for (const pair of pairs) {
    for (const [name, score] of Object.entries(pair.after.scores)) add(after, name, score.total);
    for (const [name, score] of Object.entries(pair.before.scores)) add(before, name, score.total);
  }
  return names.map((score) => ({
    score,
    before: statsOf(before.get(score) ?? []),
    after: statsOf(after.get(score) ?? []),
  }));
}
