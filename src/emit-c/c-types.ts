// How wasm values look in C: type names, the one-letter codes of multi-value structs and signatures, and
// bit-exact constant literals.

import type { FuncType, ValType } from '../wasm/ir.js';

export function cType(t: ValType): string {
  switch (t) {
    case 'i32': return 'u32';
    case 'i64': return 'u64';
    case 'f32': return 'f32';
    case 'f64': return 'f64';
    case 'funcref': return 'wasm_rt_funcref_t';
    case 'externref': return 'wasm_rt_externref_t';
    case 'v128': throw new Error('SIMD is not supported yet');
  }
}

/** The letters upstream uses in `wasm_multi_<codes>` and that we use in signature strings. */
export function typeCode(t: ValType): string {
  switch (t) {
    case 'i32': return 'i';
    case 'i64': return 'j';
    case 'f32': return 'f';
    case 'f64': return 'd';
    case 'funcref': return 'r';
    case 'externref': return 'e';
    case 'v128': return 'o';
  }
}

export function rtTypeEnum(t: ValType): string {
  switch (t) {
    case 'i32': return 'WASM_RT_I32';
    case 'i64': return 'WASM_RT_I64';
    case 'f32': return 'WASM_RT_F32';
    case 'f64': return 'WASM_RT_F64';
    case 'v128': return 'WASM_RT_V128';
    case 'funcref': return 'WASM_RT_FUNCREF';
    case 'externref': return 'WASM_RT_EXTERNREF';
  }
}

export function multiStructName(results: readonly ValType[]): string {
  return 'wasm_multi_' + results.map(typeCode).join('');
}

export function multiFieldName(results: readonly ValType[], i: number): string {
  return typeCode(results[i]!) + i;
}

/** The C return type of a function with these results. */
export function resultCType(results: readonly ValType[]): string {
  if (results.length === 0) return 'void';
  if (results.length === 1) return cType(results[0]!);
  return 'struct ' + multiStructName(results);
}

/** `struct wasm_multi_xx {...};` guarded so several generated headers can be included together. */
export function multiStructDefinition(results: readonly ValType[]): string {
  const name = multiStructName(results);
  const fields = results.map((t, i) => `  ${cType(t)} ${multiFieldName(results, i)};\n`).join('');
  return `#ifndef ${name}\n#define ${name} ${name}\nstruct ${name} {\n${fields}};\n#endif\n`;
}

/**
 * The canonical signature string that identifies a function type at run time (`wasm_rt_func_type_t`). Equal
 * signatures give equal strings in every module, so call_indirect compares by pointer first, then by content.
 */
export function signatureString(ft: FuncType): string {
  return 'w2c:' + ft.params.map(typeCode).join('') + '>' + ft.results.map(typeCode).join('');
}

export function signatureKey(ft: FuncType): string {
  return ft.params.join(',') + '->' + ft.results.join(',');
}

export function i32Literal(v: number): string {
  return `${(v >>> 0)}u`;
}

export function i64Literal(v: bigint): string {
  return `${BigInt.asUintN(64, v)}ull`;
}

/** f32 from its raw bits: an exact hex-float literal for finite values, a bit cast for NaN and infinities. */
export function f32Literal(bits: number): string {
  bits = bits >>> 0;
  const sign = bits >>> 31 ? '-' : '';
  const exp = (bits >>> 23) & 0xff;
  const mant = bits & 0x7fffff;
  if (exp === 0xff) return `f32_from_bits(0x${bits.toString(16)}u)`;
  // 23 mantissa bits shifted left by one fill exactly 6 hex digits.
  const digits = (mant << 1).toString(16).padStart(6, '0');
  if (exp === 0) return mant === 0 ? `${sign}0.0f` : `${sign}0x0.${digits}p-126f`;
  return `${sign}0x1.${digits}p${exp - 127}f`;
}

export function f64Literal(bitsIn: bigint): string {
  const bits = BigInt.asUintN(64, bitsIn);
  const sign = bits >> 63n ? '-' : '';
  const exp = Number((bits >> 52n) & 0x7ffn);
  const mant = bits & 0xfffffffffffffn;
  if (exp === 0x7ff) return `f64_from_bits(0x${bits.toString(16)}ull)`;
  const digits = mant.toString(16).padStart(13, '0');
  if (exp === 0) return mant === 0n ? `${sign}0.0` : `${sign}0x0.${digits}p-1022`;
  return `${sign}0x1.${digits}p${exp - 1023}`;
}

/** 1 for the byte values a C string literal spells as an octal escape, 0 for those written as themselves. */
const ESCAPED = Uint8Array.from({ length: 256 }, (_, b) => (b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c && b !== 0x3f ? 0 : 1));
/** The literal's bytes are ASCII, where UTF-8 decoding is the identity (and much faster than latin1's in Node). */
const ascii = new TextDecoder();

/**
 * A C string literal holding arbitrary bytes, split into lines of about 100 characters, each starting with
 * `indent` (ASCII). Octal escapes are always three digits so a following digit never extends them; `?` is
 * escaped against trigraphs.
 */
export function bytesLiteral(bytes: Uint8Array, indent: string): string {
  if (bytes.length === 0) return '""';
  // Data segments are large (hundreds of KB): the literal is written as ASCII bytes and decoded once.
  const maxLines = Math.ceil((bytes.length * 4) / 100) + 1;
  const out = new Uint8Array(bytes.length * 4 + maxLines * (indent.length + 3));
  let n = 0;
  let i = 0;
  while (i < bytes.length) {
    for (let k = 0; k < indent.length; k++) out[n++] = indent.charCodeAt(k);
    out[n++] = 0x22;
    // A line ends once its content reaches 100 characters (an escape is never split).
    const full = n + 100;
    while (n < full && i < bytes.length) {
      const b = bytes[i++]!;
      if (ESCAPED[b] === 0) out[n++] = b;
      else {
        out[n++] = 0x5c;
        out[n++] = 0x30 + (b >> 6);
        out[n++] = 0x30 + ((b >> 3) & 7);
        out[n++] = 0x30 + (b & 7);
      }
    }
    out[n++] = 0x22;
    if (i < bytes.length) out[n++] = 0x0a;
  }
  return ascii.decode(out.subarray(0, n));
}
