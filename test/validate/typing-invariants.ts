// Properties every typing report must satisfy (used by the unit tests and the fuzzer): heights chain from
// one live instruction to the next, frames report their base, and only concrete types are reported.
import type { Module } from '../../src/wasm/ir.js';
import { Op, opName } from '../../src/wasm/opcodes.js';
import { typeFunctionBody } from '../../src/validate/index.js';

const VAL_TYPES = new Set(['i32', 'i64', 'f32', 'f64', 'v128', 'funcref', 'externref']);
const STRUCTURAL = new Set<number>([Op.block, Op.loop, Op.if, Op.else, Op.end]);
const NO_FALLTHROUGH = new Set<number>([Op.br, Op.br_table, Op.return, Op.unreachable]);

/** Throws an Error describing the first violated property in any function of a valid module. */
export function checkTypingInvariants(module: Module): void {
  for (let f = 0; f < module.funcs.length; f++) {
    let expectNext: number | undefined;
    let expectIndex = 0;
    typeFunctionBody(module, f, (instr, t) => {
      const where = `function ${f}, instruction ${t.index} (${opName(instr.op)})`;
      if (t.index !== expectIndex++) throw new Error(`${where}: index out of order`);
      if (expectNext !== undefined && !t.unreachable && t.height !== expectNext) {
        throw new Error(`${where}: height ${t.height}, expected ${expectNext}`);
      }
      for (const ty of [...t.popped, ...t.pushed]) if (!VAL_TYPES.has(ty)) throw new Error(`${where}: type ${ty}`);
      if (STRUCTURAL.has(instr.op) !== (t.frameHeight !== undefined)) throw new Error(`${where}: frameHeight presence`);
      if (!t.unreachable && t.height - t.popped.length < 0) throw new Error(`${where}: pops below the stack`);
      if (t.frameHeight !== undefined) {
        if (!t.unreachable && (instr.op === Op.block || instr.op === Op.loop || instr.op === Op.if)) {
          if (t.frameHeight !== t.height - t.popped.length) throw new Error(`${where}: frameHeight ${t.frameHeight}`);
        }
        expectNext = t.frameHeight + t.pushed.length;
      } else if (NO_FALLTHROUGH.has(instr.op) || t.unreachable) {
        expectNext = undefined;
      } else {
        expectNext = t.height - t.popped.length + t.pushed.length;
      }
    });
  }
}
