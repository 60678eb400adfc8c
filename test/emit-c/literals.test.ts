import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bytesLiteral, f32Literal, f64Literal, i32Literal, i64Literal } from '../../src/emit-c/c-types.js';
import { defaultModuleName } from '../../src/emit-c/index.js';
import type { Module } from '../../src/wasm/ir.js';

test('float constants are exact hex literals, NaN and infinity bit casts', () => {
  assert.equal(f32Literal(0x3f800000), '0x1.000000p0f');
  assert.equal(f32Literal(0xc0490fdb), '-0x1.921fb6p1f');
  assert.equal(f32Literal(0x80000000), '-0.0f');
  assert.equal(f32Literal(0x00000001), '0x0.000002p-126f');
  assert.equal(f32Literal(0x7fa00000), 'f32_from_bits(0x7fa00000u)');
  assert.equal(f64Literal(0x3ff0000000000000n), '0x1.0000000000000p0');
  assert.equal(f64Literal(0x8000000000000000n), '-0.0');
  assert.equal(f64Literal(0x0000000000000001n), '0x0.0000000000001p-1022');
  assert.equal(f64Literal(0xfff0000000000000n), 'f64_from_bits(0xfff0000000000000ull)');
});

test('integer constants are unsigned literals', () => {
  assert.equal(i32Literal(-1), '4294967295u');
  assert.equal(i64Literal(-1n), '18446744073709551615ull');
});

test('data bytes become a C string literal with 3-digit octal escapes', () => {
  assert.equal(bytesLiteral(new Uint8Array([0x41, 0, 0x31, 0x22, 0x5c, 0x3f]), ''), '"A\\0001\\042\\134\\077"');
  assert.equal(bytesLiteral(new Uint8Array([]), ''), '""');
});

test('the default module name comes from the name section, else the file name', () => {
  const bare = { names: undefined } as unknown as Module;
  assert.equal(defaultModuleName(bare, '/a/b/lib.wasm'), 'lib');
  assert.equal(defaultModuleName(bare, 'x.y.wasm'), 'x.y');
  const named = { names: { module: 'lib.wasm', functions: new Map(), locals: new Map() } } as unknown as Module;
  assert.equal(defaultModuleName(named, 'other.wasm'), '$lib.wasm');
});

test('describeExports lists the C symbols and prototypes of the header', async () => {
  const { watToModule } = await import('./harness.js');
  const { describeExports } = await import('../../src/emit-c/index.js');
  const { module } = watToModule('(module (memory (export "mem") 1) (func (export "add_two") (param i32 i64) (result f64) (f64.const 0)))');
  const exports = describeExports(module, 'my_lib');
  assert.deepEqual(exports.map((e) => [e.kind, e.symbol]), [['memory', 'w2c_my__lib_mem'], ['func', 'w2c_my__lib_add_two']]);
  assert.equal(exports[1]!.prototype, 'f64 w2c_my__lib_add_two(w2c_my__lib* inst, u32 a0, u64 a1)');
  assert.deepEqual(exports[1]!.params, ['i32', 'i64']);
});
