/** One cell of the stage-transition matrix: how many leads went from one state to another. */
export interface Transition {
  readonly from: string;
  readonly to: string;
  readonly count: number;
}

/** How many leads are in a state before and after: one bar pair of the funnel chart. */
export interface FunnelRow {
  readonly state: string;
  readonly before: number;
  readonly after: number;
}

export interface Move {
  readonly from: string;
  readonly to: string;
}

/** The non-empty cells of the matrix, rows and columns in `order` (states not in it go last, by name). */
export function transitionCounts(moves: readonly Move[], order: readonly string[]): Transition[] {
  const counts = new Map<string, Transition>();
  for (const { from, to } of moves) {
    const key = JSON.stringify([from, to]);
    counts.set(key, { from, to, count: (counts.get(key)?.count ?? 0) + 1 });
  }
  const rank = ranker(order);
  return [...counts.values()].sort(
    (a, b) => rank(a.from) - rank(b.from) || rank(a.to) - rank(b.to) || compare(a.from + a.to, b.from + b.to),
  );
}

/** Leads per state before and after, for every state in `order`, empty ones included. */
export function funnelRows(moves: readonly Move[], order: readonly string[]): FunnelRow[] {
  return order.map((state) => ({
    state,
    before: moves.filter((m) => m.from === state).length,
    after: moves.filter((m) => m.to === state).length,
  }));
}

function ranker(order: readonly string[]): (state: string) => number {
  const index = new Map(order.map((s, i) => [s, i]));
  return (state) => index.get(state) ?? order.length;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
