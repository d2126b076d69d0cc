#!/usr/bin/env node
// Times `leadgate test` on 10,000 generated example cases (100 files of 100 cases) against a
// realistic policy, after a first untimed `--update` records their golden files.
//
//   node packages/harness/bench/golden-10k.mjs [--cases 10000] [--per-file 100] [--runs 3] [--keep]
//
// Needs a built CLI (`npm run build`). Prints the wall-clock time of each timed run, including
// Node's start-up, as CI would see it.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    cases: { type: "string", default: "10000" },
    "per-file": { type: "string", default: "100" },
    runs: { type: "string", default: "3" },
    keep: { type: "boolean", default: false },
  },
});
const total = Number(args.cases);
const perFile = Number(args["per-file"]);
const runs = Number(args.runs);
const bin = fileURLToPath(new URL("../../cli/dist/bin.js", import.meta.url));
const policy = fileURLToPath(new URL("./bench.gate", import.meta.url));

/** A small deterministic generator (mulberry32): the same leads on every run and machine. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const next = random(42);
const pick = (list) => list[Math.floor(next() * list.length)];
const day = (offset) => new Date(Date.UTC(2026, 10, 1) - offset * 86_400_000).toISOString().slice(0, 10);

function lead(i) {
  const activities = Array.from({ length: Math.floor(next() * 8) }, () => ({
    kind: pick([
      "email_open",
      "email_click",
      "content_download",
      "webinar_attended",
      "event_attended",
      "demo_request",
      "pricing_page_visit",
      "call_connected",
      "meeting_held",
    ]),
    at: day(Math.floor(next() * 200)),
  }));
  return [
    `      email: person${i}@${pick(["northwind.io", "gmail.com", "contoso.com", "rivalcrm.com", "uni.edu"])}`,
    `      seniority: ${pick(["student", "ic", "manager", "director", "vp", "c_level"])}`,
    `      role: ${pick(["decision_maker", "influencer", "user", "unknown"])}`,
    `      company: { name: Company ${i}, industry: ${pick(["software", "finance", "healthcare", "retail", "other"])}, employees: ${Math.floor(next() * 6000)}, country: ${pick(["US", "GB", "DE", "BR"])} }`,
    `      budget: ${pick(["unknown", "none", "known_amount", "approval_pending", "budgeted"])}`,
    ...(next() < 0.7 ? [`      need_confirmed: ${next() < 0.8}`] : []),
    ...(next() < 0.6 ? [`      timeframe_days: ${Math.floor(next() * 365)}`] : []),
    `      agreed_to_meet: ${next() < 0.3}`,
    `      unsubscribed: ${next() < 0.1}`,
    activities.length === 0 ? "      activities: []" : "      activities:",
    ...activities.map((a) => `        - { kind: ${a.kind}, at: ${a.at} }`),
  ].join("\n");
}

const root = mkdtempSync(join(tmpdir(), "leadgate-bench-"));
mkdirSync(join(root, "examples"));
copyFileSync(policy, join(root, "bench.gate"));
writeFileSync(join(root, "examples", "_defaults.yaml"), "policy: ../bench.gate\nasOf: 2026-11-01\n");
for (let file = 0; file * perFile < total; file++) {
  const cases = [];
  for (let i = file * perFile; i < Math.min(total, (file + 1) * perFile); i++)
    cases.push(`  - name: lead ${i}\n    why: Generated for the benchmark.\n    lead:\n${lead(i)}`);
  writeFileSync(join(root, "examples", `batch-${String(file).padStart(4, "0")}.yaml`), `cases:\n${cases.join("\n")}\n`);
}

const run = (extra) => {
  const start = process.hrtime.bigint();
  let output = "";
  try {
    output = execFileSync(process.execPath, [bin, "test", ...extra], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    });
  } catch (error) {
    output = error.stdout ?? "";
    if (error.status !== 1) throw error;
  }
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, summary: output.trim().split("\n").at(-1) };
};

const recorded = run(["--update"]);
console.log(`generated ${total} cases in ${Math.ceil(total / perFile)} files under ${root}`);
console.log(
  `leadgate test --update (records the golden files): ${recorded.seconds.toFixed(2)} s — ${recorded.summary}`,
);
for (const flags of [[], ["--coverage"]]) {
  const times = [];
  let summary = "";
  for (let i = 0; i < runs; i++) ({ seconds: times[i], summary } = run(flags));
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `leadgate test ${flags.join(" ")}`.trimEnd() +
      `: best ${sorted[0].toFixed(2)} s, median ${sorted[Math.floor(runs / 2)].toFixed(2)} s over ${runs} runs — ${summary}`,
  );
}
if (!args.keep) rmSync(root, { recursive: true, force: true });
