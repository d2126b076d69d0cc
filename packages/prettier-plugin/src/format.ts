import { format, type Options } from "prettier";
import plugin from "./index.js";

export type FormatOptions = Omit<Options, "parser" | "plugins">;

/**
 * Formats a policy's text with prettier and this plugin, whatever prettier config is around:
 * pass `printWidth` and friends in `options` (`leadgate fmt` passes the file's resolved config).
 * Rejects with a `GateSyntaxError` when the policy does not parse.
 */
export function formatPolicy(text: string, options: FormatOptions = {}): Promise<string> {
  return format(text, { ...options, parser: "leadgate", plugins: [plugin] });
}

/** Whether the text is already formatted: formatting it would change nothing. */
export async function checkPolicyFormat(text: string, options: FormatOptions = {}): Promise<boolean> {
  return (await formatPolicy(text, options)) === text;
}
