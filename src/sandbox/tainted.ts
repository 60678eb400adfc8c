// Tainted<T>: a value that came out of the sandbox. The value sits in an ES private field, so neither
// TypeScript nor JavaScript can read it except through the verification methods below; using a Tainted as a
// plain value (arithmetic, comparison, string conversion, JSON) is a type error and, at run time, a TypeError.
import { inspect } from 'node:util';
import { SandboxArgumentError } from './errors.js';
import { ELEMENT_SIZE, type ElementType, type TypedArrayOf } from './types.js';

/** What a tainted pointer needs to copy data out of its sandbox (implemented by Sandbox). */
export interface TaintedMemory {
  /** Copies the NUL-terminated string at `ptr` (at most `maxLen` bytes before the NUL), decoded as UTF-8. */
  copyCString(ptr: number, maxLen: number): string;
  /** Copies `byteLength` bytes starting at `ptr` into a fresh buffer. */
  copyBytes(ptr: number, byteLength: number): Uint8Array;
}

function misuse(how: string): never {
  throw new TypeError(
    `a Tainted value cannot be ${how}: it came from the sandbox and must be checked first, with ` +
      `copyAndVerify(fn), copyAndVerifyString(fn, maxLen), copyAndVerifyRange(fn, count) or ` +
      `unverifiedSafeBecause("reason")`,
  );
}

let make: <T>(value: T, memory: TaintedMemory | undefined) => Tainted<T>;
let peek: <T>(t: Tainted<T>) => T;
let origin: (t: Tainted<unknown>) => TaintedMemory | undefined;

/**
 * A value produced by sandboxed code. Open it only through a verifier that checks it is safe for the use you
 * have in mind:
 * ```ts
 * const n = sb.invoke('add', 3, 4).copyAndVerify((v) => { if (v >= 10) throw new Error('bad'); return v; });
 * ```
 */
export class Tainted<T> {
  readonly #value: T;
  readonly #memory: TaintedMemory | undefined;

  private constructor(value: T, memory: TaintedMemory | undefined) {
    this.#value = value;
    this.#memory = memory;
  }

  static {
    make = (value, memory) => new Tainted(value, memory);
    peek = (t) => t.#value;
    origin = (t) => t.#memory;
  }

  /**
   * Hands the value to `verifier` and returns what it returns. The verifier must throw (or return a safe
   * replacement) when the value is not acceptable: whatever it returns is trusted from then on.
   */
  copyAndVerify<R>(verifier: (value: T) => R): R {
    return verifier(this.#value);
  }

  /**
   * For a tainted pointer to a NUL-terminated string: copies the string out of the sandbox (UTF-8, at most
   * `maxLen` bytes before the terminator, bounds-checked against the sandbox memory) and returns
   * `verifier(copy)`. Throws SandboxBoundsError when there is no terminator within `maxLen` bytes.
   */
  copyAndVerifyString<R>(this: Tainted<number>, verifier: (value: string) => R, maxLen: number): R {
    if (!Number.isSafeInteger(maxLen) || maxLen < 0) {
      throw new SandboxArgumentError(`copyAndVerifyString: maxLen must be a non-negative integer, got ${String(maxLen)}`);
    }
    return verifier(this.#needMemory('copyAndVerifyString').copyCString(this.#value, maxLen));
  }

  /**
   * For a tainted pointer to an array: copies `count` elements of `elementType` (default `u8`) out of the
   * sandbox into a fresh typed array (bounds-checked) and returns `verifier(copy)`.
   */
  copyAndVerifyRange<R, E extends ElementType = 'u8'>(
    this: Tainted<number>,
    verifier: (value: TypedArrayOf<E>) => R,
    count: number,
    elementType?: E,
  ): R {
    const type: ElementType = elementType ?? 'u8';
    const size = ELEMENT_SIZE[type];
    if (size === undefined) throw new SandboxArgumentError(`copyAndVerifyRange: unknown element type '${String(type)}'`);
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new SandboxArgumentError(`copyAndVerifyRange: count must be a non-negative integer, got ${String(count)}`);
    }
    const bytes = this.#needMemory('copyAndVerifyRange').copyBytes(this.#value, count * size);
    return verifier(typedArray(type, bytes.buffer as ArrayBuffer, count) as TypedArrayOf<E>);
  }

  /**
   * Returns the value without checking it. Only for values that are harmless whatever they are; the reason
   * documents why (it must not be empty).
   */
  unverifiedSafeBecause(reason: string): T {
    if (typeof reason !== 'string' || reason.trim() === '') {
      throw new TypeError('unverifiedSafeBecause(reason): give the reason why any value is safe here');
    }
    return this.#value;
  }

  #needMemory(what: string): TaintedMemory {
    if (this.#memory === undefined) {
      throw new TypeError(`${what}: this Tainted value is not a pointer into a sandbox`);
    }
    return this.#memory;
  }

  // `this: never` makes calling these a type error too; JavaScript's own conversions still reach them and throw.
  valueOf(this: never): never {
    return misuse('used as a primitive (valueOf)');
  }
  toString(this: never): never {
    return misuse('converted to a string');
  }
  toJSON(this: never): never {
    return misuse('serialized to JSON');
  }
  [Symbol.toPrimitive](this: never): never {
    return misuse('used as a primitive (arithmetic, comparison or string conversion)');
  }
  [inspect.custom](): string {
    return `Tainted<${typeof this.#value}> <unverified>`;
  }
}

function typedArray(type: ElementType, buf: ArrayBuffer, count: number): ArrayBufferView {
  switch (type) {
    case 'i8': return new Int8Array(buf, 0, count);
    case 'u8': return new Uint8Array(buf, 0, count);
    case 'i16': return new Int16Array(buf, 0, count);
    case 'u16': return new Uint16Array(buf, 0, count);
    case 'i32': return new Int32Array(buf, 0, count);
    case 'u32': return new Uint32Array(buf, 0, count);
    case 'i64': return new BigInt64Array(buf, 0, count);
    case 'u64': return new BigUint64Array(buf, 0, count);
    case 'f32': return new Float32Array(buf, 0, count);
    case 'f64': return new Float64Array(buf, 0, count);
  }
}

/** Wraps a value from the sandbox. Internal: applications receive Tainted values, they do not make them. */
export function taint<T>(value: T, memory?: TaintedMemory): Tainted<T> {
  return make(value, memory);
}

/** Reads a Tainted's value for passing it back into the sandbox it came from. Internal. */
export function untaint<T>(t: Tainted<T>): T {
  return peek(t);
}

/** The sandbox a Tainted value came from (undefined for values not tied to one). Internal. */
export function taintOrigin(t: Tainted<unknown>): TaintedMemory | undefined {
  return origin(t);
}

export function isTainted(v: unknown): v is Tainted<unknown> {
  return v instanceof Tainted;
}
