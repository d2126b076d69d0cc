/**
 * mulberry32: a small seeded generator, so every run and every machine benchmarks the same leads.
 * Math.random would make the figures of two runs incomparable.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One of the values, with probability proportional to its weight. */
  weighted<T>(choices: ReadonlyArray<readonly [weight: number, value: T]>): T {
    let total = 0;
    for (const [weight] of choices) total += weight;
    let r = this.next() * total;
    for (const [weight, value] of choices) {
      r -= weight;
      if (r < 0) return value;
    }
    return choices[choices.length - 1]![1];
  }
}
