// The run-time half of the bindings generated from a C header: a typed library object over a Sandbox. The
// generated module holds the header as data (signatures for wasm32 and for the host, struct layouts, callback
// types) and the TypeScript types; this module turns the data into methods. The TypeScript type of every value
// follows the wasm32 ABI (a `long` is a number, an `int64_t` a bigint); on the host, where `long`, `size_t` and
// pointers are 8 bytes, values are converted at the boundary.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_RECORD } from './artifacts.js';
import type { BackendFactory, BackendOptions } from './backend.js';
import { SandboxArgumentError } from './errors.js';
import { createSandbox, createSandboxSync, SandboxCallback, type Sandbox } from './sandbox.js';
import { structType, type StructMeta, type StructType, type TargetName } from './structs.js';
import { isTainted, taint, untaint, type Tainted } from './tainted.js';
import type { ParamType, ResultType, SandboxPtr, Signature } from './types.js';

export type { FieldType, StructLayout, StructMeta, StructType, TaintedView } from './structs.js';
// What generated bindings name, so that they import one module.
export type { Tainted } from './tainted.js';
export type { SandboxPtr } from './types.js';
export type { BackendFactory, BackendOptions } from './backend.js';
export type { Sandbox } from './sandbox.js';

/** A tainted pointer to `P`, as results and callback arguments arrive. */
export type TaintedPtr<P extends string = string> = Tainted<SandboxPtr<P>>;
/** A pointer parameter to `P`: a sandbox pointer with that pointee, a tainted one from the sandbox, or null. */
export type PtrParam<P extends string = string> = SandboxPtr<P> | TaintedPtr<P> | null;
/** An integer or floating-point parameter up to 32 bits (a `long` too: it is 32-bit in the sandbox). */
export type NumParam = number | Tainted<number>;
/** A 64-bit integer parameter. */
export type BigParam = bigint | Tainted<bigint>;

declare const callbackType: unique symbol;
/**
 * A registered callback whose TypeScript type is its C signature: it can only be passed where a function pointer
 * of that signature is expected. Made by `lib.callbacks.<type>(fn)`.
 */
export type Callback<F> = SandboxCallback & { readonly [callbackType]: (f: F) => F };
/** A function-pointer parameter. */
export type CallbackParam<F> = Callback<F> | null;
/** A pointer field of a struct: NULL reads as 0; `null` may be written for it. */
export type PtrField<P extends string = string> = SandboxPtr<P> | null;
/**
 * A function-pointer field of a struct: read, it is the pointer value; written, it takes a registered callback of
 * its type, NULL, or a pointer value read before.
 */
export type FnField<F> = SandboxPtr<'function'> | Callback<F> | null;

/** One function (or callback type) of the header: its signature on each target. */
export interface FunctionMeta {
  readonly wasm32: Signature;
  readonly host: Signature;
}

/** The whole header as data, emitted by the generator. */
export interface LibraryMeta {
  readonly name: string;
  readonly header: string;
  readonly functions: Readonly<Record<string, FunctionMeta>>;
  readonly callbacks: Readonly<Record<string, FunctionMeta>>;
  readonly structs: Readonly<Record<string, StructMeta>>;
}

/** What every generated library object has besides the header's functions. */
export interface LibraryBase {
  /** The sandbox the library runs in (memory helpers, `newString`, `freeInSandbox`, ...). */
  readonly sandbox: Sandbox;
  /** Frees the sandbox. */
  destroy(): void;
}

/** A backend factory function: `noop`, `wasm2c` or `wasm` itself (called with the header's signatures). */
export type BackendMaker = (dir: string, options?: BackendOptions) => BackendFactory;
type AnyMaker = (dir: string, options?: never) => BackendFactory;

const RESERVED_MEMBERS = new Set(['sandbox', 'destroy', 'callbacks', 'structs']);

/** The library object's member for C function `name`: the name itself, with `_` appended where it would clash. */
export function memberName(name: string): string {
  return RESERVED_MEMBERS.has(name) ? `${name}_` : name;
}

function signaturesFor(meta: LibraryMeta, target: TargetName, skip: ReadonlySet<string>): Record<string, Signature> {
  const out: Record<string, Signature> = {};
  for (const [name, f] of Object.entries(meta.functions)) if (!skip.has(name)) out[name] = f[target];
  return out;
}

/**
 * Header functions the built library does not define, from the build record's exports (a header often declares
 * more than one build compiles). Empty when there is no record to tell.
 */
function undefinedFunctions(meta: LibraryMeta, dir: string, name: string | undefined): Set<string> {
  let rec: { name?: string; exports?: Array<{ name: string; kind: string }> };
  try {
    rec = JSON.parse(readFileSync(join(dir, BUILD_RECORD), 'utf8')) as typeof rec;
  } catch {
    return new Set();
  }
  if (!Array.isArray(rec.exports) || (name !== undefined && rec.name !== name)) return new Set();
  const exported = new Set(rec.exports.filter((e) => e.kind === 'func').map((e) => e.name));
  return new Set(Object.keys(meta.functions).filter((f) => !exported.has(f)));
}

/**
 * The backend for `meta`: a factory function is called with the header's signatures for its target (required by
 * noop, which has no type information; checked against the wasm by wasm2c and wasm). A ready factory is used as
 * it is (not for noop, which then would not know the functions).
 */
function backendFor(
  meta: LibraryMeta,
  backend: BackendFactory | AnyMaker,
  dir: string | undefined,
  options: BackendOptions,
): { factory: BackendFactory; missing: ReadonlySet<string> } {
  if (typeof backend !== 'function') {
    if (backend.kind === 'noop') {
      throw new SandboxArgumentError(
        `load ${meta.name}: pass the noop factory itself and the build directory, e.g. load(noop, dir): the bindings must declare the header's functions to it`,
      );
    }
    return { factory: backend, missing: new Set() };
  }
  if (typeof dir !== 'string') throw new SandboxArgumentError(`load ${meta.name}: give the build directory after the backend, e.g. load(wasm2c, 'build/')`);
  const maker = backend as BackendMaker;
  const kind = maker(dir, options).kind;
  const missing = undefinedFunctions(meta, dir, options.name);
  const functions = { ...signaturesFor(meta, kind === 'noop' ? 'host' : 'wasm32', missing), ...options.functions };
  return { factory: maker(dir, { ...options, functions }), missing };
}

export async function openLibrary<L>(
  meta: LibraryMeta,
  backend: BackendFactory | AnyMaker,
  dir?: string,
  options: BackendOptions = {},
): Promise<L> {
  const { factory, missing } = backendFor(meta, backend, dir, options);
  return bindLibrary<L>(meta, await createSandbox(factory), missing);
}

export function openLibrarySync<L>(meta: LibraryMeta, backend: BackendFactory | AnyMaker, dir?: string, options: BackendOptions = {}): L {
  const { factory, missing } = backendFor(meta, backend, dir, options);
  return bindLibrary<L>(meta, createSandboxSync(factory), missing);
}

const isWide = (t: ResultType) => t === 'i64' || t === 'u64';

/** Converts a JavaScript value typed by the wasm32 signature to what the target's signature takes. */
function toTarget(v: unknown, wasmType: ParamType, targetType: ParamType): unknown {
  if (v === null && wasmType === 'ptr') return 0;
  if (!isWide(wasmType) && isWide(targetType) && wasmType !== 'ptr') {
    const x = isTainted(v) ? untaint(v) : v;
    return typeof x === 'number' && Number.isSafeInteger(x) ? BigInt(x) : x; // anything else: invoke reports it
  }
  return v;
}

/** Converts a target value back to its wasm32-typed JavaScript value (`long` on the host: bigint -> number). */
function fromTarget(v: unknown, wasmType: ResultType, targetType: ResultType): unknown {
  if (!isWide(wasmType) && isWide(targetType) && typeof v === 'bigint') return Number(v);
  // A ready wasm2c/wasm factory without declared signatures reads every i32 result as signed.
  if ((wasmType === 'u32' || (wasmType === 'ptr' && targetType === 'ptr')) && typeof v === 'number' && v < 0) return v >>> 0;
  return v;
}

/**
 * Builds the library object over an existing sandbox (the sandbox must hold the library of `meta`). Functions in
 * `missing` (declared by the header, not defined by the library) throw when called.
 */
export function bindLibrary<L>(meta: LibraryMeta, sandbox: Sandbox, missing: ReadonlySet<string> = new Set()): L {
  const target: TargetName = sandbox.kind === 'noop' ? 'host' : 'wasm32';
  const lib: Record<string, unknown> = {
    sandbox,
    destroy: () => sandbox.destroy(),
  };
  for (const [name, f] of Object.entries(meta.functions)) {
    const member = memberName(name);
    if (missing.has(name)) {
      lib[member] = () => {
        throw new SandboxArgumentError(`${name}() is declared in ${meta.header} but the library does not define it (it is not among its exports)`);
      };
      continue;
    }
    const [wr, wp] = f.wasm32;
    const sig = f[target];
    const [tr, tp] = sig;
    const have = sandbox.signature(name);
    // The common case: the sandbox was given these very signatures and no value changes width (no `long` on
    // the host), so the Sandbox's own prepared method does all the checking; only NULL needs a word.
    const sameWidths = wr === tr && wp.every((p, i) => p === tp[i]);
    if (sameWidths && have !== undefined && JSON.stringify(have) === JSON.stringify(sig)) {
      const bound = sandbox.bind({ [name]: sig })[name]! as (...a: unknown[]) => Tainted<unknown>;
      lib[member] = withNulls(bound, wp, wr === 'void');
      continue;
    }
    lib[member] = (...args: unknown[]) => {
      if (args.length !== wp.length) {
        throw new SandboxArgumentError(`${name}() takes ${wp.length} argument${wp.length === 1 ? '' : 's'}, got ${args.length}`);
      }
      const conv = args.map((a, i) => toTarget(a, wp[i]!, tp[i]!));
      const r = sandbox.invoke(name, ...(conv as never[]));
      if (wr === 'void') return undefined;
      return taint(fromTarget(untaint(r), wr, tr), sandbox);
    };
  }
  const callbacks: Record<string, (fn: (...a: unknown[]) => unknown) => SandboxCallback> = {};
  for (const [name, f] of Object.entries(meta.callbacks)) {
    const [wr, wp] = f.wasm32;
    const sig = f[target];
    const [tr, tp] = sig;
    const converts = wp.some((p, i) => p !== tp[i]) || wr !== tr;
    callbacks[name] = (fn) => {
      if (typeof fn !== 'function') throw new SandboxArgumentError(`callbacks.${name}(fn): expected a function`);
      const wrapped = converts
        ? (...args: Tainted<unknown>[]) => {
            const conv = args.map((a, i) => taint(fromTarget(untaint(a), wp[i]!, tp[i]!), sandbox));
            const r = fn(...conv);
            return wr === 'void' ? undefined : toTarget(r, wr as ParamType, tr as ParamType);
          }
        : fn;
      return sandbox.registerCallback(wrapped as never, sig);
    };
  }
  lib['callbacks'] = Object.freeze(callbacks);
  const set = { target, pointerSize: sandbox.pointerSize, structs: meta.structs, owner: sandbox };
  const structs: Record<string, StructType<unknown, string>> = {};
  for (const name of Object.keys(meta.structs)) structs[name] = structType(sandbox, set, name);
  lib['structs'] = Object.freeze(structs);
  return Object.freeze(lib) as L;
}

/** A bound method that also takes `null` for pointers, and returns nothing for `void` functions. */
function withNulls(bound: (...a: unknown[]) => Tainted<unknown>, params: readonly ParamType[], isVoid: boolean): (...a: unknown[]) => unknown {
  const ptrs = params.flatMap((p, i) => (p === 'ptr' ? [i] : []));
  if (ptrs.length === 0) return isVoid ? (...a) => void bound(...a) : bound;
  return (...a) => {
    for (const i of ptrs) if (a[i] === null) a[i] = 0;
    const r = bound(...a);
    return isVoid ? undefined : r;
  };
}
