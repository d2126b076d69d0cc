import { describe, expect, it } from "vitest";
import {
  addMonths,
  civilFromDays,
  dayOf,
  daysFromCivil,
  isIsoDate,
  isoOf,
  normalizeAsOf,
  windowStart,
} from "./dates.js";

describe("day numbers", () => {
  it("counts days from 1970-01-01", () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(1970, 1, 2)).toBe(1);
    expect(daysFromCivil(1969, 12, 31)).toBe(-1);
    // Cross-checked against Date.UTC, which counts milliseconds from the same epoch.
    expect(daysFromCivil(2026, 11, 1)).toBe(Date.UTC(2026, 10, 1) / 86_400_000);
  });

  it("round-trips every day of four centuries (leap years included)", () => {
    for (let day = daysFromCivil(1900, 1, 1); day <= daysFromCivil(2300, 12, 31); day++) {
      const { year, month, day: d } = civilFromDays(day);
      if (daysFromCivil(year, month, d) !== day) throw new Error(`mismatch at ${day}`);
    }
    expect(isoOf(daysFromCivil(2024, 2, 29))).toBe("2024-02-29");
  });

  it("reads ISO dates directly", () => {
    expect(dayOf("2026-11-01")).toBe(daysFromCivil(2026, 11, 1));
    expect(dayOf("2000-02-29")).toBe(daysFromCivil(2000, 2, 29));
  });

  it("reads every four-digit year like daysFromCivil, at both ends of the range too", () => {
    for (const iso of ["0000-01-01", "0000-02-29", "0000-03-01", "0001-01-01", "1969-12-31", "9999-12-31"]) {
      expect(dayOf(iso)).toBe(daysFromCivil(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8))));
    }
    for (let day = daysFromCivil(1600, 1, 1); day <= daysFromCivil(2400, 12, 31); day += 7) {
      if (dayOf(isoOf(day)) !== day) throw new Error(`dayOf(${isoOf(day)}) is not ${day}`);
    }
  });
});

describe("isIsoDate", () => {
  it.each(["2026-11-01", "2024-02-29", "2000-02-29", "1999-12-31"])("accepts %s", (d) =>
    expect(isIsoDate(d)).toBe(true),
  );
  it.each([
    "2026-02-30",
    "2023-02-29",
    "1900-02-29",
    "2026-13-01",
    "2026-00-10",
    "2026-1-01",
    "26-01-01",
    "2026-01-01T00:00:00Z",
    "",
    "2026-0a-01",
    "2026/01/01",
    "+202-01-01",
    "\uff12026-01-01",
    "2026-01-01 ",
  ])("rejects %s", (d) => expect(isIsoDate(d)).toBe(false));

  it("agrees with Date on every year from 0000 to 9999, around every month's last day", () => {
    // Date, on its own arithmetic: whether the day survives a round trip through a UTC date.
    const real = (year: number, month: number, day: number): boolean => {
      const date = new Date(0);
      date.setUTCFullYear(year, month - 1, day);
      return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
    };
    const text = (n: number, width: number) => String(n).padStart(width, "0");
    let accepted = 0;
    for (let year = 0; year <= 9999; year++)
      for (let month = 0; month <= 13; month++)
        for (const day of [0, 1, 15, 28, 29, 30, 31, 32]) {
          const valid = month >= 1 && month <= 12 && day >= 1 && real(year, month, day);
          const iso = `${text(year, 4)}-${text(month, 2)}-${text(day, 2)}`;
          if (isIsoDate(iso) !== valid) throw new Error(`isIsoDate(${iso}) should be ${valid}`);
          if (valid) accepted++;
        }
    // Per year: 12 months × (1, 15, 28), 11 months with a 29th and 30th (February: a 29th in 2,425
    // leap years of 10,000), 7 months with a 31st.
    expect(accepted).toBe(10_000 * (12 * 3 + 11 * 2 + 7) + 2_425);
  });
});

describe("addMonths", () => {
  it("keeps the day of month when it exists", () => {
    expect(isoOf(addMonths(dayOf("2026-11-15"), -3))).toBe("2026-08-15");
    expect(isoOf(addMonths(dayOf("2026-11-15"), 2))).toBe("2027-01-15");
  });
  it("clamps to the last day of shorter months", () => {
    expect(isoOf(addMonths(dayOf("2026-03-31"), -1))).toBe("2026-02-28");
    expect(isoOf(addMonths(dayOf("2024-03-31"), -1))).toBe("2024-02-29");
    expect(isoOf(addMonths(dayOf("2026-01-31"), 1))).toBe("2026-02-28");
  });
});

describe("windowStart", () => {
  const asOf = dayOf("2026-11-01");
  it("counts days, weeks and calendar months back", () => {
    expect(isoOf(windowStart(asOf, 90, "days"))).toBe("2026-08-03");
    expect(isoOf(windowStart(asOf, 2, "weeks"))).toBe("2026-10-18");
    expect(isoOf(windowStart(asOf, 6, "months"))).toBe("2026-05-01");
  });
});

describe("normalizeAsOf", () => {
  it("accepts an ISO date", () =>
    expect(normalizeAsOf("2026-11-01")).toEqual({ day: dayOf("2026-11-01"), iso: "2026-11-01" }));
  it("takes a Date's UTC day", () => {
    expect(normalizeAsOf(new Date("2026-11-01T23:59:59Z")).iso).toBe("2026-11-01");
  });
  it("answers a repeated day from memory, and still rejects bad input after a good one", () => {
    const first = normalizeAsOf("2026-03-31");
    expect(normalizeAsOf("2026-03-31")).toEqual(first);
    expect(normalizeAsOf("2026-04-01")).toEqual({ day: first.day + 1, iso: "2026-04-01" });
    expect(() => normalizeAsOf(undefined as unknown as string)).toThrow(RangeError);
    expect(() => normalizeAsOf("2026-04-31")).toThrow(RangeError);
  });
  it("rejects anything else with a RangeError", () => {
    expect(() => normalizeAsOf("2026-02-30")).toThrow(RangeError);
    expect(() => normalizeAsOf(new Date("nope"))).toThrow("invalid Date");
    expect(() => normalizeAsOf(20261101 as unknown as string)).toThrow("YYYY-MM-DD");
  });
});
