#!/usr/bin/env node
// Nightly differential test: many random policies, compiled by the real compiler, against the
// reference interpreter (packages/compiler/src/differential), with a fresh random seed each night.
//
//   npm run build && node scripts/nightly-differential.mjs                    # random seed, 5,000 policies × 20 leads
//   node scripts/nightly-differential.mjs --seed 123456 --policies 20000 --leads 30
//   node scripts/nightly-differential.mjs --fuzz 20                           # also the language fuzz suite, 20× the CI runs
//
// The seed is printed first and last: to reproduce a failure, run again with --seed <seed>
// (and the same --policies/--leads), or run the CI test on the failing chunk, whose first seed
// and size are printed:
//
//   cd packages/compiler && LEADGATE_DIFF_SEED=<chunk seed> LEADGATE_DIFF_POLICIES=<n> npx vitest run src/differential
//
// A mismatch prints the policy's own seed, its text, the lead and both decisions.
//
// It runs vitest with environment variables (LEADGATE_DIFF_SEED, LEADGATE_DIFF_POLICIES,
// LEADGATE_DIFF_LEADS; LEADGATE_FUZZ_SEED, LEADGATE_FUZZ_SCALE for --fuzz), so the nightly run is
// exactly the CI test, only bigger. The tests import the packages' built dist: build first.
// Exit code: 0 when every decision matched, non-zero otherwise.

import { spawnSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

const { values } = parseArgs({
  options: {
    seed: { type: "string" },
    policies: { type: "string", default: "5000" },
    leads: { type: "string", default: "20" },
    fuzz: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  console.log("usage: node scripts/nightly-differential.mjs [--seed N] [--policies N] [--leads N] [--fuzz SCALE]");
  process.exit(0);
}

const integer = (name, text) => {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number, got ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return n;
};

const seed = values.seed === undefined ? randomInt(0, 2 ** 31) : integer("seed", values.seed);
const policies = integer("policies", values.policies);
const leads = integer("leads", values.leads);

for (const pkg of ["runtime", "language", "compiler"]) {
  if (!existsSync(join(root, "packages", pkg, "dist", "index.js"))) {
    console.error(`packages/${pkg}/dist is missing: run 'npm run build' at the repository root first.`);
    process.exit(2);
  }
}

const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
const run = (cwd, files, env) =>
  spawnSync(process.execPath, [vitest, "run", ...files], {
    cwd,
    stdio: "inherit",
    env: { ...process.env, ...env },
  }).status ?? 1;

const banner = `differential seed ${seed}: ${policies} policies × ${leads} leads`;
console.log(`\n${banner}\n`);
const started = Date.now();
// Imported modules stay in memory until the process ends, so the run goes in chunks of at most
// CHUNK policies, one vitest process each; chunk k covers seeds seed + k·CHUNK onwards.
const CHUNK = 1000;
let status = 0;
for (let from = 0; from < policies && status === 0; from += CHUNK) {
  const count = Math.min(CHUNK, policies - from);
  if (policies > CHUNK) console.log(`\nchunk: seeds ${seed + from}..${seed + from + count - 1}\n`);
  status = run(
    join(root, "packages", "compiler"),
    ["src/differential/differential.test.ts", "src/differential/differential-2.test.ts"],
    {
      LEADGATE_DIFF_SEED: String(seed + from),
      LEADGATE_DIFF_POLICIES: String(count),
      LEADGATE_DIFF_LEADS: String(leads),
    },
  );
}

if (values.fuzz !== undefined) {
  const scale = Number(values.fuzz);
  console.log(`\nlanguage fuzz: seed ${seed}, ${scale}× the CI runs\n`);
  const fuzzStatus = run(join(root, "packages", "language"), ["src/fuzz"], {
    LEADGATE_FUZZ_SEED: String(seed),
    LEADGATE_FUZZ_SCALE: String(scale),
  });
  status = status || fuzzStatus;
}

const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log(`\n${banner}: ${status === 0 ? "all decisions matched" : "FAILED"} (${minutes} min)`);
const fuzzFlag = values.fuzz === undefined ? "" : ` --fuzz ${values.fuzz}`;
console.log(
  `reproduce: node scripts/nightly-differential.mjs --seed ${seed} --policies ${policies} --leads ${leads}${fuzzFlag}\n`,
);
process.exit(status);
