// Public entry point of the rlbox-ts package.
export type * from './wasm/ir.js';
export { WasmError } from './wasm/errors.js';
