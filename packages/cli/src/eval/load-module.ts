import type { PolicyModule } from "@leadgate/harness";

/** How a worker thread loads the module the main thread loaded. Plain data. */
export type ModuleSource =
  { readonly kind: "js"; readonly js: string } | { readonly kind: "url"; readonly url: string };

/**
 * Loads the module in a worker. Compiled text is imported as a `data:` URL: its imports are absolute
 * `file:` URLs (see loadPolicy), so it needs no file, and the worker loads neither the compiler nor
 * the language package, only the module, zod and the runtime.
 */
export async function loadModuleSource(source: ModuleSource): Promise<PolicyModule> {
  const url =
    source.kind === "js" ? `data:text/javascript;base64,${Buffer.from(source.js).toString("base64")}` : source.url;
  return (await import(url)) as PolicyModule;
}
