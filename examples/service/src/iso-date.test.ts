import { describe, expect, it } from "vitest";
import { isIsoDate } from "./iso-date.js";

describe("isIsoDate", () => {
  it("accepts real calendar days, including leap days", () => {
    for (const day of ["2026-11-01", "2024-02-29", "2000-02-29", "0001-01-01", "0099-12-31", "9999-12-31"]) {
      expect(isIsoDate(day), day).toBe(true);
    }
  });

  it("rejects impossible days and other spellings", () => {
    for (const text of [
      "2026-02-29",
      "1900-02-29",
      "2026-04-31",
      "2026-13-01",
      "2026-00-10",
      "2026-01-00",
      "2026-1-01",
      "20261101",
      "2026-11-01T00:00:00Z",
      " 2026-11-01",
      "",
    ]) {
      expect(isIsoDate(text), text).toBe(false);
    }
  });
});
