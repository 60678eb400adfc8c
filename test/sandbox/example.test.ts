// The hello example prints the same four lines on every backend (the library's own printf output included,
// so this is also the test that printing works through the C runtime's and the TypeScript WASI).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildFixture, buildSandboxedFixture, repoRoot } from './fixtures.js';

const EXPECTED = 'Hello from mylib\nGot array value 7\necho: hi hi!\nhello_cb: hi again!\n';

const built = await buildSandboxedFixture('hello');
const plainDir = 'dir' in built ? built.dir : buildFixture('hello');

function runExample(backend: string, dir: string): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'examples', 'hello', 'main.ts'), '--backend', backend, '--build-dir', dir], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

for (const backend of ['noop', 'wasm', 'wasm2c']) {
  const skip = backend === 'wasm2c' && 'skip' in built ? built.skip : undefined;
  test(`examples/hello/main.ts --backend ${backend} prints the four lines`, skip ? { skip } : {}, () => {
    const r = runExample(backend, backend === 'wasm2c' && 'dir' in built ? built.dir : plainDir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, EXPECTED);
  });
}

test('the example rejects an unknown backend with its usage', () => {
  const r = runExample('vm', plainDir);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown backend 'vm'\nusage: npm run example/);
});
