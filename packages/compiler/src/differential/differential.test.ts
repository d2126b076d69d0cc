import { describe, it } from "vitest";
import { DIFF_LEADS, DIFF_TIMEOUT_MS, differentialShard } from "./__fixtures__/shard.js";

// Random policies compiled and imported as shipped, against the reference interpreter: see
// __fixtures__/shard.ts for the settings, and differential-2.test.ts for the other half.
describe("differential: compiled evaluator vs reference interpreter (shard 1 of 2)", () => {
  it(
    `seeded random policies × ${DIFF_LEADS} leads each give identical decisions`,
    () => differentialShard(0, 2),
    DIFF_TIMEOUT_MS,
  );
});
