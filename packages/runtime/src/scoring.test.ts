import { describe, expect, it } from "vitest";
import { dayOf } from "./dates.js";
import { capLine, halfAfterFactor, halfLifeFactor, round2 } from "./scoring.js";
import { containsText, emailDomain } from "./text.js";
import { daysSince, inWindow, olderThan } from "./windows.js";

const asOf = dayOf("2026-11-01");

describe("decay", () => {
  it("half-life halves the points every period", () => {
    expect(halfLifeFactor("2026-11-01", asOf, 30)).toBe(1);
    expect(halfLifeFactor("2026-10-02", asOf, 30)).toBe(0.5); // 30 days old
    expect(halfLifeFactor("2026-09-02", asOf, 30)).toBe(0.25); // 60 days old
    expect(halfLifeFactor("2026-12-01", asOf, 30)).toBe(1); // future items do not grow
  });

  it("half after N keeps full points on day N and halves from day N+1", () => {
    expect(halfAfterFactor("2026-09-02", asOf, 60)).toBe(1); // 60 days old
    expect(halfAfterFactor("2026-09-01", asOf, 60)).toBe(0.5); // 61 days old
  });
});

describe("points", () => {
  it("rounds to two decimals without float noise or negative zero", () => {
    expect(round2(0.1 + 0.2)).toBe(0.3);
    expect(round2(3.6621)).toBe(3.66);
    expect(Object.is(round2(-0.001), 0)).toBe(true);
  });
  it("caps the size of a line's contribution both ways", () => {
    expect(capLine(24, 20)).toBe(20);
    expect(capLine(-24, 20)).toBe(-20);
    expect(capLine(7, 20)).toBe(7);
  });
});

describe("windows", () => {
  it("within N days includes day N and excludes day N+1 and the future", () => {
    expect(inWindow("2026-08-03", asOf, 90, "days")).toBe(true); // day 90
    expect(inWindow("2026-08-02", asOf, 90, "days")).toBe(false); // day 91
    expect(inWindow("2026-11-02", asOf, 90, "days")).toBe(false);
    expect(inWindow(null, asOf, 90, "days")).toBe(null);
  });
  it("older than N days starts at day N+1", () => {
    expect(olderThan("2026-08-03", asOf, 90, "days")).toBe(false);
    expect(olderThan("2026-08-02", asOf, 90, "days")).toBe(true);
  });
  it("days since counts whole days", () => {
    expect(daysSince("2026-10-30", asOf)).toBe(2);
    expect(daysSince(undefined, asOf)).toBe(null);
  });
});

describe("text", () => {
  it("takes the lower-cased domain after the last @", () => {
    expect(emailDomain("Ann@Example.COM")).toBe("example.com");
    expect(emailDomain('"a@b"@corp.io')).toBe("corp.io");
    expect(emailDomain(null)).toBe(null);
  });
  it("matches text ignoring case", () => {
    expect(containsText("VP of Sales", "vp")).toBe(true);
    expect(containsText("Director", "vp")).toBe(false);
  });
});
