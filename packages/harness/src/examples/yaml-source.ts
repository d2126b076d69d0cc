import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
  type YAMLMap,
} from "yaml";

/** Where something is in a YAML file, 1-based, as editors print it. */
export interface YamlPosition {
  readonly line: number;
  readonly column: number;
}

export interface YamlSyntaxError extends YamlPosition {
  readonly message: string;
}

/** One `key: value` of a mapping, with the key as text and where it was written. */
export interface YamlEntry {
  readonly key: string;
  readonly keyLine: number;
  /** Null when nothing follows the colon. */
  readonly value: Node | null;
}

/**
 * A parsed YAML file that can say on which line any value sits. Uses the yaml Document API with a
 * LineCounter so a problem deep inside a lead (`lead.company.employees`) points at its own line.
 */
export class YamlSource {
  readonly document: Document.Parsed;
  readonly syntaxErrors: readonly YamlSyntaxError[];
  private readonly lines = new LineCounter();

  constructor(text: string) {
    // YAML 1.2 core schema: `2026-11-01` stays text and `yes` is not a boolean, as in JSON.
    this.document = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, version: "1.2" });
    this.syntaxErrors = this.document.errors.map((error) => ({
      ...this.positionAt(error.pos[0]),
      message: firstLine(error.message),
    }));
  }

  positionAt(offset: number): YamlPosition {
    const { line, col } = this.lines.linePos(offset);
    // An empty file has no lines yet; call that line 1.
    return { line: Math.max(1, line), column: Math.max(1, col) };
  }

  lineOf(node: Node | null | undefined, fallback = 1): number {
    return node?.range ? this.positionAt(node.range[0]).line : fallback;
  }

  /** The node an alias (`*base`) points at; any other node unchanged. */
  resolve(node: Node | null | undefined): Node | null {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return (node.resolve(this.document) as Node | undefined) ?? null;
    return node;
  }

  /** The entries of a mapping, in written order. Keys are read as text (`1: x` has key "1"). */
  entries(map: YAMLMap): YamlEntry[] {
    return map.items.map((pair) => {
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      return { key, keyLine: this.lineOf(keyNode), value: this.resolve(pair.value as Node | null) };
    });
  }

  /**
   * The line of the value at `path` under `root`, or, when the path does not exist (a required
   * field left out), the line of the deepest part that does: the mapping that lacks the key.
   */
  lineAtPath(root: Node | null, path: readonly (string | number)[], fallback: number): number {
    let node = this.resolve(root);
    let line = this.lineOf(node, fallback);
    for (const segment of path) {
      if (isMap(node)) {
        const entry = this.entries(node).find((e) => e.key === String(segment));
        if (!entry) return line;
        node = entry.value;
        line = entry.value ? this.lineOf(entry.value, entry.keyLine) : entry.keyLine;
      } else if (isSeq(node) && typeof segment === "number") {
        const item = this.resolve(node.items[segment] as Node | undefined);
        if (!item) return line;
        node = item;
        line = this.lineOf(item, line);
      } else {
        return line;
      }
    }
    return line;
  }
}

/** The scalar's value if the node is a scalar, else `undefined` (a list or mapping). */
export function scalarValue(node: Node | null): { readonly value: unknown } | undefined {
  if (node === null) return { value: null };
  return isScalar(node) ? { value: node.value } : undefined;
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.trim();
}
