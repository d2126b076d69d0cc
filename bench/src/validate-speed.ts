import { isDeepStrictEqual } from "node:util";
import { LeadSchema, safeParseLead } from "@acme/lead-criteria/inbound";
import { generateLeads } from "./leads.js";
import { interleave, median } from "./stats.js";

/**
 * Validation cost per lead on inbound.gate, by hand (not part of `npm run bench`): the policy's
 * `safeParseLead` against zod's `LeadSchema.safeParse` alone, which is all `safeParseLead` did
 * before it had a generated fast path. The leads are JSON text parsed once, as `leadgate eval`
 * gets them; both validators are checked to return the same data for every lead before timing.
 *
 *   npm run build && node bench/dist/validate-speed.js [leads] [rounds]
 */
const count = Number(process.argv[2] ?? 20_000);
const rounds = Number(process.argv[3] ?? 15);
const leads: unknown[] = generateLeads(count, 1_000_003).map((lead) => JSON.parse(JSON.stringify(lead)));

for (const [index, lead] of leads.entries()) {
  const fast = safeParseLead(lead);
  const zod = LeadSchema.safeParse(lead);
  // isDeepStrictEqual ignores key order, so compare the keys' order as JSON text too.
  if (!fast.success || !zod.success || !isDeepStrictEqual(fast.data, zod.data)) {
    throw new Error(`lead #${index}: safeParseLead and LeadSchema.safeParse disagree`);
  }
  if (JSON.stringify(fast.data) !== JSON.stringify(zod.data)) throw new Error(`lead #${index}: key order differs`);
}

let sink = 0;
const timed = (validate: (lead: unknown) => { success: boolean }) => (): number => {
  const started = process.hrtime.bigint();
  for (const lead of leads) if (validate(lead).success) sink++;
  return Number(process.hrtime.bigint() - started) / 1e3 / leads.length;
};
const samples = await interleave(rounds, [
  ["zod", timed((lead) => LeadSchema.safeParse(lead))],
  ["safeParseLead", timed(safeParseLead)],
]);
// The first round includes warm-up (optimisation of both paths); the median is past it.
const zod = median(samples.zod.slice(1));
const fast = median(samples.safeParseLead.slice(1));
console.log(`${count} inbound leads, ${rounds} rounds, median µs per lead (sink ${sink}):`);
console.log(`  LeadSchema.safeParse (zod only, safeParseLead before)  ${zod.toFixed(3)}`);
console.log(
  `  safeParseLead                                          ${fast.toFixed(3)}  (${(zod / fast).toFixed(1)}x)`,
);
