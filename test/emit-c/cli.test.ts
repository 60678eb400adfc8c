import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWasm2c } from '../../src/cli/wasm2c.js';
import { watToModule } from './harness.js';

function captureStderr(fn: () => Promise<number>): Promise<{ code: number; stderr: string }> {
  const original = console.error;
  let stderr = '';
  console.error = (...args: unknown[]) => {
    stderr += args.join(' ') + '\n';
  };
  return fn().then(
    (code) => {
      console.error = original;
      return { code, stderr };
    },
    (e) => {
      console.error = original;
      throw e;
    },
  );
}

test('wasm2c writes the .c and the .h next to it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'w2c-cli-'));
  const { wasm } = watToModule('(module (func (export "f") (result i32) (i32.const 1)))');
  writeFileSync(join(dir, 'in.wasm'), wasm);
  const out = join(dir, 'out.wasm.c');
  assert.equal(await runWasm2c([join(dir, 'in.wasm'), '-o', out, '-n', 'my_mod']), 0);
  assert.ok(existsSync(join(dir, 'out.wasm.h')));
  assert.match(readFileSync(out, 'utf8'), /#include "out\.wasm\.h"/);
  assert.match(readFileSync(join(dir, 'out.wasm.h'), 'utf8'), /u32 w2c_my__mod_f\(w2c_my__mod\* inst\);/);
});

test('a malformed module is one line on stderr and exit status 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'w2c-cli-'));
  const input = join(dir, 'bad.wasm');
  writeFileSync(input, Uint8Array.from([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]));
  const { code, stderr } = await captureStderr(() => runWasm2c([input, '-o', join(dir, 'bad.wasm.c')]));
  assert.equal(code, 1);
  assert.match(stderr, /^rlbox wasm2c: .*bad\.wasm: malformed: .* at 0x[0-9a-f]+\n$/);
});
