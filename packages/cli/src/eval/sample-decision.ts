import type { PolicyModule } from "@leadgate/harness";
import type { Decision } from "@leadgate/runtime";
import { UsageError } from "../files.js";

type Schema = Readonly<Record<string, unknown>>;

/**
 * A decision for the smallest lead the policy accepts. Every decision of a policy has the same
 * keys (its stages, scores, rules, grades, requirements), so this one shows which `--fields` exist
 * before any record is read, for a policy file and a compiled module alike.
 */
export function sampleDecision(module: PolicyModule, asOf: string, source: string): Decision {
  const schema = module.leadJsonSchema;
  const defs = isObject(schema.$defs) ? schema.$defs : {};
  const parsed = module.safeParseLead(sampleOf(schema, defs, 0));
  if (!parsed.success) {
    const issue = parsed.issues[0];
    throw new UsageError(
      `${source}: its lead schema and its validation disagree (${issue ? `${issue.path}: ${issue.message}` : "no issue given"}); rebuild it with leadgate build`,
    );
  }
  return module.evaluate(parsed.data, { asOf });
}

/** The smallest value the schema accepts: required fields only, first choices, empty lists. */
function sampleOf(schema: Schema, defs: Schema, depth: number): unknown {
  // Records nest at most 64 deep (LG3009); a deeper schema is not one leadgate wrote.
  if (depth > 100) return null;
  const ref = schema.$ref;
  if (typeof ref === "string" && ref.startsWith("#/$defs/")) {
    const target = defs[ref.slice("#/$defs/".length)];
    return isObject(target) ? sampleOf(target, defs, depth + 1) : null;
  }
  if (Array.isArray(schema.anyOf)) {
    const option = schema.anyOf.find((s): s is Schema => isObject(s) && s.type !== "null");
    return option ? sampleOf(option, defs, depth + 1) : null;
  }
  if (Array.isArray(schema.enum)) return schema.enum[0];
  switch (schema.type) {
    case "string":
      return schema.format === "email" ? "sample@example.com" : schema.format === "date" ? "2000-01-01" : "sample";
    case "integer":
    case "number":
      return 0;
    case "boolean":
      return false;
    case "array":
      return [];
    case "object": {
      const lead: Record<string, unknown> = {};
      const properties = isObject(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? schema.required : [];
      for (const name of required) {
        const property = typeof name === "string" ? properties[name] : undefined;
        if (typeof name === "string" && isObject(property)) lead[name] = sampleOf(property, defs, depth + 1);
      }
      return lead;
    }
    default:
      return null;
  }
}

function isObject(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
