// The `noop` backend: the natively built library loaded with koffi, no isolation at all. It exists so that an
// application can be written and debugged against the same API and switched to real isolation by changing one
// word. Pointers are native addresses; nothing is bounds-checked beyond NULL; a crash in the library is a crash
// of the process.
import koffi, { type LibraryHandle } from 'koffi';
import { locateArtifacts, requireFile } from '../artifacts.js';
import type { Backend, BackendFactory, BackendOptions, InstalledCallback, RawCaller, RawValue } from '../backend.js';
import { TrapSignal } from '../backend.js';
import { callSpread, type KoffiFn } from './koffi-call.js';
import { SandboxBoundsError, SandboxLoadError } from '../errors.js';
import { checkSignature, type ParamType, type ResultType, type Signature } from '../types.js';

const KOFFI_TYPE: Readonly<Record<ResultType, string>> = {
  void: 'void', i32: 'int32_t', u32: 'uint32_t', i64: 'int64_t', u64: 'uint64_t', f32: 'float', f64: 'double', ptr: 'void *',
};


/**
 * The `noop` backend: loads the natively built shared object from `rlbox build` (no sandboxing). Declare the
 * signatures of the functions you call, since a native library carries no types:
 * `noop('build/', { functions: { add: ['u32', ['u32', 'u32']] } })`.
 */
export function noop(buildDir: string, options: BackendOptions = {}): BackendFactory {
  const open = (): Backend => {
    const file = requireFile(locateArtifacts(buildDir, options.name).nativeLib, 'the native library');
    return new NoopBackend(loadNative(file), file, options.functions ?? {});
  };
  return {
    kind: 'noop',
    description: `noop(${buildDir})`,
    open: async () => open(),
    openSync: open,
  };
}

function fromNative(type: ParamType | ResultType, v: unknown): RawValue | undefined {
  if (type === 'void') return undefined;
  if (type === 'ptr') return v === null || v === undefined ? 0 : Number(v);
  return v as RawValue;
}

/**
 * A loaded native library and its bound functions. Never unloaded (a sandbox cannot know whether the library
 * left threads or handlers behind); with noop, sandboxes of one library share its global state anyway.
 */
interface NativeLibrary {
  readonly lib: LibraryHandle;
  /** Bound functions by `name:signature`. */
  readonly fns: Map<string, KoffiFn>;
}

const natives = new Map<string, NativeLibrary>();

function loadNative(file: string): NativeLibrary {
  let n = natives.get(file);
  if (!n) {
    let lib: LibraryHandle;
    try {
      lib = koffi.load(file);
    } catch (e) {
      throw new SandboxLoadError(`cannot load ${file}: ${(e as Error).message}`);
    }
    n = { lib, fns: new Map() };
    natives.set(file, n);
  }
  return n;
}

class NoopBackend implements Backend {
  readonly kind = 'noop' as const;
  readonly pointerSize = 8 as const;
  readonly #sigs = new Map<string, Signature>();
  readonly #fns = new Map<string, KoffiFn>();
  readonly #malloc: KoffiFn;
  readonly #free: KoffiFn;
  /** Set by a callback that threw during the current call (koffi then returns 0 to the C code). */
  #callbackThrew = false;

  constructor(native: NativeLibrary, file: string, functions: Readonly<Record<string, Signature>>) {
    const bind = (name: string, sig: Signature): KoffiFn => {
      const key = `${name}:${JSON.stringify(sig)}`;
      let f = native.fns.get(key);
      if (!f) {
        try {
          f = native.lib.func(name, KOFFI_TYPE[sig[0]], sig[1].map((p) => KOFFI_TYPE[p])) as KoffiFn;
        } catch (e) {
          throw new SandboxLoadError(`${file} has no function '${name}' (${(e as Error).message})`);
        }
        native.fns.set(key, f);
      }
      return f;
    };
    for (const [name, raw] of Object.entries(functions)) {
      const sig = checkSignature(raw, `declared function '${name}'`);
      this.#sigs.set(name, sig);
      this.#fns.set(name, bind(name, sig));
    }
    this.#malloc = bind('malloc', ['ptr', ['u64']]);
    this.#free = bind('free', ['void', ['ptr']]);
  }

  signature(name: string): Signature | undefined {
    return this.#sigs.get(name);
  }

  functionNames(): readonly string[] {
    return [...this.#sigs.keys()];
  }

  caller(name: string): RawCaller | undefined {
    const f = this.#fns.get(name);
    const sig = this.#sigs.get(name);
    if (f === undefined || sig === undefined) return undefined;
    const result = sig[0];
    const done = (r: unknown): RawValue | undefined => {
      if (this.#callbackThrew) throw new TrapSignal('callback_error');
      return fromNative(result, r);
    };
    // Per arity, without a spread: spreading into a koffi function costs about 100 ns.
    switch (sig[1].length) {
      case 0: return () => this.#enter(() => done(f()));
      case 1: return (a) => this.#enter(() => done(f(a)));
      case 2: return (a, b) => this.#enter(() => done(f(a, b)));
      case 3: return (a, b, c) => this.#enter(() => done(f(a, b, c)));
      default: return (...args) => this.#enter(() => done(callSpread(f, args)));
    }
  }

  /**
   * Runs a native call with its own callback-failure flag (a nested call must not see or clear the outer's).
   * koffi rethrows a callback's exception once the native call returns: that is the callback_error trap.
   */
  #enter<T>(run: () => T): T {
    const outer = this.#callbackThrew;
    this.#callbackThrew = false;
    try {
      return run();
    } catch (e) {
      if (this.#callbackThrew) throw new TrapSignal('callback_error');
      throw e;
    } finally {
      this.#callbackThrew = outer;
    }
  }

  call(name: string, args: readonly RawValue[]): RawValue | undefined {
    return callSpread(this.caller(name)! as unknown as KoffiFn, args) as RawValue | undefined;
  }

  view(ptr: number, len: number): Uint8Array {
    if (!Number.isSafeInteger(len) || len < 0) throw new SandboxBoundsError(`length ${len} is not a valid size`);
    if (len === 0) return new Uint8Array(0);
    return new Uint8Array(koffi.view(ptr, len));
  }

  available(): number {
    return Infinity;
  }

  malloc(bytes: number): number {
    return this.#enter(() => {
      const p = Number(fromNative('ptr', this.#malloc(bytes)));
      if (this.#callbackThrew) throw new TrapSignal('callback_error');
      return p;
    });
  }

  free(ptr: number): void {
    this.#enter(() => {
      this.#free(ptr);
      if (this.#callbackThrew) throw new TrapSignal('callback_error');
    });
  }

  installCallback(fn: RawCaller, sig: Signature): InstalledCallback {
    const [result, params] = sig;
    const proto = koffi.proto(KOFFI_TYPE[result], params.map((p) => KOFFI_TYPE[p]));
    let active = 0;
    let released = false;
    const ptrs = params.flatMap((p, i) => (p === 'ptr' ? [i] : []));
    const native = (...args: unknown[]): unknown => {
      active++;
      try {
        // koffi hands pointers over as its own values (null, a bigint address): the canonical form is a number.
        for (const i of ptrs) args[i] = fromNative('ptr', args[i]);
        return callSpread(fn as unknown as KoffiFn, args);
      } catch {
        this.#callbackThrew = true;
        return result === 'void' ? undefined : result === 'i64' || result === 'u64' ? 0n : 0;
      } finally {
        if (--active === 0 && released) koffi.unregister(handle);
      }
    };
    const handle = koffi.register(native, koffi.pointer(proto));
    return {
      pointer: Number(handle),
      uninstall: () => {
        if (released) return;
        released = true;
        // A callback that unregisters itself is still running: koffi's slot is released when it returns.
        if (active === 0) koffi.unregister(handle);
      },
    };
  }

  destroy(): void {
    this.#fns.clear();
  }
}
