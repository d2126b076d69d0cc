import { describe, expect, it } from "vitest";
import { expectSafeFormat } from "./__fixtures__/support.js";

/**
 * prettier's `printWidth` decides where long lines break. The policy below is made of short
 * words, so at every width each line can be made to fit, and must.
 */

const policy = `policy p "P" {
  version "1.0.0"
  owner ops "@acme/a", "@acme/b", "@acme/c", "@acme/d"
  reviewed 2026-01-01
  review every 6 months
}

lead {
  kind: one of aa, bb, cc, dd, ee, ff, gg, hh, ii, jj, kk, ll, mm, nn, oo, pp
  n: integer
  t: text
  acts: list of act
}

record act {
  k: one of x, y, z
  at: date
}

rule r "Rule": n >= 1 and t in ["a", "b", "c", "d", "e"] and kind in [aa, bb, cc] or t = "x" and n < 9

score s "S", at most 50, at least 0 {
  l "L": 5 per acts where k = x and at within 30 days, at most 20, half-life 9 days on at
  m: 3 if any acts where k in [x, y] and at within 9 days
}

grade g {
  A "A" if r and s >= 10 and kind in [aa, bb, cc, dd]
  otherwise B
}

stage S "Stage" owned by ops, follow up within 2 days {
  require q "Q": g = A and any acts where k = z and at within 60 days
}
`;

function lines(text: string): string[] {
  return text.split("\n");
}

describe("printWidth", () => {
  it("breaks the same policy differently at 40, 80 and 120 columns, each line within the width", async () => {
    const outputs = new Map<number, string>();
    for (const width of [40, 80, 120]) {
      const formatted = await expectSafeFormat(policy, width);
      const tooLong = lines(formatted).filter((l) => l.length > width);
      expect(tooLong, `lines over ${width} columns`).toEqual([]);
      outputs.set(width, formatted);
    }
    expect(new Set(outputs.values()).size).toBe(3);
    // Wider means fewer lines.
    expect(lines(outputs.get(40)!).length).toBeGreaterThan(lines(outputs.get(80)!).length);
    expect(lines(outputs.get(80)!).length).toBeGreaterThan(lines(outputs.get(120)!).length);
  });

  it("keeps a line that fits on one line", async () => {
    const formatted = await expectSafeFormat("rule r: a and b\n", 15);
    expect(formatted).toBe("rule r: a and b\n");
  });

  it("breaks after the colon first, then before each 'and'", async () => {
    expect(await expectSafeFormat("rule r: aaaa and bbbb\n", 20)).toBe("rule r:\n  aaaa and bbbb\n");
    expect(await expectSafeFormat("rule r: aaaa and bbbb\n", 12)).toBe("rule r:\n  aaaa\n  and bbbb\n");
  });

  it("lets a word longer than the width overflow rather than break inside it", async () => {
    const formatted = await expectSafeFormat('rule r "A label longer than the width": a\n', 20);
    expect(formatted).toBe('rule r "A label longer than the width":\n  a\n');
  });
});
