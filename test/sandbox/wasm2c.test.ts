import { test } from 'node:test';
import { sandboxSuite } from './suite.js';
import { wasm2c } from '../../src/sandbox/index.js';
import { buildSandboxedFixture } from './fixtures.js';

const built = await buildSandboxedFixture('testlib');
if ('skip' in built) {
  test('sandbox API on the wasm2c backend', { skip: built.skip }, () => {});
} else {
  sandboxSuite({
    kind: 'wasm2c',
    isolating: true,
    backend: wasm2c,
    dir: built.dir,
  });
}
