// The RLBox glue emitter on small hand-made modules (the wasm2c suite covers the glue at run time).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Module } from '../../src/wasm/ir.js';
import { emitRlboxGlue, glueCallSymbol, signatureCode } from '../../src/emit-c/rlbox-glue.js';

function module(over: Partial<Module> = {}): Module {
  return {
    types: [
      { params: ['i32', 'i32'], results: ['i32'] },
      { params: ['v128'], results: [] },
      { params: ['i64', 'f64'], results: ['f32'] },
      { params: [], results: [] },
    ],
    imports: [{ module: 'wasi_snapshot_preview1', name: 'proc_exit', desc: { kind: 'func', typeIndex: 3 }, offset: 0 }],
    funcs: [
      { typeIndex: 0, locals: [], body: [], offset: 0 },
      { typeIndex: 1, locals: [], body: [], offset: 0 },
      { typeIndex: 2, locals: [], body: [], offset: 0 },
      { typeIndex: 3, locals: [], body: [], offset: 0 },
    ],
    tables: [{ elemType: 'funcref', limits: { min: 1 } }],
    memories: [{ limits: { min: 2 } }],
    globals: [],
    exports: [
      { name: 'add', kind: 'func', index: 1, offset: 0 },
      { name: 'simd', kind: 'func', index: 2, offset: 0 },
      { name: 'mix-ed', kind: 'func', index: 3, offset: 0 },
      { name: '__wasm_call_ctors', kind: 'func', index: 4, offset: 0 },
      { name: 'memory', kind: 'memory', index: 0, offset: 0 },
      { name: '__indirect_function_table', kind: 'table', index: 0, offset: 0 },
    ],
    elems: [],
    datas: [],
    customs: [],
    ...over,
  };
}

test('one try-wrapped wrapper per number-typed export; others are skipped with a comment', () => {
  const c = emitRlboxGlue(module(), 'my_lib', 'my_lib.wasm.h');
  assert.equal(glueCallSymbol('my_lib', 'mix-ed'), 'rlbox_my__lib_call_mix0x2Ded');
  assert.match(c, /uint32_t rlbox_my__lib_call_add\(void\* p, u32 a0, u32 a1\) \{/);
  assert.match(c, /sb->shared\.result\.i32 = w2c_my__lib_add\(&sb->inst, a0, a1\);/);
  assert.match(c, /uint32_t rlbox_my__lib_call_mix0x2Ded\(void\* p, u64 a0, f64 a1\)/);
  assert.match(c, /"simd": not callable through the glue/);
  assert.match(c, /#include "my_lib\.wasm\.h"/);
  assert.match(c, /wasm2c_my__lib_instantiate\(&sb->inst, &sb->wasi\);/);
  assert.match(c, /w2c_my__lib_0x5F_wasm_call_ctors\(&sb->inst\);/);
  assert.match(c, /sb->shared\.memory = w2c_my__lib_memory\(&sb->inst\);/);
  assert.doesNotMatch(c, /#error/);
});

test('a trampoline per distinct number-only function type, registered by signature code', () => {
  const c = emitRlboxGlue(module(), 'm', 'm.wasm.h');
  assert.equal(signatureCode(['i32', 'i32'], ['i32']), 'ii_i');
  assert.equal(signatureCode([], []), '_');
  assert.match(c, /\{"ii_i", \(wasm_rt_function_ptr_t\)&rlbox_tramp_ii_i, &rlbox_type_ii_i\}/);
  assert.match(c, /\{"jd_f", /);
  assert.match(c, /\{"_", /);
  assert.doesNotMatch(c, /"o_"/);
  assert.match(c, /wasm2c_m_get_func_type\(2, 1, WASM_RT_I32, WASM_RT_I32, WASM_RT_I32\)/);
  assert.match(c, /wasm_rt_trap\(WASM_RT_TRAP_UNCAUGHT_EXCEPTION\)/);
});

test('imports other than WASI, and a missing memory or table, are reported in the C', () => {
  const env = emitRlboxGlue(
    module({ imports: [{ module: 'env', name: 'f', desc: { kind: 'func', typeIndex: 3 }, offset: 0 }] }),
    'm',
    'm.wasm.h',
  );
  assert.match(env, /#error "module 'm' imports from 'env'/);
  const bare = emitRlboxGlue(module({ exports: [{ name: 'add', kind: 'func', index: 1, offset: 0 }] }), 'm', 'm.wasm.h');
  assert.match(bare, /exports no memory/);
  assert.match(bare, /return 2;/);
});
