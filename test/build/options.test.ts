// Include dirs, defines, --cflags and --name reach both the wasm and the native compile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rlbox } from '../cli/helpers.js';

test('-I, -D, --cflags, --name, --out, --stack-size and --split', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rlbox-options-'));
  try {
    mkdirSync(join(dir, 'inc'));
    writeFileSync(join(dir, 'inc', 'cfg.h'), '#define SCALE 3\n');
    writeFileSync(
      join(dir, 'a.c'),
      '#include "cfg.h"\n#ifndef OFFSET\n#error OFFSET not defined\n#endif\n#ifndef FROM_CFLAGS\n#error no --cflags\n#endif\n' +
        'int scaled(int x) { return SCALE * x + OFFSET; }\n',
    );
    writeFileSync(join(dir, 'b.c'), 'long long wide(long long x) { return x << 40; }\n');
    const out = join(dir, 'out');
    const r = rlbox(['build', join(dir, 'a.c'), join(dir, 'b.c'), '--name', 'opts', '--out', out, '-I', join(dir, 'inc'), '-DOFFSET=1', '--cflags', '-DFROM_CFLAGS -Wall', '--stack-size', '256K', '--split', '2', '-j', '2']);
    assert.equal(r.code, 0, r.stderr);
    for (const f of ['opts.wasm', 'opts.wasm.c', 'opts_1.wasm.c', 'libopts_sandbox.a', 'libopts_sandbox.so', 'libopts_native.so']) assert.ok(existsSync(join(out, f)), f);
    const record = JSON.parse(readFileSync(join(out, 'rlbox-build.json'), 'utf8')) as {
      exports: { name: string; params?: string[]; results?: string[] }[];
      options: { stackSize: number };
      steps: { wasm: { deps: string[] } };
    };
    assert.deepEqual(record.exports.find((e) => e.name === 'scaled')?.params, ['i32']);
    assert.deepEqual(record.exports.find((e) => e.name === 'wide')?.results, ['i64']);
    assert.equal(record.options.stackSize, 256 * 1024);
    assert.ok(record.steps.wasm.deps.includes(join(dir, 'inc', 'cfg.h')), 'the header is a recorded dependency');
    const sandboxSymbols = spawnSync('nm', ['-D', '--defined-only', join(out, 'libopts_sandbox.so')], { encoding: 'utf8' }).stdout;
    assert.match(sandboxSymbols, /\bw2c_opts_scaled\b/, 'the split parts link into one sandbox');
    assert.match(sandboxSymbols, /\bwasm2c_opts_instantiate\b/);
    const nm = spawnSync('nm', ['-D', '--defined-only', join(out, 'libopts_native.so')], { encoding: 'utf8' });
    assert.match(nm.stdout, /\bscaled\b/);
    assert.match(nm.stdout, /\bwide\b/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--segue / --no-segue reach the sandbox flags and the make fragment; --segue with --bounds-checks is refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rlbox-segue-opt-'));
  try {
    writeFileSync(join(dir, 'a.c'), 'int twice(int x) { return 2 * x; }\n');
    const refused = rlbox(['build', join(dir, 'a.c'), '--segue', '--bounds-checks']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /--segue needs guard pages/);
    const out = join(dir, 'out');
    const r = rlbox(['build', join(dir, 'a.c'), '--out', out, '--no-segue', '--no-bindings', '-q']);
    assert.equal(r.code, 0, r.stderr);
    const record = JSON.parse(readFileSync(join(out, 'rlbox-build.json'), 'utf8')) as { sandboxCflags: string[]; options: { segue?: boolean } };
    assert.ok(record.sandboxCflags.includes('-DWASM_RT_USE_SEGUE=0'), record.sandboxCflags.join(' '));
    assert.equal(record.options.segue, false);
    assert.match(readFileSync(join(out, 'rlbox-build.mk'), 'utf8'), /-DWASM_RT_USE_SEGUE=0/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
