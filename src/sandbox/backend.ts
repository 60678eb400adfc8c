// The Backend interface: the little a Sandbox needs from an isolation mechanism. Values cross it in one
// canonical form whatever the backend: i32/u32/f32/f64 and pointers as numbers, i64/u64 as bigints.
import type { TrapKind } from './errors.js';
import type { Signature } from './types.js';

export type BackendKind = 'noop' | 'wasm2c' | 'wasm';
export type RawValue = number | bigint;
/** A function of raw values passed as separate parameters (a sandbox export, or a host callback). */
export type RawCaller = (...args: RawValue[]) => RawValue | undefined;

/** A host function made callable from the sandbox. */
export interface InstalledCallback {
  /** The value the sandbox uses as the function pointer (a table index in wasm, an address in noop). */
  readonly pointer: number;
  uninstall(): void;
}

/** Thrown by a backend's call() when the sandboxed code trapped; the Sandbox turns it into SandboxTrapError. */
export class TrapSignal {
  constructor(
    readonly kind: TrapKind,
    readonly exitCode?: number,
    readonly detail?: string,
  ) {}
}

export interface Backend {
  readonly kind: BackendKind;
  /** Size of a pointer inside the sandbox, in bytes. */
  readonly pointerSize: 4 | 8;
  /** The signature of an exported function, or undefined when there is no such function. */
  signature(name: string): Signature | undefined;
  /** Names of the callable exports (for error messages). */
  functionNames(): readonly string[];
  /** Why an exported function that signature() does not know cannot be called (undefined: no such export). */
  unavailableReason?(name: string): string | undefined;
  /**
   * Calls an exported function with arguments already checked against its signature. Throws TrapSignal when
   * the sandboxed code traps (including a callback that threw while it ran).
   */
  call(name: string, args: readonly RawValue[]): RawValue | undefined;
  /**
   * The exported function `name` as a function of its raw arguments, passed as separate parameters (exactly
   * as many as its signature has), with call()'s result and traps; undefined when there is no such function.
   * Made once per function and sandbox: it does every per-name lookup up front, so a call costs little more
   * than the FFI (or engine) call.
   */
  caller(name: string): RawCaller | undefined;
  /**
   * A live view of sandbox memory [ptr, ptr + len), valid until the next call into the sandbox. Throws
   * SandboxBoundsError when the range is not inside the sandbox's memory.
   */
  view(ptr: number, len: number): Uint8Array;
  /** How many bytes of sandbox memory start at `ptr` (Infinity when the backend cannot tell). */
  available(ptr: number): number;
  /** The library's malloc and free. */
  malloc(bytes: number): number;
  free(ptr: number): void;
  /**
   * Makes `fn` callable from the sandbox with signature `sig`. `fn` receives canonical values as separate
   * parameters and returns a canonical value; if it throws, the running sandbox call must end with
   * TrapSignal('callback_error') without running more C code.
   */
  installCallback(fn: RawCaller, sig: Signature): InstalledCallback;
  /** Frees everything; the backend is not used afterwards. */
  destroy(): void;
}

/** Creates a backend; returned by `noop(dir)`, `wasm2c(dir)`, `wasm(dir)` and given to createSandbox(). */
export interface BackendFactory {
  readonly kind: BackendKind;
  /** What will be loaded, for messages. */
  readonly description: string;
  open(): Promise<Backend>;
  openSync(): Backend;
}

/** Options every backend factory accepts, so that switching backends changes one word. */
export interface BackendOptions {
  /** Library name, when the build directory has no `rlbox-build.json` and more than one library. */
  readonly name?: string;
  /**
   * Function signatures, `{ add: ['u32', ['u32', 'u32']] }`. Required for noop (a native library carries no
   * types); optional for wasm2c and wasm, where they refine the wasm types (u32 vs i32, pointers) and must
   * agree with them.
   */
  readonly functions?: Readonly<Record<string, Signature>>;
}
