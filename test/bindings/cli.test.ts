// `rlbox build` writes <name>.bindings.ts from the library's header (found next to the source, or --header), and
// reports what it could not bind as warnings naming the declaration and its line; the build still succeeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const rlbox = (args: readonly string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/rlbox.ts'), ...args], { cwd: root, encoding: 'utf8' });

test('rlbox build writes the bindings from the header next to the source, with warnings for what it skips', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rlbox-bindings-cli-'));
  try {
    copyFileSync(join(here, 'fixtures', 'odd.h'), join(dir, 'odd.h'));
    writeFileSync(join(dir, 'odd.c'), '#include "odd.h"\nvoid odd_close(struct opaque *h) { (void)h; }\n');
    const out = join(dir, 'out');
    const r = rlbox(['build', join(dir, 'odd.c'), '--out', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /odd\.bindings\.ts/);
    assert.ok(existsSync(join(out, 'odd.bindings.ts')));
    assert.match(readFileSync(join(out, 'odd.bindings.ts'), 'utf8'), /export interface Odd extends rlbox\.LibraryBase/);
    assert.match(r.stderr, /rlbox build: bindings: odd\.h:41: function 'odd_log' takes variable arguments/);
    assert.match(r.stderr, /odd\.h:36: struct with_bits has the bit-field 'a'/);

    const missing = rlbox(['build', join(dir, 'odd.c'), '--out', out, '--header', join(dir, 'nope.h')]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /nope\.h does not exist/);

    rmSync(join(out, 'odd.bindings.ts'));
    const none = rlbox(['build', join(dir, 'odd.c'), '--out', out, '--no-bindings', '--quiet']);
    assert.equal(none.status, 0, none.stderr);
    assert.ok(!existsSync(join(out, 'odd.bindings.ts')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
