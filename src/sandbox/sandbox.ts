// The Sandbox: calls into an untrusted library through a Backend, hands every result back as Tainted, checks
// arguments before anything runs, and refuses further use after a trap.
import type { Backend, BackendFactory, BackendKind, InstalledCallback, RawValue } from './backend.js';
import { specialisedCallback, specialisedCaller, type CallState, type RawCaller } from './specialise.js';
import { TrapSignal } from './backend.js';
import {
  SandboxArgumentError,
  SandboxBoundsError,
  SandboxError,
  SandboxTrapError,
  SandboxUnusableError,
} from './errors.js';
import { isTainted, taint, taintOrigin, untaint, Tainted, type TaintedMemory } from './tainted.js';
import {
  checkSignature,
  wasmTypeOf,
  type JsValueOf,
  type ParamType,
  type ResultType,
  type SandboxPtr,
  type ScalarType,
  type ScalarValueOf,
  type Signature,
} from './types.js';

/** A pointer argument: a SandboxPtr (or any number holding one), or a tainted pointer from the sandbox itself. */
export type PtrArg = number | Tainted<number>;

/** An argument of `invoke`: numbers, bigints (64-bit), pointers, tainted values from this sandbox, callbacks. */
export type InvokeArg = number | bigint | Tainted<number> | Tainted<bigint> | SandboxCallback;

/** The arguments a callback with parameter types P receives: every one tainted. */
export type TaintedArgs<P extends readonly ParamType[]> = { -readonly [K in keyof P]: Tainted<JsValueOf<P[K]>> };

/** What a bound function accepts for a parameter of type P. */
export type BoundArg<P extends ParamType> = P extends 'ptr'
  ? SandboxPtr | Tainted<SandboxPtr> | SandboxCallback
  : P extends 'i64' | 'u64'
    ? bigint | Tainted<bigint>
    : number | Tainted<number>;

/** The arguments of a bound function with parameter types P. */
export type BoundArgs<P extends readonly ParamType[]> = { -readonly [K in keyof P]: BoundArg<P[K]> };

/** The methods `sandbox.bind(functions)` returns: one per function, typed by its signature. */
export type BoundFunctions<F extends Readonly<Record<string, Signature>>> = {
  readonly [K in keyof F]: (...args: BoundArgs<F[K][1]>) => Tainted<JsValueOf<F[K][0]>>;
};

/** What a callback with result type R returns. */
export type CallbackResult<R extends ResultType> = R extends 'void' ? void : JsValueOf<R> | (R extends 'ptr' ? number : never);

/** A host function the sandbox can call: pass it where the library expects a function pointer. */
export class SandboxCallback<S extends Signature = Signature> {
  /** The signature it was registered with. */
  readonly signature: S;
  #installed: InstalledCallback | undefined;
  readonly #owner: Sandbox;

  /** @internal Made by Sandbox.registerCallback. */
  constructor(owner: Sandbox, installed: InstalledCallback, signature: S) {
    this.#owner = owner;
    this.#installed = installed;
    this.signature = signature;
  }

  /** True until unregister() (or the sandbox's destroy()). */
  get registered(): boolean {
    return this.#installed !== undefined;
  }

  /** Frees the callback's slot for reuse. The library must not call it afterwards (it would trap). */
  unregister(): void {
    const inst = this.#installed;
    if (inst === undefined) return;
    this.#installed = undefined;
    inst.uninstall();
  }

  /** @internal The function-pointer value for `owner`, or an error message. */
  pointerFor(owner: Sandbox): number | string {
    if (owner !== this.#owner) return 'a callback registered with a different sandbox';
    if (this.#installed === undefined) return 'a callback that was unregistered';
    return this.#installed.pointer;
  }
}

/** Destroys the backend of a sandbox that was garbage-collected without destroy(). */
const abandoned = new FinalizationRegistry<Backend>((backend) => {
  try {
    backend.destroy();
  } catch {
    /* nothing to report to: the sandbox is gone */
  }
});

const TWO_32 = 2 ** 32;
const I64_MIN = -(2n ** 63n);
const U64_MAX = 2n ** 64n - 1n;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A function ready to call: its signature and the caller generated for it. */
interface PreparedFunction {
  readonly result: ResultType;
  readonly params: readonly ParamType[];
  /** The backend's raw caller (shared by the plain and every bound caller of the function). */
  readonly raw: RawCaller;
  /** `(a0, a1, ...) => Tainted`, checks included. */
  readonly fn: (...args: unknown[]) => unknown;
}

/** Calls `f` with the elements of `args` as arguments, without a spread for the common arities. */
function applyArgs(f: (...a: never[]) => unknown, args: readonly unknown[]): unknown {
  const g = f as (...a: unknown[]) => unknown;
  switch (args.length) {
    case 0: return g();
    case 1: return g(args[0]);
    case 2: return g(args[0], args[1]);
    case 3: return g(args[0], args[1], args[2]);
    case 4: return g(args[0], args[1], args[2], args[3]);
    default: return g(...args);
  }
}

const SCALAR_SIZE: Readonly<Record<Exclude<ScalarType, 'ptr'>, number>> = {
  i8: 1, u8: 1, i16: 2, u16: 2, i32: 4, u32: 4, i64: 8, u64: 8, f32: 4, f64: 8,
};

function show(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null || v === undefined || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isTainted(v)) return 'a Tainted value';
  return typeof v === 'function' ? 'a function (register it with registerCallback first)' : `a ${typeof v}`;
}

/**
 * An instance of an untrusted library. Create it with `createSandbox(backend)`; everything it returns is
 * `Tainted`. After a trap it is unusable (every method throws SandboxUnusableError) until you create a new one.
 */
export class Sandbox implements TaintedMemory {
  readonly #backend: Backend;
  #destroyed = false;
  #trap: SandboxTrapError | undefined;
  /** Shared with the generated callers: `unusable` = destroyed or poisoned. */
  readonly #st: CallState = { unusable: false, depth: 0 };
  #callbackError: unknown = undefined;
  readonly #callbacks = new Set<SandboxCallback>();
  readonly #prepared = new Map<string, PreparedFunction>();

  /** @internal Use createSandbox(). */
  constructor(backend: Backend) {
    this.#backend = backend;
    // A safety net only: a sandbox that is never destroyed releases its instance when it is collected.
    abandoned.register(this, backend, this);
  }

  /** Which isolation is in use: 'noop' (none), 'wasm2c' or 'wasm'. */
  get kind(): BackendKind {
    return this.#backend.kind;
  }

  /** Size of a sandbox pointer in bytes (4 for wasm2c and wasm, 8 for noop). */
  get pointerSize(): number {
    return this.#backend.pointerSize;
  }

  /** True once the sandbox trapped; it must then be destroyed and recreated. */
  get poisoned(): boolean {
    return this.#trap !== undefined;
  }

  /** Names of the functions `invoke` can call. */
  functionNames(): readonly string[] {
    return this.#backend.functionNames();
  }

  /** The signature `invoke(name, ...)` checks arguments against, or undefined when there is no such function. */
  signature(name: string): Signature | undefined {
    return this.#backend.signature(name);
  }

  /**
   * Calls the library's function `name`. Arguments are checked against its signature (the wasm type, refined
   * by declared `functions`) before the call; the result comes back Tainted. `R` is the result's JavaScript
   * type (number for i32/u32/f32/f64 and pointers, bigint for i64/u64, undefined for void).
   * @throws SandboxArgumentError for an unknown function or wrong arguments (nothing ran),
   *   SandboxTrapError when the library trapped (the sandbox is unusable afterwards).
   */
  invoke<R extends number | bigint | undefined = number>(name: string, ...args: InvokeArg[]): Tainted<R> {
    if (this.#st.unusable) this.#usable(`call ${name}()`);
    return applyArgs((this.#prepared.get(name) ?? this.#prepare(name)).fn, args) as Tainted<R>;
  }

  /**
   * Typed access to the library's functions: give their signatures as data and get one method per function,
   * with TypeScript parameter and result types derived from the signatures.
   * ```ts
   * const lib = sb.bind({ add: ['u32', ['u32', 'u32']], echo: ['void', ['ptr']] });
   * lib.add(3, 4);            // Tainted<number>
   * lib.echo(sb.newString('hi'));
   * ```
   * Each signature must agree with the function's own (its wasm type; for noop, the declared one); a mismatch
   * or a missing function is an error here, not at the first call.
   */
  bind<const F extends Readonly<Record<string, Signature>>>(functions: F): BoundFunctions<F> {
    this.#usable('bind functions');
    const out: Record<string, (...args: unknown[]) => unknown> = {};
    for (const [name, raw] of Object.entries(functions)) {
      const sig = checkSignature(raw, `bind: '${name}'`);
      const have = this.#prepared.get(name) ?? this.#prepare(name);
      const [result, params] = sig;
      const native = (t: ResultType): string => (t === 'void' ? t : this.#backend.pointerSize === 8 && t === 'ptr' ? 'ptr64' : wasmTypeOf(t));
      if (
        params.length !== have.params.length ||
        params.some((p, i) => native(p) !== native(have.params[i]!)) ||
        native(result) !== native(have.result)
      ) {
        throw new SandboxArgumentError(
          `bind: the signature given for '${name}' ${JSON.stringify(sig)} does not agree with the library's ` +
            `${JSON.stringify([have.result, have.params])}`,
        );
      }
      out[name] = this.#caller(name, result, params, have.raw);
    }
    return out as BoundFunctions<F>;
  }

  /** The generated caller of `name` with this signature, over the backend's raw caller. */
  #caller(name: string, result: ResultType, params: readonly ParamType[], raw: RawCaller): (...args: unknown[]) => unknown {
    return specialisedCaller(result, params, this.#backend.pointerSize, {
      family: this.#backend.kind,
      st: this.#st,
      call: raw,
      wrap: (v) => taint(v, this),
      refuse: () => {
        this.#usable(`call ${name}()`);
        throw new SandboxUnusableError(`call ${name}()`);
      },
      slow: (count, args) => this.#slowCall(name, result, params, raw, count, args),
      fail: (e) => (e instanceof TrapSignal ? this.#poison(e, name) : e),
    });
  }

  /** The careful path of a call: converts every argument (or throws the precise error), then calls. */
  #slowCall(name: string, result: ResultType, params: readonly ParamType[], raw: RawCaller, count: number, args: unknown[]): Tainted<unknown> {
    const n = params.length;
    if (count !== n) {
      throw new SandboxArgumentError(
        `${name}() takes ${n} argument${n === 1 ? '' : 's'} (${params.join(', ') || 'none'}), got ${count}`,
      );
    }
    const rawArgs = args.map((a, i) => this.#toRaw(a, params[i]!, () => `${name}() argument ${i + 1} (${params[i]})`));
    this.#st.depth++;
    let r: RawValue | undefined;
    try {
      r = applyArgs(raw, rawArgs) as RawValue | undefined;
    } catch (e) {
      if (e instanceof TrapSignal) throw this.#poison(e, name);
      throw e;
    } finally {
      this.#st.depth--;
    }
    return taint(this.#decode(result, r), this);
  }

  #decode(type: ResultType, r: RawValue | undefined): number | bigint | undefined {
    switch (type) {
      case 'void': return undefined;
      case 'i32': return Number(r) | 0;
      case 'u32': return Number(r) >>> 0;
      case 'ptr': return this.#backend.pointerSize === 4 ? Number(r) >>> 0 : Number(r);
      case 'i64': return BigInt.asIntN(64, BigInt(r ?? 0));
      case 'u64': return BigInt.asUintN(64, BigInt(r ?? 0));
      default: return Number(r);
    }
  }

  #prepare(name: string): PreparedFunction {
    const sig = this.#backend.signature(name);
    const raw = sig === undefined ? undefined : this.#backend.caller(name);
    if (sig === undefined || raw === undefined) {
      const why = this.#backend.unavailableReason?.(name);
      if (why !== undefined) throw new SandboxArgumentError(`cannot call ${name}(): ${why}`);
      const names = this.#backend.functionNames();
      throw new SandboxArgumentError(
        `the library has no function '${name}' (${names.length} known: ${names.slice(0, 12).join(', ')}` +
          `${names.length > 12 ? ', ...' : ''})` +
          (this.kind === 'noop' ? `; noop only knows the functions declared in noop(dir, { functions: { ... } })` : ''),
      );
    }
    const [result, params] = sig;
    const p: PreparedFunction = { result, params, raw, fn: this.#caller(name, result, params, raw) };
    this.#prepared.set(name, p);
    return p;
  }

  /**
   * Allocates `bytes` bytes with the library's own malloc and returns the pointer, checked to lie inside the
   * sandbox's memory. Free it with freeInSandbox().
   */
  mallocInSandbox<Pointee extends string = string>(bytes: number): SandboxPtr<Pointee> {
    if (!Number.isSafeInteger(bytes) || bytes < 0 || bytes >= TWO_32) {
      throw new SandboxArgumentError(`mallocInSandbox(bytes): bytes must be an integer in [0, 2^32), got ${show(bytes)}`);
    }
    this.#usable('allocate sandbox memory');
    const p = this.#enter('malloc', () => this.#backend.malloc(bytes));
    if (p === 0) {
      throw new SandboxError(`the library's malloc(${bytes}) returned NULL: the sandbox is out of memory`);
    }
    if (this.#backend.available(p) < bytes) {
      throw new SandboxBoundsError(`the library's malloc(${bytes}) returned ${p}, which is not inside sandbox memory`);
    }
    return p as SandboxPtr<Pointee>;
  }

  /** Frees memory from mallocInSandbox() with the library's free(). A null pointer is ignored. */
  freeInSandbox(ptr: PtrArg): void {
    const p = this.#ptrValue(ptr, 'freeInSandbox(ptr)');
    if (p === 0) return;
    this.#usable('free sandbox memory');
    this.#enter('free', () => this.#backend.free(p));
  }

  /** Allocates a NUL-terminated UTF-8 copy of `str` in the sandbox (free it with freeInSandbox()). */
  newString(str: string): SandboxPtr<'char'> {
    const bytes = encoder.encode(str);
    const p = this.mallocInSandbox<'char'>(bytes.length + 1);
    const v = this.#backend.view(p, bytes.length + 1);
    v.set(bytes);
    v[bytes.length] = 0;
    return p;
  }

  /**
   * Writes `str` as NUL-terminated UTF-8 at `ptr`. With `capacity`, refuses (SandboxBoundsError) when the
   * bytes plus terminator do not fit. Returns the number of bytes written, terminator included.
   */
  writeString(ptr: PtrArg, str: string, capacity?: number): number {
    const bytes = encoder.encode(String(str));
    const need = bytes.length + 1;
    if (capacity !== undefined && need > capacity) {
      throw new SandboxBoundsError(
        `writeString: the string needs ${need} bytes with its terminator but the buffer has ${capacity}; ` +
          `allocate more or use strncpy() to truncate`,
      );
    }
    const v = this.#view(ptr, need, 'writeString');
    v.set(bytes);
    v[bytes.length] = 0;
    return need;
  }

  /**
   * Copies at most `n` bytes of `str` (UTF-8) to `ptr`, always NUL-terminated (like strlcpy: truncated at a
   * character boundary when it does not fit). Returns the number of bytes written, terminator included.
   */
  strncpy(ptr: PtrArg, str: string, n: number): number {
    if (!Number.isSafeInteger(n) || n < 1) throw new SandboxArgumentError(`strncpy: n must be a positive integer, got ${show(n)}`);
    const bytes = encoder.encode(String(str));
    let cut = Math.min(bytes.length, n - 1);
    while (cut > 0 && cut < bytes.length && (bytes[cut]! & 0xc0) === 0x80) cut--;
    const v = this.#view(ptr, cut + 1, 'strncpy');
    v.set(bytes.subarray(0, cut));
    v[cut] = 0;
    return cut + 1;
  }

  /** Copies host bytes into sandbox memory at `dst` (bounds-checked). */
  memcpy(dst: PtrArg, src: ArrayBufferView | ArrayBuffer): void {
    const bytes = src instanceof ArrayBuffer ? new Uint8Array(src) : new Uint8Array(src.buffer, src.byteOffset, src.byteLength);
    if (bytes.length === 0) return;
    this.#view(dst, bytes.length, 'memcpy').set(bytes);
  }

  /** Reads one scalar at `ptr` (bounds-checked); the value is Tainted. `ptr` reads a sandbox pointer. */
  read<T extends ScalarType>(ptr: PtrArg, type: T): Tainted<ScalarValueOf<T>> {
    const size = type === 'ptr' ? this.#backend.pointerSize : SCALAR_SIZE[type as Exclude<ScalarType, 'ptr'>];
    if (size === undefined) throw new SandboxArgumentError(`read: unknown type ${show(type)}`);
    const v = this.#view(ptr, size, 'read');
    const dv = new DataView(v.buffer, v.byteOffset, size);
    let value: number | bigint;
    switch (type) {
      case 'i8': value = dv.getInt8(0); break;
      case 'u8': value = dv.getUint8(0); break;
      case 'i16': value = dv.getInt16(0, true); break;
      case 'u16': value = dv.getUint16(0, true); break;
      case 'i32': value = dv.getInt32(0, true); break;
      case 'u32': value = dv.getUint32(0, true); break;
      case 'i64': value = dv.getBigInt64(0, true); break;
      case 'u64': value = dv.getBigUint64(0, true); break;
      case 'f32': value = dv.getFloat32(0, true); break;
      case 'f64': value = dv.getFloat64(0, true); break;
      default: value = size === 4 ? dv.getUint32(0, true) : Number(dv.getBigUint64(0, true));
    }
    return taint(value as ScalarValueOf<T>, this);
  }

  /** Copies `byteLength` bytes starting at `ptr` out of the sandbox; the copy is Tainted. */
  readBytes(ptr: PtrArg, byteLength: number): Tainted<Uint8Array> {
    return taint(this.copyBytes(this.#ptrValue(ptr, 'readBytes'), byteLength), this);
  }

  /** Writes one scalar at `ptr` (bounds-checked). */
  write<T extends ScalarType>(ptr: PtrArg, type: T, value: ScalarValueOf<T> | (T extends 'ptr' ? number : never)): void {
    const size = type === 'ptr' ? this.#backend.pointerSize : SCALAR_SIZE[type as Exclude<ScalarType, 'ptr'>];
    if (size === undefined) throw new SandboxArgumentError(`write: unknown type ${show(type)}`);
    const what = `write(ptr, '${type}', value)`;
    const wide = type === 'i64' || type === 'u64' || (type === 'ptr' && size === 8);
    const v = wide ? this.#bigint(value, type === 'u64' || type === 'ptr', what) : this.#number(value, type, what);
    const view = this.#view(ptr, size, 'write');
    const dv = new DataView(view.buffer, view.byteOffset, size);
    switch (type) {
      case 'i8': case 'u8': dv.setUint8(0, (v as number) & 0xff); break;
      case 'i16': case 'u16': dv.setUint16(0, (v as number) & 0xffff, true); break;
      case 'i32': case 'u32': dv.setUint32(0, (v as number) >>> 0, true); break;
      case 'f32': dv.setFloat32(0, v as number, true); break;
      case 'f64': dv.setFloat64(0, v as number, true); break;
      case 'ptr': if (size === 4) dv.setUint32(0, (v as number) >>> 0, true); else dv.setBigUint64(0, v as bigint, true); break;
      default: dv.setBigUint64(0, BigInt.asUintN(64, v as bigint), true);
    }
  }

  /**
   * Makes `fn` callable by the library through a function pointer: pass the returned handle as an argument.
   * Arguments arrive Tainted; the callback may call back into the sandbox. If it throws, the running sandbox
   * call ends with SandboxTrapError('callback_error') whose `cause` is the error, and the sandbox is unusable.
   * ```ts
   * const cb = sb.registerCallback((s) => { console.log(s.copyAndVerifyString((x) => x, 100)); }, ['void', ['ptr']]);
   * ```
   */
  registerCallback<const S extends Signature>(fn: (...args: TaintedArgs<S[1]>) => CallbackResult<S[0]>, signature: S): SandboxCallback<S> {
    this.#usable('register a callback');
    const sig = checkSignature(signature, 'registerCallback');
    if (typeof fn !== 'function') throw new SandboxArgumentError(`registerCallback: expected a function, got ${show(fn)}`);
    const [result, params] = sig;
    const wrapper = specialisedCallback(result, params, this.#backend.pointerSize, {
      family: this.#backend.kind,
      st: this.#st,
      fn: fn as unknown as (...a: unknown[]) => unknown,
      wrap: (v) => taint(v, this),
      refuse: () => {
        this.#callbackError = this.#trap ?? new SandboxUnusableError('run a callback');
        throw this.#callbackError;
      },
      failed: (e) => {
        this.#callbackError = e;
        return e;
      },
      result: (out) => this.#toRaw(out, result as ParamType, () => `the result of a callback (${result})`),
    });
    const installed = this.#backend.installCallback(wrapper, sig);
    const cb: SandboxCallback<S> = new SandboxCallback<S>(
      this,
      {
        pointer: installed.pointer,
        uninstall: () => {
          this.#callbacks.delete(cb);
          installed.uninstall();
        },
      },
      signature,
    );
    this.#callbacks.add(cb);
    return cb;
  }

  /**
   * Frees the library instance and everything it holds (memory, callbacks). Safe to call more than once and
   * after a trap; not from inside one of the sandbox's callbacks.
   */
  destroy(): void {
    if (this.#destroyed) return;
    if (this.#st.depth > 0) throw new SandboxError('cannot destroy a sandbox from inside one of its own callbacks');
    this.#destroyed = true;
    this.#st.unusable = true;
    abandoned.unregister(this);
    for (const cb of [...this.#callbacks]) cb.unregister();
    this.#backend.destroy();
  }

  /** @internal TaintedMemory: copies a NUL-terminated string out of sandbox memory. */
  copyCString(ptr: number, maxLen: number): string {
    const p = this.#ptrValue(ptr, 'copyAndVerifyString');
    this.#usable('read sandbox memory');
    if (p === 0) throw new SandboxBoundsError('copyAndVerifyString: the pointer is NULL');
    const avail = this.#backend.available(p);
    const limit = Math.min(maxLen + 1, avail);
    if (limit <= 0) throw new SandboxBoundsError(`copyAndVerifyString: pointer ${p} is outside sandbox memory`);
    const v = this.#backend.view(p, limit);
    const end = v.indexOf(0);
    if (end < 0) {
      throw new SandboxBoundsError(
        limit === avail && avail <= maxLen
          ? `copyAndVerifyString: the string at ${p} runs past the end of sandbox memory without a terminator`
          : `copyAndVerifyString: no NUL terminator within maxLen = ${maxLen} bytes at ${p}`,
      );
    }
    return decoder.decode(v.subarray(0, end));
  }

  /** @internal TaintedMemory: copies bytes out of sandbox memory into a fresh buffer. */
  copyBytes(ptr: number, byteLength: number): Uint8Array {
    if (!Number.isSafeInteger(byteLength) || byteLength < 0) {
      throw new SandboxArgumentError(`byte length must be a non-negative integer, got ${show(byteLength)}`);
    }
    if (byteLength === 0) return new Uint8Array(0);
    return this.#view(ptr, byteLength, 'copy from the sandbox').slice();
  }

  #usable(operation: string): void {
    if (this.#destroyed || this.#trap !== undefined) throw new SandboxUnusableError(operation, this.#destroyed ? undefined : this.#trap);
  }

  #enter<T>(name: string, run: () => T): T {
    this.#st.depth++;
    try {
      return run();
    } catch (e) {
      if (!(e instanceof TrapSignal)) throw e;
      throw this.#poison(e, name);
    } finally {
      this.#st.depth--;
    }
  }

  #poison(sig: TrapSignal, name: string): SandboxTrapError {
    const cause = this.#callbackError;
    this.#callbackError = undefined;
    let trap: SandboxTrapError;
    if (sig.kind === 'callback_error' && cause instanceof SandboxTrapError) trap = cause;
    else {
      const opts: { exitCode?: number; cause?: unknown; detail?: string } = {};
      if (sig.exitCode !== undefined) opts.exitCode = sig.exitCode;
      if (sig.detail !== undefined) opts.detail = sig.detail;
      if (sig.kind === 'callback_error') {
        opts.cause = cause;
        opts.detail = cause instanceof Error ? `${cause.name}: ${cause.message}` : show(cause);
      }
      trap = new SandboxTrapError(sig.kind, name, opts);
    }
    this.#trap ??= trap;
    this.#st.unusable = true;
    return trap;
  }

  #ptrValue(ptr: PtrArg, what: string): number {
    const v: unknown = isTainted(ptr) ? this.#fromHere(ptr, what) : ptr;
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
      throw new SandboxArgumentError(`${what}: expected a sandbox pointer (a number), got ${show(v)}`);
    }
    if (this.#backend.pointerSize === 4) return v >>> 0;
    if (v < 0) throw new SandboxArgumentError(`${what}: ${v} is not a pointer`);
    return v;
  }

  #view(ptr: PtrArg, len: number, what: string): Uint8Array {
    const p = this.#ptrValue(ptr, what);
    this.#usable(`${what} sandbox memory`);
    if (p === 0) throw new SandboxBoundsError(`${what}: the pointer is NULL`);
    return this.#backend.view(p, len);
  }

  /** A Tainted value's content, for passing it back into the sandbox it came from (and only that one). */
  #fromHere(t: Tainted<unknown>, what: string): unknown {
    const o = taintOrigin(t);
    if (o !== undefined && o !== this) {
      throw new SandboxArgumentError(`${what}: the Tainted value came from a different sandbox; its pointers mean nothing here`);
    }
    return untaint(t);
  }

  #number(v: unknown, type: ScalarType | ParamType, what: string): number {
    if (typeof v !== 'number') throw new SandboxArgumentError(`${what}: expected a number, got ${show(v)}`);
    if (type === 'f32' || type === 'f64') return v;
    const bits = type === 'i8' || type === 'u8' ? 8 : type === 'i16' || type === 'u16' ? 16 : 32;
    const lo = -(2 ** (bits - 1));
    const hi = 2 ** bits;
    if (!Number.isInteger(v) || v < lo || v >= hi) {
      throw new SandboxArgumentError(`${what}: expected an integer in [-2^${bits - 1}, 2^${bits}), got ${show(v)}`);
    }
    return v;
  }

  #bigint(v: unknown, unsigned: boolean, what: string): bigint {
    let b: bigint;
    if (typeof v === 'bigint') b = v;
    else if (typeof v === 'number' && Number.isSafeInteger(v)) b = BigInt(v);
    else throw new SandboxArgumentError(`${what}: expected a bigint (or a safe integer), got ${show(v)}`);
    if (b < (unsigned ? 0n : I64_MIN) || b > U64_MAX) throw new SandboxArgumentError(`${what}: ${b}n does not fit in 64 bits`);
    return b;
  }

  #toRaw(arg: unknown, type: ParamType, what: () => string): RawValue {
    let v = arg;
    if (v instanceof SandboxCallback) {
      if (type !== 'ptr' && type !== 'i32' && type !== 'u32') {
        throw new SandboxArgumentError(`${what()}: a callback can only be passed as a pointer`);
      }
      const p = v.pointerFor(this);
      if (typeof p === 'string') throw new SandboxArgumentError(`${what()}: got ${p}`);
      return p;
    }
    if (isTainted(v)) v = this.#fromHere(v, what());
    switch (type) {
      case 'i32': case 'u32': case 'f32': case 'f64':
        return this.#number(v, type, what());
      case 'ptr': {
        const max = this.#backend.pointerSize === 4 ? TWO_32 : Number.MAX_SAFE_INTEGER;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= max) {
          throw new SandboxArgumentError(`${what()}: expected a sandbox pointer, got ${show(v)}`);
        }
        return v;
      }
      default:
        return this.#bigint(v, type === 'u64', what());
    }
  }

}

/**
 * Loads a library into a new sandbox. Switch isolation by changing the backend:
 * ```ts
 * const sb = await createSandbox(wasm2c('build/'));   // or wasm('build/'), or noop('build/', { functions })
 * ```
 */
export async function createSandbox(backend: BackendFactory): Promise<Sandbox> {
  return new Sandbox(await backend.open());
}

/** Like createSandbox(), synchronously (compiles the wasm module on the calling thread for the wasm backend). */
export function createSandboxSync(backend: BackendFactory): Sandbox {
  return new Sandbox(backend.openSync());
}
