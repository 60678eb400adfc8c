// Decoding of instruction sequences (function bodies and constant expressions) into flat Instr lists.
// Block structure is only tracked as far as the binary grammar needs: to know where the expression ends and
// that `else` only follows an `if`. Everything about types is the validator's business.

import { malformed } from '../wasm/errors.js';
import type { Instr, ValType } from '../wasm/ir.js';
import { allOps, opInfo, type ImmKind } from '../wasm/opcodes.js';
import type { Reader } from './reader.js';
import { readBlockType, readRefType, readValType } from './types.js';

/** Frame kinds on the decoder's structural stack. */
const PLAIN = 0;
const IF = 1;
const IF_ELSE = 2;

// Immediate kinds as small integers, so the hot loop switches on a number instead of comparing strings.
const IMM_KINDS: readonly ImmKind[] = [
  'none', 'blocktype', 'label', 'br_table', 'func', 'call_indirect', 'local', 'global', 'table', 'memarg',
  'memory', 'i32', 'i64', 'f32', 'f64', 'select_t', 'reftype', 'memory_init', 'data', 'memory_copy',
  'table_init', 'elem', 'table_copy', 'v128', 'shuffle', 'lane', 'memarg_lane',
];
const IMM_CODE = new Map<ImmKind, number>(IMM_KINDS.map((k, i) => [k, i]));
const UNKNOWN = 255;
/** Immediate code per single-byte opcode (UNKNOWN for undefined opcodes). */
const BYTE_IMM = new Uint8Array(256).fill(UNKNOWN);
for (const info of allOps()) if (info.op < 256) BYTE_IMM[info.op] = IMM_CODE.get(info.imm)!;

/**
 * Decodes instructions up to and including the `end` that closes the expression, appending them to `out`.
 * When `keepEnd` is false the final `end` is consumed but not stored (constant expressions).
 * Returns whether the sequence used memory.init or data.drop (which need a data count section).
 */
export function decodeExpr(r: Reader, out: Instr[], keepEnd: boolean): boolean {
  const frames: number[] = [];
  let usesDataIndex = false;
  const bytes = r.bytes;
  for (;;) {
    const offset = r.pos;
    if (offset >= r.end) throw r.eof();
    let op = bytes[offset]!;
    r.pos = offset + 1;
    let imm = BYTE_IMM[op]!;
    if (op === 0xfc || op === 0xfd) {
      const sub = r.u32();
      const info = sub > 0xffff ? undefined : opInfo((op << 16) | sub);
      op = (op << 16) | sub;
      imm = info === undefined ? UNKNOWN : IMM_CODE.get(info.imm)!;
    }
    if (imm === UNKNOWN) throw malformed('illegal opcode', offset);

    let instr: Instr;
    switch (imm) {
      case 0 /* none */:
        if (op === 0x0b) {
          if (frames.length === 0) {
            if (keepEnd) out.push({ op, offset });
            return usesDataIndex;
          }
          frames.pop();
        } else if (op === 0x05) {
          if (frames.length === 0 || frames[frames.length - 1] !== IF) throw malformed('END opcode expected', offset);
          frames[frames.length - 1] = IF_ELSE;
        }
        instr = { op, offset };
        break;
      case 1 /* blocktype */:
        frames.push(op === 0x04 ? IF : PLAIN);
        instr = { op, offset, blockType: readBlockType(r) };
        break;
      case 2 /* label */:
      case 4 /* func */:
      case 6 /* local */:
      case 7 /* global */:
      case 8 /* table */:
      case 21 /* elem */:
        instr = { op, offset, index: r.u32() };
        break;
      case 18 /* data */:
        usesDataIndex = true;
        instr = { op, offset, index: r.u32() };
        break;
      case 3 /* br_table */: {
        const n = r.u32();
        // Each label takes at least one byte: a count beyond the remaining bytes cannot be satisfied.
        if (n > r.end - r.pos) throw r.eof(r.end);
        const labels: number[] = new Array(n);
        for (let i = 0; i < n; i++) labels[i] = r.u32();
        instr = { op, offset, labels, index: r.u32() };
        break;
      }
      case 5 /* call_indirect */: {
        const index = r.u32();
        instr = { op, offset, index, index2: r.u32() };
        break;
      }
      case 9 /* memarg */: {
        const align = r.u32();
        instr = { op, offset, align, memOffset: r.u32() };
        break;
      }
      case 26 /* memarg_lane */: {
        const align = r.u32();
        const memOffset = r.u32();
        instr = { op, offset, align, memOffset, index: r.u8() };
        break;
      }
      case 10 /* memory */:
        instr = { op, offset, index: r.zeroByte() };
        break;
      case 11 /* i32 */:
        instr = { op, offset, value: r.s32() };
        break;
      case 12 /* i64 */:
        instr = { op, offset, value: r.s64() };
        break;
      case 13 /* f32 */:
        instr = { op, offset, value: r.fixed32() };
        break;
      case 14 /* f64 */:
        instr = { op, offset, value: r.fixed64() };
        break;
      case 15 /* select_t */: {
        const n = r.u32();
        if (n > r.end - r.pos) throw r.eof(r.end);
        const valTypes: ValType[] = new Array(n);
        for (let i = 0; i < n; i++) valTypes[i] = readValType(r);
        instr = { op, offset, valTypes };
        break;
      }
      case 16 /* reftype */:
        instr = { op, offset, refType: readRefType(r) };
        break;
      case 17 /* memory_init */:
        usesDataIndex = true;
        instr = { op, offset, index: r.u32(), index2: r.zeroByte() };
        break;
      case 19 /* memory_copy */: {
        const index = r.zeroByte();
        instr = { op, offset, index, index2: r.zeroByte() };
        break;
      }
      case 20 /* table_init */: {
        const index = r.u32();
        instr = { op, offset, index, index2: r.u32() };
        break;
      }
      case 22 /* table_copy */: {
        const index = r.u32();
        instr = { op, offset, index, index2: r.u32() };
        break;
      }
      case 23 /* v128 */:
      case 24 /* shuffle */:
        instr = { op, offset, bytes: r.take(16) };
        break;
      case 25 /* lane */:
        instr = { op, offset, index: r.u8() };
        break;
      default:
        throw malformed('illegal opcode', offset);
    }
    out.push(instr);
  }
}

