import { evaluate as compiledEvaluate, parseLead, policy, type Decision, type Lead } from "@acme/lead-criteria/inbound";
import { coreOf, differences, type CoreDecision } from "./core-decision.js";
import { handWrittenCoreEvaluator } from "./implementations/hand-written-core.js";
import { handWrittenEvaluator } from "./implementations/hand-written.js";
import { interpreterEvaluator } from "./implementations/interpreter.js";
import { rulesEngineEvaluator } from "./implementations/rules-engine.js";
import { AS_OF, generateLeads } from "./leads.js";
import { BenchError, type Context } from "./context.js";
import { interleave, median, pairedRatio } from "./stats.js";

/**
 * (a) Evaluation throughput of inbound.gate, side by side: the compiled evaluator, the same
 * policy hand-written in TypeScript (full decision, and answer only), json-rules-engine, and the
 * naive AST interpreter. Every implementation is first checked against the compiled evaluator on
 * every lead; only then is anything timed.
 */

export type ImplementationKey = "compiled" | "handWritten" | "handWrittenCore" | "rulesEngine" | "interpreter";

interface Implementation {
  readonly key: ImplementationKey;
  readonly name: string;
  readonly evaluate: (lead: Lead) => { stage: string | null } | Promise<{ stage: string | null }>;
  /** Where it differs from the compiled evaluator's decision for the same lead. */
  readonly check: (lead: Lead, compiled: Decision) => Promise<string[]>;
}

export interface ThroughputResult {
  readonly leads: number;
  readonly activitiesPerLead: number;
  /** How the compiled evaluator decided the leads: `SQL 12%, disqualified 8%, ...`. */
  readonly outcomes: string;
  readonly rounds: number;
  readonly rows: ReadonlyArray<{ key: ImplementationKey; name: string; leadsPerSecond: number }>;
  /** Medians over rounds of compiled / other, paired by round. */
  readonly compiledVs: Readonly<Record<Exclude<ImplementationKey, "compiled">, number>>;
  readonly handWrittenVsInterpreter: number;
}

/** The leads exactly as a service gets them: JSON text, parsed and validated with the policy's schema. */
function benchmarkLeads(count: number, seed: number): Lead[] {
  return generateLeads(count, seed).map((lead, index) => {
    try {
      return parseLead(JSON.parse(JSON.stringify(lead)));
    } catch (error) {
      throw new BenchError(`generated lead #${index} is not valid under inbound.gate's schema: ${String(error)}`);
    }
  });
}

async function implementations(context: Context): Promise<Implementation[]> {
  const options = { asOf: AS_OF };
  const sourceHash = context.inboundHash;
  const full = (evaluate: (lead: Lead) => Decision) => async (lead: Lead, compiled: Decision) =>
    differences(compiled, evaluate(lead));
  const handWritten = handWrittenEvaluator(AS_OF, sourceHash);
  const handWrittenCore = handWrittenCoreEvaluator(AS_OF);
  const rulesEngine = rulesEngineEvaluator(AS_OF);
  const interpreter = await interpreterEvaluator(context.inbound, AS_OF, sourceHash);
  return [
    {
      key: "compiled",
      name: "compiled evaluator",
      evaluate: (lead) => compiledEvaluate(lead, options),
      check: async () => [],
    },
    {
      key: "handWritten",
      name: "hand-written TypeScript, same Decision",
      evaluate: handWritten,
      check: full(handWritten),
    },
    {
      key: "handWrittenCore",
      name: "hand-written TypeScript, answer only",
      evaluate: handWrittenCore,
      check: async (lead, compiled) => differences(coreOf(compiled), handWrittenCore(lead)),
    },
    {
      key: "rulesEngine",
      name: "json-rules-engine 7",
      evaluate: rulesEngine,
      check: async (lead, compiled) => differences(coreOf(compiled), await rulesEngine(lead)),
    },
    { key: "interpreter", name: "naive AST interpreter", evaluate: interpreter, check: full(interpreter) },
  ];
}

/**
 * Aborts with the first lead on which an implementation and the compiled evaluator disagree.
 * Returns how the leads were decided, to show that the set exercises every outcome.
 */
async function verify(impls: readonly Implementation[], leads: readonly Lead[]): Promise<Record<string, number>> {
  const outcomes: Record<string, number> = {};
  for (let i = 0; i < leads.length; i++) {
    const lead = leads[i]!;
    const compiled = compiledEvaluate(lead, { asOf: AS_OF });
    const outcome = compiled.disqualified ? "disqualified" : (compiled.stage ?? "no stage");
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    for (const impl of impls) {
      const found = await impl.check(lead, compiled);
      if (found.length === 0) continue;
      throw new BenchError(
        [
          `${impl.name} and the compiled evaluator disagree on lead #${i}; nothing was timed.`,
          ...found.map((d) => `  ${d}`),
          `lead: ${JSON.stringify(lead)}`,
        ].join("\n"),
      );
    }
  }
  return outcomes;
}

/**
 * A sampling loop of its own for each implementation. A loop shared by all would see five
 * different callees at one call site, and what the JIT makes of that depends on the order they
 * ran in; built with `new Function`, each loop's feedback sees only its own implementation.
 */
function syncLoop(evaluate: (lead: Lead) => { stage: string | null }, leads: readonly Lead[]) {
  const loop = new Function(
    "evaluate",
    "leads",
    `let cursor = 0;
     return function run(count) {
       let sink = 0;
       for (let i = 0; i < count; i++) {
         if (evaluate(leads[cursor]).stage === "SAL") sink++;
         cursor = cursor + 1 === leads.length ? 0 : cursor + 1;
       }
       return sink;
     };`,
  ) as (e: typeof evaluate, l: readonly Lead[]) => (count: number) => number;
  return loop(evaluate, leads);
}

function asyncLoop(evaluate: (lead: Lead) => Promise<{ stage: string | null }>, leads: readonly Lead[]) {
  let cursor = 0;
  return async (count: number): Promise<number> => {
    let sink = 0;
    for (let i = 0; i < count; i++) {
      if ((await evaluate(leads[cursor]!)).stage === "SAL") sink++;
      cursor = cursor + 1 === leads.length ? 0 : cursor + 1;
    }
    return sink;
  };
}

/** A task that evaluates as many leads as fit in about `targetMs` and returns leads per second. */
async function sampler(impl: Implementation, leads: readonly Lead[], targetMs: number): Promise<() => Promise<number>> {
  const probe = impl.evaluate(leads[0]!);
  const run =
    probe instanceof Promise
      ? asyncLoop(impl.evaluate as (lead: Lead) => Promise<{ stage: string | null }>, leads)
      : syncLoop(impl.evaluate as (lead: Lead) => { stage: string | null }, leads);
  await probe;
  const timed = async (count: number) => {
    const start = process.hrtime.bigint();
    await run(count);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  // Calibrate on a slice large enough to be measurable, after a warm-up of the same size.
  let count = 200;
  await timed(count);
  let ms = await timed(count);
  while (ms < 20) {
    count *= 4;
    ms = await timed(count);
  }
  const perSample = Math.max(1, Math.round((count * targetMs) / ms));
  return async () => perSample / ((await timed(perSample)) / 1000);
}

export async function runThroughput(context: Context): Promise<ThroughputResult> {
  const { options, log } = context;
  if (policy.sourceHash !== context.inboundHash)
    throw new BenchError(`criteria/dist/inbound.js was built from another ${context.inboundPath}: run npm run build`);
  const leads = benchmarkLeads(options.leads, 20261101);
  const activitiesPerLead = leads.reduce((n, lead) => n + lead.activities.length, 0) / leads.length;
  log(`(a) ${leads.length} leads, ${activitiesPerLead.toFixed(1)} activities each on average`);
  const impls = await implementations(context);
  log("    verifying every implementation against the compiled evaluator on every lead...");
  const outcomes = await verify(impls, leads);
  log(`    identical decisions on every lead (${describeOutcomes(outcomes, leads.length)}); timing`);
  const tasks: Array<readonly [ImplementationKey, () => Promise<number>]> = [];
  for (const impl of impls) tasks.push([impl.key, await sampler(impl, leads, options.sampleMs)]);
  const samples = await interleave(options.rounds, tasks, (round) => log(`    round ${round}/${options.rounds}`));
  const c = samples.compiled;
  return {
    leads: leads.length,
    activitiesPerLead,
    outcomes: describeOutcomes(outcomes, leads.length),
    rounds: options.rounds,
    rows: impls.map((impl) => ({ key: impl.key, name: impl.name, leadsPerSecond: median(samples[impl.key]) })),
    compiledVs: {
      handWritten: pairedRatio(c, samples.handWritten),
      handWrittenCore: pairedRatio(c, samples.handWrittenCore),
      rulesEngine: pairedRatio(c, samples.rulesEngine),
      interpreter: pairedRatio(c, samples.interpreter),
    },
    handWrittenVsInterpreter: pairedRatio(samples.handWritten, samples.interpreter),
  };
}

function describeOutcomes(outcomes: Record<string, number>, total: number): string {
  const order = ["no stage", "MQL", "SQL", "SAL", "disqualified"];
  return Object.entries(outcomes)
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([outcome, n]) => `${outcome} ${((100 * n) / total).toFixed(0)}%`)
    .join(", ");
}
