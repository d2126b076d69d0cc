/**
 * The date arithmetic the hand-written evaluators use: what a team writing the policy by hand
 * would put in a utility module. The fastest method we know, so the hand-written baseline is a
 * real speed limit and not slowed by a naive `Date` round trip.
 */

/** Days since 1970-01-01 of a valid `YYYY-MM-DD` date (years 0000-9999), read digit by digit. */
export function dayNumber(iso: string): number {
  const year =
    (iso.charCodeAt(0) - 48) * 1000 +
    (iso.charCodeAt(1) - 48) * 100 +
    (iso.charCodeAt(2) - 48) * 10 +
    (iso.charCodeAt(3) - 48);
  const month = (iso.charCodeAt(5) - 48) * 10 + (iso.charCodeAt(6) - 48);
  const day = (iso.charCodeAt(8) - 48) * 10 + (iso.charCodeAt(9) - 48);
  // Howard Hinnant's days_from_civil on a year shifted by one 400-year era, so every quantity is
  // a non-negative integer and `| 0` (integer division) equals Math.floor.
  const y = (month <= 2 ? year - 1 : year) + 400;
  const era = (y / 400) | 0;
  const yearOfEra = y - era * 400;
  const dayOfYear = (((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) | 0) + day - 1;
  const dayOfEra = yearOfEra * 365 + ((yearOfEra / 4) | 0) - ((yearOfEra / 100) | 0) + dayOfYear;
  return (era - 1) * 146097 + dayOfEra - 719468;
}

/** Rounds points to two decimals the way the policy language does, without -0. */
export function round2(value: number): number {
  const rounded = Math.round((value + Number.EPSILON) * 100) / 100;
  return rounded === 0 ? 0 : rounded;
}
