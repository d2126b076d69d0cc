import { serialize } from "node:v8";
import { describe, expect, it } from "vitest";
import { loadPolicy } from "./load-policy.js";

/** Whether V8 stores `text` one byte a character (see standalone-text.test.ts in the language package). */
function storedOneByte(text: string): boolean {
  const bytes = serialize(text);
  let at = 2;
  while (bytes[at] === 0) at++;
  if (bytes[at] !== 0x22 && bytes[at] !== 0x63) throw new Error(`unexpected serialization tag ${bytes[at]}`);
  return bytes[at] === 0x22;
}

// Names no other test uses: V8 keeps one copy of each property name per process.
const POLICY = [
  "# Agreed after the Q3 review of MQL → SQL conversion.",
  'policy loadtest "Load test" {',
  '  version "1.0.0"',
  '  owner marketing "@acme/marketing-ops"',
  "  reviewed 2026-09-15",
  "  review every 6 months",
  "}",
  "lead {",
  "  zq_seniority: one of zq_ic, zq_vp",
  "  zq_country: text?",
  "}",
  'rule zq_senior "Senior": zq_seniority = zq_vp',
  'rule zq_served "Served": zq_country in ["GB", "DE"]',
  'stage MQL "Marketing qualified" owned by marketing {',
  "  require zq_senior",
  "  require zq_served",
  "}",
  "",
].join("\n");

describe("loadPolicy", () => {
  it("writes decisions one byte a character when the policy's text is not (a two-byte comment)", async () => {
    expect(storedOneByte(POLICY)).toBe(false);
    const loaded = await loadPolicy(POLICY, "loadtest.gate");
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
    const json = loaded.module.evaluateJson!({ zq_seniority: "zq_vp" }, { asOf: "2026-11-01" });
    // The decision names the failed and missing requirements: names from the policy's text.
    expect(json).toContain('"passed":["zq_senior"]');
    expect(json).toContain('"missing":["zq_served"]');
    // Encoding two-byte text as UTF-8 is the slow path, 2 to 3 times slower for `leadgate eval`.
    expect(storedOneByte(json)).toBe(true);
  });
});
