// The `wasm2c` backend: the sandboxed shared object built by `rlbox build` (the library compiled to wasm,
// translated to C by rlbox-ts, compiled natively with the C runtime), driven through its RLBox glue with koffi.
// Every call goes through a glue wrapper that catches traps in C and returns the trap code; results, the
// memory's location and the callback-failure flag are exchanged through a shared block at the start of the
// instance, read and written with views (no extra native call).
import koffi, { type LibraryHandle } from 'koffi';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BUILD_RECORD, locateArtifacts, requireFile } from '../artifacts.js';
import type { Backend, BackendFactory, BackendOptions, InstalledCallback, RawCaller, RawValue } from '../backend.js';
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
}

const loaded = new Map<string, LoadedLibrary>();

function loadLibrary(file: string, moduleName: string): LoadedLibrary {
  const key = `${file}\0${moduleName}`;
  const have = loaded.get(key);
  if (have) return have;
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
  };
  loaded.set(key, l);
  return l;
}

/** What opening a build directory learnt from its files, reused while the files are unchanged. */
interface OpenedBuild {
  readonly recordStamp: string;
  readonly wasmFile: string;
  readonly wasmStamp: string;
  readonly so: string;
  readonly moduleName: string;
  readonly lib: LoadedLibrary;
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
    moduleName: art.moduleName,
    lib: loadLibrary(so, art.moduleName),
    wasmSigs,
    unavailable: (fn) => unsupportedReason(wasmSigs, fn),
    resolved: new Map(),
  };
  // Without a record the file names come from a directory listing, which a stamp does not cover.
  if (recordStamp !== undefined && wasmStamp !== undefined) builds.set(key, b);
  else builds.delete(key);
  return b;
}

/**
 * The `wasm2c` backend: loads `<dir>/lib<name>_sandbox.so` from `rlbox build` and runs the library in it.
 * Opening the same unchanged build directory again reuses what was read and parsed the first time.
 * @param buildDir the output directory of `rlbox build`
 */
export function wasm2c(buildDir: string, options: BackendOptions = {}): BackendFactory {
  let declaredKey: string | undefined;
  const open = (): Backend => {
    const b = openBuild(buildDir, options.name);
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
    return new Wasm2cBackend(b.lib, b.so, b.moduleName, sigs, b.unavailable);
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
      c = this.#koffiCaller(this.#callFn(name, sig), sig[1].length, sig[0] === 'void' ? 'void' : wasmTypeOf(sig[0]));
      this.#callers.set(name, c);
    }
    return c;
  }

  /** A glue wrapper called through koffi: the trap code comes back, the result is read from the shared block. */
  #koffiCaller(f: KoffiFn, arity: number, result: 'void' | 'i32' | 'i64' | 'f32' | 'f64'): RawCaller {
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


