import { dayOf, windowStart, type TimeUnit } from "./dates.js";

type Maybe<T> = T | null | undefined;

/** `d within N units`: between the window's first day and the evaluation date, both included. */
export function inWindow(date: Maybe<string>, asOf: number, amount: number, unit: TimeUnit): boolean | null {
  if (date == null) return null;
  const day = dayOf(date);
  return day <= asOf && day >= windowStart(asOf, amount, unit);
}

/** `d older than N units`: before the window's first day. */
export function olderThan(date: Maybe<string>, asOf: number, amount: number, unit: TimeUnit): boolean | null {
  if (date == null) return null;
  return dayOf(date) < windowStart(asOf, amount, unit);
}

/** `days since d`: whole days from the date to the evaluation date; negative for future dates. */
export function daysSince(date: Maybe<string>, asOf: number): number | null {
  return date == null ? null : asOf - dayOf(date);
}
