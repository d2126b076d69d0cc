import type * as Chevrotain from "chevrotain";

/**
 * chevrotain, loaded from the single-file build its package ships (`lib/chevrotain.mjs`) instead of
 * its entry point, which imports lodash-es one function per file: hundreds of files, 250 to 320 ms
 * of every `leadgate` command's start on a 2-core machine, against about 20 ms for the single file
 * (`node --input-type=module -e 'await import("chevrotain")'`, then the same with the file's path).
 * Both are built from the same source by chevrotain's release. The package's "exports" name only
 * the entry point, so the file is found beside it; were a later version to stop shipping it, the
 * entry point is loaded instead. Only this module imports chevrotain's code, so there is one copy.
 */
async function load(): Promise<typeof Chevrotain> {
  const single = new URL("../chevrotain.mjs", import.meta.resolve("chevrotain"));
  try {
    return (await import(single.href)) as typeof Chevrotain;
  } catch (error) {
    if ((error as { code?: unknown }).code !== "ERR_MODULE_NOT_FOUND") throw error;
    return await import("chevrotain");
  }
}

export const { createToken, CstParser, Lexer, tokenMatcher, VERSION } = await load();
