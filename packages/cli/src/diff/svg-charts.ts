import { escapeHtml as esc } from "./escape.js";
import { stateLabel } from "./states.js";
import type { FunnelRow, Transition } from "./transitions.js";

/**
 * Charts drawn by our own code as inline SVG: the HTML report must open offline, from a file or
 * a CI artifact, with no script or font to fetch. Coordinates are rounded so the same report
 * always gives the same bytes.
 */

const FONT = `font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12"`;
const BEFORE = "#9aa5b1";
const AFTER = "#2f6fde";

function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** Leads per state before and after: a pair of horizontal bars per state, worst state first. */
export function funnelChart(rows: readonly FunnelRow[], title: string): string {
  const labelWidth = 120;
  const barArea = 420;
  const barHeight = 14;
  const rowHeight = barHeight * 2 + 12;
  const top = 28;
  const width = labelWidth + barArea + 60;
  const height = top + rows.length * rowHeight + 4;
  const max = Math.max(1, ...rows.flatMap((r) => [r.before, r.after]));
  const parts: string[] = [
    `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(title)}" ${FONT}>`,
    `<title>${esc(title)}</title>`,
    `<rect x="${labelWidth}" y="4" width="12" height="12" fill="${BEFORE}"/><text x="${labelWidth + 16}" y="14">before</text>`,
    `<rect x="${labelWidth + 80}" y="4" width="12" height="12" fill="${AFTER}"/><text x="${labelWidth + 96}" y="14">after</text>`,
  ];
  rows.forEach((row, i) => {
    const y = top + i * rowHeight;
    parts.push(
      `<text x="${labelWidth - 8}" y="${n(y + barHeight + 4)}" text-anchor="end">${esc(stateLabel(row.state))}</text>`,
    );
    for (const [k, value, colour] of [
      [0, row.before, BEFORE],
      [1, row.after, AFTER],
    ] as const) {
      const w = (value / max) * barArea;
      const by = y + k * barHeight;
      parts.push(
        `<rect x="${labelWidth}" y="${n(by)}" width="${n(Math.max(w, value > 0 ? 1 : 0))}" height="${barHeight - 2}" fill="${colour}"><title>${esc(stateLabel(row.state))} ${k === 0 ? "before" : "after"}: ${value}</title></rect>`,
      );
      parts.push(`<text x="${n(labelWidth + w + 4)}" y="${n(by + barHeight - 3)}" fill="#333">${value}</text>`);
    }
  });
  parts.push("</svg>");
  return parts.join("");
}

/** The transition matrix as a heat map: darker is more leads; moves (off the diagonal) in orange. */
export function transitionHeatmap(
  states: readonly string[],
  transitions: readonly Transition[],
  title: string,
): string {
  const labelWidth = 110;
  const top = 44;
  const cellW = 84;
  const cellH = 32;
  const width = labelWidth + states.length * cellW + 8;
  const height = top + states.length * cellH + 8;
  const count = (from: string, to: string) => transitions.find((t) => t.from === from && t.to === to)?.count ?? 0;
  const max = Math.max(1, ...transitions.map((t) => t.count));
  const parts: string[] = [
    `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(title)}" ${FONT}>`,
    `<title>${esc(title)}</title>`,
    `<text x="${labelWidth}" y="12" fill="#555">after →</text>`,
    `<text x="4" y="${top - 6}" fill="#555">before ↓</text>`,
  ];
  states.forEach((state, i) => {
    const x = labelWidth + i * cellW + cellW / 2;
    parts.push(`<text x="${n(x)}" y="${top - 8}" text-anchor="middle">${esc(clip(stateLabel(state)))}</text>`);
    parts.push(
      `<text x="${labelWidth - 8}" y="${n(top + i * cellH + cellH / 2 + 4)}" text-anchor="end">${esc(clip(stateLabel(state)))}</text>`,
    );
  });
  states.forEach((from, r) => {
    states.forEach((to, c) => {
      const value = count(from, to);
      const x = labelWidth + c * cellW;
      const y = top + r * cellH;
      const moved = from !== to;
      const strength = value === 0 ? 0 : 0.2 + 0.8 * (value / max);
      const fill =
        value === 0 ? "#f4f5f7" : moved ? `rgba(230,120,20,${n(strength)})` : `rgba(47,111,222,${n(strength * 0.6)})`;
      const label = `${stateLabel(from)} → ${stateLabel(to)}: ${value}`;
      parts.push(
        `<rect x="${x}" y="${y}" width="${cellW - 2}" height="${cellH - 2}" fill="${fill}"><title>${esc(label)}</title></rect>`,
      );
      if (value > 0)
        parts.push(
          `<text x="${n(x + cellW / 2 - 1)}" y="${n(y + cellH / 2 + 3)}" text-anchor="middle"${moved ? ' font-weight="bold"' : ""}>${value}</text>`,
        );
    });
  });
  parts.push("</svg>");
  return parts.join("");
}

/** Long stage names would run into the next column. */
function clip(text: string): string {
  return text.length > 12 ? `${text.slice(0, 11)}…` : text;
}
