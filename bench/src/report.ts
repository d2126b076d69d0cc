import { COMPACT_FIELDS, type BulkResult } from "./bulk-eval.js";
import type { CompileTimeResult } from "./compile-time.js";
import type { Options } from "./context.js";
import type { GoldenResult } from "./golden.js";
import { AS_OF } from "./leads.js";
import type { Machine } from "./machine.js";
import type { ThroughputResult } from "./throughput.js";

/** The results of one `npm run bench`, and how they are shown: a console table and bench/results.md. */
export interface Results {
  readonly machine: Machine;
  readonly date: string;
  readonly command: string;
  readonly options: Options;
  readonly rssMethod: string;
  readonly throughput?: ThroughputResult;
  readonly compile?: CompileTimeResult;
  readonly golden?: GoldenResult;
  readonly bulk?: BulkResult;
  /** Why (d) did not run, when it did not. */
  readonly bulkSkipped?: string;
  readonly seconds: number;
  readonly loadAtEnd: number;
}

export interface Floor {
  readonly measure: string;
  readonly limit: string;
  readonly measured: string;
  /** null: not measured in this run. */
  readonly pass: boolean | null;
}

export const int = (n: number): string => Math.round(n).toLocaleString("en-US");
export const times = (ratio: number): string => `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(2)}×`;
const secs = (s: number): string => `${s.toFixed(2)} s`;
const mb = (n: number): string => `${int(n)} MB`;

export function floors(r: Results): Floor[] {
  const t = r.throughput;
  const c = r.compile;
  const g = r.golden;
  const b = r.bulk;
  const floor = (
    measure: string,
    limit: string,
    value: number | undefined,
    show: (v: number) => string,
    ok: (v: number) => boolean,
  ): Floor =>
    value === undefined
      ? { measure, limit, measured: "not run", pass: null }
      : { measure, limit, measured: show(value), pass: ok(value) };
  return [
    floor("compiled vs hand-written (same Decision)", "≥ 0.7×", t?.compiledVs.handWritten, times, (v) => v >= 0.7),
    floor("compiled vs json-rules-engine", "≥ 50×", t?.compiledVs.rulesEngine, times, (v) => v >= 50),
    floor("compile time, 100× vs 1× policy", "≤ 150×", c?.growth100, times, (v) => v <= 150),
    floor(`leadgate test, ${g ? int(g.cases) : "10,000"} cases`, "< 10 s", g?.seconds, secs, (v) => v < 10),
    floor("leadgate eval vs bare parse loop", "≥ 0.5×", b?.ratio, times, (v) => v >= 0.5),
    floor("leadgate eval peak RSS", "< 250 MB", b?.evalPeakRssMb, mb, (v) => v < 250),
  ];
}

const verdict = (pass: boolean | null): string => (pass === null ? "NOT RUN" : pass ? "PASS" : "FAIL");

/** Left-aligned first column, right-aligned numbers, two spaces between columns. */
function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join("  ")
      .trimEnd(),
  );
}

function sections(r: Results): Array<{ title: string; note: string; rows: string[][] }> {
  const out: Array<{ title: string; note: string; rows: string[][] }> = [];
  const t = r.throughput;
  if (t) {
    out.push({
      title: "(a) Evaluation throughput",
      note:
        `${int(t.leads)} generated leads (${t.activitiesPerLead.toFixed(1)} activities each on average; ${t.outcomes}), ` +
        `all evaluated as of ${AS_OF}; every implementation gave the compiled evaluator's decision on every lead ` +
        `before anything was timed. Medians of ${t.rounds} interleaved rounds; "compiled ÷" is the median of the per-round ratios.`,
      rows: [
        ["implementation", "leads/s", "compiled ÷"],
        ...t.rows.map((row) => [
          row.name,
          int(row.leadsPerSecond),
          row.key === "compiled" ? "—" : times(t.compiledVs[row.key as Exclude<typeof row.key, "compiled">]),
        ]),
      ],
    });
  }
  const c = r.compile;
  if (c) {
    out.push({
      title: "(b) Compile time (parse + check + generate)",
      note: `Copies of inbound.gate's rules, scores, grades, disqualifiers and stages under new names. Medians of ${r.options.rounds} interleaved rounds.`,
      rows: [
        ["policy", "lines", "KB", "declarations", "ms", "vs 1×"],
        ...c.rows.map((row) => [
          `${row.scale}× inbound.gate`,
          int(row.lines),
          row.kilobytes.toFixed(0),
          int(row.declarations),
          row.ms.toFixed(row.ms < 10 ? 2 : 0),
          row.scale === 1 ? "—" : times(row.scale === 10 ? c.growth10 : c.growth100),
        ]),
      ],
    });
  }
  const g = r.golden;
  if (g) {
    out.push({
      title: "(c) Golden tests",
      note:
        `${int(g.cases)} example cases of inbound.gate in ${g.files} YAML files (${g.megabytes.toFixed(1)} MB) in a temporary folder, ` +
        `golden files recorded first by \`leadgate test --update\` (${secs(g.updateSeconds)}); then \`node packages/cli/bin/leadgate.js test\` ` +
        `in that folder (${g.summary}). Wall clock including Node's start-up; median of ${r.options.runs} runs.`,
      rows: [
        ["command", "seconds"],
        ["leadgate test", g.seconds.toFixed(2)],
      ],
    });
  }
  const b = r.bulk;
  if (b) {
    out.push({
      title: "(d) Bulk evaluation",
      note:
        `${int(b.leads)} generated leads, ${mb(b.megabytes)} of NDJSON in, ${mb(b.outputMegabytes)} of decisions out: ` +
        `\`node packages/cli/bin/leadgate.js eval criteria/policies/inbound.gate --as-of ${AS_OF} --input leads.ndjson --output decisions.ndjson\` ` +
        `against \`node bench/dist/bare-parse.js leads.ndjson\`, and the same eval with \`--fields ${COMPACT_FIELDS}\` (compact output, for comparison; the floor is for full decisions). Wall clock including Node's start-up; median of ${r.options.runs} interleaved runs; ` +
        `"leads/s" ratio ${times(b.ratio)}; peak RSS is the highest of the runs, by ${r.rssMethod}.`,
      rows: [
        ["command", "leads/s", "× bare", "peak RSS"],
        ["leadgate eval", int(b.evalLeadsPerSecond), times(b.ratio), mb(b.evalPeakRssMb)],
        [
          `leadgate eval --fields ${COMPACT_FIELDS} (no floor)`,
          int(b.compactLeadsPerSecond),
          times(b.compactRatio),
          mb(b.compactPeakRssMb),
        ],
        ["bare read + JSON.parse loop", int(b.bareLeadsPerSecond), "1", mb(b.barePeakRssMb)],
        [`leadgate eval, ${int(b.smallLeads)} leads`, "", "", mb(b.smallEvalPeakRssMb)],
      ],
    });
  } else if (r.bulkSkipped) {
    out.push({ title: "(d) Bulk evaluation", note: `Not run: ${r.bulkSkipped}`, rows: [] });
  }
  return out;
}

export function consoleReport(r: Results): string {
  const lines = [
    `leadgate benchmarks${r.options.quick ? " (--quick)" : ""}: ${r.machine.cpu}, ${r.machine.cores} cores, Node ${r.machine.node}, ${r.machine.os}`,
    `load average ${r.machine.loadAtStart.toFixed(1)} at the start, ${r.loadAtEnd.toFixed(1)} at the end`,
  ];
  for (const s of sections(r)) {
    lines.push("", s.title);
    if (s.rows.length > 0) lines.push(...table(s.rows).map((line) => `  ${line}`));
    else lines.push(`  ${s.note}`);
  }
  lines.push("", "Floors");
  lines.push(
    ...table([
      ["measure", "floor", "measured", ""],
      ...floors(r).map((f) => [f.measure, f.limit, f.measured, verdict(f.pass)]),
    ]).map((l) => `  ${l}`),
  );
  const all = floors(r);
  const count = (pass: boolean | null) => all.filter((f) => f.pass === pass).length;
  lines.push(
    "",
    `${count(true)} floors passed, ${count(false)} failed, ${count(null)} not run. Total ${r.seconds.toFixed(0)} s.`,
  );
  return lines.join("\n");
}

function markdownTable(rows: readonly (readonly string[])[]): string[] {
  const [head, ...body] = rows;
  const cells = (row: readonly string[]) => `| ${row.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;
  return [cells(head!), `|${head!.map((_, i) => (i === 0 ? " --- " : " ---: ")).join("|")}|`, ...body.map(cells)];
}

export function markdownReport(r: Results): string {
  const m = r.machine;
  const lines = [
    "# Benchmark results",
    "",
    "Written by `npm run bench` (bench/src/main.ts); see docs/performance.md for what each figure means. Rerun to refresh.",
    "",
    `- Run: ${r.date}${r.options.quick ? ", with `--quick` (fewer leads, rounds and runs: indicative only)" : ""}, commit ${m.commit}, ${r.seconds.toFixed(0)} s in all`,
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB RAM; ${m.os}; Node ${m.node}`,
    `- Load average (1 min) at the start and the end: ${m.loadAtStart.toFixed(1)} and ${r.loadAtEnd.toFixed(1)}: other work on the machine slows every figure, the interleaved ones alike`,
    `- Command: \`${r.command}\``,
    "",
    "## Floors",
    "",
    ...markdownTable([
      ["measure", "floor", "measured", "result"],
      ...floors(r).map((f) => [f.measure, f.limit, f.measured, verdict(f.pass)]),
    ]),
  ];
  for (const s of sections(r)) {
    lines.push("", `## ${s.title}`, "", s.note);
    if (s.rows.length > 0) lines.push("", ...markdownTable(s.rows));
  }
  return `${lines.join("\n")}\n`;
}
