import { describe, expect, it } from "vitest";
import { Counts, summaryLines } from "./summary.js";

describe("summaryLines", () => {
  it("lists leads per stage, no stage, disqualified and invalid, and where the invalid ones went", () => {
    const counts = new Counts(2);
    counts.add({
      out: new Uint8Array(),
      errors: "",
      evaluated: 1200,
      invalid: 3,
      stages: [1000, 50, 100],
      disqualified: 50,
    });
    expect(
      summaryLines(counts, {
        stageNames: ["MQL", "SQL"],
        elapsedMs: 2000,
        interrupted: false,
        errorsFile: "bad.ndjson",
      }),
    ).toEqual([
      "Evaluated 1,203 records in 2.0s (602/s).",
      "  MQL           1,000",
      "  SQL              50",
      "  no stage        100",
      "  disqualified     50",
      "  invalid           3",
      "3 invalid records: see bad.ndjson.",
    ]);
    expect(
      summaryLines(counts, { stageNames: ["MQL", "SQL"], elapsedMs: 500, interrupted: true, errorsFile: null })[0],
    ).toBe("Interrupted after 1,203 records in 0.5s: the output and errors hold exactly these, in complete lines.");
  });
});
