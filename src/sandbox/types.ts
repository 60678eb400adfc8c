// The small type vocabulary shared by every backend, by callbacks and by the later typed bindings: value types
// as data (so signatures can be written, checked at run time and mapped to TypeScript types), and the branded
// pointer type.

declare const pointeeBrand: unique symbol;

/**
 * A pointer into a sandbox's memory: an offset into linear memory for `wasm2c`/`wasm`, a native address for
 * `noop`. It is a plain number at run time; the brand keeps ordinary numbers from being passed where a pointer
 * is meant and records, for the typed bindings, what it points to (`SandboxPtr<"char">`).
 */
export type SandboxPtr<Pointee extends string = string> = number & { readonly [pointeeBrand]: Pointee };

/**
 * Value types of function parameters and results. `i32`/`u32` and `i64`/`u64` differ only in how a result is
 * read back (signed or unsigned); `ptr` is a sandbox pointer (an i32 offset in wasm, a native pointer in noop).
 */
export type ParamType = 'i32' | 'u32' | 'i64' | 'u64' | 'f32' | 'f64' | 'ptr';
export type ResultType = ParamType | 'void';

/** A function signature as data: `[result, [params...]]`, e.g. `['u32', ['u32', 'u32']]` or `['void', ['ptr']]`. */
export type Signature = readonly [result: ResultType, params: readonly ParamType[]];

/** The JavaScript value of a parameter/result type. */
export type JsValueOf<T extends ResultType> = T extends 'void'
  ? undefined
  : T extends 'ptr'
    ? SandboxPtr
    : T extends 'i64' | 'u64'
      ? bigint
      : number;

/** Maps a tuple of parameter types to a tuple of their JavaScript values. */
export type JsValuesOf<P extends readonly ParamType[]> = { -readonly [K in keyof P]: JsValueOf<P[K]> };

/** Scalar types that can be read from and written to sandbox memory. `ptr` is 4 bytes in wasm, 8 in noop. */
export type ScalarType = 'i8' | 'u8' | 'i16' | 'u16' | 'i32' | 'u32' | 'i64' | 'u64' | 'f32' | 'f64' | 'ptr';

/** The JavaScript value of a scalar memory type. */
export type ScalarValueOf<T extends ScalarType> = T extends 'ptr' ? SandboxPtr : T extends 'i64' | 'u64' ? bigint : number;

/** Element types of `copyAndVerifyRange`, each copied into the matching typed array. */
export type ElementType = Exclude<ScalarType, 'ptr'>;
export type TypedArrayOf<T extends ElementType> = T extends 'i8'
  ? Int8Array
  : T extends 'u8'
    ? Uint8Array
    : T extends 'i16'
      ? Int16Array
      : T extends 'u16'
        ? Uint16Array
        : T extends 'i32'
          ? Int32Array
          : T extends 'u32'
            ? Uint32Array
            : T extends 'i64'
              ? BigInt64Array
              : T extends 'u64'
                ? BigUint64Array
                : T extends 'f32'
                  ? Float32Array
                  : Float64Array;

export const PARAM_TYPES: readonly ParamType[] = ['i32', 'u32', 'i64', 'u64', 'f32', 'f64', 'ptr'];

/** Byte size of each element type. */
export const ELEMENT_SIZE: Readonly<Record<ElementType, number>> = {
  i8: 1, u8: 1, i16: 2, u16: 2, i32: 4, u32: 4, i64: 8, u64: 8, f32: 4, f64: 8,
};

/** Wasm value type a parameter type travels as in the wasm backends. */
export function wasmTypeOf(t: ParamType): 'i32' | 'i64' | 'f32' | 'f64' {
  switch (t) {
    case 'i32': case 'u32': case 'ptr': return 'i32';
    case 'i64': case 'u64': return 'i64';
    default: return t;
  }
}

/** Checks a signature given as data (it may come from untyped JavaScript) and says what is wrong. */
export function checkSignature(sig: unknown, what: string): Signature {
  const ok =
    Array.isArray(sig) && sig.length === 2 &&
    (sig[0] === 'void' || PARAM_TYPES.includes(sig[0])) &&
    Array.isArray(sig[1]) && (sig[1] as unknown[]).every((p) => PARAM_TYPES.includes(p as ParamType));
  if (!ok) {
    throw new TypeError(
      `${what}: signature ${JSON.stringify(sig)} is not [result, [params...]] with types ` +
        `${PARAM_TYPES.join('|')} (result may also be 'void'), e.g. ['u32', ['u32', 'u32']]`,
    );
  }
  return sig as unknown as Signature;
}
