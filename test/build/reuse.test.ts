// Up-to-date checks: an unchanged build is reused step by step; a changed header rebuilds what read it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLibrary, type ProgressEvent } from '../../src/build/index.js';

test('second build is up to date; touching a header rebuilds; --force rebuilds all', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rlbox-reuse-'));
  try {
    // A tiny library (no stdio) keeps the four builds quick.
    writeFileSync(join(dir, 'mylib.h'), 'int twice(int x);\n');
    writeFileSync(join(dir, 'mylib.c'), '#include "mylib.h"\nint twice(int x) { return 2 * x; }\n');
    const statuses = async (extra: { force?: boolean } = {}) => {
      const seen: string[] = [];
      const r = await buildLibrary({
        sources: [join(dir, 'mylib.c')],
        jobs: 2,
        ...extra,
        onProgress: (e: ProgressEvent) => {
          if (e.status !== 'start') seen.push(e.status);
        },
      });
      assert.deepEqual(r.steps.map((s) => s.id), ['wasm', 'wasm2c', 'sandbox', 'native']);
      return seen;
    };
    assert.deepEqual(await statuses(), ['done', 'done', 'done', 'done']);
    assert.deepEqual(await statuses(), ['up-to-date', 'up-to-date', 'up-to-date', 'up-to-date']);

    // A comment in the header: both compiles of the sources rerun; the wasm comes out the same, so the
    // content-hashed steps 2 and 3 are still up to date.
    writeFileSync(join(dir, 'mylib.h'), readFileSync(join(dir, 'mylib.h'), 'utf8') + '/* changed */\n');
    assert.deepEqual(await statuses(), ['done', 'up-to-date', 'up-to-date', 'done']);

    assert.deepEqual(await statuses({ force: true }), ['done', 'done', 'done', 'done']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('two builds of the same output directory at once: one builds, the other waits and reuses', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rlbox-lock-'));
  try {
    writeFileSync(join(dir, 'tiny.c'), 'int twice(int x) { return 2 * x; }\n');
    const build = () => buildLibrary({ sources: [join(dir, 'tiny.c')], jobs: 1 });
    const [a, b] = await Promise.all([build(), build()]);
    const upToDate = [a, b].map((r) => r.steps.every((s) => s.upToDate));
    assert.deepEqual(upToDate.sort(), [false, true]);
    assert.ok(!existsSync(join(dir, 'build', '.rlbox-build.lock')), 'the lock is released');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
