import type { ByteSink } from "./byte-sink.js";

/**
 * Writes a value as JSON: exactly the UTF-8 bytes of `JSON.stringify(value)`, for any value.
 * Returns false, writing nothing, where JSON.stringify gives `undefined`.
 */
export type JsonWriter = (value: unknown, sink: ByteSink) => boolean;

/** A JSON writer specialised for values shaped like a sample; see jsonTemplate. */
export interface JsonTemplate {
  /**
   * The sample's JSON. The writer copies runs of it: from the sink's prefix, within one buffer,
   * when the sink was made with these bytes as its prefix; else, slower, from here.
   */
  readonly bytes: Uint8Array;
  readonly write: JsonWriter;
}

/**
 * A JSON writer specialised for values shaped like `sample`: for `leadgate eval`, decisions, whose
 * keys, labels and owners are the same for every lead of a policy, and whose statuses, lists and
 * numbers mostly are too.
 *
 * The sample's own JSON is kept as bytes, the template. A value is walked alongside the sample,
 * and wherever a leaf (a string, number, boolean, null or empty list) equals the sample's, nothing
 * is written for it: its bytes in the template will do. Only where a leaf differs are the template
 * bytes up to it copied, in one run, and the leaf written. A decision of the inbound policy has
 * about 130 leaves, of which about 30 differ from one lead to another, so most of its 3 KB are
 * copied in a few runs instead of being built key by key, as JSON.stringify must.
 *
 * Nothing is trusted about the value's shape: each object is checked to be a plain object with
 * exactly the sample's keys in the sample's order (the order JSON.stringify follows). An object
 * that is not (a null where the sample has an object, a key more or less, an `undefined`, a toJSON
 * method) is written by JSON.stringify itself, and a leaf that differs by JSON's rules (see
 * writeValue). The template decides only how fast, never what is written. No code is generated:
 * the writer is a tree of closures over plain data.
 */
export function jsonTemplate(sample: unknown): JsonTemplate {
  const template = new TemplateText();
  const root = node(sample, template);
  const bytes = template.bytes();
  const run: Run = { from: 0, bytes, own: false };
  const write: JsonWriter = (value, sink) => {
    // JSON.stringify would call a toJSON method added to every object or list: not this writer's case.
    if (protoHasToJson()) return writeStringified(value, sink);
    const start = sink.size;
    run.from = 0;
    run.own = sink.prefix === bytes;
    if (!root(value, sink, run)) {
      // Left out, or a toJSON method somewhere that JSON.stringify calls with its key.
      sink.rewind(start);
      return writeStringified(value, sink);
    }
    flush(sink, run, bytes.length);
    return true;
  };
  return { bytes, write };
}

/**
 * Where the copying of template bytes stands: the template's bytes from `from` on are not yet
 * written; `own`: the sink holds them as its prefix.
 */
interface Run {
  from: number;
  readonly bytes: Uint8Array;
  own: boolean;
}

/**
 * Writes `value` where the template has the sample's value; false when it cannot be written on its
 * own (see writeValue), and then whatever holds it is written by JSON.stringify.
 */
type Node = (value: unknown, sink: ByteSink, run: Run) => boolean;

/**
 * How an object's entry is written. Leaves are handled in the object's own loop rather than by a
 * node each: a decision has about 130, and a call per leaf costs more than the comparison.
 */
const SCALAR = 0; // a string, number, boolean or null: unchanged when `===` the sample's
const EMPTY_LIST = 1; // an empty list: unchanged when the value is one too
const NESTED = 2; // anything else: its own node

/** The sample's JSON, built up as nodes are made, with each part's position in bytes. */
class TemplateText {
  private text = "";
  length = 0;

  add(part: string): void {
    this.text += part;
    this.length += Buffer.byteLength(part);
  }

  bytes(): Uint8Array {
    return new Uint8Array(Buffer.from(this.text));
  }
}

function node(sample: unknown, template: TemplateText): Node {
  if (isPlainObject(sample)) {
    const keys = Object.keys(sample);
    if (keys.length > 0) return objectNode(sample, keys, template);
  }
  const start = template.length;
  template.add(PLACEHOLDER);
  return leafNode(start, template.length);
}

/**
 * Template bytes for a part that is always written, never copied: it need not be the sample's
 * JSON (which, for a value JSON.stringify cannot write, does not exist).
 */
const PLACEHOLDER = "null";

/** A value `===` another has the same JSON. */
function isScalar(value: unknown): value is string | number | boolean | null {
  return value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

/** A leaf that is not in an object (the whole value, or a list): always written. */
function leafNode(start: number, end: number): Node {
  return (value, sink, run) => {
    flush(sink, run, start);
    if (!writeValue(value, sink)) return false;
    run.from = end;
    return true;
  };
}

function objectNode(sample: Readonly<Record<string, unknown>>, keys: readonly string[], template: TemplateText): Node {
  const start = template.length;
  const count = keys.length;
  const kinds: number[] = [];
  const samples: unknown[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const nested: Array<Node | null> = [];
  keys.forEach((key, i) => {
    template.add(`${i === 0 ? "{" : ","}${JSON.stringify(key)}:`);
    const value = sample[key];
    const valueStart = template.length;
    if (isPlainObject(value) && Object.keys(value).length > 0) {
      kinds.push(NESTED);
      nested.push(node(value, template));
    } else if (isScalar(value) || isEmptyList(value)) {
      template.add(JSON.stringify(value));
      kinds.push(isScalar(value) ? SCALAR : EMPTY_LIST);
      nested.push(null);
    } else {
      template.add(PLACEHOLDER);
      kinds.push(NESTED);
      nested.push(leafNode(valueStart, template.length));
    }
    samples.push(value);
    starts.push(valueStart);
    ends.push(template.length);
  });
  template.add("}");
  const end = template.length;

  return (value, sink, run) => {
    if (isPlainObject(value)) {
      const size = sink.size;
      const from = run.from;
      let i = 0;
      let same = true;
      for (const key in value) {
        if (i === count || key !== keys[i]) {
          same = false;
          break;
        }
        const item = value[key];
        const kind = kinds[i];
        if (kind === NESTED) {
          if (!nested[i]!(item, sink, run)) {
            same = false;
            break;
          }
        } else if (kind === SCALAR ? item !== samples[i] : !isEmptyList(item)) {
          flush(sink, run, starts[i]!);
          if (!writeValue(item, sink)) {
            same = false;
            break;
          }
          run.from = ends[i]!;
        }
        i++;
      }
      if (same && i === count) return true;
      // Not the sample's shape after all: what was written of it goes, and JSON.stringify writes it.
      sink.rewind(size);
      run.from = from;
    }
    flush(sink, run, start);
    if (!writeValue(value, sink)) return false;
    run.from = end;
    return true;
  };
}

/** Copies the template bytes not yet written, up to `to`. */
function flush(sink: ByteSink, run: Run, to: number): void {
  if (run.own) sink.copyPrefix(run.from, to);
  else sink.copy(run.bytes, run.from, to);
  run.from = to;
}

/**
 * Writes a value as JSON.stringify would, as a part of something larger; false, writing nothing,
 * when it cannot be written on its own: JSON.stringify leaves it out (`undefined`, a function, a
 * symbol), or calls its toJSON method with the key it has in what holds it. Strings, numbers,
 * booleans, null and lists of them, a decision's leaves, are written here; anything else by
 * JSON.stringify.
 */
export function writeValue(value: unknown, sink: ByteSink): boolean {
  if (writeScalar(value, sink)) return true;
  if (hasToJson(value)) return false;
  if (typeof value === "object" && value !== null && isPlainArray(value)) return writeList(value, sink);
  // An object, or undefined, a function or a symbol (left out), or a bigint (JSON.stringify throws).
  return writeStringified(value, sink);
}

/** Writes a string, number, boolean or null; false, writing nothing, for anything else. */
function writeScalar(value: unknown, sink: ByteSink): boolean {
  switch (typeof value) {
    case "string":
      sink.jsonString(value);
      return true;
    case "number":
      // JSON writes non-finite numbers as null, and any other as JavaScript does (-0 as 0).
      sink.ascii(Number.isFinite(value) ? String(value) : "null");
      return true;
    case "boolean":
      sink.ascii(value ? "true" : "false");
      return true;
    default:
      if (value !== null) return false;
      sink.ascii("null");
      return true;
  }
}

function writeList(list: readonly unknown[], sink: ByteSink): boolean {
  const start = sink.size;
  sink.ascii("[");
  for (let i = 0; i < list.length; i++) {
    if (i > 0) sink.ascii(",");
    const item = list[i];
    if (writeScalar(item, sink)) continue;
    if (hasToJson(item)) {
      sink.rewind(start);
      return false;
    }
    // A list in a list, or an object, goes to JSON.stringify, which also refuses a list that
    // contains itself; what JSON leaves out of an object, a list writes as null.
    if (!writeStringified(item, sink)) sink.ascii("null");
  }
  sink.ascii("]");
  return true;
}

function writeStringified(value: unknown, sink: ByteSink): boolean {
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) return false;
  sink.append(text);
  return true;
}

/**
 * An object JSON.stringify writes key by key, as this writer does: Object's own kind, without a
 * toJSON method of its own (checked even though a decision never has one: one that is not
 * enumerable would not show as a key).
 */
function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return (
    typeof value === "object" &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype &&
    typeof (value as { toJSON?: unknown }).toJSON !== "function"
  );
}

function isPlainArray(value: object): value is readonly unknown[] {
  return (
    Array.isArray(value) &&
    Object.getPrototypeOf(value) === Array.prototype &&
    typeof (value as { toJSON?: unknown }).toJSON !== "function"
  );
}

/** Whether JSON.stringify would call a toJSON method of the value (objects and bigints have them). */
function hasToJson(value: unknown): boolean {
  return (
    ((typeof value === "object" && value !== null) || typeof value === "bigint") &&
    typeof (value as { toJSON?: unknown }).toJSON === "function"
  );
}

function protoHasToJson(): boolean {
  return (
    (Object.prototype as { toJSON?: unknown }).toJSON !== undefined ||
    (Array.prototype as { toJSON?: unknown }).toJSON !== undefined
  );
}

function isEmptyList(value: unknown): boolean {
  return typeof value === "object" && value !== null && isPlainArray(value) && value.length === 0;
}
