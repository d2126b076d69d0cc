/**
 * Calendar dates as day numbers (days since 1970-01-01, UTC), so windows and ages are integer
 * arithmetic: no time zones, no clocks. Nothing here reads the current time.
 */

/** Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * Whether the text is a real `YYYY-MM-DD` calendar date in the proleptic Gregorian calendar
 * (2026-02-30 is not; years 0000 to 9999). The lead reader of every compiled module runs it on
 * each date of each lead, so it reads character codes instead of matching a regular expression:
 * it accepts exactly what zod's `z.iso.date()` does (compared on every year, month and day in
 * lead-reader.test.ts of the compiler).
 */
export function isIsoDate(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== HYPHEN || text.charCodeAt(7) !== HYPHEN) return false;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  return year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const HYPHEN = 0x2d;

/** The decimal number written by `text[from, to)`, or -1 when any of it is not an ASCII digit. */
function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Day number of a `YYYY-MM-DD` string that the lead schema has already validated. Reads the digits
 * directly: this runs for every activity of every lead, so it avoids `Date` and regular expressions.
 */
export function dayOf(iso: string): number {
  const year =
    (iso.charCodeAt(0) - 48) * 1000 +
    (iso.charCodeAt(1) - 48) * 100 +
    (iso.charCodeAt(2) - 48) * 10 +
    (iso.charCodeAt(3) - 48);
  const month = (iso.charCodeAt(5) - 48) * 10 + (iso.charCodeAt(6) - 48);
  const day = (iso.charCodeAt(8) - 48) * 10 + (iso.charCodeAt(9) - 48);
  // daysFromCivil for four-digit years, in integer arithmetic: shifted by one 400-year era, every
  // quantity is a non-negative integer, so `| 0` truncation is Math.floor and the JIT can keep
  // everything in integer registers (about a third faster, and dates dominate activity loops).
  const y = (month <= 2 ? year - 1 : year) + 400;
  const era = (y / 400) | 0;
  const yoe = y - era * 400;
  const doy = (((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) | 0) + day - 1;
  const doe = yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + doy;
  return (era - 1) * 146097 + doe - 719468;
}

export function isoOf(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The same day `months` calendar months later (or earlier), clamped to the month's last day: Jan 31 + 1 month = Feb 28/29. */
export function addMonths(days: number, months: number): number {
  const { year, month, day } = civilFromDays(days);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return daysFromCivil(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

export type TimeUnit = "days" | "weeks" | "months";

/** The first day inside a window of `amount` units ending on `asOf`. */
export function windowStart(asOf: number, amount: number, unit: TimeUnit): number {
  switch (unit) {
    case "days":
      return asOf - amount;
    case "weeks":
      return asOf - amount * 7;
    case "months":
      return addMonths(asOf, -amount);
  }
}

/**
 * The evaluation date as a day number and its ISO text. Accepts `YYYY-MM-DD` or a `Date` (its UTC
 * calendar day). Throws a `RangeError` on anything else: the caller passed a bad argument.
 */
export function normalizeAsOf(asOf: string | Date): { day: number; iso: string } {
  // A batch evaluates every lead as of the same day: validate each distinct text once.
  if (typeof asOf === "string" && asOf === lastAsOf?.text) return lastAsOf.normalized;
  if (asOf instanceof Date) {
    const time = asOf.getTime();
    if (Number.isNaN(time)) throw new RangeError("asOf is an invalid Date");
    const day = Math.floor(time / 86_400_000);
    return { day, iso: isoOf(day) };
  }
  if (typeof asOf !== "string" || !isIsoDate(asOf)) {
    throw new RangeError(`asOf must be a YYYY-MM-DD date or a Date, got ${JSON.stringify(asOf)}`);
  }
  lastAsOf = { text: asOf, normalized: Object.freeze({ day: dayOf(asOf), iso: asOf }) };
  return lastAsOf.normalized;
}

let lastAsOf: { text: string; normalized: { day: number; iso: string } } | undefined;
