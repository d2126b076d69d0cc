import type { Decision } from "@leadgate/runtime";

/**
 * One output column of `--fields`: a path into the decision (or `line`), and how an object found
 * there is shown in one cell. Plain data, so it can be sent to worker threads as it is.
 */
export interface Column {
  readonly name: string;
  readonly path: readonly string[];
  readonly show: "value" | "total" | "status" | "name" | "points";
}

/** The value of a column for one decision. */
export function columnValue(c: Column, decision: Decision, line: number): unknown {
  if (c.path.length === 1 && c.path[0] === "line") return line;
  let value: unknown = decision;
  for (const key of c.path) {
    if (typeof value !== "object" || value === null) return null;
    value = (value as Record<string, unknown>)[key];
  }
  if (value === undefined || value === null) return null;
  if (c.show === "value") return value;
  const object = value as Record<string, unknown>;
  return (c.show === "total" ? object.total : c.show === "points" ? object.points : object[c.show]) ?? null;
}
