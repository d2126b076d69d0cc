export { loadPolicy, importModuleText, type PolicyModule, type LoadResult } from "./load-policy.js";
