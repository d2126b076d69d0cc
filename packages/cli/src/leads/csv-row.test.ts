import { describe, expect, it } from "vitest";
import { csvCell, parseCsvRow, quotedCellOpenAfter } from "./csv-row.js";

describe("parseCsvRow", () => {
  it("splits cells, unquoting quoted ones with commas, doubled quotes and line breaks", () => {
    expect(parseCsvRow('a,"b,c","say ""hi""","x\ny",')).toEqual({
      ok: true,
      cells: ["a", "b,c", 'say "hi"', "x\ny", ""],
    });
    expect(parseCsvRow("")).toEqual({ ok: true, cells: [""] });
    expect(parseCsvRow('""')).toEqual({ ok: true, cells: [""] });
  });

  it("takes a quote inside an unquoted cell as a character", () => {
    expect(parseCsvRow('5" screen,b')).toEqual({ ok: true, cells: ['5" screen', "b"] });
  });

  it("refuses text after a closing quote, and a quoted cell never closed", () => {
    expect(parseCsvRow('a,"b"c,d')).toEqual({ ok: false, reason: "unexpected text after the closing quote of cell 2" });
    expect(parseCsvRow('a,"b')).toEqual({ ok: false, reason: "a quoted cell is not closed" });
  });
});

describe("quotedCellOpenAfter", () => {
  it("agrees with parseCsvRow on where a record ends", () => {
    expect(quotedCellOpenAfter("a,b", false)).toBe(false);
    expect(quotedCellOpenAfter('a,"b', false)).toBe(true);
    expect(quotedCellOpenAfter('a,"b""', false)).toBe(true);
    expect(quotedCellOpenAfter('a,"b"""', false)).toBe(false);
    expect(quotedCellOpenAfter('5" screen,b', false)).toBe(false);
    expect(quotedCellOpenAfter('"', false)).toBe(true);
    expect(quotedCellOpenAfter('still open ""', true)).toBe(true);
    expect(quotedCellOpenAfter('closed",next', true)).toBe(false);
    expect(quotedCellOpenAfter('closed","reopened', true)).toBe(true);
  });
});

describe("csvCell", () => {
  it("quotes only the cells that need it", () => {
    expect(csvCell("MQL")).toBe("MQL");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(" padded")).toBe('" padded"');
  });
});
