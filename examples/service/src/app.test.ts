import { once } from "node:events";
import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { salLead } from "./__fixtures__/leads.js";
import { createHandler, type AppOptions } from "./app.js";
import { policies, type Qualifier } from "./policies.js";

const MAX_BODY_BYTES = 4096;

/** Starts the real handler on an ephemeral loopback port; returns its base URL and a stopper. */
async function start(overrides: Partial<AppOptions> = {}): Promise<{ url: string; stop: () => Promise<void> }> {
  const server: Server = createServer(
    createHandler({ policies, maxBodyBytes: MAX_BODY_BYTES, today: () => "2026-11-01", ...overrides }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo; // listening on TCP, so never a string or null
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function postJson(url: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
}

let base: string;
let stopDefault: () => Promise<void>;
beforeAll(async () => {
  const started = await start();
  base = started.url;
  stopDefault = started.stop;
});
afterAll(() => stopDefault());

describe("POST /qualify", () => {
  it("returns the policy's decision for a valid lead", async () => {
    const res = await postJson(`${base}/qualify?policy=inbound&asOf=2026-11-01`, JSON.stringify(salLead));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const decision = await res.json();
    expect(decision).toMatchObject({
      policy: "inbound",
      version: "2.0.0",
      asOf: "2026-11-01",
      stage: "SAL",
      disqualified: null,
      grades: { fit: "A" },
      scores: { engagement: { total: 41 } },
      followUp: { stage: "SAL", within: { amount: 4, unit: "hours" } },
      gates: { MQL: { status: "passed" }, SQL: { status: "passed" }, SAL: { status: "passed" } },
    });
  });

  it("serves every policy in the package by name", async () => {
    for (const name of ["inbound", "enterprise", "partner"]) {
      // An empty object is invalid for every policy: the answer comes from that policy's own schema.
      const res = await postJson(`${base}/qualify?policy=${name}`, "{}");
      expect(res.status, name).toBe(400);
      const body = (await res.json()) as { error: string; issues: unknown[] };
      expect(body.error, name).toBe("invalid lead");
      expect(body.issues.length, name).toBeGreaterThan(0);
    }
  });

  it("reports every invalid path of an invalid lead, not only the first", async () => {
    const lead = {
      ...salLead,
      email: "not-an-email",
      seniority: "boss",
      company: { ...salLead.company, employees: "fifty" },
      agreed_to_meet: "yes",
      activities: [{ kind: "demo_request", at: "2026-13-01" }],
    };
    const { role: _role, ...withoutRole } = lead;
    const res = await postJson(`${base}/qualify?policy=inbound&asOf=2026-11-01`, JSON.stringify(withoutRole));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: "invalid lead",
      issues: [
        { path: "lead.email", message: 'expected a valid email, received "not-an-email"' },
        {
          path: "lead.seniority",
          message: 'expected one of student, ic, manager, director, vp, c_level, received "boss"',
        },
        { path: "lead.role", message: "required, expected one of decision_maker, influencer, user, unknown" },
        { path: "lead.company.employees", message: 'expected integer, received "fifty"' },
        { path: "lead.agreed_to_meet", message: 'expected boolean, received "yes"' },
        { path: "lead.activities[0].at", message: 'expected a date YYYY-MM-DD, received "2026-13-01"' },
      ],
    });
  });

  it("names the whole lead when the body is JSON but not an object", async () => {
    const res = await postJson(`${base}/qualify?policy=inbound`, "[1, 2]");
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: "invalid lead",
      issues: [{ path: "lead", message: "expected object, received a list" }],
    });
  });

  it("answers 400 on malformed JSON, with the position when the parser gives one", async () => {
    const trailing = await postJson(`${base}/qualify?policy=inbound`, '{\n  "email": "a@b.co"\n}x');
    expect(trailing.status).toBe(400);
    expect(await trailing.json()).toMatchObject({ error: "malformed JSON", position: 23, line: 3, column: 2 });

    // V8 gives no position for a body that stops short; the end of the text is where it stopped.
    const truncated = await postJson(`${base}/qualify?policy=inbound`, '{"email": ');
    expect(truncated.status).toBe(400);
    expect(await truncated.json()).toMatchObject({ error: "malformed JSON", position: 10, line: 1, column: 11 });

    const empty = await postJson(`${base}/qualify?policy=inbound`, "");
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ error: "malformed JSON", position: 0 });
  });

  it("answers 400 on a body that is not UTF-8", async () => {
    const res = await fetch(`${base}/qualify?policy=inbound`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]), // {"\xff"}
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "malformed JSON", message: "body is not valid UTF-8" });
  });

  it("answers 404 for an unknown policy, including names every object inherits", async () => {
    for (const name of ["outbound", "constructor", "__proto__", "toString", ""]) {
      const res = await postJson(`${base}/qualify?policy=${encodeURIComponent(name)}`, JSON.stringify(salLead));
      expect(res.status, name).toBe(404);
      expect(await res.json(), name).toEqual({
        error: "unknown policy",
        policy: name,
        policies: ["inbound", "enterprise", "partner"],
      });
    }
  });

  it("answers 400 when the policy is missing or repeated", async () => {
    const missing = await postJson(`${base}/qualify`, JSON.stringify(salLead));
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: "missing policy" });
    const repeated = await postJson(`${base}/qualify?policy=inbound&policy=partner`, JSON.stringify(salLead));
    expect(repeated.status).toBe(400);
    expect(await repeated.json()).toMatchObject({ error: "repeated policy" });
  });

  it("answers 404 for any other path", async () => {
    for (const path of ["/", "/qualify/", "/qualify/inbound", "/QUALIFY?policy=inbound", "//qualify?policy=inbound"]) {
      const res = await postJson(`${base}${path}`, JSON.stringify(salLead));
      expect(res.status, path).toBe(404);
      expect(await res.json(), path).toMatchObject({ error: "not found" });
    }
  });

  it("answers 405 with an Allow header for any other method", async () => {
    for (const method of ["GET", "PUT", "DELETE", "PATCH"]) {
      const res = await fetch(`${base}/qualify?policy=inbound`, { method });
      expect(res.status, method).toBe(405);
      expect(res.headers.get("allow"), method).toBe("POST");
      expect(await res.json(), method).toMatchObject({ error: "method not allowed" });
    }
  });

  it("answers 415 unless the body is declared as UTF-8 JSON", async () => {
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1"]) {
      const res = await postJson(`${base}/qualify?policy=inbound`, JSON.stringify(salLead), {
        "content-type": contentType,
      });
      expect(res.status, contentType).toBe(415);
      expect(await res.json(), contentType).toMatchObject({ error: "unsupported media type" });
    }
    // fetch labels a Blob without a type as no content type at all.
    const none = await fetch(`${base}/qualify?policy=inbound`, {
      method: "POST",
      body: new Blob([JSON.stringify(salLead)]),
    });
    expect(none.status).toBe(415);

    for (const contentType of ["Application/JSON; charset=UTF-8", "application/vnd.acme.lead+json"]) {
      const res = await postJson(`${base}/qualify?policy=inbound&asOf=2026-11-01`, JSON.stringify(salLead), {
        "content-type": contentType,
      });
      expect(res.status, contentType).toBe(200);
    }
  });
});

describe("asOf", () => {
  let service: { url: string; stop: () => Promise<void> } | undefined;
  afterEach(async () => {
    await service?.stop();
    service = undefined;
  });

  it("defaults to the injected today when the request gives none", async () => {
    service = await start({ today: () => "2027-06-01" });
    const res = await postJson(`${service.url}/qualify?policy=inbound`, JSON.stringify(salLead));
    expect(res.status).toBe(200);
    // The same lead that is SAL on 2026-11-01: its activity has decayed by the injected day.
    expect(await res.json()).toMatchObject({ asOf: "2027-06-01", stage: null, scores: { engagement: { total: 0 } } });
  });

  it("prefers the request's asOf over today, and does not read today at all then", async () => {
    let reads = 0;
    service = await start({
      today: () => {
        reads++;
        return "2027-06-01";
      },
    });
    const res = await postJson(`${service.url}/qualify?policy=inbound&asOf=2026-11-01`, JSON.stringify(salLead));
    expect(await res.json()).toMatchObject({ asOf: "2026-11-01", stage: "SAL" });
    expect(reads).toBe(0);
  });

  it("answers 400 on an asOf that is not a real YYYY-MM-DD date", async () => {
    for (const asOf of ["2026-02-30", "2026-11-1", "01/11/2026", "2026-11-01T00:00:00Z", ""]) {
      const res = await postJson(
        `${base}/qualify?policy=inbound&asOf=${encodeURIComponent(asOf)}`,
        JSON.stringify(salLead),
      );
      expect(res.status, asOf).toBe(400);
      expect(await res.json(), asOf).toEqual({
        error: "invalid asOf",
        message: `expected a date YYYY-MM-DD, received ${JSON.stringify(asOf)}`,
      });
    }
  });
});

describe("body size", () => {
  /** The SAL lead padded with trailing spaces (still valid JSON) to exactly `bytes` bytes. */
  function paddedLead(bytes: number): string {
    const text = JSON.stringify(salLead);
    return text + " ".repeat(bytes - text.length);
  }

  it("accepts a body of exactly the limit and refuses one byte more with 413", async () => {
    const atLimit = await postJson(`${base}/qualify?policy=inbound&asOf=2026-11-01`, paddedLead(MAX_BODY_BYTES));
    expect(atLimit.status).toBe(200);
    const over = await postJson(`${base}/qualify?policy=inbound&asOf=2026-11-01`, paddedLead(MAX_BODY_BYTES + 1));
    expect(over.status).toBe(413);
    expect(await over.json()).toEqual({ error: "body too large", limit: MAX_BODY_BYTES });
  });

  it("refuses a streamed body without a declared length, and stops reading it", async () => {
    // An endless body, sent chunked: the server only learns the size by reading, and must stop.
    const chunk = new TextEncoder().encode(" ".repeat(64 * 1024));
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(chunk);
      },
    });
    const res = await fetch(`${base}/qualify?policy=inbound`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit); // Node's fetch requires `duplex` for stream bodies; the DOM typings lack it
    expect(res.status).toBe(413);
    expect(res.headers.get("connection")).toBe("close");
    expect(await res.json()).toEqual({ error: "body too large", limit: MAX_BODY_BYTES });
    // The upload ended when the server closed the connection: at most what socket buffers hold
    // (a few MiB on loopback), not an endless stream.
    expect(pulled * chunk.length).toBeLessThan(64 * 1024 * 1024);
  });

  it("keeps the 413 readable for a client that stops uploading only once it sees the answer", async () => {
    // Like curl uploading with `-T -`: keep sending chunks until a response arrives. If the server
    // closed at once, with unread data, the kernel would reset the connection under the upload.
    const { port } = new URL(base);
    const socket = connect(Number(port), "127.0.0.1");
    await once(socket, "connect");
    let received = "";
    let failure: Error | undefined;
    socket.on("error", (error) => (failure = error));
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (received += chunk));
    const closed = new Promise((resolve) => socket.once("close", resolve));

    socket.write(
      "POST /qualify?policy=inbound HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
    );
    const chunk = `10000\r\n${" ".repeat(0x10000)}\r\n`;
    const complete = () => /\r\n\r\n\{.*\}$/s.test(received);
    while (!complete() && failure === undefined && !socket.destroyed) {
      if (!socket.write(chunk)) await Promise.race([once(socket, "drain"), new Promise((r) => setTimeout(r, 20))]);
    }
    // Hang up without sending what is still queued, as curl does once it has its answer.
    socket.destroy();
    await closed;

    expect(failure).toBeUndefined();
    expect(received).toMatch(/^HTTP\/1\.1 413 Payload Too Large\r\n/);
    expect(received.toLowerCase()).toContain("connection: close");
    expect(received.endsWith(JSON.stringify({ error: "body too large", limit: MAX_BODY_BYTES }))).toBe(true);
  });
});

describe("hostile input", () => {
  it("does not let __proto__ or constructor keys pollute Object.prototype", async () => {
    const body = `{
      "__proto__": { "polluted": "top" },
      "constructor": { "prototype": { "polluted": "constructor" } },
      "email": "maria.lopez@northwind.io",
      "seniority": "director",
      "role": "decision_maker",
      "company": { "__proto__": { "polluted": "nested" }, "name": "Northwind Analytics", "industry": "software", "employees": 800, "country": "US" },
      "budget": "budgeted",
      "agreed_to_meet": true,
      "unsubscribed": false,
      "activities": [{ "__proto__": { "polluted": "list" }, "kind": "demo_request", "at": "2026-10-20" }]
    }`;
    const res = await postJson(`${base}/qualify?policy=inbound&asOf=2026-11-01`, body);
    expect(res.status).toBe(200);
    const decision = await res.json();
    expect(decision).toMatchObject({ policy: "inbound", asOf: "2026-11-01" });
    expect(Object.prototype).not.toHaveProperty("polluted");
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(Object.getPrototypeOf(decision)).toBe(Object.prototype);
  });

  it("treats a client that hangs up mid-body as no error", async () => {
    const errors: unknown[] = [];
    const service = await start({ onError: (error) => errors.push(error) });
    try {
      const socket = connect(Number(new URL(service.url).port), "127.0.0.1");
      await once(socket, "connect");
      socket.write(
        "POST /qualify?policy=inbound HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
          'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"email":',
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(errors).toEqual([]);
    } finally {
      await service.stop();
    }
  });

  it("answers 500 without details when a policy throws, and reports the error", async () => {
    const errors: unknown[] = [];
    const broken: Qualifier = {
      policy: { name: "broken", version: "0.0.0" },
      qualify: () => {
        throw new Error("boom");
      },
    };
    const service = await start({ policies: new Map([["broken", broken]]), onError: (error) => errors.push(error) });
    try {
      const res = await postJson(`${service.url}/qualify?policy=broken`, "{}");
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: "internal error" });
      expect(errors).toEqual([new Error("boom")]);
    } finally {
      await service.stop();
    }
  });
});
