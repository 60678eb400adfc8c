// wasm2c and wasm sandboxes in one process: V8's wasm trap handler and the C runtime's fault handler both own
// SIGSEGV here, and each must keep handling its own faults whichever was installed first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSandboxSync, SandboxTrapError, wasm, wasm2c, type Sandbox } from '../../src/sandbox/index.js';
import { buildSandboxedFixture, TESTLIB_FUNCTIONS } from './fixtures.js';

const built = await buildSandboxedFixture('testlib');

function trapKind(sb: Sandbox, fn: string): string | undefined {
  try {
    sb.invoke(fn);
  } catch (e) {
    if (e instanceof SandboxTrapError) return e.kind;
    throw e;
  }
  return undefined;
}

test('out-of-bounds accesses trap correctly on both backends, interleaved, in one process', 'skip' in built ? { skip: built.skip } : {}, () => {
  if (!('dir' in built)) return;
  const opts = { functions: TESTLIB_FUNCTIONS, stdout: () => {}, stderr: () => {} };
  for (let round = 0; round < 3; round++) {
    const order = round % 2 === 0 ? (['wasm', 'wasm2c'] as const) : (['wasm2c', 'wasm'] as const);
    for (const kind of order) {
      const sb = createSandboxSync(kind === 'wasm' ? wasm(built.dir, opts) : wasm2c(built.dir, opts));
      assert.equal(trapKind(sb, 'oob_write'), 'oob', `${kind} round ${round}`);
      sb.destroy();
      const sb2 = createSandboxSync(kind === 'wasm' ? wasm(built.dir, opts) : wasm2c(built.dir, opts));
      assert.equal(trapKind(sb2, 'oob_read_far'), 'oob', `${kind} round ${round}`);
      assert.equal(sb2.poisoned, true);
      sb2.destroy();
    }
  }
  const live = createSandboxSync(wasm2c(built.dir, opts));
  assert.equal(live.invoke('add', 20, 22).copyAndVerify((v) => v), 42);
  live.destroy();
});
