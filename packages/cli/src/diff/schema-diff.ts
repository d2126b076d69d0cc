import type { FieldShape } from "./lead-schema.js";

export type SchemaChangeKind =
  "removed" | "added" | "made required" | "made optional" | "type changed" | "values removed" | "values added";

/** How the lead a caller must send changed, and whether existing callers break. */
export interface SchemaChange {
  readonly path: string;
  readonly change: SchemaChangeKind;
  /** True when a lead that was valid before can be invalid now: callers must change. */
  readonly breaking: boolean;
  readonly text: string;
}

/** Type changes every value of the old type survives: the new type accepts all old leads. */
const WIDENINGS = new Set(["integer→number", "email→text", "enum→text"]);

/**
 * Compares the lead shapes of two policy versions. Breaking: a field removed (callers' typed lead
 * objects no longer fit), a required field added or an optional one made required, a type
 * narrowed, an enum value removed. Changes under a field that was itself added, removed or
 * retyped are not repeated.
 */
export function diffLeadSchema(
  before: ReadonlyMap<string, FieldShape>,
  after: ReadonlyMap<string, FieldShape>,
): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const covered: string[] = [];
  const underCovered = (path: string) => covered.some((c) => path.startsWith(`${c}.`) || path.startsWith(`${c}[]`));
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort(comparePaths);
  for (const path of paths) {
    if (underCovered(path)) continue;
    const old = before.get(path);
    const now = after.get(path);
    if (old && !now) {
      covered.push(path);
      changes.push({ path, change: "removed", breaking: true, text: `field ${path} removed` });
    } else if (!old && now) {
      covered.push(path);
      changes.push(
        now.optional
          ? { path, change: "added", breaking: false, text: `optional field ${path} added (${describe(now)})` }
          : { path, change: "added", breaking: true, text: `required field ${path} added (${describe(now)})` },
      );
    } else if (old && now) {
      if (old.optional && !now.optional)
        changes.push({ path, change: "made required", breaking: true, text: `field ${path} made required` });
      if (!old.optional && now.optional)
        changes.push({ path, change: "made optional", breaking: false, text: `field ${path} made optional` });
      if (old.type !== now.type) {
        covered.push(path);
        const breaking = !WIDENINGS.has(`${old.type}→${now.type}`);
        const verb = breaking ? "narrowed" : "widened";
        changes.push({
          path,
          change: "type changed",
          breaking,
          text: `field ${path} ${verb} from ${describe(old)} to ${describe(now)}`,
        });
      } else if (old.type === "enum") {
        const removed = old.members.filter((m) => !now.members.includes(m));
        const added = now.members.filter((m) => !old.members.includes(m));
        if (removed.length > 0)
          changes.push({
            path,
            change: "values removed",
            breaking: true,
            text: `field ${path}: value${removed.length === 1 ? "" : "s"} ${removed.join(", ")} removed`,
          });
        if (added.length > 0)
          changes.push({
            path,
            change: "values added",
            breaking: false,
            text: `field ${path}: value${added.length === 1 ? "" : "s"} ${added.join(", ")} added`,
          });
      }
    }
  }
  return changes;
}

function describe(field: FieldShape): string {
  if (field.type === "enum") return `one of ${field.members.join(", ")}`;
  return field.type;
}

/** Code-unit order: the same on every machine, and a parent (a prefix) sorts before its children. */
function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
