import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emitC, UnsupportedFeatureError } from '../../src/emit-c/index.js';
import { watToModule } from './harness.js';

test('SIMD instructions are reported as not supported yet, with their offset', () => {
  const { module } = watToModule(`(module (func (export "f") (result i32)
    (i32x4.extract_lane 0 (i32x4.splat (i32.const 1)))))`);
  assert.throws(() => emitC(module, { moduleName: 'simd' }), (e: unknown) => {
    assert.ok(e instanceof UnsupportedFeatureError);
    assert.match(e.message, /SIMD is not supported yet/);
    assert.ok(e.offset > 0);
    return true;
  });
});

test('v128 in a signature is reported the same way', () => {
  const { module } = watToModule('(module (func (export "f") (param v128)))');
  assert.throws(() => emitC(module, { moduleName: 'simd' }), /SIMD is not supported yet/);
});
