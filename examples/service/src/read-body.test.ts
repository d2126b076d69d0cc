import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { BodyTooLargeError, readBody } from "./read-body.js";

describe("readBody", () => {
  it("returns every byte of a body within the limit", async () => {
    const body = await readBody(Readable.from([Buffer.from('{"a":'), Buffer.from("1}")]), 7);
    expect(body.toString("utf8")).toBe('{"a":1}');
  });

  it("stops pulling from an endless stream as soon as the limit is passed", async () => {
    let produced = 0;
    const endless = new Readable({
      read() {
        produced++;
        this.push(Buffer.alloc(1000, 0x20));
      },
    });
    await expect(readBody(endless, 10_000)).rejects.toEqual(new BodyTooLargeError(10_000));
    // Wait long enough for a stream that kept flowing to produce many more chunks.
    await new Promise((resolve) => setTimeout(resolve, 50));
    // 11 chunks cross the limit; a paused stream may fill its buffer (16 KiB) but no further.
    expect(produced).toBeLessThan(40);
    expect(endless.isPaused()).toBe(true);
    expect(endless.destroyed).toBe(false); // left open so an HTTP response can still be written
  });

  it("rejects when the stream closes before it ends (a client that disconnects)", async () => {
    const stream = new PassThrough();
    const reading = readBody(stream, 1000);
    stream.write("{");
    stream.destroy();
    await expect(reading).rejects.toThrow("closed before the body was complete");
  });

  it("rejects with the stream's error", async () => {
    const stream = new PassThrough();
    const reading = readBody(stream, 1000);
    stream.destroy(new Error("socket hang up"));
    await expect(reading).rejects.toThrow("socket hang up");
  });
});
