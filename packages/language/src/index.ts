export * from "./ast.js";
export * from "./diagnostics.js";
export * from "./source.js";
export { parsePolicy, MAX_NESTING, type ParseResult } from "./parse.js";
export { reservedWords } from "./lexer.js";
export { checkPolicy, type CheckOptions } from "./checker/check.js";
export type * from "./checker/model.js";
export * from "./checker/types.js";
export { suggest, didYouMean } from "./suggest.js";
