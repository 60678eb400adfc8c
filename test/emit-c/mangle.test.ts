import { test } from 'node:test';
import assert from 'node:assert/strict';
import { externalSymbol, mangleModuleName, mangleName } from '../../src/emit-c/mangle.js';

test('module names double their underscores', () => {
  assert.equal(mangleModuleName('wasi_snapshot_preview1'), 'wasi__snapshot__preview1');
  assert.equal(mangleModuleName('env'), 'env');
  assert.equal(mangleModuleName('$lib.wasm'), '0x24lib0x2Ewasm');
});

test('field names escape leading, trailing and repeated underscores', () => {
  assert.equal(mangleName('__indirect_function_table'), '0x5F_indirect_function_table');
  assert.equal(mangleName('_start'), '0x5Fstart');
  assert.equal(mangleName('end_'), 'end0x5F');
  assert.equal(mangleName('a___b'), 'a_0x5F_b');
  assert.equal(mangleName('_'), '0x5F');
});

test('non-identifier bytes and hex digits after 0x are escaped', () => {
  assert.equal(mangleName('foo-bar'), 'foo0x2Dbar');
  assert.equal(mangleName('0xAB'), '0x0x41B');
  assert.equal(mangleName('0xab'), '0xab');
  assert.equal(mangleName(''), '');
  assert.equal(mangleName('é'), '0xC30xA9');
  assert.equal(mangleName('a b'), 'a0x20b');
});

test('symbols join the mangled module and field', () => {
  assert.equal(externalSymbol('wasi_snapshot_preview1', 'fd_write'), 'w2c_wasi__snapshot__preview1_fd_write');
  assert.equal(externalSymbol('mylib', 'add'), 'w2c_mylib_add');
});
