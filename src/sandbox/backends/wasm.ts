// The `wasm` backend: the library's .wasm runs in Node's own WebAssembly engine, with the TypeScript WASI.
// V8 enforces the isolation (bounds, indirect-call types, stack limit); traps arrive as exceptions, which are
// sorted into trap kinds here.
import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { locateArtifacts, requireFile } from '../artifacts.js';
import type { Backend, BackendFactory, BackendOptions, InstalledCallback, RawCaller, RawValue } from '../backend.js';
import { TrapSignal } from '../backend.js';
import { SandboxBoundsError, SandboxError, SandboxLoadError, type TrapKind } from '../errors.js';
import { resolveSignatures, unsupportedReason } from '../signatures.js';
import type { Signature } from '../types.js';
import { exportedFunctionSignatures, type WasmFuncSig } from '../wasm-exports.js';
import { WasiExit, wasiImports, type WasiOptions } from './wasi.js';
import { wrapAsWasmFunction } from './wasm-callback.js';
import { WA, type WasmInstance, type WasmMemory, type WasmModule, type WasmTable } from './wasm-api.js';

/** Options of the wasm backend: the common ones plus where the library's standard streams go. */
export interface WasmBackendOptions extends BackendOptions, WasiOptions {}

/** Marks an exception thrown by a host callback on its way through wasm frames. */
class CallbackThrew {
  constructor(readonly error: unknown) {}
}

const TRAP_MESSAGES: ReadonlyArray<readonly [RegExp, TrapKind]> = [
  [/memory access out of bounds|out of bounds memory access/i, 'oob'],
  [/unreachable/i, 'unreachable'],
  [/(divide|division|remainder) by zero/i, 'div_by_zero'],
  [/integer overflow|divide result unrepresentable/i, 'int_overflow'],
  [/float unrepresentable|invalid conversion/i, 'invalid_conversion'],
  [/null function|signature mismatch|table index is out of bounds|invalid index into function table/i, 'call_indirect'],
  [/null (pointer|reference)|dereferencing a null/i, 'null_ref'],
  [/unaligned/i, 'unaligned'],
  [/out of bounds/i, 'oob'],
];

/** Sorts an exception from wasm code into a trap. */
export function classifyWasmException(e: unknown): TrapSignal {
  if (e instanceof TrapSignal) return e;
  if (e instanceof CallbackThrew) return new TrapSignal('callback_error');
  if (e instanceof WasiExit) return new TrapSignal('exit', e.code);
  if (e instanceof RangeError && /call stack/i.test(e.message)) return new TrapSignal('exhaustion', undefined, e.message);
  if (e instanceof WA.RuntimeError) {
    const hit = TRAP_MESSAGES.find(([re]) => re.test(e.message));
    return new TrapSignal(hit ? hit[1] : 'unknown', undefined, e.message);
  }
  return new TrapSignal('unknown', undefined, e instanceof Error ? `${e.name}: ${e.message}` : String(e));
}

/**
 * The `wasm` backend: runs `<dir>/<name>.wasm` in Node's WebAssembly engine.
 * @param buildDir the output directory of `rlbox build`
 */
export function wasm(buildDir: string, options: WasmBackendOptions = {}): BackendFactory {
  const locate = (): string => requireFile(locateArtifacts(buildDir, options.name).wasm, 'the wasm module');
  return {
    kind: 'wasm',
    description: `wasm(${buildDir})`,
    async open() {
      const file = locate();
      const c = await compileCached(file, async (bytes) => WA.compile(bytes));
      return new WasmBackend(c.module, c.bytes, file, options);
    },
    openSync() {
      const file = locate();
      const c = cachedSync(file, (bytes) => new WA.Module(bytes));
      return new WasmBackend(c.module, c.bytes, file, options);
    },
  };
}

interface Compiled {
  readonly key: string;
  readonly bytes: Uint8Array;
  readonly module: WasmModule;
}

/** Compiled modules by file, reused while the file is unchanged: a module is immutable, instances are not shared. */
const compiledModules = new Map<string, Compiled>();

function fileKey(file: string): string {
  const st = statSync(file);
  return `${st.size}:${st.mtimeMs}`;
}

function compileError(file: string, e: unknown): SandboxLoadError {
  return new SandboxLoadError(`${file} does not compile: ${(e as Error).message}`);
}

function cachedSync(file: string, compile: (bytes: Uint8Array) => WasmModule): Compiled {
  const key = fileKey(file);
  const have = compiledModules.get(file);
  if (have && have.key === key) return have;
  const bytes = new Uint8Array(readFileSync(file));
  let module: WasmModule;
  try {
    module = compile(bytes);
  } catch (e) {
    throw compileError(file, e);
  }
  const c = { key, bytes, module };
  compiledModules.set(file, c);
  return c;
}

async function compileCached(file: string, compile: (bytes: Uint8Array) => Promise<WasmModule>): Promise<Compiled> {
  const key = fileKey(file);
  const have = compiledModules.get(file);
  if (have && have.key === key) return have;
  const bytes = new Uint8Array(await readFile(file));
  let module: WasmModule;
  try {
    module = await compile(bytes);
  } catch (e) {
    throw compileError(file, e);
  }
  const c = { key, bytes, module };
  compiledModules.set(file, c);
  return c;
}

class WasmBackend implements Backend {
  readonly kind = 'wasm' as const;
  readonly pointerSize = 4 as const;
  readonly #file: string;
  readonly #sigs: Map<string, Signature>;
  readonly #wasmSigs: Map<string, WasmFuncSig>;
  #exports: Readonly<Record<string, unknown>>;
  readonly #memory: WasmMemory;
  readonly #table: WasmTable | undefined;
  readonly #freeSlots: number[] = [];
  readonly #fns = new Map<string, (...a: RawValue[]) => RawValue | undefined>();

  constructor(module: WasmModule, bytes: Uint8Array, file: string, options: WasmBackendOptions) {
    this.#file = file;
    this.#wasmSigs = exportedFunctionSignatures(bytes, file);
    this.#sigs = resolveSignatures(this.#wasmSigs, options.functions, file);
    const wasiNames: string[] = [];
    for (const imp of WA.Module.imports(module)) {
      if (imp.module === 'wasi_snapshot_preview1' && imp.kind === 'function') wasiNames.push(imp.name);
      else {
        throw new SandboxLoadError(
          `${file} imports ${imp.module}.${imp.name} (${imp.kind}), which the wasm backend does not provide; ` +
            `only wasi_snapshot_preview1 functions can be imported (build with rlbox build)`,
        );
      }
    }
    let memory: WasmMemory | undefined;
    const imports = { wasi_snapshot_preview1: wasiImports(wasiNames, () => memory!, options) };
    let instance: WasmInstance;
    try {
      instance = new WA.Instance(module, imports);
    } catch (e) {
      const t = classifyWasmException(e);
      throw new SandboxLoadError(`${file} failed to instantiate (${t.kind}${t.detail ? `: ${t.detail}` : ''})`);
    }
    this.#exports = instance.exports;
    const mem = this.#exports['memory'];
    if (!(mem instanceof WA.Memory)) {
      throw new SandboxLoadError(`${file} does not export its memory as "memory"; build it with rlbox build`);
    }
    memory = this.#memory = mem;
    const table = this.#exports['__indirect_function_table'];
    this.#table = table instanceof WA.Table ? table : undefined;
    const init = this.#exports['_initialize'] ?? this.#exports['__wasm_call_ctors'];
    if (typeof init === 'function') {
      try {
        (init as () => void)();
      } catch (e) {
        const t = classifyWasmException(e);
        throw new SandboxLoadError(
          `${file}: the library's initialization trapped (${t.kind}${t.exitCode !== undefined ? ` with exit code ${t.exitCode}` : ''}` +
            `${t.detail ? `: ${t.detail}` : ''})`,
        );
      }
    }
  }

  signature(name: string): Signature | undefined {
    return this.#sigs.get(name);
  }

  functionNames(): readonly string[] {
    return [...this.#sigs.keys()];
  }

  unavailableReason(name: string): string | undefined {
    return unsupportedReason(this.#wasmSigs, name);
  }

  #fn(name: string): (...a: RawValue[]) => RawValue | undefined {
    let f = this.#fns.get(name);
    if (!f) {
      const e = this.#exports[name];
      if (typeof e !== 'function') throw new SandboxError(`${this.#file} does not export a function '${name}'`);
      f = e as (...a: RawValue[]) => RawValue | undefined;
      this.#fns.set(name, f);
    }
    return f;
  }

  caller(name: string): RawCaller | undefined {
    if (!this.#sigs.has(name)) return undefined;
    const f = this.#fn(name);
    // Per arity, without a spread; the engine's exception becomes the trap it stands for.
    switch (this.#sigs.get(name)![1].length) {
      case 0: return () => { try { return f(); } catch (e) { throw classifyWasmException(e); } };
      case 1: return (a) => { try { return f(a!); } catch (e) { throw classifyWasmException(e); } };
      case 2: return (a, b) => { try { return f(a!, b!); } catch (e) { throw classifyWasmException(e); } };
      case 3: return (a, b, c) => { try { return f(a!, b!, c!); } catch (e) { throw classifyWasmException(e); } };
      default: return (...args) => { try { return f(...args); } catch (e) { throw classifyWasmException(e); } };
    }
  }

  call(name: string, args: readonly RawValue[]): RawValue | undefined {
    const f = this.#fn(name);
    try {
      switch (args.length) {
        case 0: return f();
        case 1: return f(args[0]!);
        case 2: return f(args[0]!, args[1]!);
        case 3: return f(args[0]!, args[1]!, args[2]!);
        default: return f(...args);
      }
    } catch (e) {
      throw classifyWasmException(e);
    }
  }

  view(ptr: number, len: number): Uint8Array {
    const buf = this.#memory.buffer;
    if (!Number.isSafeInteger(len) || len < 0 || ptr < 0 || ptr + len > buf.byteLength) {
      throw new SandboxBoundsError(
        `[${ptr}, ${ptr} + ${len}) is outside the sandbox memory (${buf.byteLength} bytes): the pointer or length is wrong`,
      );
    }
    return new Uint8Array(buf, ptr, len);
  }

  available(ptr: number): number {
    return Math.max(0, this.#memory.buffer.byteLength - ptr);
  }

  malloc(bytes: number): number {
    if (!this.#sigs.has('malloc')) throw new SandboxError(`${this.#file} does not export malloc; build it with rlbox build (which exports malloc and free)`);
    return Number(this.call('malloc', [bytes])) >>> 0;
  }

  free(ptr: number): void {
    if (!this.#sigs.has('free')) throw new SandboxError(`${this.#file} does not export free; build it with rlbox build (which exports malloc and free)`);
    this.call('free', [ptr]);
  }

  installCallback(fn: RawCaller, sig: Signature): InstalledCallback {
    const table = this.#table;
    if (!table) {
      throw new SandboxError(`${this.#file} does not export __indirect_function_table, so it cannot call host callbacks; build it with rlbox build`);
    }
    const guarded = function (): RawValue | undefined {
      try {
        // `arguments` forwarded with apply: no array is made per call.
        // eslint-disable-next-line prefer-rest-params
        return fn.apply(undefined, arguments as unknown as RawValue[]);
      } catch (e) {
        throw new CallbackThrew(e);
      }
    };
    const wasmFn = wrapAsWasmFunction(guarded, sig);
    let index = this.#freeSlots.pop();
    if (index === undefined) {
      try {
        index = table.grow(1);
      } catch {
        throw new SandboxError(`the function table of ${this.#file} cannot grow; link the library with --growable-table (rlbox build does)`);
      }
    }
    table.set(index, wasmFn);
    const slot = index;
    let live = true;
    return {
      pointer: slot,
      uninstall: () => {
        if (!live) return;
        live = false;
        table.set(slot, null);
        this.#freeSlots.push(slot);
      },
    };
  }

  destroy(): void {
    this.#fns.clear();
    this.#exports = {};
  }
}
