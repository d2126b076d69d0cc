import { escapeMarkdown as md, markdownCode } from "./escape.js";
import type { LeadRef } from "./leads.js";
import type { ImpactReport, PolicyReport } from "./report.js";
import { stateLabel } from "./states.js";
import { bumpLine, headline, MARK, plural, shift, versionLine } from "./wording.js";

/**
 * Leads listed per policy. A pull-request comment holds at most 65,536 characters; the JSON and
 * HTML reports list every lead.
 */
const MOVED_SHOWN = 50;
const INVALID_SHOWN = 20;

/** A marker a workflow can search for to update its earlier comment instead of adding another. */
export const COMMENT_MARKER = "<!-- leadgate-diff -->";

/** The report as a pull-request comment: headings, tables, and the long lists folded away. */
export function formatMarkdown(report: ImpactReport): string {
  const out: string[] = [COMMENT_MARKER, "## Lead criteria: change impact", ""];
  out.push(
    `Compared ${markdownCode(report.base.label)} with ${report.head.ref === null ? "the work tree" : markdownCode(report.head.label)}: ${md(headline(report))}.`,
    "",
    `**${md(bumpLine(report))}**${report.bump.reasons.length > 0 ? ` — ${report.bump.reasons.map(md).join("; ")}` : ""}`,
    "",
    "### Approvals needed",
    "",
  );
  if (report.approvals.length === 0) out.push("No stage owner's approval is needed.", "");
  else {
    out.push("| Team | Handles | Why |", "| --- | --- | --- |");
    for (const a of report.approvals)
      out.push(`| ${md(a.team)} | ${a.handles.map(md).join(", ")} | ${a.reasons.map(md).join("<br>")} |`);
    out.push("");
  }
  const unchanged = report.policies.filter((p) => p.status === "unchanged");
  for (const policy of report.policies) if (policy.status !== "unchanged") out.push(...policySection(policy));
  if (unchanged.length > 0)
    out.push(`Unchanged: ${unchanged.map((p) => `${md(p.name)} (${plural(p.evaluated, "lead")})`).join(", ")}.`, "");
  if (report.unreadable.length > 0) {
    out.push(`<details><summary>${plural(report.unreadable.length, "case")} could not be evaluated</summary>`, "");
    out.push("| Case | Why |", "| --- | --- |");
    for (const u of report.unreadable.slice(0, INVALID_SHOWN)) out.push(`| ${lead(u.ref)} | ${md(u.reason)} |`);
    out.push(...more(report.unreadable.length - INVALID_SHOWN), "", "</details>", "");
  }
  return out.join("\n");
}

function policySection(p: PolicyReport): string[] {
  const out = [`### ${md(p.name)} — ${markdownCode(p.path)}`, "", md(versionLine(p)), ""];
  if (p.errors.after > 0 || p.errors.before > 0)
    out.push(
      `> **Not evaluated:** the policy has errors${p.errors.after > 0 ? " at the head version" : " at the base version"}; run \`leadgate check\`.`,
      "",
    );
  if (p.changes.length > 0) {
    out.push("**Policy changes**", "");
    for (const c of p.changes) out.push(`- ${md(MARK[c.change])} ${md(c.text)}${c.breaking ? " **(breaking)**" : ""}`);
    out.push("");
  } else if (p.status === "changed") out.push("Only comments or layout changed.", "");
  if (p.evaluated === 0) return out;

  out.push(`**Stage transitions** (${plural(p.evaluated, "lead")}; rows: before, columns: after)`, "");
  const count = (from: string, to: string) => p.transitions.find((t) => t.from === from && t.to === to)?.count ?? 0;
  out.push(`| before \\\\ after | ${p.states.map((s) => md(stateLabel(s))).join(" | ")} |`);
  out.push(`| --- | ${p.states.map(() => "---:").join(" | ")} |`);
  for (const from of p.states) {
    const cells = p.states.map((to) => {
      const n = count(from, to);
      return n === 0 ? "·" : from === to ? String(n) : `**${n}**`;
    });
    out.push(`| ${md(stateLabel(from))} | ${cells.join(" | ")} |`);
  }
  out.push("");
  if (p.scores.length > 0) {
    out.push("**Scores**", "", "| Score | mean | median | p90 |", "| --- | ---: | ---: | ---: |");
    for (const s of p.scores)
      out.push(
        `| ${md(s.score)} | ${shift(s.before, s.after, "mean")} | ${shift(s.before, s.after, "median")} | ${shift(s.before, s.after, "p90")} |`,
      );
    out.push("");
  }
  if (p.moved.length > 0) {
    out.push(
      `<details><summary>${plural(p.moved.length, "lead")} change${p.moved.length === 1 ? "s" : ""} stage</summary>`,
      "",
    );
    out.push("| Lead | Before | After | Why |", "| --- | --- | --- | --- |");
    for (const m of p.moved.slice(0, MOVED_SHOWN))
      out.push(`| ${lead(m.lead)} | ${md(stateLabel(m.from))} | ${md(stateLabel(m.to))} | ${md(m.why)} |`);
    out.push(...more(p.moved.length - MOVED_SHOWN), "", "</details>", "");
  }
  if (p.invalid.length > 0) {
    out.push(`<details><summary>${plural(p.invalid.length, "lead")} not valid for a version</summary>`, "");
    out.push("| Lead | Before | After |", "| --- | --- | --- |");
    for (const i of p.invalid.slice(0, INVALID_SHOWN))
      out.push(`| ${lead(i.lead)} | ${md(i.before?.[0] ?? "valid")} | ${md(i.after?.[0] ?? "valid")} |`);
    out.push(...more(p.invalid.length - INVALID_SHOWN), "", "</details>", "");
  }
  return out;
}

function lead(ref: LeadRef): string {
  return `${md(ref.name)}<br><sub>${md(ref.source)}${ref.line === null ? "" : `:${ref.line}`}</sub>`;
}

function more(hidden: number): string[] {
  return hidden > 0 ? ["", `… and ${hidden} more: the JSON and HTML reports list every lead.`] : [];
}
