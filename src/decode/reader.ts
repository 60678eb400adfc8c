// A cursor over the module bytes with the spec's LEB128 rules. Hot paths (one-byte LEBs, single opcode bytes)
// stay branch-light and allocation-free; errors are only built when something is actually wrong.

import { malformed, type WasmError } from '../wasm/errors.js';

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

export class Reader {
  readonly bytes: Uint8Array;
  pos: number;
  /** End of the region being read (a section or a function body); reads past it are errors. */
  end: number;

  constructor(bytes: Uint8Array, pos = 0, end = bytes.length) {
    this.bytes = bytes;
    this.pos = pos;
    this.end = end;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  /** The error for running out of bytes: the spec distinguishes the end of the module from a region's end. */
  eof(at = this.pos): WasmError {
    return this.end >= this.bytes.length
      ? malformed('unexpected end', at)
      : malformed('unexpected end of section or function', at);
  }

  u8(): number {
    if (this.pos >= this.end) throw this.eof();
    return this.bytes[this.pos++]!;
  }

  /** A byte that must be zero (reserved memory indices and similar). */
  zeroByte(): number {
    const at = this.pos;
    const b = this.u8();
    if (b !== 0) throw malformed('zero byte expected', at);
    return 0;
  }

  u32(): number {
    const bytes = this.bytes;
    const pos = this.pos;
    if (pos < this.end) {
      const b = bytes[pos]!;
      if (b < 0x80) {
        this.pos = pos + 1;
        return b;
      }
    }
    return this.u32Slow();
  }

  private u32Slow(): number {
    let result = 0;
    let shift = 0;
    for (let i = 0; ; i++) {
      const at = this.pos;
      const b = this.u8();
      if (i === 4) {
        if (b & 0x70) throw malformed('integer too large', at);
        if (b & 0x80) throw malformed('integer representation too long', at + 1);
        return (result | (b << 28)) >>> 0;
      }
      result |= (b & 0x7f) << shift;
      if (!(b & 0x80)) return result >>> 0;
      shift += 7;
    }
  }

  s32(): number {
    let result = 0;
    let shift = 0;
    for (let i = 0; ; i++) {
      const at = this.pos;
      const b = this.u8();
      if (i === 4) {
        const m = b & 0x78;
        if (m !== 0 && m !== 0x78) throw malformed('integer too large', at);
        if (b & 0x80) throw malformed('integer representation too long', at + 1);
        return result | (b << 28);
      }
      result |= (b & 0x7f) << shift;
      shift += 7;
      if (!(b & 0x80)) return b & 0x40 ? result | (-1 << shift) : result;
    }
  }

  /** Signed 33-bit (block type indices); returned as a double, exact for the whole range. */
  s33(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; ; i++) {
      const at = this.pos;
      const b = this.u8();
      if (i === 4) {
        const m = b & 0x70;
        if (m !== 0 && m !== 0x70) throw malformed('integer too large', at);
        if (b & 0x80) throw malformed('integer representation too long', at + 1);
      }
      result += (b & 0x7f) * scale;
      scale *= 128;
      if (!(b & 0x80)) return b & 0x40 ? result - scale : result;
    }
  }

  s64(): bigint {
    // Up to 7 bytes (49 bits) fit a double exactly; longer encodings take the BigInt path.
    const start = this.pos;
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 7; i++) {
      const b = this.u8();
      result += (b & 0x7f) * scale;
      scale *= 128;
      if (!(b & 0x80)) return BigInt(b & 0x40 ? result - scale : result);
    }
    this.pos = start;
    let big = 0n;
    let shift = 0n;
    for (let i = 0; ; i++) {
      const at = this.pos;
      const b = this.u8();
      if (i === 9) {
        const m = b & 0x7f;
        if (m !== 0 && m !== 0x7f) throw malformed('integer too large', at);
        if (b & 0x80) throw malformed('integer representation too long', at + 1);
      }
      big |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if (!(b & 0x80)) return BigInt.asIntN(64, b & 0x40 ? big - (1n << shift) : big);
    }
  }

  /** Four bytes, little-endian, as an unsigned 32-bit number (f32 raw bits). */
  fixed32(): number {
    const p = this.pos;
    if (p + 4 > this.end) throw this.eof(this.end);
    const b = this.bytes;
    this.pos = p + 4;
    return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
  }

  /** Eight bytes, little-endian, as an unsigned 64-bit bigint (f64 raw bits). */
  fixed64(): bigint {
    const lo = this.fixed32();
    const hi = this.fixed32();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** A length prefix that must fit in what is left of the current region. */
  length(): number {
    const at = this.pos;
    const n = this.u32();
    if (n > this.end - this.pos) throw malformed('length out of bounds', at);
    return n;
  }

  /** `n` raw bytes, copied so the module never aliases the caller's buffer. */
  take(n: number): Uint8Array {
    if (n > this.end - this.pos) throw this.eof(this.end);
    // Not `slice`: on a Node Buffer that returns a view, not a copy.
    const out = new Uint8Array(this.bytes.subarray(this.pos, this.pos + n));
    this.pos += n;
    return out;
  }

  /** A length-prefixed UTF-8 name. */
  name(): string {
    const n = this.length();
    const start = this.pos;
    this.pos += n;
    let ascii = true;
    for (let i = start; i < this.pos; i++) {
      if (this.bytes[i]! >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii && n <= 1024) return String.fromCharCode.apply(null, this.bytes.subarray(start, this.pos) as unknown as number[]);
    const bad = firstInvalidUtf8(this.bytes, start, this.pos);
    if (bad >= 0) throw malformed('malformed UTF-8 encoding', bad);
    return utf8.decode(this.bytes.subarray(start, this.pos));
  }
}

/**
 * Offset of the first byte that starts or breaks an invalid UTF-8 sequence in [start, end), or -1.
 * Rejects overlong forms, surrogates and code points above U+10FFFF, as the spec requires.
 */
export function firstInvalidUtf8(b: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= end) return i + k;
      const d = b[i + k]!;
      if (d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i + k;
    }
    i += need + 1;
  }
  return -1;
}
