import type { z } from "zod";
import { formatPath, type LeadIssue } from "./validation.js";

/**
 * Turns zod's issues into one line per bad path, in words that name what was expected and what
 * arrived: `company.employees: expected integer, received "fifty"`.
 */
export function leadIssues(error: z.ZodError, input: unknown): LeadIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: describeIssue(issue, input) }));
}

function valueAt(input: unknown, path: readonly PropertyKey[]): { found: boolean; value: unknown } {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== "object" || !Object.prototype.hasOwnProperty.call(current, key)) {
      return { found: false, value: undefined };
    }
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value: current };
}

function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : typeof value;
}

/**
 * Passed as `error` to `z.int()` by generated schemas: zod reports a string given for an integer
 * field as "expected number"; this marks the issue so the message can say "integer".
 */
export function integerError(issue: { readonly code?: string }): string | undefined {
  return issue.code === "invalid_type" ? INTEGER : undefined;
}

const INTEGER = "integer";

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const at = valueAt(input, issue.path);
  switch (issue.code) {
    case "invalid_type": {
      const expected = issue.expected === "int" || issue.message === INTEGER ? "integer" : issue.expected;
      if (!at.found || at.value === undefined) return `required, expected ${expected}`;
      return `expected ${expected}, received ${show(at.value)}`;
    }
    case "invalid_value":
      if (!at.found || at.value === undefined)
        return `required, expected one of ${issue.values.map((v) => String(v)).join(", ")}`;
      return `expected one of ${issue.values.map((v) => String(v)).join(", ")}, received ${show(at.value)}`;
    case "invalid_format":
      return `expected ${issue.format === "date" ? "a date YYYY-MM-DD" : `a valid ${issue.format}`}, received ${show(at.value)}`;
    case "too_big":
    case "too_small":
      return `${issue.message}, received ${show(at.value)}`;
    default:
      return issue.message;
  }
}
