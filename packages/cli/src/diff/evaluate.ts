import type { PolicyModule } from "@leadgate/harness";
import type { Decision } from "@leadgate/runtime";
import { csvToLead } from "../leads/csv-lead.js";
import type { LeadInput } from "./leads.js";

/** What one policy version made of one lead: a decision, or why the lead is not valid for it. */
export type Outcome =
  | { readonly kind: "decided"; readonly decision: Decision }
  | { readonly kind: "invalid"; readonly issues: readonly string[] };

/**
 * Validates the lead with the version's own schema (CSV cells typed by it first) and evaluates it
 * as of `asOf`: exactly what a service importing that version would get.
 */
export function evaluateWith(module: PolicyModule, input: LeadInput, asOf: string): Outcome {
  const lead = input.kind === "csv" ? csvToLead(input.cells, module.leadJsonSchema) : input.value;
  const parsed = module.safeParseLead(lead);
  if (!parsed.success)
    return { kind: "invalid", issues: parsed.issues.map((i) => `${i.path ? `lead.${i.path}` : "lead"}: ${i.message}`) };
  return { kind: "decided", decision: module.evaluate(parsed.data, { asOf }) };
}
