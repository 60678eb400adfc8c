// Signatures: derived from wasm types, refined by declared ones, and explained when a function cannot be called.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveSignatures, unsupportedReason } from '../../src/sandbox/signatures.js';
import { SandboxLoadError } from '../../src/sandbox/index.js';
import type { WasmFuncSig } from '../../src/sandbox/wasm-exports.js';

const wasmSigs = new Map<string, WasmFuncSig>([
  ['add', { params: ['i32', 'i32'], results: ['i32'] }],
  ['wide', { params: ['i64'], results: ['f64'] }],
  ['pair', { params: [], results: ['i32', 'i32'] }],
  ['ref', { params: ['externref'], results: [] }],
]);

test('wasm types become signatures; declared ones refine them when they agree', () => {
  const s = resolveSignatures(wasmSigs, { add: ['u32', ['ptr', 'u32']] }, 'lib.wasm');
  assert.deepEqual(s.get('add'), ['u32', ['ptr', 'u32']]);
  assert.deepEqual(s.get('wide'), ['f64', ['i64']]);
  assert.equal(s.has('pair'), false);
  assert.equal(s.has('ref'), false);
});

test('a declared signature that disagrees, or names a missing function, is a load error', () => {
  assert.throws(() => resolveSignatures(wasmSigs, { add: ['i64', ['u32', 'u32']] }, 'lib.wasm'), (e: unknown) =>
    e instanceof SandboxLoadError && /does not match its wasm type \(i32, i32\) -> i32/.test(e.message));
  assert.throws(() => resolveSignatures(wasmSigs, { gone: ['void', []] }, 'lib.wasm'), /not exported/);
  assert.throws(() => resolveSignatures(wasmSigs, { add: ['int', []] as never }, 'lib.wasm'), TypeError);
});

test('functions the sandbox cannot call say why', () => {
  assert.match(unsupportedReason(wasmSigs, 'pair')!, /\(\) -> i32, i32.*at most one result/);
  assert.match(unsupportedReason(wasmSigs, 'ref')!, /externref/);
  assert.equal(unsupportedReason(wasmSigs, 'add'), undefined);
  assert.equal(unsupportedReason(wasmSigs, 'nothing'), undefined);
});
