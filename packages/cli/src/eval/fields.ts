import { didYouMean } from "@leadgate/language";
import type { Decision } from "@leadgate/runtime";
import { UsageError } from "../files.js";
import type { Column } from "./columns.js";

/** The columns of `--format csv` when `--fields` is not given. */
export const DEFAULT_CSV_FIELDS = "line,stage,disqualified,scores.*,grades.*";

/**
 * Keys of the parts of a decision that are null when they do not apply, so a sample decision
 * cannot show them (see @leadgate/runtime's Decision).
 */
const NULLABLE: Readonly<Record<string, readonly string[]>> = {
  disqualified: ["name", "reason"],
  followUp: ["stage", "within"],
  override: [
    "name",
    "label",
    "stage",
    "honoured",
    "stageFromGates",
    "status",
    "passed",
    "failed",
    "missing",
    "requirements",
  ],
};

/**
 * The columns `--fields` asks for, checked against a sample decision of the policy: a misspelt field
 * is a usage error before anything is read. `prefix.*` stands for every key under the prefix, in
 * decision order (`scores.*`: every score).
 */
export function resolveFields(spec: string, sample: Decision): Column[] {
  const names = spec
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  if (names.length === 0) throw new UsageError("--fields needs at least one field, e.g. --fields line,stage");
  const columns: Column[] = [];
  for (const name of names) {
    const path = name.split(".");
    if (path.at(-1) === "*") {
      const prefix = path.slice(0, -1);
      const under = prefix.length === 0 ? sample : check(prefix, sample, name);
      if (typeof under !== "object" || under === null || Array.isArray(under))
        throw new UsageError(
          `--fields: '${name}': ${prefix.join(".")} has no fields to list in this policy's decisions`,
        );
      for (const key of Object.keys(under)) columns.push(column([...prefix, key]));
    } else {
      if (name !== "line") check(path, sample, name);
      columns.push(column(path));
    }
  }
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c.name)) throw new UsageError(`--fields: '${c.name}' is asked for twice`);
    seen.add(c.name);
  }
  return columns;
}

/** Walks the path in the sample decision; returns what is there, or throws with a suggestion. */
function check(path: readonly string[], sample: Decision, name: string): unknown {
  let current: unknown = sample;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    if (current === null && i > 0) {
      // A part that is null in the sample (no disqualifier applies): its keys are known from the type.
      const keys = NULLABLE[path[i - 1]!];
      if (keys === undefined || i > 1) return null;
      if (!keys.includes(key)) throw unknown(name, key, keys);
      return null;
    }
    if (typeof current !== "object" || current === null || Array.isArray(current) || !Object.hasOwn(current, key)) {
      const keys = typeof current === "object" && current !== null ? Object.keys(current) : [];
      throw unknown(name, key, i === 0 ? ["line", ...keys] : keys);
    }
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function unknown(name: string, key: string, candidates: readonly string[]): UsageError {
  const hint = didYouMean(key, candidates);
  return new UsageError(
    `--fields: no '${name}' in this policy's decisions${hint ? `. ${hint}` : candidates.length > 0 ? `; there: ${candidates.join(", ")}` : ""}`,
  );
}

/** How an object at the path is shown in a cell; see docs/guides/bulk-evaluation.md. */
function column(path: readonly string[]): Column {
  const [top, , third] = path;
  const show: Column["show"] =
    top === "scores" && path.length === 2
      ? "total"
      : top === "scores" && third === "parts" && path.length === 4
        ? "points"
        : (top === "gates" && (path.length === 2 || (third === "requirements" && path.length === 4))) ||
            (top === "override" && path[1] === "requirements" && path.length === 3)
          ? "status"
          : top === "disqualified" && path.length === 1
            ? "name"
            : "value";
  return { name: path.join("."), path, show };
}
