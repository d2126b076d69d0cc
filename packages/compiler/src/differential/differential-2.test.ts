import { describe, it } from "vitest";
import { DIFF_LEADS, DIFF_TIMEOUT_MS, differentialShard } from "./__fixtures__/shard.js";

// The second half of the differential run, in its own file so vitest runs it on another core.
describe("differential: compiled evaluator vs reference interpreter (shard 2 of 2)", () => {
  it(
    `seeded random policies × ${DIFF_LEADS} leads each give identical decisions`,
    () => differentialShard(1, 2),
    DIFF_TIMEOUT_MS,
  );
});
