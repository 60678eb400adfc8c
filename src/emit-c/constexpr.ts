// Constant expressions (global initializers, segment offsets, element items) as C expressions evaluated inside
// wasm2c_<mod>_instantiate, where `inst` is the instance.

import type { ConstExpr } from '../wasm/ir.js';
import { opName } from '../wasm/opcodes.js';
import { f32Literal, f64Literal, i32Literal, i64Literal } from './c-types.js';
import { UnsupportedFeatureError } from './errors.js';
import { funcrefExpression } from './funcref.js';
import type { ModuleNames } from './names.js';

const BINARY: ReadonlyMap<number, string> = new Map([
  [0x6a, '+'], [0x6b, '-'], [0x6c, '*'], // i32 (extended-const)
  [0x7c, '+'], [0x7d, '-'], [0x7e, '*'], // i64
]);

export function constExpression(names: ModuleNames, expr: ConstExpr): string {
  const stack: string[] = [];
  for (const instr of expr) {
    switch (instr.op) {
      case 0x41: stack.push(i32Literal(instr.value as number)); break;
      case 0x42: stack.push(i64Literal(instr.value as bigint)); break;
      case 0x43: stack.push(f32Literal(instr.value as number)); break;
      case 0x44: stack.push(f64Literal(instr.value as bigint)); break;
      case 0x23: stack.push(names.globals[instr.index!]!.value); break;
      case 0xd0: stack.push(instr.refType === 'funcref' ? 'wasm_rt_funcref_null_value' : 'NULL'); break;
      case 0xd2: stack.push(funcrefExpression(names, instr.index!)); break;
      default: {
        const op = BINARY.get(instr.op);
        if (op === undefined || stack.length < 2) {
          throw new UnsupportedFeatureError(`constant instruction ${opName(instr.op)}`, instr.offset);
        }
        const b = stack.pop()!;
        const a = stack.pop()!;
        const cast = instr.op < 0x7c ? 'u32' : 'u64';
        stack.push(`(${cast})(${a} ${op} ${b})`);
      }
    }
  }
  if (stack.length !== 1) throw new UnsupportedFeatureError('malformed constant expression', expr[0]?.offset ?? 0);
  return stack[0]!;
}
