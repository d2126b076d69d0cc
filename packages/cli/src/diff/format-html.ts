import { escapeHtml as esc } from "./escape.js";
import type { LeadRef } from "./leads.js";
import type { ImpactReport, PolicyReport } from "./report.js";
import { stateLabel } from "./states.js";
import { funnelChart, transitionHeatmap } from "./svg-charts.js";
import { bumpLine, headline, MARK, plural, shift, versionLine } from "./wording.js";

/** Enough for any review; a corpus that moves more leads than this has the JSON report. */
const MOVED_SHOWN = 1000;
const INVALID_SHOWN = 200;

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328;margin:2rem auto;max-width:1100px;padding:0 1rem}
h1{font-size:1.5rem;margin-bottom:.25rem}h2{font-size:1.2rem;margin-top:2.5rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
h3{font-size:1rem;margin:1.2rem 0 .4rem}code{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace;background:#f6f8fa;padding:.1em .3em;border-radius:4px}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left;vertical-align:top}th{background:#f6f8fa}
td.num{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#656d76}.bump{font-size:1.1rem;font-weight:600}
ul.changes{list-style:none;padding-left:0}ul.changes li{margin:.15rem 0}.mark{display:inline-block;width:1.2em;font-weight:700}
.added{color:#1a7f37}.removed{color:#cf222e}.changed{color:#9a6700}.reordered{color:#8250df}.breaking{color:#cf222e;font-weight:600}
.charts{display:flex;flex-wrap:wrap;gap:2rem;align-items:flex-start}.charts figure{margin:0}figcaption{font-weight:600;margin-bottom:.3rem}
`;

/**
 * The report as one self-contained HTML page: inline CSS and SVG, no script, no external file,
 * font or image, and a Content-Security-Policy that forbids loading anything, so it renders the
 * same offline as on a CI artifact. Every string from a policy, an example or a lead is escaped.
 * Void elements are self-closed (`<br/>`), so the page is also well-formed XML: tests check it
 * with an XML parser, and any tool can read it back.
 */
export function formatHtml(report: ImpactReport): string {
  const title = "Lead criteria: change impact";
  const body: string[] = [];
  body.push(`<h1>${esc(title)}</h1>`);
  body.push(`<p class="muted">${esc(report.base.label)} → ${esc(report.head.label)}. ${esc(headline(report))}.</p>`);
  body.push(`<p class="bump">${esc(bumpLine(report))}</p>`);
  if (report.bump.reasons.length > 0)
    body.push(`<ul>${report.bump.reasons.map((r) => `<li>${esc(r)}</li>`).join("")}</ul>`);
  body.push("<h2>Approvals needed</h2>");
  if (report.approvals.length === 0) body.push("<p>No stage owner's approval is needed.</p>");
  else
    body.push(
      table(
        ["Team", "Handles", "Why"],
        report.approvals.map((a) => [esc(a.team), esc(a.handles.join(", ")), a.reasons.map(esc).join("<br/>")]),
      ),
    );
  for (const policy of report.policies) body.push(...policySection(policy));
  if (report.unreadable.length > 0) {
    body.push(`<h2>Not evaluated (${report.unreadable.length})</h2>`);
    body.push(
      table(
        ["Case", "Why"],
        report.unreadable.slice(0, INVALID_SHOWN).map((u) => [lead(u.ref), esc(u.reason)]),
      ),
    );
  }
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8"/>',
    // Nothing may be fetched or run: the page is data, whoever wrote the leads in it.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/>`,
    '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
    `<title>${esc(title)}</title>`,
    `<style>${STYLE.trim()}</style>`,
    "</head>",
    "<body>",
    ...body,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

function policySection(p: PolicyReport): string[] {
  const out = [`<h2>${esc(p.name)} <code>${esc(p.path)}</code></h2>`, `<p class="muted">${esc(versionLine(p))}</p>`];
  if (p.status === "unchanged") {
    out.push(`<p>No change (${esc(plural(p.evaluated, "lead"))} evaluated).</p>`);
    return out;
  }
  if (p.errors.before > 0 || p.errors.after > 0)
    out.push(
      `<p class="breaking">Not evaluated: the policy has errors at the ${p.errors.after > 0 ? "head" : "base"} version; run <code>leadgate check</code>.</p>`,
    );
  if (p.changes.length > 0) {
    out.push("<h3>Policy changes</h3>", '<ul class="changes">');
    for (const c of p.changes)
      out.push(
        `<li><span class="mark ${c.change}">${esc(MARK[c.change])}</span>${esc(c.text)}${c.breaking ? ' <span class="breaking">breaking</span>' : ""}</li>`,
      );
    out.push("</ul>");
  } else if (p.status === "changed") out.push("<p>Only comments or layout changed.</p>");
  if (p.evaluated === 0) return out;
  out.push('<div class="charts">');
  out.push(
    `<figure><figcaption>Funnel: leads per stage (${esc(plural(p.evaluated, "lead"))})</figcaption>${funnelChart(p.funnel, `Leads per stage of ${p.name}, before and after`)}</figure>`,
  );
  out.push(
    `<figure><figcaption>Stage transitions</figcaption>${transitionHeatmap(p.states, p.transitions, `Stage transitions of ${p.name}`)}</figure>`,
  );
  out.push("</div>");
  if (p.scores.length > 0) {
    out.push("<h3>Scores</h3>");
    out.push(
      table(
        ["Score", "mean", "median", "p90", "min", "max"],
        p.scores.map((s) => [
          esc(s.score),
          ...(["mean", "median", "p90", "min", "max"] as const).map((k) => esc(shift(s.before, s.after, k))),
        ]),
        [1, 2, 3, 4, 5],
      ),
    );
  }
  out.push(
    `<h3>${p.moved.length === 0 ? "No lead changes stage" : `Leads that change stage (${p.moved.length})`}</h3>`,
  );
  if (p.moved.length > 0)
    out.push(
      table(
        ["Lead", "Before", "After", "Why"],
        p.moved
          .slice(0, MOVED_SHOWN)
          .map((m) => [lead(m.lead), esc(stateLabel(m.from)), esc(stateLabel(m.to)), esc(m.why)]),
      ),
    );
  if (p.moved.length > MOVED_SHOWN)
    out.push(`<p class="muted">… and ${p.moved.length - MOVED_SHOWN} more: see the JSON report.</p>`);
  if (p.invalid.length > 0) {
    out.push(`<h3>Leads not valid for a version (${p.invalid.length})</h3>`);
    out.push(
      table(
        ["Lead", "Before", "After"],
        p.invalid
          .slice(0, INVALID_SHOWN)
          .map((i) => [lead(i.lead), esc(i.before?.join("; ") ?? "valid"), esc(i.after?.join("; ") ?? "valid")]),
      ),
    );
  }
  return out;
}

/** A table from cells that are already HTML (escaped by the caller). */
function table(head: readonly string[], rows: readonly (readonly string[])[], numeric: readonly number[] = []): string {
  const cell = (html: string, i: number) => `<td${numeric.includes(i) ? ' class="num"' : ""}>${html}</td>`;
  return [
    "<table>",
    `<thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead>`,
    `<tbody>${rows.map((r) => `<tr>${r.map(cell).join("")}</tr>`).join("\n")}</tbody>`,
    "</table>",
  ].join("\n");
}

function lead(ref: LeadRef): string {
  return `${esc(ref.name)}<br/><span class="muted">${esc(ref.source)}${ref.line === null ? "" : `:${ref.line}`}</span>`;
}
