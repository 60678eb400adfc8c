import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildAndRun, TRY_MACRO } from './harness.js';

const WAT = `(module
  (memory (export "memory") 1)
  (global $g (mut i32) (i32.const 5))
  (func $fac (export "fac") (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.const 1))
      (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
  (func (export "sum") (param $n i32) (result i32) (local $s i32)
    (block $out (loop $l
      (br_if $out (i32.eqz (local.get $n)))
      (local.set $s (i32.add (local.get $s) (local.get $n)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $l)))
    (local.get $s))
  (func (export "sw") (param i32) (result i32)
    (block $a (block $b (block $c (br_table $a $b $c (local.get 0))) (return (i32.const 30))) (return (i32.const 20))) (i32.const 10))
  (func (export "mv") (param i32 i64) (result i64 i32) (local.get 1) (local.get 0))
  (func (export "mem") (param i32) (result i32)
    (i32.store offset=4 (local.get 0) (i32.const 0x12345678))
    (i32.load8_u offset=5 (local.get 0)))
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "g") (result i32) (global.set $g (i32.add (global.get $g) (i32.const 1))) (global.get $g))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "size") (result i32) (memory.size))
)`;

const MAIN = `${TRY_MACRO}
int main(void) {
  wasm_rt_init();
  w2c_t inst;
  wasm2c_t_instantiate(&inst);
  printf("fac %" PRIu64 "\\n", w2c_t_fac(&inst, 10));
  printf("sum %u\\n", w2c_t_sum(&inst, 100));
  printf("sw %u %u %u %u\\n", w2c_t_sw(&inst, 0), w2c_t_sw(&inst, 1), w2c_t_sw(&inst, 2), w2c_t_sw(&inst, 7));
  struct wasm_multi_ji r = w2c_t_mv(&inst, 3, 4);
  printf("mv %" PRIu64 " %u\\n", r.j0, r.i1);
  printf("mem %x\\n", w2c_t_mem(&inst, 100));
  printf("g %u\\n", w2c_t_g(&inst));
  printf("g %u\\n", w2c_t_g(&inst));
  TRY(printf("div %u\\n", w2c_t_div(&inst, 7, 2)));
  TRY(printf("div %u\\n", w2c_t_div(&inst, 1, 0)));
  TRY(printf("div %u\\n", w2c_t_div(&inst, 0x80000000u, 0xffffffffu)));
  TRY(printf("mem %x\\n", w2c_t_mem(&inst, 65530)));
  printf("grow %u\\n", w2c_t_grow(&inst, 2));
  printf("size %u\\n", w2c_t_size(&inst));
  TRY(printf("mem %x\\n", w2c_t_mem(&inst, 65530)));
  printf("grow %u\\n", w2c_t_grow(&inst, 70000));
  wasm2c_t_free(&inst);
  return 0;
}`;

const EXPECTED = `fac 3628800
sum 5050
sw 10 20 30 30
mv 4 3
mem 56
g 6
g 7
div 3
trap 3
trap 2
trap 1
grow 1
size 3
mem 56
grow 4294967295
`;

for (const compiler of ['gcc', 'clang'] as const) {
  for (const boundsCheck of [false, true]) {
    test(`control flow, memory, globals and traps (${compiler}${boundsCheck ? ', bounds checks' : ''})`, () => {
      assert.equal(buildAndRun(WAT, 't', MAIN, { compiler, boundsCheck }), EXPECTED);
    });
  }
}

test('the same module split over three .c files links and behaves the same', () => {
  assert.equal(buildAndRun(WAT, 't', MAIN, { outputs: 3 }), EXPECTED);
});
