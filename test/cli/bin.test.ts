// The installed command: bin/rlbox.js runs the compiled dist/ (what `npx rlbox` runs after `npm ci`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './helpers.js';

test('npm run build, then bin/rlbox.js builds a library', () => {
  const tsc = spawnSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  assert.ok(existsSync(join(repoRoot, 'dist/cli/main.js')) && existsSync(join(repoRoot, 'dist/build/index.js')), tsc.stdout);
  const out = mkdtempSync(join(tmpdir(), 'rlbox-bin-'));
  try {
    const bin = (args: string[]) => spawnSync(process.execPath, [join(repoRoot, 'bin/rlbox.js'), ...args], { cwd: repoRoot, encoding: 'utf8' });
    assert.match(bin(['--version']).stdout, /^rlbox-ts \d+\.\d+\.\d+/);
    writeFileSync(join(out, 'tiny.c'), 'int twice(int x) { return 2 * x; }\n');
    const r = bin(['build', join(out, 'tiny.c'), '--out', out, '--quiet']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '', '--quiet prints nothing on success');
    for (const f of ['tiny.wasm', 'libtiny_sandbox.so', 'libtiny_native.so', 'rlbox-build.json']) {
      assert.ok(existsSync(join(out, f)), `${f} written`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
