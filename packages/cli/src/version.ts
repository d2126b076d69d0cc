import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
/** The cli package's own version, read from its package.json so it can never drift. */
export const VERSION: string = (require("../package.json") as { version: string }).version;
