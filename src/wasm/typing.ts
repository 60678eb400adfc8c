// The contract between the validator and later stages: while type-checking a function body, the validator
// reports each instruction with the operand-stack shape it saw, so the emitter never tracks types itself.

import type { Instr, ValType } from './ir.js';

export interface InstrTyping {
  /** Position of the instruction in `Func.body`. */
  readonly index: number;
  /**
   * Operand-stack height before the instruction, counted from the function's base (all frames). Slot `h`
   * of the stack is the value at height h; an instruction pops slots [height - popped.length, height) and
   * pushes slots starting at height - popped.length.
   */
  readonly height: number;
  /** Concrete types of the operands the instruction consumes, bottom to top (select/drop resolved). */
  readonly popped: readonly ValType[];
  /** Concrete types of the results it pushes, bottom to top. */
  readonly pushed: readonly ValType[];
  /**
   * True when the instruction is in dead code (after unreachable/br/return/br_table in its block). Types
   * there may be partial; the emitter skips such instructions except the structural ones (block, loop, if,
   * else, end) that it needs to keep its own control stack aligned.
   */
  readonly unreachable: boolean;
  /**
   * For block/loop/if: the operand-stack height where the block's parameters begin (the frame's base).
   * For else/end: the height of the frame being closed's base.
   */
  readonly frameHeight?: number;
}

/**
 * Called for every instruction of a body in order, including the final `end`. The typing object is only valid
 * during the call: the validator updates one object in place for every instruction (half a million reports for a
 * large module should not be half a million allocations), so a visitor that keeps a report copies it. The
 * `popped` and `pushed` lists are shared and frozen; they can be kept as they are.
 */
export type InstrVisitor = (instr: Instr, typing: InstrTyping) => void;
