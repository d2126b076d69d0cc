import { readFileSync } from "node:fs";

export type TextFileResult =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads a text file, refusing binary and non-UTF-8 content with a reason a person understands.
 * Returns instead of throwing: an unreadable example or policy is a test failure, not a crash.
 */
export function readTextFile(path: string): TextFileResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "file not found"
        : code === "EACCES"
          ? "permission denied"
          : code === "EISDIR"
            ? "it is a folder"
            : String(code ?? error);
    return { ok: false, reason };
  }
  return decodeText(bytes);
}

/** Text from bytes, refusing binary and non-UTF-8 content: for files and for git objects alike. */
export function decodeText(bytes: Uint8Array): TextFileResult {
  if (bytes.includes(0)) return { ok: false, reason: "it is a binary file, not text" };
  try {
    // The decoder drops a leading byte-order mark, so column 1 is the first visible character.
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return { ok: false, reason: "it is not UTF-8 text" };
  }
}
