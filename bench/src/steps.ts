import { evaluate, evaluateJson, LeadSchema, safeParseLead, type Lead } from "@acme/lead-criteria/inbound";
import { AS_OF, generateLeads } from "./leads.js";
import { interleave, median } from "./stats.js";

/**
 * What each step of `leadgate eval` costs per lead on inbound.gate, by hand (not part of
 * `npm run bench`): loops over the same NDJSON lines that add one step at a time, from
 * `JSON.parse` alone to writing the decision's UTF-8 bytes, run in interleaved rounds. Each step's
 * cost is the difference between two medians. The lines are distinct leads, as in a real run: a
 * loop over a few leads again and again would keep them in the CPU's caches and cost half as much.
 *
 *   npm run build && node bench/dist/steps.js [leads] [rounds]
 */
const count = Number(process.argv[2] ?? 50_000);
const rounds = Number(process.argv[3] ?? 9);
const lines = generateLeads(count, 1_000_003).map((lead) => JSON.stringify(lead));
const options = { asOf: AS_OF };
const out = Buffer.allocUnsafeSlow(64 * 1024 * 1024);

// Every loop gives a number that depends on its work, so none can be optimised away.
const loop = (step: (line: string) => number) => (): number => {
  const started = process.hrtime.bigint();
  let sink = 0;
  for (const line of lines) sink += step(line);
  if (sink < 0) throw new Error("unreachable");
  return Number(process.hrtime.bigint() - started) / 1e3 / lines.length;
};
let at = 0;
const write = (text: string): number => {
  if (at > out.length - 1024 * 1024) at = 0;
  const n = out.write(text, at);
  at += n;
  return n;
};
const valid = (line: string): Lead => {
  const parsed = safeParseLead(JSON.parse(line));
  if (!parsed.success) throw new Error("a generated lead is invalid");
  return parsed.data;
};

const steps: Array<[string, () => number]> = [
  ["JSON.parse", loop((line) => (JSON.parse(line) as { activities: unknown[] }).activities.length)],
  ["+ LeadSchema.safeParse (zod)", loop((line) => (LeadSchema.safeParse(JSON.parse(line)).success ? 1 : 0))],
  ["+ safeParseLead", loop((line) => valid(line).activities.length)],
  ["+ evaluate", loop((line) => (evaluate(valid(line), options).stage === null ? 0 : 1))],
  ["+ JSON.stringify, write UTF-8", loop((line) => write(JSON.stringify(evaluate(valid(line), options))))],
  ["+ evaluateJson instead", loop((line) => evaluateJson(valid(line), options).length)],
  ["+ evaluateJson, write UTF-8", loop((line) => write(evaluateJson(valid(line), options)))],
];

for (const line of lines.slice(0, 1000)) {
  const lead = valid(line);
  if (evaluateJson(lead, options) !== JSON.stringify(evaluate(lead, options)))
    throw new Error("evaluateJson differs from JSON.stringify(evaluate)");
}
const samples = await interleave(rounds, steps);
console.log(`${count} inbound leads, ${rounds} interleaved rounds; median µs per lead, cumulative:`);
// The first round warms up (optimises) every loop; the medians are past it.
for (const [name] of steps) console.log(`  ${name.padEnd(32)} ${median(samples[name]!.slice(1)).toFixed(2)}`);
