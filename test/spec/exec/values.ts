// Wast values in both directions: arguments become C expressions for the harness, results come back from the
// harness as bit patterns and are compared here (exact bits, or the NaN classes of the spec).

import type { ValType } from '../../../src/wasm/ir.js';
import type { WastValue } from '../wast.js';

function scalar(v: WastValue): string | undefined {
  if (Array.isArray(v.value)) throw new Error(`${v.type}: lane values are not supported (SIMD)`);
  return v.value as string | undefined;
}

function bits(v: WastValue, width: 32 | 64): bigint {
  const s = scalar(v);
  if (s === undefined) throw new Error(`${v.type} argument without a value`);
  const n = BigInt(s);
  return BigInt.asUintN(width, n);
}

/** Externref N is passed as the pointer value N + 1 so that `ref.extern 0` stays distinct from null. */
export function externrefPointer(n: bigint): bigint {
  return n + 1n;
}

/** A C expression for an argument value (its type must be the parameter's). */
export function argExpression(v: WastValue): string {
  switch (v.type) {
    case 'i32':
      return `0x${bits(v, 32).toString(16)}u`;
    case 'i64':
      return `0x${bits(v, 64).toString(16)}ull`;
    case 'f32':
      return `f32_of_bits(0x${bits(v, 32).toString(16)}u)`;
    case 'f64':
      return `f64_of_bits(0x${bits(v, 64).toString(16)}ull)`;
    case 'externref': {
      const s = scalar(v);
      if (s === undefined || s === 'null') return 'wasm_rt_externref_null_value';
      return `(wasm_rt_externref_t)(uintptr_t)0x${externrefPointer(BigInt(s)).toString(16)}ull`;
    }
    case 'funcref': {
      const s = scalar(v);
      if (s === undefined || s === 'null') return 'wasm_rt_funcref_null_value';
      throw new Error('a non-null funcref argument cannot be written in a script');
    }
    default:
      throw new Error(`unsupported argument type ${v.type}`);
  }
}

export function valTypeOfWast(v: WastValue): ValType {
  switch (v.type) {
    case 'i32':
    case 'i64':
    case 'f32':
    case 'f64':
    case 'funcref':
    case 'externref':
    case 'v128':
      return v.type;
    default:
      throw new Error(`unknown value type ${v.type}`);
  }
}

/** A result as printed by the harness: `<type>:<hex>` (refs: the pointer value; funcref: 0 null / 1 non-null). */
export interface Printed {
  readonly type: string;
  readonly bits: bigint;
}

export function parsePrinted(token: string): Printed {
  const colon = token.indexOf(':');
  return { type: token.slice(0, colon), bits: BigInt('0x' + token.slice(colon + 1)) };
}

function describePrinted(p: Printed): string {
  switch (p.type) {
    case 'i32':
      return `i32 ${p.bits} (0x${p.bits.toString(16)})`;
    case 'i64':
      return `i64 ${p.bits} (0x${p.bits.toString(16)})`;
    case 'f32':
    case 'f64':
      return `${p.type} bits 0x${p.bits.toString(16)}`;
    case 'externref':
      return p.bits === 0n ? 'ref.null extern' : `ref.extern ${p.bits - 1n}`;
    case 'funcref':
      return p.bits === 0n ? 'ref.null func' : 'a non-null funcref';
    default:
      return `${p.type}:${p.bits.toString(16)}`;
  }
}

function describeExpected(v: WastValue): string {
  const s = scalar(v);
  if (v.type === 'externref' || v.type === 'funcref') {
    if (s === 'null') return `ref.null ${v.type === 'funcref' ? 'func' : 'extern'}`;
    if (s === undefined) return `a non-null ${v.type}`;
    return `ref.extern ${s}`;
  }
  if (s?.startsWith('nan:')) return `${v.type} ${s}`;
  const width = v.type === 'i32' || v.type === 'f32' ? 32 : 64;
  return `${v.type} ${s} (0x${bits(v, width).toString(16)})`;
}

/** Undefined when `got` is the expected value, else a reason. */
export function compareValue(expected: WastValue, got: Printed): string | undefined {
  const mismatch = () => `expected ${describeExpected(expected)}, got ${describePrinted(got)}`;
  if (got.type !== expected.type) return mismatch();
  const s = scalar(expected);
  switch (expected.type) {
    case 'i32':
      return got.bits === bits(expected, 32) ? undefined : mismatch();
    case 'i64':
      return got.bits === bits(expected, 64) ? undefined : mismatch();
    case 'f32':
    case 'f64': {
      const w = expected.type === 'f32' ? 32 : 64;
      const exponentAndQuiet = w === 32 ? 0x7fc00000n : 0x7ff8000000000000n;
      const signMask = w === 32 ? 0x7fffffffn : 0x7fffffffffffffffn;
      if (s === 'nan:canonical') return (got.bits & signMask) === exponentAndQuiet ? undefined : mismatch();
      if (s === 'nan:arithmetic') return (got.bits & exponentAndQuiet) === exponentAndQuiet ? undefined : mismatch();
      return got.bits === bits(expected, w) ? undefined : mismatch();
    }
    case 'externref':
      if (s === 'null') return got.bits === 0n ? undefined : mismatch();
      if (s === undefined) return got.bits !== 0n ? undefined : mismatch();
      return got.bits === externrefPointer(BigInt(s)) ? undefined : mismatch();
    case 'funcref':
      if (s === 'null') return got.bits === 0n ? undefined : mismatch();
      return got.bits !== 0n ? undefined : mismatch();
    default:
      return `cannot compare ${expected.type} results`;
  }
}

// Trap codes of runtime/wasm-rt.h (wasm_rt_trap_t).
export const TrapCode = {
  NONE: 0,
  OOB: 1,
  INT_OVERFLOW: 2,
  DIV_BY_ZERO: 3,
  INVALID_CONVERSION: 4,
  UNREACHABLE: 5,
  CALL_INDIRECT: 6,
  NULL_REF: 7,
  UNCAUGHT_EXCEPTION: 8,
  UNALIGNED: 9,
  EXHAUSTION: 10,
  EXIT: 11,
  OOM: 12,
} as const;

const trapNames = Object.fromEntries(Object.entries(TrapCode).map(([k, v]) => [v, k])) as Record<number, string>;

export function trapName(code: number): string {
  return trapNames[code] ?? `trap code ${code}`;
}

/**
 * The trap codes acceptable for a spec message. Where the spec's message does not pin one code down for a wasm2c
 * runtime (call_indirect's failures), every plausible code is accepted; an unknown message accepts any trap.
 */
export function acceptableTraps(message: string): readonly number[] | undefined {
  if (message.startsWith('out of bounds memory access')) return [TrapCode.OOB];
  if (message.startsWith('out of bounds table access')) return [TrapCode.OOB];
  if (message.startsWith('undefined element')) return [TrapCode.CALL_INDIRECT, TrapCode.OOB];
  if (message.startsWith('uninitialized element')) return [TrapCode.CALL_INDIRECT, TrapCode.NULL_REF];
  if (message.startsWith('indirect call type mismatch')) return [TrapCode.CALL_INDIRECT];
  if (message.startsWith('integer divide by zero')) return [TrapCode.DIV_BY_ZERO];
  if (message.startsWith('integer overflow')) return [TrapCode.INT_OVERFLOW];
  if (message.startsWith('invalid conversion to integer')) return [TrapCode.INVALID_CONVERSION];
  if (message.startsWith('unreachable')) return [TrapCode.UNREACHABLE];
  if (message.startsWith('call stack exhausted')) return [TrapCode.EXHAUSTION];
  return undefined;
}
