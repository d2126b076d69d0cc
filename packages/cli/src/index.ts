export { main, EXIT } from "./program.js";
export type { Output } from "./output.js";
