import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildAndRun, TRY_MACRO } from './harness.js';

// A module that imports a function, a mutable global, a memory and a table from C-defined host modules, calls
// through the table and hands externrefs back and forth.
const WAT = `(module
  (type $binop (func (param i32 i32) (result i32)))
  (import "host" "add" (func $add (type $binop)))
  (import "host" "counter" (global $counter (mut i32)))
  (import "env" "memory" (memory 1 2))
  (import "env" "table" (table 4 funcref))
  (global $keep (export "keep") (mut externref) (ref.null extern))
  (func $sub (type $binop) (i32.sub (local.get 0) (local.get 1)))
  (func $mul (type $binop) (i32.mul (local.get 0) (local.get 1)))
  (elem (i32.const 1) $sub $mul $add)
  (func (export "apply") (param i32 i32 i32) (result i32)
    (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
    (call_indirect (type $binop) (local.get 1) (local.get 2) (local.get 0)))
  (func (export "poke") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "stash") (param externref) (result i32)
    (global.set $keep (local.get 0))
    (ref.is_null (local.get 0)))
  (func (export "bad_type") (result i32) (call_indirect (param i32) (result i32) (i32.const 1) (i32.const 1)))
)`;

const HOST = `
struct w2c_host { u32 counter; int calls; };
struct w2c_env { wasm_rt_memory_t memory; wasm_rt_funcref_table_t table; };
u32 w2c_host_add(struct w2c_host* h, u32 a, u32 b) { h->calls++; return a + b; }
u32* w2c_host_counter(struct w2c_host* h) { return &h->counter; }
wasm_rt_memory_t* w2c_env_memory(struct w2c_env* e) { return &e->memory; }
wasm_rt_funcref_table_t* w2c_env_table(struct w2c_env* e) { return &e->table; }
`;

const MAIN = `${TRY_MACRO}
int main(void) {
  wasm_rt_init();
  struct w2c_host host = {10, 0};
  struct w2c_env env;
  wasm_rt_allocate_memory(&env.memory, wasm2c_m_min_env_memory, wasm2c_m_max_env_memory, false, 65536);
  wasm_rt_allocate_funcref_table(&env.table, wasm2c_m_min_env_table, 10);
  w2c_m m;
  /* import modules in byte-wise order: env before host */
  wasm2c_m_instantiate(&m, &env, &host);
  printf("sub %u mul %u add %u\\n", w2c_m_apply(&m, 1, 7, 3), w2c_m_apply(&m, 2, 7, 3), w2c_m_apply(&m, 3, 7, 3));
  printf("counter %u calls %d\\n", host.counter, host.calls);
  TRY(w2c_m_apply(&m, 0, 1, 1));
  TRY(w2c_m_apply(&m, 4, 1, 1));
  TRY(w2c_m_bad_type(&m));
  w2c_m_poke(&m, 8, 0xabcd);
  printf("mem %x\\n", env.memory.data[8] | env.memory.data[9] << 8);
  TRY(w2c_m_poke(&m, 65535, 1));
  int x;
  printf("null %u\\n", w2c_m_stash(&m, NULL));
  printf("null %u\\n", w2c_m_stash(&m, &x));
  printf("kept %d\\n", *w2c_m_keep(&m) == (void*)&x);
  printf("type %d\\n", wasm2c_m_get_func_type(2, 1, WASM_RT_I32, WASM_RT_I32, WASM_RT_I32) == env.table.data[1].func_type);
  printf("none %d\\n", wasm2c_m_get_func_type(1, 0, WASM_RT_F64) == NULL);
  wasm2c_m_free(&m);
  wasm_rt_free_memory(&env.memory);
  wasm_rt_free_funcref_table(&env.table);
  return 0;
}`;

const EXPECTED = `sub 4 mul 21 add 10
counter 13 calls 1
trap 6
trap 1
trap 6
mem abcd
trap 1
null 1
null 0
kept 1
type 1
none 1
`;

for (const compiler of ['gcc', 'clang'] as const) {
  test(`imports from C host modules, call_indirect, externref (${compiler})`, () => {
    assert.equal(buildAndRun(WAT, 'm', MAIN, { compiler, extraC: HOST }), EXPECTED);
  });
}
