/**
 * The one place in this service that reads the clock: the default `asOf` when a request names
 * none. Evaluation itself never reads it, so everything else stays reproducible; tests inject a
 * fixed function instead. The day is taken in UTC so that every replica agrees on it.
 */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}
