import type { ReadStream } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { fstatSync, type Stats } from "node:fs";
import type { Readable } from "node:stream";
import { UsageError } from "../files.js";

export interface Input {
  /** The bytes, in chunks; the first one has been checked to be text. */
  readonly chunks: AsyncIterator<Buffer>;
  /** How messages name the input: its path, or `stdin`. */
  readonly name: string;
  /** Its size in bytes when it is a regular file (for the progress bar's ETA); null for a pipe. */
  readonly size: number | null;
  /** For a pipe, whether no data is waiting to be read; always false for a file (it never waits). */
  idle(): boolean;
  /** The file's identity, to refuse an output that would overwrite it. */
  readonly identity: { readonly dev: number; readonly ino: number } | null;
  close(): void;
}

/** Large reads: fewer chunks to split, and still a small, fixed amount of memory. */
const CHUNK_BYTES = 64 * 1024;

/**
 * Opens `--input` (a path, or `-` for stdin) and reads its first chunk, so a missing file, a folder,
 * a binary or UTF-16 file are refused with one clear message before any output is written.
 */
export async function openInput(path: string, stdin: Readable & { isTTY?: boolean; fd?: number }): Promise<Input> {
  if (path === "-") {
    if (stdin.isTTY) throw new UsageError("No input: pass --input FILE, or pipe the leads into stdin");
    const stats = statOfStdin();
    const file = stats?.isFile() === true ? stats : null;
    return start(stdin, "stdin", file ? file.size : null, file ? identityOf(file) : null, () => {
      stdin.destroy();
    });
  }
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    throw new UsageError(`Cannot read ${path}: ${why((error as NodeJS.ErrnoException).code)}`);
  }
  const stats = await handle.stat();
  if (stats.isDirectory()) {
    await handle.close();
    throw new UsageError(`Cannot read ${path}: it is a folder`);
  }
  const stream: ReadStream = handle.createReadStream({ highWaterMark: CHUNK_BYTES });
  return start(stream, path, stats.isFile() ? stats.size : null, stats.isFile() ? identityOf(stats) : null, () =>
    stream.destroy(),
  );
}

async function start(
  stream: Readable,
  name: string,
  size: number | null,
  identity: Input["identity"],
  close: () => void,
): Promise<Input> {
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let first: IteratorResult<Buffer>;
  try {
    first = await chunks.next();
  } catch (error) {
    close();
    throw new UsageError(`Cannot read ${name}: ${why((error as NodeJS.ErrnoException).code)}`);
  }
  if (!first.done) {
    const problem = notText(first.value);
    if (problem !== null) {
      close();
      throw new UsageError(`Cannot read ${name}: ${problem}`);
    }
  }
  let pending: IteratorResult<Buffer> | null = first;
  const replay: AsyncIterator<Buffer> = {
    next: () => {
      if (pending === null) return chunks.next();
      const result = pending;
      pending = null;
      return Promise.resolve(result);
    },
  };
  const idle = size === null ? () => stream.readableLength === 0 : () => false;
  return { chunks: replay, name, size, identity, idle, close };
}

/** Why the start of an input is not UTF-8 text, or null. Later bad lines are reported one by one. */
export function notText(start: Buffer): string | null {
  if ((start[0] === 0xff && start[1] === 0xfe) || (start[0] === 0xfe && start[1] === 0xff))
    return "it is UTF-16 text; save it as UTF-8";
  if (start.subarray(0, 8192).includes(0)) return "it is a binary file, not text";
  return null;
}

/** An fs error code in words, as the rest of the CLI words them. */
export function why(code: string | undefined): string {
  return code === "ENOENT"
    ? "file not found"
    : code === "EACCES"
      ? "permission denied"
      : code === "EISDIR"
        ? "it is a folder"
        : String(code ?? "unknown error");
}

/** stdin redirected from a file has a size; a pipe or a closed descriptor does not. */
function statOfStdin(): Stats | null {
  try {
    return fstatSync(0);
  } catch {
    return null;
  }
}

function identityOf(stats: { dev: number; ino: number }): { dev: number; ino: number } {
  return { dev: stats.dev, ino: stats.ino };
}
