// Where Node's headers are missing, `rlbox build` skips the N-API addon (with a note) and the wasm2c backend
// calls through koffi; a build that has the addon and one that lacks it behave the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLibrary } from '../../src/build/index.js';
import { nodeHeaderDir } from '../../src/build/steps/addon.js';
import { createSandboxSync, wasm2c } from '../../src/sandbox/index.js';

test('without node headers: no addon, a note, and wasm2c calls through koffi', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rlbox-no-addon-'));
  try {
    writeFileSync(join(dir, 'tiny.c'), 'unsigned twice(unsigned x) { return 2 * x; }\n');
    const notes: string[] = [];
    const r = await buildLibrary({
      sources: [join(dir, 'tiny.c')],
      jobs: 1,
      env: { ...process.env, RLBOX_NODE_HEADERS: 'none' },
      onWarnings: (t) => notes.push(t),
    });
    assert.equal(r.files.addon, null);
    assert.equal(r.record.files.addon, null);
    assert.ok(!existsSync(join(r.outDir, 'tiny.wasm2c.node')));
    assert.ok(notes.some((n) => /node_api\.h/.test(n) && /koffi/.test(n)), notes.join(''));
    const sb = createSandboxSync(wasm2c(r.outDir));
    assert.equal(sb.invoke('twice', 21).copyAndVerify((v) => v), 42);
    sb.destroy();

    if (nodeHeaderDir() === undefined) return;
    // The same directory rebuilt where the headers are: the addon appears and serves the calls.
    const again = await buildLibrary({ sources: [join(dir, 'tiny.c')], jobs: 1 });
    assert.equal(again.record.files.addon, 'tiny.wasm2c.node');
    assert.ok(existsSync(join(again.outDir, 'tiny.wasm2c.node')));
    const sb2 = createSandboxSync(wasm2c(again.outDir));
    assert.equal(sb2.invoke('twice', 4).copyAndVerify((v) => v), 8);
    sb2.destroy();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
