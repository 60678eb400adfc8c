// Decoding of the small type encodings shared by several sections: value types, reference types, block types,
// limits, table/memory/global types.

import { malformed } from '../wasm/errors.js';
import type { BlockType, GlobalType, Limits, MemoryType, RefType, TableType, ValType } from '../wasm/ir.js';
import type { Reader } from './reader.js';

/** The value type encoded by `byte`, or undefined. */
export function valTypeOfByte(byte: number): ValType | undefined {
  switch (byte) {
    case 0x7f: return 'i32';
    case 0x7e: return 'i64';
    case 0x7d: return 'f32';
    case 0x7c: return 'f64';
    case 0x7b: return 'v128';
    case 0x70: return 'funcref';
    case 0x6f: return 'externref';
    default: return undefined;
  }
}

export function readValType(r: Reader): ValType {
  const at = r.pos;
  const t = valTypeOfByte(r.u8());
  if (t === undefined) throw malformed('malformed value type', at);
  return t;
}

export function readRefType(r: Reader): RefType {
  const at = r.pos;
  const b = r.u8();
  if (b === 0x70) return 'funcref';
  if (b === 0x6f) return 'externref';
  throw malformed('malformed reference type', at);
}

const EMPTY: BlockType = { kind: 'empty' };
const VALUE_BLOCKS = new Map<number, BlockType>();
for (let b = 0x60; b < 0x80; b++) {
  const t = valTypeOfByte(b);
  if (t) VALUE_BLOCKS.set(b, { kind: 'value', type: t });
}

export function readBlockType(r: Reader): BlockType {
  const at = r.pos;
  if (at >= r.end) throw r.eof();
  const b = r.bytes[at]!;
  if (b === 0x40) {
    r.pos++;
    return EMPTY;
  }
  const v = VALUE_BLOCKS.get(b);
  if (v) {
    r.pos++;
    return v;
  }
  const index = r.s33();
  if (index < 0) throw malformed('malformed value type', at);
  return { kind: 'func', typeIndex: index };
}

export function readLimits(r: Reader): Limits {
  const at = r.pos;
  const flags = r.u8();
  if (flags === 0) return { min: r.u32() };
  if (flags === 1) {
    const min = r.u32();
    return { min, max: r.u32() };
  }
  throw malformed('integer too large', at);
}

export function readTableType(r: Reader): TableType {
  const elemType = readRefType(r);
  return { elemType, limits: readLimits(r) };
}

export function readMemoryType(r: Reader): MemoryType {
  return { limits: readLimits(r) };
}

export function readGlobalType(r: Reader): GlobalType {
  const type = readValType(r);
  const at = r.pos;
  const m = r.u8();
  if (m > 1) throw malformed('malformed mutability', at);
  return { type, mutable: m === 1 };
}
