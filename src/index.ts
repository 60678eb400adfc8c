// Public entry point of the rlbox-ts package: the sandbox API first (what applications use), then the
// pipeline stages for tools that drive them directly.
export * from './sandbox/index.js';
export { buildLibrary, BuildError, ToolchainError, type BuildOptions, type BuildResult } from './build/index.js';
export { decodeModule, tryDecodeModule } from './decode/index.js';
export { validateModule, tryValidateModule } from './validate/index.js';
export { emitC, emitCSplit, defaultModuleName, mangleModuleName, mangleName, GENERATED_C_FLAGS } from './emit-c/index.js';
export type * from './wasm/ir.js';
export { WasmError } from './wasm/errors.js';
