// Decoding of instruction sequences (function bodies and constant expressions) into flat Instr lists.
// Block structure is only tracked as far as the binary grammar needs: to know where the expression ends and
// that `else` only follows an `if`. Everything about types is the validator's business.

import { malformed } from '../wasm/errors.js';
import type { Instr, ValType } from '../wasm/ir.js';
import { opInfo } from '../wasm/opcodes.js';
import type { Reader } from './reader.js';
import { readBlockType, readRefType, readValType } from './types.js';

/** Frame kinds on the decoder's structural stack. */
const PLAIN = 0;
const IF = 1;
const IF_ELSE = 2;

const MEMORY_INIT = (0xfc << 16) | 8;

export interface ExprDecodeResult {
  /** True when the sequence used memory.init or data.drop (which require a data count section). */
  readonly usesDataIndex: boolean;
}

/**
 * Decodes instructions up to and including the `end` that closes the expression, appending them to `out`.
 * When `keepEnd` is false the final `end` is consumed but not stored (constant expressions).
 */
export function decodeExpr(r: Reader, out: Instr[], keepEnd: boolean): ExprDecodeResult {
  const frames: number[] = [];
  let usesDataIndex = false;
  const bytes = r.bytes;
  for (;;) {
    const offset = r.pos;
    if (offset >= r.end) throw r.eof();
    let op = bytes[offset]!;
    r.pos = offset + 1;
    if (op === 0xfc || op === 0xfd) {
      const sub = r.u32();
      op = sub > 0xffff ? -1 : (op << 16) | sub;
    }
    const info = op < 0 ? undefined : opInfo(op);
    if (info === undefined) throw malformed('illegal opcode', offset);

    let instr: Instr;
    switch (info.imm) {
      case 'none':
        if (op === 0x0b) {
          if (frames.length === 0) {
            if (keepEnd) out.push({ op, offset });
            return { usesDataIndex };
          }
          frames.pop();
        } else if (op === 0x05) {
          if (frames.length === 0 || frames[frames.length - 1] !== IF) throw malformed('END opcode expected', offset);
          frames[frames.length - 1] = IF_ELSE;
        }
        instr = { op, offset };
        break;
      case 'blocktype':
        frames.push(op === 0x04 ? IF : PLAIN);
        instr = { op, offset, blockType: readBlockType(r) };
        break;
      case 'label':
      case 'func':
      case 'local':
      case 'global':
      case 'table':
      case 'elem':
        instr = { op, offset, index: r.u32() };
        break;
      case 'data':
        usesDataIndex = true;
        instr = { op, offset, index: r.u32() };
        break;
      case 'br_table': {
        const n = r.u32();
        // Each label takes at least one byte: a count beyond the remaining bytes cannot be satisfied.
        if (n > r.end - r.pos) throw r.eof(r.end);
        const labels: number[] = new Array(n);
        for (let i = 0; i < n; i++) labels[i] = r.u32();
        instr = { op, offset, labels, index: r.u32() };
        break;
      }
      case 'call_indirect': {
        const index = r.u32();
        instr = { op, offset, index, index2: r.u32() };
        break;
      }
      case 'memarg': {
        const align = r.u32();
        instr = { op, offset, align, memOffset: r.u32() };
        break;
      }
      case 'memarg_lane': {
        const align = r.u32();
        const memOffset = r.u32();
        instr = { op, offset, align, memOffset, index: r.u8() };
        break;
      }
      case 'memory':
        instr = { op, offset, index: r.zeroByte() };
        break;
      case 'i32':
        instr = { op, offset, value: r.s32() };
        break;
      case 'i64':
        instr = { op, offset, value: r.s64() };
        break;
      case 'f32':
        instr = { op, offset, value: r.fixed32() };
        break;
      case 'f64':
        instr = { op, offset, value: r.fixed64() };
        break;
      case 'select_t': {
        const n = r.u32();
        if (n > r.end - r.pos) throw r.eof(r.end);
        const valTypes: ValType[] = new Array(n);
        for (let i = 0; i < n; i++) valTypes[i] = readValType(r);
        instr = { op, offset, valTypes };
        break;
      }
      case 'reftype':
        instr = { op, offset, refType: readRefType(r) };
        break;
      case 'memory_init':
        usesDataIndex = op === MEMORY_INIT || usesDataIndex;
        instr = { op, offset, index: r.u32(), index2: r.zeroByte() };
        break;
      case 'memory_copy': {
        const index = r.zeroByte();
        instr = { op, offset, index, index2: r.zeroByte() };
        break;
      }
      case 'table_init': {
        const index = r.u32();
        instr = { op, offset, index, index2: r.u32() };
        break;
      }
      case 'table_copy': {
        const index = r.u32();
        instr = { op, offset, index, index2: r.u32() };
        break;
      }
      case 'v128':
      case 'shuffle':
        instr = { op, offset, bytes: r.take(16) };
        break;
      case 'lane':
        instr = { op, offset, index: r.u8() };
        break;
    }
    out.push(instr);
  }
}

