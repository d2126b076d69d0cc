import { dayOf } from "./dates.js";

/**
 * Points arithmetic. Scores are rounded to two decimals at the end of each line and of the total,
 * so decayed fractions never leak float noise (0.1 + 0.2) into decisions and golden files.
 */
export function round2(value: number): number {
  const rounded = Math.round((value + Number.EPSILON) * 100) / 100;
  return rounded === 0 ? 0 : rounded; // no -0 in decisions
}

/** Continuous decay: the points halve every `halfLifeDays` days of age. Future-dated items do not grow. */
export function halfLifeFactor(itemDate: string, asOfDay: number, halfLifeDays: number): number {
  return halfLifeFactorOfDay(dayOf(itemDate), asOfDay, halfLifeDays);
}

/** Step decay: full points up to and including day `afterDays`, half from the next day on. */
export function halfAfterFactor(itemDate: string, asOfDay: number, afterDays: number): number {
  return halfAfterFactorOfDay(dayOf(itemDate), asOfDay, afterDays);
}

// The same, from the item's day number, for loops that convert each item's date once.
export function halfLifeFactorOfDay(itemDay: number, asOfDay: number, halfLifeDays: number): number {
  const age = asOfDay - itemDay;
  return age <= 0 ? 1 : Math.pow(0.5, age / halfLifeDays);
}

export function halfAfterFactorOfDay(itemDay: number, asOfDay: number, afterDays: number): number {
  return asOfDay - itemDay > afterDays ? 0.5 : 1;
}

/** A line's cap bounds the size of its contribution, for negative points too. */
export function capLine(points: number, cap: number): number {
  return points > cap ? cap : points < -cap ? -cap : points;
}

export interface ScorePart {
  points: number;
  /** How many list items matched, for `per` lines. */
  matched?: number;
  capped: boolean;
  decayed: boolean;
  /** Lead fields this line needed but the lead lacks: the line earned nothing from them. */
  missing: string[];
}
