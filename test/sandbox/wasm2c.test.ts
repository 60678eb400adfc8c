import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sandboxSuite } from './suite.js';
import { createSandboxSync, wasm2c } from '../../src/sandbox/index.js';
import { nodeHeaderDir } from '../../src/build/steps/addon.js';
import { buildSandboxedFixture, TESTLIB_FUNCTIONS } from './fixtures.js';

const built = await buildSandboxedFixture('testlib');
if ('skip' in built) {
  test('sandbox API on the wasm2c backend', { skip: built.skip }, () => {});
} else {
  // Calls through the N-API entry points of testlib.wasm2c.node when the build made it...
  sandboxSuite({
    kind: 'wasm2c',
    isolating: true,
    backend: wasm2c,
    dir: built.dir,
  });
  // ...and the same behaviour with every call through koffi.
  sandboxSuite({
    kind: 'wasm2c',
    label: 'wasm2c backend, koffi calls',
    isolating: true,
    backend: (dir, options) => wasm2c(dir, { ...options, addon: false }),
    dir: built.dir,
  });

  test('rlbox build makes the addon where Node has headers, and records it', () => {
    const record = JSON.parse(readFileSync(join(built.dir, 'rlbox-build.json'), 'utf8')) as { files: { addon: string | null } };
    if (nodeHeaderDir() === undefined) {
      assert.equal(record.files.addon, null);
      return;
    }
    assert.equal(record.files.addon, 'testlib.wasm2c.node');
    assert.ok(existsSync(join(built.dir, 'testlib.wasm2c.node')));
  });

  test('an export with more parameters than the N-API entries take is called through koffi', () => {
    const sb = createSandboxSync(wasm2c(built.dir));
    const args = [...Array.from({ length: 16 }, (_, i) => i + 1), 1n << 40n] as const;
    assert.equal(sb.invoke('sum17', ...args).copyAndVerify((v) => v), 136n + (1n << 40n));
    assert.equal(sb.invoke('add', 2, 3).copyAndVerify((v) => v), 5);
    sb.destroy();
  });

  test('a callback may create and use another sandbox while the N-API entry runs', () => {
    const outer = createSandboxSync(wasm2c(built.dir, { functions: TESTLIB_FUNCTIONS }));
    let inner = 0;
    const cb = outer.registerCallback((x) => {
      // The new instance starts (runs its constructors) from inside the outer call.
      const sb = createSandboxSync(wasm2c(built.dir, { functions: TESTLIB_FUNCTIONS }));
      inner = sb.invoke('add', 40, 2).copyAndVerify((v) => v);
      sb.destroy();
      return x.copyAndVerify((v) => v) + 1;
    }, ['i32', ['i32']]);
    assert.equal(outer.invoke('call_int_cb', cb, 1).copyAndVerify((v) => v), 3);
    assert.equal(inner, 42);
    cb.unregister();
    outer.destroy();
  });
}
