// The `wasm2c` backend: the sandboxed shared object built by `rlbox build` (the library compiled to wasm,
// translated to C by rlbox-ts, compiled natively with the C runtime), driven through its RLBox glue.
// Every call goes through a glue wrapper that catches traps in C and returns the trap code; results, the
// memory's location and the callback-failure flag are exchanged through a shared block at the start of the
// instance, read and written with views (no extra native call).
//
// Calls take one of two paths. When the build has `<name>.wasm2c.node` (the same code plus N-API entry points,
// src/emit-c/napi-glue.ts), that one shared object is loaded both as a Node addon (for calls: the arguments
// go into the shared block's slots, the entry takes none, ~3x cheaper than a koffi call) and with koffi (for
// everything else: create/destroy, callbacks, memory views). Without it, calls go through koffi.
import koffi, { type LibraryHandle } from 'koffi';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { join, resolve } from 'node:path';
import { BUILD_RECORD, locateArtifacts, requireFile } from '../artifacts.js';
import type { Backend, BackendFactory, BackendOptions, InstalledCallback, RawCaller, RawValue } from '../backend.js';
import { NAPI_GLUE_VERSION } from '../../emit-c/napi-glue.js';
import { TrapSignal } from '../backend.js';
import { SandboxBoundsError, SandboxError, SandboxLoadError, type TrapKind } from '../errors.js';
import { resolveSignatures, unsupportedReason } from '../signatures.js';
import { wasmTypeOf, type ResultType, type Signature } from '../types.js';
import { exportedFunctionSignatures, type WasmFuncSig } from '../wasm-exports.js';
import type { KoffiFn } from './koffi-call.js';
import {
  GLUE_VERSION,
  INSTALL_ERRORS,
  MEMORY_LAYOUT,
  SHARED_ARG_SLOTS,
  SHARED_LAYOUT,
  glueCallSymbol,
  gluePrefix,
  signatureCode,
} from '../../emit-c/rlbox-glue.js';

/** wasm_rt_trap_t codes (runtime/wasm-rt.h) -> trap kinds. */
const TRAP_KINDS: Readonly<Record<number, TrapKind>> = {
  1: 'oob', 2: 'int_overflow', 3: 'div_by_zero', 4: 'invalid_conversion', 5: 'unreachable', 6: 'call_indirect',
  7: 'null_ref', 8: 'uncaught_exception', 9: 'unaligned', 10: 'exhaustion', 11: 'exit', 12: 'oom',
};
const TRAP_UNCAUGHT_EXCEPTION = 8;
const TRAP_EXIT = 11;

const KOFFI_TYPE: Readonly<Record<string, string>> = { i32: 'uint32_t', i64: 'uint64_t', f32: 'float', f64: 'double' };

type WasmValType = 'i32' | 'i64' | 'f32' | 'f64';

/** Views of the shared block, one per slot type (slot i at byte SHARED_LAYOUT.args + 8 i, native endianness). */
interface SlotViews {
  readonly u32: Uint32Array;
  readonly u64: BigUint64Array;
  readonly f32: Float32Array;
  readonly f64: Float64Array;
}

type SlotCallerFactory = (slots: SlotViews, entry: () => void, fail: (e: unknown) => unknown) => RawCaller;
const slotCallers = new Map<string, SlotCallerFactory>();

/**
 * The raw caller of an addon entry, generated per wasm signature: one typed-array store per argument, the
 * entry call, one load for the result. (Written out per signature because a loop over the parameter types
 * would cost as much as the call.)
 */
function slotCaller(params: readonly WasmValType[], result: WasmValType | 'void'): SlotCallerFactory {
  const key = `${params.join(',')}->${result}`;
  let f = slotCallers.get(key);
  if (f === undefined) {
    const view = { i32: 'u32', i64: 'u64', f32: 'f32', f64: 'f64' } as const;
    const wordsPerSlot = (t: WasmValType): number => (t === 'i32' || t === 'f32' ? 2 : 1);
    const first = (t: WasmValType): number => (SHARED_LAYOUT.args / 8) * wordsPerSlot(t);
    const args = params.map((_, i) => `a${i}`);
    const stores = params.map((t, i) => `  ${view[t]}[${first(t) + i * wordsPerSlot(t)}] = a${i};`);
    const load = result === 'void' ? 'undefined' : `${view[result]}[${SHARED_LAYOUT.result / (8 / wordsPerSlot(result))}]`;
    const body = [
      `'use strict';`,
      `const u32 = slots.u32, u64 = slots.u64, f32 = slots.f32, f64 = slots.f64;`,
      `return function (${args.join(', ')}) {`,
      ...stores,
      `  try { entry(); } catch (e) { throw fail(e); }`,
      `  return ${load};`,
      `};`,
    ].join('\n');
    f = new Function('slots', 'entry', 'fail', body) as SlotCallerFactory;
    slotCallers.set(key, f);
  }
  return f;
}

/** Room left on koffi's call stack for host code (printf, koffi itself, callbacks' own native frames). */
const STACK_RESERVE = 512 * 1024;


/**
 * A loaded sandboxed library. Never unloaded: its runtime may have installed a signal handler, and every
 * sandbox of the library shares the one mapping (instances are separate; code is shared).
 */
interface LoadedLibrary {
  readonly lib: LibraryHandle;
  readonly prefix: string;
  readonly create: KoffiFn;
  readonly destroy: KoffiFn;
  readonly exitCode: KoffiFn;
  readonly install: KoffiFn;
  readonly uninstall: KoffiFn;
  readonly calls: Map<string, KoffiFn>;
  /** The N-API entry points when the library was loaded from its addon; undefined: calls go through koffi. */
  readonly addon: Addon | undefined;
}

/** What `<name>.wasm2c.node` exports (src/emit-c/napi-glue.ts). */
interface AddonExports {
  readonly napiGlueVersion: number;
  readonly glueVersion: bigint;
  readonly exports: readonly string[];
  bind(sb: bigint, index: number): () => void;
}

interface Addon {
  readonly bind: (sb: bigint, index: number) => () => void;
  /** Export name -> index for bind(). */
  readonly index: ReadonlyMap<string, number>;
}

/** Loads the addon as a Node module; undefined (with the reason) when it cannot serve calls. */
function loadAddon(file: string): AddonExports | string {
  const m = { exports: {} as Partial<AddonExports> };
  try {
    process.dlopen(m, file, osConstants.dlopen.RTLD_NOW);
  } catch (e) {
    return `cannot load ${file} as a Node addon: ${(e as Error).message}`;
  }
  const a = m.exports;
  if (a.napiGlueVersion !== NAPI_GLUE_VERSION || typeof a.bind !== 'function' || !Array.isArray(a.exports) || typeof a.glueVersion !== 'bigint') {
    return `${file} has N-API glue version ${String(a.napiGlueVersion)}, this rlbox-ts needs ${NAPI_GLUE_VERSION}`;
  }
  return a as AddonExports;
}

const loaded = new Map<string, LoadedLibrary>();

/**
 * Loads the sandboxed library: from its addon when `addonFile` is given and loads (one shared object serving
 * both koffi and N-API), else the plain shared object `soFile`.
 */
function loadLibrary(soFile: string, addonFile: string | undefined, moduleName: string): LoadedLibrary {
  const key = `${soFile}\0${addonFile ?? ''}\0${moduleName}`;
  const have = loaded.get(key);
  if (have) return have;
  // Loaded as a Node module first: koffi's dlopen of the same path then returns the same object.
  const addonExports = addonFile !== undefined ? loadAddon(addonFile) : undefined;
  const file = typeof addonExports === 'object' ? addonFile! : soFile;
  let lib: LibraryHandle;
  try {
    lib = koffi.load(file);
  } catch (e) {
    throw new SandboxLoadError(`cannot load ${file}: ${(e as Error).message}`);
  }
  const prefix = gluePrefix(moduleName);
  const bind = (name: string, result: string, params: string[]): KoffiFn => {
    try {
      return lib.func(prefix + name, result, params) as KoffiFn;
    } catch {
      throw new SandboxLoadError(`${file} has no ${prefix}${name}: it was built without the rlbox glue for module '${moduleName}'; rebuild it with rlbox build`);
    }
  };
  const version = Number(bind('glue_version', 'uint32_t', [])());
  if (version !== GLUE_VERSION) {
    throw new SandboxLoadError(`${file} has glue version ${version}, this rlbox-ts needs ${GLUE_VERSION}; rebuild it with rlbox build`);
  }
  const l: LoadedLibrary = {
    lib,
    prefix,
    create: bind('create', 'void *', ['void *', 'size_t', 'size_t']),
    destroy: bind('destroy', 'void', ['void *']),
    exitCode: bind('exit_code', 'int32_t', ['void *']),
    install: bind('install_callback', 'uint32_t', ['void *', 'str', 'void *']),
    uninstall: bind('uninstall_callback', 'void', ['void *', 'uint32_t']),
    calls: new Map(),
    addon: undefined,
  };
  let addon: Addon | undefined;
  if (typeof addonExports === 'object') {
    // Both loads must share the code and its globals (function-type registry, instance table): compare the
    // address each sees of the same symbol.
    if (koffi.address(lib.symbol(prefix + 'glue_version')) !== addonExports.glueVersion) {
      throw new SandboxLoadError(`${file}: koffi and Node loaded two different copies of the addon; load it only through rlbox-ts`);
    }
    addon = { bind: addonExports.bind, index: new Map(addonExports.exports.map((n, i) => [n, i])) };
  }
  const result: LoadedLibrary = { ...l, addon };
  loaded.set(key, result);
  return result;
}

/** What opening a build directory learnt from its files, reused while the files are unchanged. */
interface OpenedBuild {
  readonly recordStamp: string;
  readonly wasmFile: string;
  readonly wasmStamp: string;
  readonly so: string;
  /** `<name>.wasm2c.node` when the build made one. */
  readonly addon: string | undefined;
  readonly moduleName: string;
  readonly wasmSigs: ReadonlyMap<string, WasmFuncSig>;
  readonly unavailable: (name: string) => string | undefined;
  /** Resolved signatures per declared-functions key (JSON of options.functions). */
  readonly resolved: Map<string, Map<string, Signature>>;
}

/** Per build directory and library name; only directories with a build record are cached. */
const builds = new Map<string, OpenedBuild>();

/** Identifies one version of a file's content (undefined: no such file). */
function stamp(file: string): string | undefined {
  const s = statSync(file, { throwIfNoEntry: false });
  return s === undefined ? undefined : `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
}

function openBuild(buildDir: string, name: string | undefined): OpenedBuild {
  const key = `${resolve(buildDir)}\0${name ?? ''}`;
  const recordStamp = stamp(join(resolve(buildDir), BUILD_RECORD));
  const have = builds.get(key);
  if (have !== undefined && recordStamp === have.recordStamp && stamp(have.wasmFile) === have.wasmStamp) return have;
  const art = locateArtifacts(buildDir, name);
  const so = requireFile(art.sharedLib, 'the sandboxed library');
  const wasmFile = requireFile(art.wasm, 'the wasm module (for the function signatures)');
  const wasmStamp = stamp(wasmFile);
  const wasmSigs = exportedFunctionSignatures(new Uint8Array(readFileSync(wasmFile)), wasmFile);
  const b: OpenedBuild = {
    recordStamp: recordStamp ?? '',
    wasmFile,
    wasmStamp: wasmStamp ?? '',
    so,
    addon: existsSync(art.addon) ? art.addon : undefined,
    moduleName: art.moduleName,
    wasmSigs,
    unavailable: (fn) => unsupportedReason(wasmSigs, fn),
    resolved: new Map(),
  };
  // Without a record the file names come from a directory listing, which a stamp does not cover.
  if (recordStamp !== undefined && wasmStamp !== undefined) builds.set(key, b);
  else builds.delete(key);
  return b;
}

/** Options of the wasm2c backend: those of every backend, and the call path. */
export interface Wasm2cBackendOptions extends BackendOptions {
  /**
   * Call through `<name>.wasm2c.node`'s N-API entry points when the build has it (default true); false: every
   * call goes through koffi (for comparison; both behave the same).
   */
  readonly addon?: boolean;
}

/**
 * The `wasm2c` backend: loads `<dir>/lib<name>_sandbox.so` from `rlbox build` (or `<name>.wasm2c.node`, the same
 * with N-API entry points, when the build has it) and runs the library in it.
 * Opening the same unchanged build directory again reuses what was read and parsed the first time.
 * @param buildDir the output directory of `rlbox build`
 */
export function wasm2c(buildDir: string, options: Wasm2cBackendOptions = {}): BackendFactory {
  let declaredKey: string | undefined;
  const open = (): Backend => {
    const b = openBuild(buildDir, options.name);
    const lib = loadLibrary(b.so, options.addon === false ? undefined : b.addon, b.moduleName);
    declaredKey ??= JSON.stringify(options.functions ?? {});
    let sigs = b.resolved.get(declaredKey);
    if (sigs === undefined) {
      // Shared by every sandbox opened from this build: frozen copies, so no caller can change another's checks.
      sigs = new Map<string, Signature>();
      for (const [fn, [r, p]] of resolveSignatures(b.wasmSigs, options.functions, b.wasmFile)) {
        sigs.set(fn, Object.freeze([r, Object.freeze([...p])] as const));
      }
      b.resolved.set(declaredKey, sigs);
    }
    return new Wasm2cBackend(lib, b.so, b.moduleName, sigs, b.unavailable);
  };
  return {
    kind: 'wasm2c',
    description: `wasm2c(${buildDir})`,
    open: async () => open(),
    openSync: open,
  };
}

class Wasm2cBackend implements Backend {
  readonly kind = 'wasm2c' as const;
  readonly pointerSize = 4 as const;
  readonly #lib: LoadedLibrary;
  readonly #file: string;
  readonly #module: string;
  readonly #sigs: Map<string, Signature>;
  #sb: bigint | undefined;
  readonly #shared: DataView;
  readonly #memStruct: DataView;
  #memBase = -1;
  #memSize = -1;
  #mem = new Uint8Array(0);
  /**
   * Set by a callback that threw; consumed by the call that then returns the uncaught-exception trap (the
   * trampoline raises it right after the callback returns, so the flag always belongs to the innermost call).
   */
  #callbackThrew = false;
  readonly #callers = new Map<string, RawCaller>();
  /** Uninstallers of the callbacks still installed (destroy() runs them first). */
  readonly #installed = new Set<() => void>();

  readonly unavailableReason: (name: string) => string | undefined;

  constructor(
    lib: LoadedLibrary,
    file: string,
    moduleName: string,
    sigs: Map<string, Signature>,
    unavailableReason: (name: string) => string | undefined,
  ) {
    this.unavailableReason = unavailableReason;
    this.#lib = lib;
    this.#file = file;
    this.#module = moduleName;
    this.#sigs = sigs;
    const err = Buffer.alloc(512);
    const budget = Math.max(256 * 1024, (koffi.config().sync_stack_size ?? 2 * 1024 * 1024) - STACK_RESERVE);
    const sb = lib.create(err, err.length, budget) as bigint | null;
    if (sb === null || sb === 0n) {
      const msg = err.subarray(0, Math.max(0, err.indexOf(0))).toString('utf8') || 'unknown error';
      throw new SandboxLoadError(`cannot create a sandbox from ${file}: ${msg}`);
    }
    this.#sb = sb;
    this.#shared = new DataView(koffi.view(sb, 24));
    const memPtr = this.#shared.getBigUint64(SHARED_LAYOUT.memory, true);
    this.#memStruct = new DataView(koffi.view(memPtr, 56));
  }

  signature(name: string): Signature | undefined {
    return this.#sigs.get(name);
  }

  functionNames(): readonly string[] {
    return [...this.#sigs.keys()];
  }

  #callFn(name: string, sig: Signature): KoffiFn {
    let f = this.#lib.calls.get(name);
    if (!f) {
      const params = sig[1].map((p) => KOFFI_TYPE[wasmTypeOf(p)]!);
      try {
        f = this.#lib.lib.func(glueCallSymbol(this.#module, name), 'uint32_t', ['void *', ...params]) as KoffiFn;
      } catch {
        throw new SandboxError(`${this.#file} has no glue wrapper for '${name}' (its type is not callable from TypeScript); rebuild with rlbox build`);
      }
      this.#lib.calls.set(name, f);
    }
    return f;
  }

  #trap(code: number): TrapSignal {
    if (code === TRAP_UNCAUGHT_EXCEPTION && this.#callbackThrew) {
      this.#callbackThrew = false;
      return new TrapSignal('callback_error');
    }
    if (code === TRAP_EXIT) return new TrapSignal('exit', Number(this.#lib.exitCode(this.#sb)));
    return new TrapSignal(TRAP_KINDS[code] ?? 'unknown', undefined, TRAP_KINDS[code] ? undefined : `trap code ${code}`);
  }

  caller(name: string): RawCaller | undefined {
    let c = this.#callers.get(name);
    if (c === undefined) {
      const sig = this.#sigs.get(name);
      if (sig === undefined) return undefined;
      const params = sig[1].map(wasmTypeOf);
      const result = sig[0] === 'void' ? 'void' : wasmTypeOf(sig[0]);
      const index = this.#lib.addon?.index.get(name);
      c = index !== undefined
        ? this.#addonCaller(this.#lib.addon!.bind(koffi.address(this.#sb), index), params, result)
        : this.#koffiCaller(this.#callFn(name, sig), params.length, result);
      this.#callers.set(name, c);
    }
    return c;
  }

  /** A glue wrapper called through koffi: the trap code comes back, the result is read from the shared block. */
  #koffiCaller(f: KoffiFn, arity: number, result: WasmValType | 'void'): RawCaller {
    const d = this.#shared;
    const done =
      result === 'void' ? (code: unknown) => (code === 0 ? undefined : this.#fail(code))
      : result === 'i32' ? (code: unknown) => (code === 0 ? d.getUint32(SHARED_LAYOUT.result, true) : this.#fail(code))
      : result === 'i64' ? (code: unknown) => (code === 0 ? d.getBigUint64(SHARED_LAYOUT.result, true) : this.#fail(code))
      : result === 'f32' ? (code: unknown) => (code === 0 ? d.getFloat32(SHARED_LAYOUT.result, true) : this.#fail(code))
      : (code: unknown) => (code === 0 ? d.getFloat64(SHARED_LAYOUT.result, true) : this.#fail(code));
    // One closure per arity, without a spread: spreading into a koffi function costs about 100 ns.
    switch (arity) {
      case 0: return () => done(f(this.#sb));
      case 1: return (a) => done(f(this.#sb, a));
      case 2: return (a, b) => done(f(this.#sb, a, b));
      case 3: return (a, b, c) => done(f(this.#sb, a, b, c));
      case 4: return (a, b, c, e) => done(f(this.#sb, a, b, c, e));
      default: return (...args) => done(f(this.#sb, ...args));
    }
  }

  /** Typed-array views of the shared block, made at the first call through the addon. */
  #slots: SlotViews | undefined;

  /**
   * An N-API entry of the addon: arguments go into the shared block's slots, the entry takes none, the
   * result is read from the shared block; a trap comes back as an Error carrying the trap code.
   */
  #addonCaller(entry: () => void, params: readonly WasmValType[], result: WasmValType | 'void'): RawCaller {
    if (this.#slots === undefined) {
      const buf = koffi.view(this.#sb, SHARED_LAYOUT.args + 8 * SHARED_ARG_SLOTS);
      this.#slots = { u32: new Uint32Array(buf), u64: new BigUint64Array(buf), f32: new Float32Array(buf), f64: new Float64Array(buf) };
    }
    return slotCaller(params, result)(this.#slots, entry, (e: unknown) => {
      const code = (e as { rlboxTrap?: unknown } | null)?.rlboxTrap;
      return typeof code === 'number' ? this.#trap(code) : e;
    });
  }

  #fail(code: unknown): never {
    throw this.#trap(code as number);
  }

  call(name: string, args: readonly RawValue[]): RawValue | undefined {
    const c = this.caller(name);
    if (c === undefined) throw new SandboxError(`${this.#file} has no function '${name}'`);
    return c(...args);
  }

  #memory(): Uint8Array {
    const m = this.#memStruct;
    const base = Number(m.getBigUint64(MEMORY_LAYOUT.data, true));
    const size = Number(m.getBigUint64(MEMORY_LAYOUT.size, true));
    if (base !== this.#memBase || size !== this.#memSize) {
      this.#memBase = base;
      this.#memSize = size;
      this.#mem = size > 0 ? new Uint8Array(koffi.view(base, size)) : new Uint8Array(0);
    }
    return this.#mem;
  }

  view(ptr: number, len: number): Uint8Array {
    const mem = this.#memory();
    if (!Number.isSafeInteger(len) || len < 0 || ptr < 0 || ptr + len > mem.length) {
      throw new SandboxBoundsError(
        `[${ptr}, ${ptr} + ${len}) is outside the sandbox memory (${mem.length} bytes): the pointer or length is wrong`,
      );
    }
    return mem.subarray(ptr, ptr + len);
  }

  available(ptr: number): number {
    return Math.max(0, this.#memory().length - ptr);
  }

  malloc(bytes: number): number {
    if (!this.#sigs.has('malloc')) throw new SandboxError(`the library does not export malloc; build it with rlbox build`);
    return Number(this.call('malloc', [bytes])) >>> 0;
  }

  free(ptr: number): void {
    if (!this.#sigs.has('free')) throw new SandboxError(`the library does not export free; build it with rlbox build`);
    this.call('free', [ptr]);
  }

  installCallback(fn: RawCaller, sig: Signature): InstalledCallback {
    const [result, params] = sig;
    const wparams = params.map(wasmTypeOf);
    const wresult = result === 'void' ? [] : [wasmTypeOf(result)];
    const proto = koffi.proto(wresult.length ? KOFFI_TYPE[wresult[0]!]! : 'void', wparams.map((p) => KOFFI_TYPE[p]!));
    const zero = result === 'void' ? undefined : wresult[0] === 'i64' ? 0n : 0;
    let active = 0;
    let released = false;
    const encode: (r: RawValue | undefined) => unknown =
      result === 'void' ? () => undefined
      : wresult[0] === 'i32' ? (r) => Number(r) >>> 0
      : wresult[0] === 'i64' ? (r) => BigInt.asUintN(64, BigInt(r as bigint))
      : (r) => r;
    const self = this;
    // `arguments` forwarded with apply: no array is made per call.
    const native = function (): unknown {
      active++;
      try {
        // eslint-disable-next-line prefer-rest-params
        return encode(fn.apply(undefined, arguments as unknown as RawValue[]));
      } catch {
        self.#callbackThrew = true;
        self.#shared.setUint32(SHARED_LAYOUT.callbackFailed, 1, true);
        return zero;
      } finally {
        if (--active === 0 && released) koffi.unregister(handle);
      }
    };
    const handle = koffi.register(native, koffi.pointer(proto));
    const status = Number(this.#lib.install(this.#sb, signatureCode(wparams, wresult), handle));
    if (status !== 0) {
      koffi.unregister(handle);
      throw new SandboxError(`cannot install a callback ${JSON.stringify(sig)}: ${INSTALL_ERRORS[status] ?? `error ${status}`}`);
    }
    const index = this.#shared.getUint32(SHARED_LAYOUT.result, true);
    let live = true;
    const uninstall = (): void => {
      if (!live) return;
      live = false;
      this.#installed.delete(uninstall);
      if (this.#sb !== undefined) this.#lib.uninstall(this.#sb, index);
      // A callback that unregisters itself is still running: koffi's slot is released when it returns.
      released = true;
      if (active === 0) koffi.unregister(handle);
    };
    this.#installed.add(uninstall);
    return { pointer: index, uninstall };
  }

  destroy(): void {
    const sb = this.#sb;
    if (sb === undefined) return;
    for (const u of [...this.#installed]) u();
    this.#sb = undefined;
    this.#lib.destroy(sb);
    this.#mem = new Uint8Array(0);
  }
}


