/** Why a body is not JSON, and where, when the parser says. */
export interface JsonProblem {
  message: string;
  /** Offset in characters (UTF-16 code units, as JSON.parse counts) of the offending character. */
  position?: number;
  /** 1-based line and column of `position`, easier to find in a pretty-printed body. */
  line?: number;
  column?: number;
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; problem: JsonProblem };

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Decodes and parses a JSON body. JSON.parse is safe with hostile keys: it defines `__proto__` as
 * an ordinary own property rather than setting the prototype, and the policy's schema then copies
 * only the fields it declares into fresh objects.
 */
export function parseJsonBody(body: Uint8Array): JsonResult {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return { ok: false, problem: { message: "body is not valid UTF-8" } };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: { message, ...locate(text, message) } };
  }
}

/**
 * V8 names a position for some errors ("... in JSON at position 6") and not for others ("Unexpected
 * token '}', ... is not valid JSON"); its wording is not an API, so take the number when present.
 * "Unexpected end of JSON input" means the end of the text, whose position is known anyway.
 */
function locate(text: string, message: string): { position?: number; line?: number; column?: number } {
  const match = /at position (\d+)/.exec(message);
  const position = match !== null ? Number(match[1]) : /end of JSON input/.test(message) ? text.length : undefined;
  if (position === undefined) return {};
  const before = text.slice(0, position);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { position, line: before.split("\n").length, column: position - lineStart + 1 };
}
