import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadPolicy, type PolicyModule } from "@leadgate/harness";

/** The repository's inbound policy, which the eval tests run leads through. */
const INBOUND_POLICY = fileURLToPath(new URL("../../../../criteria/policies/inbound.gate", import.meta.url));

/** Compiles and loads criteria/policies/inbound.gate as `leadgate eval` does. */
export async function loadInbound(): Promise<PolicyModule> {
  const loaded = await loadPolicy(readFileSync(INBOUND_POLICY, "utf8"), "inbound.gate");
  if (!loaded.ok) throw new Error("inbound.gate has errors");
  return loaded.module;
}

/** A valid inbound lead that reaches no stage: no activities, so no engagement. */
export const INBOUND_LEAD = {
  email: "ann@northwind.io",
  seniority: "vp",
  role: "decision_maker",
  company: { name: "Northwind", industry: "software", employees: 420, country: "US" },
  budget: "budgeted",
  agreed_to_meet: false,
  unsubscribed: false,
  activities: [],
};
