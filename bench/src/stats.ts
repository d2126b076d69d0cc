/** Medians and interleaved sampling: the only statistics the benchmark reports. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Runs `rounds` rounds of every task in turn (A, B, C, A, B, C, ...), so a slow phase of the
 * machine (another process, thermal throttling, a GC of the whole heap) hits every task alike
 * instead of whichever happened to run then. Returns each task's samples, in round order.
 */
export async function interleave<K extends string>(
  rounds: number,
  tasks: ReadonlyArray<readonly [K, () => number | Promise<number>]>,
  onRound?: (round: number) => void,
): Promise<Record<K, number[]>> {
  const samples = Object.fromEntries(tasks.map(([key]) => [key, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < rounds; round++) {
    for (const [key, task] of tasks) samples[key].push(await task());
    onRound?.(round + 1);
  }
  return samples;
}

/** The median over rounds of a / b, pairing the samples of the same round. */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  return median(a.map((value, i) => value / b[i]!));
}

export function seconds(fromNs: bigint): number {
  return Number(process.hrtime.bigint() - fromNs) / 1e9;
}
