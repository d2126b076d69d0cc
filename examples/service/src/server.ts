// The service's entry point: `node dist/server.js`. Everything it wires together lives in small
// modules (app, policies, clock, config) so tests can start the same handler on a port of their own.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createHandler } from "./app.js";
import { todayUtc } from "./clock.js";
import { readConfig, type ServerConfig } from "./config.js";
import { policies } from "./policies.js";

/** How long in-flight requests get to finish after SIGTERM before their connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000;

let config: ServerConfig;
try {
  config = readConfig(process.env);
} catch (error) {
  console.error(`lead-qualify-service: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}

const server = createServer(createHandler({ policies, maxBodyBytes: config.maxBodyBytes, today: todayUtc }));

server.on("error", (error) => {
  console.error(`lead-qualify-service: ${error.message}`);
  process.exitCode = 1;
});

server.listen(config.port, config.host, () => {
  const { address, port } = server.address() as AddressInfo; // a TCP server's address is never a string or null once listening
  const host = address.includes(":") ? `[${address}]` : address;
  const served = [...policies.values()].map((q) => `${q.policy.name} ${q.policy.version}`).join(", ");
  console.log(`lead-qualify-service listening on http://${host}:${port} (policies: ${served})`);
});

function shutdown(): void {
  // Stop accepting connections; in-flight requests finish, then `close` lets the process exit.
  server.close();
  // Keep-alive connections with no request in progress would otherwise hold `close` open.
  server.closeIdleConnections();
  setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
}

process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);
