import type { Readable } from "node:stream";

/** The body was longer than the limit; nothing past the limit was read or kept. */
export class BodyTooLargeError extends Error {
  readonly limit: number;

  constructor(limit: number) {
    super(`request body exceeds ${limit} bytes`);
    this.name = "BodyTooLargeError";
    this.limit = limit;
  }
}

/**
 * Reads a stream into one buffer, failing with BodyTooLargeError as soon as it passes `maxBytes`.
 *
 * Uses listeners rather than `for await`: leaving a `for await` early destroys the stream, and
 * destroying an IncomingMessage destroys its socket, so the 413 could never be sent. Instead the
 * stream is paused and left alone; the caller answers and closes the connection.
 */
export function readBody(stream: Readable, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;

    const cleanup = (): void => {
      stream.off("data", onData);
      stream.off("end", onEnd);
      stream.off("error", onError);
      stream.off("close", onClose);
    };
    const onData = (chunk: Buffer | string): void => {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      size += bytes.length;
      if (size > maxBytes) {
        cleanup();
        stream.pause();
        reject(new BodyTooLargeError(maxBytes));
        return;
      }
      chunks.push(bytes);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    // A client that disconnects mid-body closes the stream without 'end' (and, for an
    // IncomingMessage, without 'error'): without this the promise would never settle.
    const onClose = (): void => {
      cleanup();
      reject(new Error("the stream closed before the body was complete"));
    };

    stream.on("data", onData);
    stream.on("end", onEnd);
    stream.on("error", onError);
    stream.on("close", onClose);
  });
}
