// The part of the WebAssembly JS API the wasm backend uses. Node has it at run time, but neither the es2023 lib
// nor @types/node 20 declares it, and a global declaration here would clash with any other one in the
// project, so it is typed locally and reached through globalThis.

export interface WasmModule {
  readonly __wasmModule?: never;
}
export interface WasmInstance {
  readonly exports: Readonly<Record<string, unknown>>;
}
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(deltaPages: number): number;
}
export interface WasmTable {
  readonly length: number;
  grow(delta: number): number;
  get(index: number): unknown;
  set(index: number, value: unknown): void;
}
export interface WasmImportDescriptor {
  readonly module: string;
  readonly name: string;
  readonly kind: 'function' | 'table' | 'memory' | 'global' | 'tag';
}

interface WasmApi {
  readonly Module: {
    new (bytes: Uint8Array): WasmModule;
    imports(module: WasmModule): WasmImportDescriptor[];
  };
  readonly Instance: new (module: WasmModule, imports: object) => WasmInstance;
  readonly Memory: new (descriptor: { initial: number; maximum?: number }) => WasmMemory;
  readonly Table: new (descriptor: { element: string; initial: number }) => WasmTable;
  readonly RuntimeError: new (message?: string) => Error;
  compile(bytes: Uint8Array): Promise<WasmModule>;
}

export const WA: WasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
