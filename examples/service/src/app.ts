import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { isIsoDate } from "./iso-date.js";
import { parseJsonBody } from "./json-body.js";
import type { AnyDecision, Qualifier } from "./policies.js";
import { BodyTooLargeError, readBody } from "./read-body.js";

export interface AppOptions {
  /** The policies served, by the name used in `?policy=`. */
  policies: ReadonlyMap<string, Qualifier>;
  /** Bodies longer than this are refused with 413 without being read further. */
  maxBodyBytes: number;
  /** Today's date, `YYYY-MM-DD`: the `asOf` used when a request gives none. */
  today: () => string;
  /** Told about unexpected failures (answered with 500); defaults to console.error. */
  onError?: (error: unknown) => void;
}

export const QUALIFY_PATH = "/qualify";
const ALLOWED_METHODS = "POST";
/** How long a connection stays open after refusing a body the client is still sending; see send(). */
const CLOSE_DELAY_MS = 500;

/** A request refused with an error status: thrown by the checks below, answered by the handler. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly body: { error: string } & Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.error);
    this.name = "Refusal";
  }
}

/** The request handler, to pass to `http.createServer`. Holds no state between requests. */
export function createHandler(options: AppOptions): RequestListener {
  const onError = options.onError ?? ((error: unknown) => console.error(error));
  return (req, res) => {
    const state = { bodyRead: false };
    qualify(req, options, state).then(
      (decision) => send(req, res, state.bodyRead, 200, decision),
      (error: unknown) => {
        if (error instanceof Refusal) return send(req, res, state.bodyRead, error.status, error.body, error.headers);
        // The client hung up mid-body: there is no one to answer, and nothing wrong with the service.
        if (req.socket.destroyed) return;
        onError(error);
        if (res.headersSent) res.destroy();
        else send(req, res, state.bodyRead, 500, { error: "internal error" });
      },
    );
  };
}

/** Runs the request through each check in turn; returns the decision or throws a Refusal. */
async function qualify(req: IncomingMessage, options: AppOptions, state: { bodyRead: boolean }): Promise<AnyDecision> {
  // Split by hand rather than with `new URL`, which reads a target like `//host/x` as a host.
  const target = req.url ?? "/";
  const queryAt = target.indexOf("?");
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  const query = new URLSearchParams(queryAt === -1 ? "" : target.slice(queryAt + 1));

  if (path !== QUALIFY_PATH) {
    throw new Refusal(404, { error: "not found", message: `no such path; use POST ${QUALIFY_PATH}?policy=<name>` });
  }
  if (req.method !== "POST") {
    throw new Refusal(
      405,
      { error: "method not allowed", message: `${QUALIFY_PATH} accepts ${ALLOWED_METHODS}` },
      { allow: ALLOWED_METHODS },
    );
  }

  const known = [...options.policies.keys()];
  const policyName = single(query, "policy", `one of ${known.join(", ")}`);
  if (policyName === undefined) {
    throw new Refusal(400, { error: "missing policy", message: `give ?policy=, one of ${known.join(", ")}` });
  }
  const qualifier = options.policies.get(policyName);
  if (qualifier === undefined) {
    throw new Refusal(404, { error: "unknown policy", policy: policyName, policies: known });
  }

  const asOfParam = single(query, "asOf", "a date YYYY-MM-DD");
  if (asOfParam !== undefined && !isIsoDate(asOfParam)) {
    throw new Refusal(400, {
      error: "invalid asOf",
      message: `expected a date YYYY-MM-DD, received ${JSON.stringify(asOfParam)}`,
    });
  }
  const asOf = asOfParam ?? options.today();

  checkContentType(req.headers["content-type"]);

  // A declared length over the limit is refused before a single byte of the body is read.
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > options.maxBodyBytes) throw tooLarge(options.maxBodyBytes);

  let body: Buffer;
  try {
    body = await readBody(req, options.maxBodyBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw tooLarge(error.limit);
    throw error;
  }
  state.bodyRead = true;

  const json = parseJsonBody(body);
  if (!json.ok) throw new Refusal(400, { error: "malformed JSON", ...json.problem });

  const result = qualifier.qualify(json.value, asOf);
  if (!result.ok) throw new Refusal(400, { error: "invalid lead", issues: result.issues });
  return result.decision;
}

/** The single value of a query parameter; a repeated one is ambiguous, so it is refused. */
function single(query: URLSearchParams, name: string, expected: string): string | undefined {
  const values = query.getAll(name);
  if (values.length > 1) {
    throw new Refusal(400, { error: `repeated ${name}`, message: `give ${name} once: ${expected}` });
  }
  return values[0];
}

/** Accepts `application/json` and `application/<anything>+json`, in UTF-8 (the default for JSON). */
function checkContentType(header: string | undefined): void {
  const [type = "", ...params] = (header ?? "").split(";").map((part) => part.trim().toLowerCase());
  const isJson = type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
  if (!isJson) {
    throw new Refusal(415, {
      error: "unsupported media type",
      message: `expected Content-Type: application/json, received ${header === undefined ? "none" : JSON.stringify(header)}`,
    });
  }
  const charset = params
    .find((param) => param.startsWith("charset="))
    ?.slice("charset=".length)
    .replace(/"/g, "");
  if (charset !== undefined && charset !== "utf-8" && charset !== "utf8") {
    throw new Refusal(415, { error: "unsupported media type", message: `expected charset utf-8, received ${charset}` });
  }
}

function tooLarge(limit: number): Refusal {
  return new Refusal(413, { error: "body too large", limit });
}

function send(
  req: IncomingMessage,
  res: ServerResponse,
  bodyRead: boolean,
  status: number,
  body: unknown,
  extraHeaders: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  const headers: Record<string, string | number> = {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...extraHeaders,
  };
  const hasBody = req.headers["transfer-encoding"] !== undefined || (req.headers["content-length"] ?? "0") !== "0";
  if (!hasBody || bodyRead) {
    res.writeHead(status, headers);
    res.end(text);
    return;
  }
  // Answering before the body the client is sending has been read (a refusal decided from the URL
  // and headers, or a 413): the connection must close, or Node would read and discard the rest of
  // the body, however long, to reuse it. But closing at once, with unread data, makes the kernel
  // reset the connection while the client is still uploading, and many clients (curl among them)
  // then report the reset instead of this answer. So, as RFC 9112 §9.6 advises, send the whole
  // answer now and close a little later, or as soon as the client hangs up, still reading nothing.
  headers["connection"] = "close";
  res.writeHead(status, headers);
  res.write(text);
  const timer = setTimeout(() => res.end(), CLOSE_DELAY_MS);
  res.once("close", () => clearTimeout(timer));
}
