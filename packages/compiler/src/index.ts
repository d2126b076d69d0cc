export { compilePolicy, COMPILER_NAME, type CompiledPolicy, type CompileOptions } from "./compile.js";
export { jsString, propertyKey } from "./js-literals.js";
