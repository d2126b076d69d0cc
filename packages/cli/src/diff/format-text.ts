import type { Colors } from "@leadgate/harness";
import { leadLabel } from "./leads.js";
import type { ImpactReport, PolicyReport } from "./report.js";
import { stateLabel } from "./states.js";
import { bumpLine, headline, MARK, plural, shift, versionLine } from "./wording.js";

/** How many moved or invalid leads the terminal shows per policy; `--format json` lists all. */
const MOVED_SHOWN = 200;
const INVALID_SHOWN = 20;

/** The report for a terminal or a log: plain text, coloured only when `colors` says so. */
export function formatText(report: ImpactReport, c: Colors): string {
  const lines: string[] = [];
  lines.push(c.bold(`leadgate diff: ${report.base.label} → ${report.head.label}`));
  lines.push(headline(report));
  for (const policy of report.policies) lines.push("", ...policyLines(policy, c));
  if (report.unreadable.length > 0) {
    lines.push("", c.yellow(`Not evaluated (${report.unreadable.length}): run 'leadgate test' for details`));
    for (const u of report.unreadable.slice(0, INVALID_SHOWN)) lines.push(`  ${leadLabel(u.ref)}: ${u.reason}`);
    more(lines, report.unreadable.length - INVALID_SHOWN);
  }
  lines.push("", c.bold("Approvals needed:"));
  if (report.approvals.length === 0) lines.push("  none");
  for (const a of report.approvals) {
    lines.push(`  ${c.bold(a.team)} ${c.gray(`(${a.handles.join(", ") || "no handles"})`)}`);
    for (const reason of a.reasons) lines.push(`    ${reason}`);
  }
  lines.push("", c.bold(bumpLine(report)));
  for (const reason of report.bump.reasons) lines.push(`  ${reason}`);
  return lines.join("\n");
}

function policyLines(p: PolicyReport, c: Colors): string[] {
  const head = `${c.cyan(p.path)}  ${c.bold(p.name)}: ${versionLine(p)}`;
  const errors = [
    p.errors.before > 0 ? `has ${plural(p.errors.before, "error")} at the base version` : "",
    p.errors.after > 0 ? `has ${plural(p.errors.after, "error")} at the head version` : "",
  ].filter(Boolean);
  if (p.status === "unchanged") return [`${head} ${c.gray(`— no change (${plural(p.evaluated, "lead")} evaluated)`)}`];
  const lines = [head];
  for (const e of errors) lines.push(c.red(`  ${e}: not evaluated (run 'leadgate check')`));
  if (p.changes.length > 0) {
    lines.push("  Policy changes:");
    for (const change of p.changes) {
      const mark = MARK[change.change];
      const colour = change.change === "added" ? c.green : change.change === "removed" ? c.red : c.yellow;
      lines.push(`    ${colour(mark)} ${change.text}${change.breaking ? c.red(" (breaking)") : ""}`);
    }
  } else if (p.status === "changed") lines.push(c.gray("  Only comments or layout changed."));
  if (p.evaluated === 0) return lines;
  lines.push(`  Stage transitions (rows: before, columns: after; ${plural(p.evaluated, "lead")}):`);
  lines.push(...matrixLines(p, c).map((l) => `    ${l}`));
  if (p.scores.length > 0) {
    const rows = p.scores.map((s) => [
      s.score,
      shift(s.before, s.after, "mean"),
      shift(s.before, s.after, "median"),
      shift(s.before, s.after, "p90"),
    ]);
    lines.push("  Scores:");
    lines.push(...table([["", "mean", "median", "p90"], ...rows]).map((l) => `    ${l}`));
  }
  lines.push(p.moved.length === 0 ? "  No lead changes stage." : `  Leads that change stage (${p.moved.length}):`);
  for (const m of p.moved.slice(0, MOVED_SHOWN)) {
    lines.push(`    ${leadLabel(m.lead)}: ${c.bold(`${stateLabel(m.from)} → ${stateLabel(m.to)}`)}`);
    lines.push(`      ${c.gray(m.why)}`);
  }
  more(lines, p.moved.length - MOVED_SHOWN);
  if (p.invalid.length > 0) {
    lines.push(c.yellow(`  Leads not valid for a version (${p.invalid.length}):`));
    for (const i of p.invalid.slice(0, INVALID_SHOWN)) {
      const where = i.before && i.after ? "both versions" : i.after ? "the new version" : "the old version";
      lines.push(`    ${leadLabel(i.lead)}: ${where}: ${(i.after ?? i.before ?? [])[0] ?? ""}`);
    }
    more(lines, p.invalid.length - INVALID_SHOWN);
  }
  return lines;
}

/** The transition matrix: a row per state before, a column per state after, `·` for none. */
function matrixLines(p: PolicyReport, c: Colors): string[] {
  const count = (from: string, to: string) => p.transitions.find((t) => t.from === from && t.to === to)?.count ?? 0;
  const header = ["", ...p.states.map(stateLabel)];
  const rows = p.states.map((from) => [stateLabel(from), ...p.states.map((to) => String(count(from, to) || "·"))]);
  // Off the diagonal, a count is leads that moved: coloured after padding, so widths stay right.
  return table([header, ...rows], true, (cell, r, i) =>
    r === 0 ? c.gray(cell) : i > 0 && i !== r && cell.trim() !== "·" ? c.yellow(cell) : cell,
  );
}

/** Aligned columns: the first left-aligned, the others right-aligned when `numeric`. */
function table(
  rows: readonly string[][],
  numeric = false,
  colour: (padded: string, row: number, column: number) => string = (cell) => cell,
): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row, r) =>
    row
      .map((cell, i) => {
        const pad = " ".repeat((widths[i] ?? 0) - [...cell].length);
        return colour(i === 0 || !numeric ? cell + pad : pad + cell, r, i);
      })
      .join("  ")
      .trimEnd(),
  );
}

function more(lines: string[], hidden: number): void {
  if (hidden > 0) lines.push(`    … and ${hidden} more (--format json lists all)`);
}
