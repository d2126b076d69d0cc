import type { Lead } from "@acme/lead-criteria/inbound";

/**
 * Example cases written the way people write them in examples/*.yaml: block mappings, one flow
 * mapping per activity, plain scalars where YAML reads them back as the same string.
 */

const PLAIN = /^[A-Za-z0-9][\w .@/-]*$/;
// Plain scalars YAML would read as something other than a string.
const NOT_TEXT = /^(?:null|true|false|yes|no|on|off|~|[-+]?[\d.]+(?:e[-+]?\d+)?)$/i;

function scalar(value: string | number | boolean): string {
  if (typeof value !== "string") return String(value);
  return PLAIN.test(value) && !NOT_TEXT.test(value) && !value.endsWith(" ") ? value : JSON.stringify(value);
}

export function leadYaml(lead: Lead, indent: string): string[] {
  const lines: string[] = [];
  const field = (name: string, value: string | number | boolean | null | undefined, depth = 0) => {
    if (value != null) lines.push(`${indent}${"  ".repeat(depth)}${name}: ${scalar(value)}`);
  };
  field("email", lead.email);
  field("title", lead.title);
  field("seniority", lead.seniority);
  field("role", lead.role);
  lines.push(`${indent}company:`);
  field("name", lead.company.name, 1);
  field("industry", lead.company.industry, 1);
  field("employees", lead.company.employees, 1);
  field("country", lead.company.country, 1);
  field("budget", lead.budget);
  field("need_confirmed", lead.need_confirmed);
  field("timeframe_days", lead.timeframe_days);
  field("agreed_to_meet", lead.agreed_to_meet);
  field("unsubscribed", lead.unsubscribed);
  // Dates stay plain: the harness reads `2026-09-15` back as the text the schema expects.
  if (lead.recycled_on != null) lines.push(`${indent}recycled_on: ${lead.recycled_on}`);
  if (lead.activities.length === 0) lines.push(`${indent}activities: []`);
  else {
    lines.push(`${indent}activities:`);
    for (const a of lead.activities) lines.push(`${indent}  - { kind: ${a.kind}, at: ${a.at} }`);
  }
  if (lead.override != null) {
    lines.push(`${indent}override:`);
    field("stage", lead.override.stage, 1);
    field("requested_by", lead.override.requested_by, 1);
    field("reason", lead.override.reason, 1);
    field("approver", lead.override.approver, 1);
  }
  return lines;
}

/** An example file of generated cases, numbered from `first`. */
export function exampleFile(leads: readonly Lead[], first: number): string {
  const cases = leads.map((lead, i) =>
    [
      `  - name: lead ${first + i}`,
      "    why: Generated for the benchmark.",
      "    lead:",
      ...leadYaml(lead, "      "),
    ].join("\n"),
  );
  return `cases:\n${cases.join("\n\n")}\n`;
}
