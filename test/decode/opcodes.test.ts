// Cross-checks the opcode table against wabt: every instruction name, assembled by wat2wasm, must decode to
// the opcode our table gives that name, with the immediates in the fields ir.ts documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeModule } from '../../src/decode/index.js';
import { allOps, Op, opInfo, type OpInfo } from '../../src/wasm/opcodes.js';
import { wat } from './wat.js';

const STRUCTURAL = new Set<number>([Op.block, Op.loop, Op.if, Op.else, Op.end, Op.select_t]);

function textOf(info: OpInfo): string {
  const n = info.name;
  switch (info.imm) {
    case 'none': case 'memarg': case 'memory': case 'memory_copy': return n;
    case 'label': return `${n} 0`;
    case 'br_table': return `${n} 0 0`;
    case 'func': return `${n} 0`;
    case 'call_indirect': return `${n} (type 0)`;
    case 'local': case 'global': case 'table': return `${n} 0`;
    case 'i32': case 'i64': return `${n} 7`;
    case 'f32': case 'f64': return `${n} 1.5`;
    case 'reftype': return `${n} func`;
    case 'memory_init': case 'data': case 'table_init': case 'elem': return `${n} 0`;
    case 'table_copy': return n;
    case 'v128': return `${n} i32x4 1 2 3 4`;
    case 'shuffle': return `${n} 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15`;
    case 'lane': case 'memarg_lane': return `${n} 1`;
    default: throw new Error(`no text for ${n}`);
  }
}

test('every opcode in the table assembles (wat2wasm) to the same opcode and decodes back', () => {
  const ops = allOps().filter((i) => !STRUCTURAL.has(i.op));
  const body = ops.map(textOf).join('\n');
  const bytes = wat(
    `(module (type (func (param i32)))
       (memory 1) (table 1 funcref) (global (mut i32) (i32.const 0))
       (data "x") (elem func 0)
       (func (param i32) unreachable\n${body}\n))`,
    { check: false },
  );
  const m = decodeModule(bytes);
  const decoded = m.funcs[0]!.body.slice(1, -1);
  assert.equal(decoded.length, ops.length);
  for (let i = 0; i < ops.length; i++) {
    assert.equal(decoded[i]!.op.toString(16), ops[i]!.op.toString(16), `${ops[i]!.name}`);
  }
});

test('Op constants follow the text names', () => {
  assert.equal(Op.i32_add, 0x6a);
  assert.equal(Op.memory_init, 0xfc0008);
  assert.equal(Op.i32_trunc_sat_f32_s, 0xfc0000);
  assert.equal(Op.v128_const, 0xfd000c);
  assert.equal(Op.select_t, 0x1c);
  assert.equal(opInfo(Op.select_t)!.name, 'select');
  assert.equal(opInfo(Op.i64_load32_u)!.naturalAlign, 4);
  assert.deepEqual(opInfo(Op.f64_convert_i32_u)!.params, ['i32']);
  assert.deepEqual(opInfo(Op.f64_convert_i32_u)!.results, ['f64']);
  assert.equal(opInfo(0xfd009a), undefined, 'gaps in the SIMD space stay undefined');
  assert.equal(allOps().length, Object.keys(Op).length);
});
