import type { Decision, GateResult, Status } from "@leadgate/runtime";
import { loadPolicy } from "@leadgate/harness";
import pc from "picocolors";
import { readTextFile } from "../files.js";
import { formatDiagnostic } from "../format-diagnostics.js";
import type { Output } from "../output.js";
import { readLeadFile } from "../read-lead.js";
import { requireDate } from "../today.js";
import { parsePolicy } from "@leadgate/language";

export interface ExplainOptions {
  asOf?: string;
  format: "text" | "json";
}

/** `leadgate explain`: why a lead is where it is, and what it needs for the next stage. */
export async function runExplain(
  policyPath: string,
  leadPath: string,
  options: ExplainOptions,
  output: Output,
): Promise<number> {
  const asOf = requireDate(options.asOf, "--as-of");
  const text = readTextFile(policyPath);
  const input = readLeadFile(leadPath);
  const loaded = await loadPolicy(text, policyPath);
  if (!loaded.ok) {
    const { source } = parsePolicy(text, policyPath);
    for (const d of loaded.diagnostics) output.err(formatDiagnostic(policyPath, source, d));
    output.err(`${policyPath} has errors; fix them to explain a lead.`);
    return 1;
  }
  const parsed = loaded.module.safeParseLead(input);
  if (!parsed.success) {
    for (const issue of parsed.issues)
      output.err(`${leadPath}: ${issue.path ? `lead.${issue.path}` : "lead"}: ${issue.message}`);
    output.err(
      `The lead is not valid for policy ${loaded.module.policy.name} (${parsed.issues.length} problem${parsed.issues.length === 1 ? "" : "s"}).`,
    );
    return 1;
  }
  const decision = loaded.module.evaluate(parsed.data, { asOf });
  output.out(options.format === "json" ? JSON.stringify(decision, null, 2) : explainDecision(decision));
  return 0;
}

const MARK: Record<Status, string> = { passed: pc.green("✓"), failed: pc.red("✗"), missing: pc.yellow("?") };

export function explainDecision(decision: Decision): string {
  const lines: string[] = [];
  lines.push(pc.bold(`Policy ${decision.policy} ${decision.version}, as of ${decision.asOf}`));
  const stageText = decision.stage ?? "no stage";
  const followUp = decision.followUp
    ? ` — follow up within ${decision.followUp.within.amount} ${decision.followUp.within.unit}`
    : "";
  lines.push(`Stage: ${pc.bold(stageText)}${followUp}`);
  if (decision.disqualified)
    lines.push(pc.red(`Disqualified: ${decision.disqualified.reason} (${decision.disqualified.name})`));
  lines.push("");
  for (const [stage, gate] of Object.entries(decision.gates) as Array<[string, GateResult]>) {
    lines.push(`${MARK[gate.status]} ${pc.bold(stage)} ${gate.label} ${pc.gray(`(owned by ${gate.owner})`)}`);
    for (const [name, req] of Object.entries(gate.requirements)) {
      const values = Object.entries(req.values)
        .map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
        .join(", ");
      const label = req.label !== name ? ` ${req.label}` : "";
      const missing = req.missing.length > 0 ? pc.yellow(` — missing: ${req.missing.join(", ")}`) : "";
      lines.push(`    ${MARK[req.status]} ${name}${label}${values ? pc.gray(`  [${values}]`) : ""}${missing}`);
    }
  }
  const scores = Object.entries(decision.scores);
  if (scores.length > 0) {
    lines.push("", pc.bold("Scores"));
    for (const [name, score] of scores) {
      const notes = [score.capped ? "capped" : "", score.floored ? "raised to floor" : ""].filter(Boolean).join(", ");
      lines.push(`  ${name}: ${score.total}${notes ? pc.gray(` (${notes})`) : ""}`);
      for (const [line, part] of Object.entries(score.parts)) {
        const details = [
          part.matched !== undefined ? `${part.matched} matched` : "",
          part.capped ? "capped" : "",
          part.decayed ? "decayed" : "",
          part.missing.length > 0 ? `missing: ${part.missing.join(", ")}` : "",
        ].filter(Boolean);
        lines.push(
          `    ${String(part.points).padStart(7)}  ${line}${details.length > 0 ? pc.gray(`  (${details.join(", ")})`) : ""}`,
        );
      }
    }
  }
  const grades = Object.entries(decision.grades);
  if (grades.length > 0)
    lines.push("", `${pc.bold("Grades")}: ${grades.map(([g, v]) => `${g} = ${v ?? "missing"}`).join(", ")}`);
  lines.push("", nextStep(decision));
  return lines.join("\n");
}

function nextStep(decision: Decision): string {
  if (decision.disqualified) return "Next: none — the lead is disqualified.";
  const gates = Object.entries(decision.gates) as Array<[string, GateResult]>;
  const index = decision.stage === null ? 0 : gates.findIndex(([name]) => name === decision.stage) + 1;
  const next = gates[index];
  if (!next) return "Next: none — the lead has reached the last stage.";
  const [name, gate] = next;
  const needs = [
    ...gate.failed.map((r) => `${r} (failed)`),
    ...gate.missing.map((r) => `${r} (ask for: ${gate.requirements[r]?.missing.join(", ") || "more data"})`),
  ];
  return `Next: to reach ${name}, the lead needs ${needs.join("; ")}.`;
}
