import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildAndRun } from './harness.js';

// clang refuses more than 256 nested brackets: deeply nested wasm must still give flat C.
const N = 400;
const WAT = `(module
  (func (export "deep") (param i32) (result i32)
    ${'(if (result i32) (local.get 0) (then '.repeat(N)}(i32.const 7)${') (else (i32.const 1)))'.repeat(N)})
  (func (export "chain") (param i32) (result i32)
    (local.get 0) ${'(local.get 0) i32.add '.repeat(N)}))`;

const MAIN = `int main(void) {
  wasm_rt_init();
  w2c_deep inst;
  wasm2c_deep_instantiate(&inst);
  printf("%u %u %u\\n", w2c_deep_deep(&inst, 1), w2c_deep_deep(&inst, 0), w2c_deep_chain(&inst, 3));
  wasm2c_deep_free(&inst);
  return 0;
}`;

test('deeply nested ifs and long operator chains compile with clang', () => {
  assert.equal(buildAndRun(WAT, 'deep', MAIN, { compiler: 'clang' }), `7 1 ${3 * (N + 1)}\n`);
});
