export * from "./dates.js";
export * from "./logic.js";
export * from "./text.js";
export * from "./scoring.js";
export * from "./validation.js";
export * from "./windows.js";
export * from "./decision.js";
export * from "./issues.js";
