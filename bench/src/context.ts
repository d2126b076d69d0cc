import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { CheckedPolicy } from "@leadgate/language";
import { check } from "./scaled-policy.js";

/** A failure the benchmark reports as a clear message and exit code 1, without a stack trace. */
export class BenchError extends Error {}

export interface Options {
  readonly quick: boolean;
  /** Leads in the throughput set (a). */
  readonly leads: number;
  /** Interleaved rounds of the throughput and compile-time measures (a, b). */
  readonly rounds: number;
  /** About how long each throughput sample runs. */
  readonly sampleMs: number;
  /** Example cases for the golden-test measure (c). */
  readonly cases: number;
  /** Timed runs of `leadgate test` and of the bulk evaluation (c, d). */
  readonly runs: number;
  /** Leads in the NDJSON file of the bulk evaluation (d). */
  readonly bulkLeads: number;
}

export const FULL: Options = {
  quick: false,
  // json-rules-engine runs a few hundred leads a second: verifying it on 5,000 takes ~10 s.
  leads: 5_000,
  rounds: 11,
  sampleMs: 250,
  cases: 10_000,
  runs: 3,
  bulkLeads: 1_000_000,
};

export const QUICK: Options = {
  quick: true,
  leads: 2_000,
  rounds: 5,
  sampleMs: 100,
  cases: 10_000,
  runs: 1,
  bulkLeads: 100_000,
};

export interface Context {
  readonly options: Options;
  readonly log: (line: string) => void;
  readonly repoRoot: string;
  /** criteria/policies/inbound.gate, relative to the repository root. */
  readonly inboundPath: string;
  readonly inboundSource: string;
  readonly inbound: CheckedPolicy;
  /** The compiler's identity of the policy text, which every decision carries. */
  readonly inboundHash: string;
  /** The committed `leadgate` entry point. */
  readonly cli: string;
}

export function createContext(options: Options, log: (line: string) => void): Context {
  const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
  const inboundPath = "criteria/policies/inbound.gate";
  const inboundSource = readFileSync(`${repoRoot}${inboundPath}`, "utf8");
  return {
    options,
    log,
    repoRoot,
    inboundPath,
    inboundSource,
    inbound: check(inboundSource, inboundPath),
    inboundHash: `sha256:${createHash("sha256").update(inboundSource, "utf8").digest("hex")}`,
    cli: `${repoRoot}packages/cli/bin/leadgate.js`,
  };
}
