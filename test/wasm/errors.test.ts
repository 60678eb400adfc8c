import { test } from 'node:test';
import assert from 'node:assert/strict';
import { malformed } from '../../src/wasm/errors.js';

test('a WasmError names its category, reason and byte offset in one line', () => {
  const e = malformed('unexpected end of section', 0x1f);
  assert.equal(e.message, 'malformed: unexpected end of section at 0x1f');
  assert.equal(e.offset, 0x1f);
});
