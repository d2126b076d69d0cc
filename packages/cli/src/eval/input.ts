import { closeSync, createReadStream, fstatSync, openSync, readSync, type Stats } from "node:fs";
import type { Readable } from "node:stream";
import { UsageError } from "../files.js";

export interface Input {
  /**
   * The bytes, in chunks; the first one has been checked to be text. A chunk may be overwritten
   * by the next read: use it before asking for the next.
   */
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
    return start(
      streamChunks(stdin, file === null),
      "stdin",
      file ? file.size : null,
      file ? identityOf(file) : null,
      () => {
        stdin.destroy();
      },
    );
  }
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw new UsageError(`Cannot read ${path}: ${why((error as NodeJS.ErrnoException).code)}`);
  }
  const stats = fstatSync(fd);
  if (stats.isDirectory()) {
    closeSync(fd);
    throw new UsageError(`Cannot read ${path}: it is a folder`);
  }
  if (stats.isFile()) {
    const file = fileChunks(fd);
    return start(file, path, stats.size, identityOf(stats), () => file.close());
  }
  // A named pipe or a device: its reads may wait, so they go through a stream.
  const stream = createReadStream(path, { fd, highWaterMark: CHUNK_BYTES });
  return start(streamChunks(stream, true), path, null, null, () => stream.destroy());
}

interface Chunks {
  readonly chunks: AsyncIterator<Buffer>;
  /** Whether the input is waiting for its writer (a pipe); always false for a file, which never waits. */
  readonly idle: () => boolean;
}

/** `mayWait`: the stream is a pipe or a device rather than a file (stdin can be either). */
function streamChunks(stream: Readable, mayWait: boolean): Chunks {
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return { chunks, idle: mayWait ? () => stream.readableLength === 0 : never };
}

function never(): boolean {
  return false;
}

/**
 * A regular file, read with plain synchronous reads into one buffer. Such a read never waits for a
 * writer, so a stream would only add a hop through libuv's thread pool for every chunk: another
 * thread on the cores that evaluate. Each chunk is only valid until the next is asked for, which
 * the line splitter allows (it copies the unfinished line it keeps).
 */
function fileChunks(fd: number): Chunks & { close(): void } {
  const buffer = Buffer.allocUnsafeSlow(CHUNK_BYTES);
  let open = true;
  const done: IteratorResult<Buffer> = { done: true, value: undefined };
  return {
    chunks: {
      next: async () => {
        if (!open) return done;
        const read = readSync(fd, buffer, 0, buffer.length, null);
        return read === 0 ? done : { done: false, value: buffer.subarray(0, read) };
      },
    },
    idle: never,
    close() {
      if (!open) return;
      open = false;
      closeSync(fd);
    },
  };
}

async function start(
  source: Chunks,
  name: string,
  size: number | null,
  identity: Input["identity"],
  close: () => void,
): Promise<Input> {
  const { chunks } = source;
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
  return { chunks: replay, name, size, identity, idle: source.idle, close };
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
        : code === "ENOSPC"
          ? "no space left on the device"
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
