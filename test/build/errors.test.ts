import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLibrary, CommandError } from '../../src/build/index.js';
import { rlbox } from '../cli/helpers.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'rlbox-build-test-'));
}

test("a compile error in the user's C shows clang's own diagnostics and the command, exit 1", () => {
  const dir = tempDir();
  try {
    writeFileSync(join(dir, 'broken.c'), 'int f(void) {\n  return undefined_thing;\n}\n');
    const r = rlbox(['build', join(dir, 'broken.c')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /broken\.c:2:10: error: use of undeclared identifier 'undefined_thing'/);
    assert.match(r.stderr, /command: clang --target=wasm32-wasi .*broken\.c/);
    assert.match(r.stdout, /\[1\/4\] compile broken\.c -> broken\.wasm \(clang wasm32-wasi\) \.\.\. failed/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the library API throws a CommandError carrying the diagnostics', async () => {
  const dir = tempDir();
  try {
    writeFileSync(join(dir, 'bad.c'), 'int f(void) { return }\n');
    await assert.rejects(
      buildLibrary({ sources: [join(dir, 'bad.c')] }),
      (e: unknown) => e instanceof CommandError && /bad\.c:1:\d+: error/.test(e.diagnostics) && e.command[0] !== undefined,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad names, stack sizes and defines are refused before anything runs', async () => {
  await assert.rejects(buildLibrary({ sources: ['examples/hello/mylib.c'], name: '9lives' }), /library name/);
  await assert.rejects(buildLibrary({ sources: ['examples/hello/mylib.c'], stackSize: 1000 }), /multiple of 16/);
  await assert.rejects(buildLibrary({ sources: ['examples/hello/mylib.c'], defines: ['A B'] }), /NAME or NAME=VALUE/);
});
