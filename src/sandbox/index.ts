// The sandbox API: load an untrusted library, call it, and verify everything it returns.
export { createSandbox, createSandboxSync, Sandbox, SandboxCallback } from './sandbox.js';
export type { PtrArg, InvokeArg, TaintedArgs, CallbackResult, BoundArg, BoundArgs, BoundFunctions } from './sandbox.js';
export { Tainted } from './tainted.js';
export {
  SandboxError,
  SandboxTrapError,
  SandboxUnusableError,
  SandboxBoundsError,
  SandboxArgumentError,
  SandboxLoadError,
} from './errors.js';
export type { TrapKind } from './errors.js';
export type { Backend, BackendFactory, BackendKind, BackendOptions } from './backend.js';
export type {
  SandboxPtr,
  ParamType,
  ResultType,
  Signature,
  JsValueOf,
  JsValuesOf,
  ScalarType,
  ScalarValueOf,
  ElementType,
  TypedArrayOf,
} from './types.js';
export { noop } from './backends/noop.js';
export { wasm } from './backends/wasm.js';
export { wasm2c } from './backends/wasm2c.js';
export type { WasmBackendOptions } from './backends/wasm.js';
export { ptrAdd } from './pointers.js';
// The run-time half of the bindings generated from a library's header (src/bindings, docs/BINDINGS.md).
export { openLibrary, openLibrarySync, bindLibrary } from './library.js';
export type {
  LibraryMeta,
  LibraryBase,
  FunctionMeta,
  BackendMaker,
  TaintedPtr,
  PtrParam,
  NumParam,
  BigParam,
  Callback,
  CallbackParam,
  PtrField,
  FnField,
  StructType,
  StructMeta,
  StructLayout,
  FieldType,
  TaintedView,
} from './library.js';
