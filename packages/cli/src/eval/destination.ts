import { closeSync, openSync, statSync, writeSync } from "node:fs";
import { once } from "node:events";
import { finished } from "node:stream/promises";
import type { Writable } from "node:stream";
import { UsageError } from "../files.js";
import { why } from "./input.js";

/** Reading or writing failed during the run (a full disk, a vanished device): exit 1, with this message. */
export class RunFailure extends Error {}

/** Where one kind of output goes: a file, or stdout for `-`. */
export interface Destination {
  readonly name: string;
  /**
   * Writes whole lines; resolves when the stream can take more (backpressure). `written` is called
   * once the bytes have gone to the file or pipe, when their memory may be used again.
   */
  write(text: string | Uint8Array, written?: () => void): Promise<void>;
  /** Flushes everything written; closes a file, leaves stdout open. */
  close(): Promise<void>;
}

/**
 * Opens an output up front, so a folder that does not exist or a file that cannot be written is a
 * usage error before any lead is read. Refuses to overwrite the input.
 */
export function openDestination(
  path: string,
  flag: string,
  stdout: Writable,
  input: { readonly dev: number; readonly ino: number } | null,
): Destination {
  if (path === "-") return streamDestination(stdout, "stdout", false);
  const existing = statSync(path, { throwIfNoEntry: false });
  if (existing?.isDirectory()) throw new UsageError(`Cannot write ${flag} ${path}: it is a folder`);
  if (existing && input && existing.dev === input.dev && existing.ino === input.ino)
    throw new UsageError(`${flag} ${path} is the input file; writing it would destroy the leads`);
  let fd: number;
  try {
    fd = openSync(path, "w");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `Cannot write ${flag} ${path}: ${code === "ENOENT" ? "its folder does not exist" : why(code)}`,
    );
  }
  return fileDestination(fd, path);
}

/**
 * A file written with plain synchronous writes. A write to a regular file never waits for a reader,
 * so there is nothing to overlap: going through a stream would only hand each batch's megabytes to
 * libuv's thread pool, one more thread on the cores that evaluate. On 1,000,000 inbound leads (3.3 GB
 * of decisions), plain reads and writes made the run 7 to 14% faster (docs/guides/bulk-evaluation.md,
 * section 7).
 */
function fileDestination(fd: number, name: string): Destination {
  let open = true;
  return {
    name,
    write(text, written) {
      try {
        const bytes = typeof text === "string" ? Buffer.from(text) : text;
        // writeSync may write less than asked (a signal, a nearly full disk): write the rest.
        for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
      } catch (error) {
        return Promise.reject(failure(error, name));
      }
      written?.();
      return Promise.resolve();
    },
    close() {
      if (!open) return Promise.resolve();
      open = false;
      try {
        closeSync(fd);
      } catch (error) {
        return Promise.reject(failure(error, name));
      }
      return Promise.resolve();
    },
  };
}

export function streamDestination(stream: Writable, name: string, owned: boolean): Destination {
  return {
    name,
    async write(text, written) {
      try {
        if (text.length === 0) written?.();
        else if (
          !stream.write(text, (error) => {
            if (!error) written?.();
          })
        )
          await once(stream, "drain");
      } catch (error) {
        throw failure(error, name);
      }
    },
    async close() {
      try {
        if (owned) {
          stream.end();
          await finished(stream);
        } else if (stream.writableNeedDrain) {
          await once(stream, "drain");
        }
      } catch (error) {
        throw failure(error, name);
      }
    },
  };
}

function failure(error: unknown, name: string): RunFailure {
  const code = (error as NodeJS.ErrnoException).code;
  return new RunFailure(`Cannot write ${name}: ${code === undefined ? (error as Error).message : why(code)}`);
}
