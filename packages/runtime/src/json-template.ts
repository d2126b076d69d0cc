import { namesJson, numberJson, statusJson, stringJson, triJson, valueJson } from "./json.js";

/**
 * The kinds of value a decision's JSON holds, and how each is written (see json.ts). `status` is a
 * requirement's three-valued result, written as its status; `statusText` is a status itself;
 * `number` may be null; `json` is JSON text already written (a part of the decision that is null
 * or an object with its own template), or null.
 */
export const Leaf = { string: 0, tri: 1, status: 2, statusText: 3, number: 4, names: 5, value: 6, json: 7 } as const;
export type LeafKind = (typeof Leaf)[keyof typeof Leaf];

/** The text of each kind's usual value, which the template holds, and that value. */
const USUAL: Record<LeafKind, { readonly text: string; readonly value: unknown }> = {
  [Leaf.string]: { text: '""', value: "" },
  [Leaf.tri]: { text: "false", value: false },
  [Leaf.status]: { text: '"failed"', value: false },
  [Leaf.statusText]: { text: '"failed"', value: "failed" },
  [Leaf.number]: { text: "0", value: 0 },
  // No value is `===` this: an empty list is usual, tested apart.
  [Leaf.names]: { text: "[]", value: Symbol("an empty list") },
  [Leaf.value]: { text: "null", value: null },
  [Leaf.json]: { text: "null", value: null },
};

/**
 * A decision's JSON as one text with every computed value at its usual value (false, 0, null, an
 * empty list), and where each value is. A compiled module makes one from its decision's shape;
 * `fill` then writes a lead's decision by copying the text and writing only the values that
 * differ, about a quarter of them for a typical policy. Runs of unchanged text are slices of the
 * template, not copies, so a decision costs a few dozen string pieces instead of several hundred.
 *
 * `parts` alternates text and kinds: `['{"a":', Leaf.tri, ',"b":', Leaf.number, "}"]`.
 */
export class JsonTemplate {
  private readonly text: string;
  private readonly kinds: readonly LeafKind[];
  /** Each value's usual value (for lists, a symbol: an empty list is usual, tested apart). */
  private readonly usual: readonly unknown[];
  private readonly starts: readonly number[];
  private readonly ends: readonly number[];

  constructor(parts: ReadonlyArray<string | LeafKind>) {
    let text = "";
    const kinds: LeafKind[] = [];
    const usual: unknown[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    for (const part of parts) {
      if (typeof part === "string") {
        text += part;
        continue;
      }
      kinds.push(part);
      usual.push(USUAL[part].value);
      starts.push(text.length);
      text += USUAL[part].text;
      ends.push(text.length);
    }
    this.text = text;
    this.kinds = kinds;
    this.usual = usual;
    this.starts = starts;
    this.ends = ends;
  }

  /** The JSON with these values, one per leaf in order: exactly what JSON.stringify writes. */
  fill(values: readonly unknown[]): string {
    const { text, kinds, usual, starts, ends } = this;
    if (values.length !== kinds.length)
      throw new TypeError(`internal: a JSON template of ${kinds.length} values was given ${values.length}`);
    let out = "";
    let from = 0;
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      const kind = kinds[i]!;
      // The usual value: its text is the template's (`-0` is written `0`, as 0 is).
      if (value === usual[i] || (kind === Leaf.names && Array.isArray(value) && value.length === 0)) continue;
      out += text.slice(from, starts[i]);
      out += leafJson(kind, value);
      from = ends[i]!;
    }
    return from === 0 ? text : out + text.slice(from);
  }
}

function leafJson(kind: LeafKind, value: unknown): string {
  switch (kind) {
    case Leaf.string:
      return stringJson(value as string);
    case Leaf.tri:
      return triJson(value as boolean | null);
    case Leaf.status:
      return statusJson(value as boolean | null);
    case Leaf.statusText:
      return stringJson(value as string);
    case Leaf.number:
      return value === null ? "null" : numberJson(value as number);
    case Leaf.names:
      return namesJson(value as readonly string[]);
    case Leaf.value:
      return valueJson(value);
    case Leaf.json:
      return value === null ? "null" : stringOrThrow(value);
  }
}

function stringOrThrow(value: unknown): string {
  if (typeof value !== "string") throw new TypeError(`internal: JSON text expected, got ${typeof value}`);
  return value;
}
