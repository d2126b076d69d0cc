import type { PolicyModule } from "@leadgate/harness";
import type { Decision } from "@leadgate/runtime";
import { beforeAll, describe, expect, it } from "vitest";
import { INBOUND_LEAD, loadInbound } from "../__fixtures__/inbound.js";
import { ByteSink } from "./byte-sink.js";
import { decisionWriter, DISQUALIFIED, JsonOutcomes } from "./decision-writer.js";
import { sampleDecision } from "./sample-decision.js";

const AS_OF = "2026-11-01";
let module: PolicyModule;
let sample: Decision;

beforeAll(async () => {
  module = await loadInbound();
  sample = sampleDecision(module, AS_OF, "inbound.gate");
});

const LEAD = {
  ...INBOUND_LEAD,
  need_confirmed: true,
  timeframe_days: 30,
  activities: [
    { kind: "demo_request", at: "2026-10-25" },
    { kind: "webinar_attended", at: "2026-10-20" },
    { kind: "content_download", at: "2026-10-10" },
  ],
};

// No stage, a stage, disqualified, and a stage given by an honoured override.
const INPUTS = [
  { ...LEAD, activities: [] },
  LEAD,
  { ...LEAD, email: "ann@rivalcrm.com" },
  {
    ...LEAD,
    activities: [],
    override: { stage: "SAL", requested_by: "rep@acme.com", reason: "met at a fair", approver: "boss@acme.com" },
  },
];
let LEADS: unknown[] = [];
beforeAll(() => {
  LEADS = INPUTS.map((lead) => module.parseLead(lead));
});

const stageIndex = (d: Decision): number =>
  d.disqualified !== null
    ? DISQUALIFIED
    : d.stage === null
      ? module.policy.stages.length
      : module.policy.stages.findIndex((s) => s.name === d.stage);

function written(target: PolicyModule): { text: string; outcomes: number[] } {
  const writer = decisionWriter(target, null, { asOf: AS_OF, sample });
  const sink = new ByteSink(16);
  const outcomes = LEADS.map((lead, i) => writer.write(lead, i + 1, sink));
  return { text: sink.bytes().toString("utf8"), outcomes };
}

describe("decisionWriter", () => {
  it("writes each decision's JSON after its line and tells its outcome", () => {
    const decisions = LEADS.map((lead) => module.evaluate(lead, { asOf: AS_OF }));
    expect(decisions.map((d) => d.stage)).toEqual([null, "SQL", null, "SAL"]);
    const { text, outcomes } = written(module);
    expect(text).toBe(decisions.map((d, i) => `{"line":${i + 1},${JSON.stringify(d).slice(1)}\n`).join(""));
    expect(outcomes).toEqual(decisions.map(stageIndex));
    expect(outcomes).toEqual([3, 1, DISQUALIFIED, 2]);
  });

  it("reads the outcome with JSON.parse when the JSON does not begin as the run's decisions do", () => {
    // The same decisions with their keys in another order: JsonOutcomes cannot read them.
    const reordered = {
      ...module,
      evaluateJson: (lead: unknown, options: { asOf: string | Date }) => {
        const { stage, disqualified, ...rest } = module.evaluate(lead, options);
        return JSON.stringify({ stage, disqualified, ...rest });
      },
    } as PolicyModule;
    const { text, outcomes } = written(reordered);
    expect(outcomes).toEqual([3, 1, DISQUALIFIED, 2]);
    expect(text.split("\n")[1]).toMatch(/^\{"line":2,"stage":"SQL","disqualified":null,"policy":"inbound"/);
  });

  it("writes the same for a module compiled before evaluateJson existed", () => {
    const { evaluateJson: _, ...older } = module;
    expect(written(older as PolicyModule)).toEqual(written(module));
  });
});

describe("JsonOutcomes", () => {
  const outcomes = () =>
    new JsonOutcomes(sample, new Map(module.policy.stages.map((s, i) => [s.name, i])), module.policy.stages.length);

  it("reads the stage and the disqualification from the start of the JSON", () => {
    for (const lead of LEADS) {
      const decision = module.evaluate(lead, { asOf: AS_OF });
      expect(outcomes().read(JSON.stringify(decision))).toBe(stageIndex(decision));
    }
  });

  it("leaves to JSON.parse whatever does not start as this run's decisions do", () => {
    const json = JSON.stringify(module.evaluate(LEADS[1], { asOf: AS_OF }));
    expect(outcomes().read(json.replace(AS_OF, "2026-11-02"))).toBeNull();
    expect(outcomes().read(json.replace('"stage":"SQL"', '"stage":"SQLX"'))).toBeNull();
    expect(outcomes().read(json.replace(',"disqualified":null', ',"reason":null'))).toBeNull();
    expect(outcomes().read("")).toBeNull();
  });
});
