export interface ServerConfig {
  port: number;
  /** Undefined listens on every interface, as `server.listen(port)` does. */
  host: string | undefined;
  maxBodyBytes: number;
}

export const DEFAULT_PORT = 3000;
/** 1 MiB: a lead with hundreds of activities is a few tens of kilobytes. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Reads PORT, HOST and MAX_BODY_BYTES; throws an Error naming the variable when one is invalid. */
export function readConfig(env: Readonly<Record<string, string | undefined>>): ServerConfig {
  return {
    port: integerVar(env, "PORT", DEFAULT_PORT, 0, 65535),
    host: env["HOST"] === undefined || env["HOST"] === "" ? undefined : env["HOST"],
    maxBodyBytes: integerVar(env, "MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES, 1, Number.MAX_SAFE_INTEGER),
  };
}

function integerVar(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const text = env[name];
  if (text === undefined || text === "") return fallback;
  // Digits only: Number() alone would accept "0x10", "1e3" and " 80 ".
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`);
  }
  return value;
}
