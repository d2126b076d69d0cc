import { isIsoDate } from "@leadgate/runtime";
import { UsageError } from "./files.js";

/**
 * The one place leadgate reads the clock: the default of `--today`, used only to judge whether a
 * policy's review is overdue. Evaluation never reads it; `--as-of` is always explicit.
 */
export function resolveToday(option: string | undefined): string {
  if (option === undefined) return new Date().toISOString().slice(0, 10);
  return requireDate(option, "--today");
}

export function requireDate(value: string | undefined, flag: string): string {
  if (value === undefined) throw new UsageError(`${flag} is required, e.g. ${flag} 2026-11-01`);
  if (!isIsoDate(value)) throw new UsageError(`${flag} must be a date YYYY-MM-DD, got '${value}'`);
  return value;
}
