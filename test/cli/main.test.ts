import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, rlbox } from './helpers.js';

test('--version prints the package version', () => {
  const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
  const r = rlbox(['--version']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout.trim(), `rlbox-ts ${version}`);
});

test('--help lists the commands; build --help lists the options', () => {
  const r = rlbox(['--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /build/);
  assert.match(r.stdout, /wasm2c/);
  const b = rlbox(['build', '--help']);
  assert.equal(b.code, 0);
  for (const opt of ['--name', '--out', '--cflags', '-I DIR', '-D NAME', '--stack-size', '--cc', '--bounds-checks', '--jobs', '--quiet', '--force']) {
    assert.ok(b.stdout.includes(opt), `build --help mentions ${opt}`);
  }
});

test('unknown commands and options: one line on stderr, exit code 2', () => {
  for (const args of [['frobnicate'], ['--frobnicate'], ['build', 'examples/hello/mylib.c', '--frobnicate'], ['build', 'x.c', '-Z']]) {
    const r = rlbox(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /unknown (option|command)/);
  }
});

test('build without sources or with a non-C file is a usage error', () => {
  assert.equal(rlbox(['build']).code, 2);
  const r = rlbox(['build', 'lib.wasm']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /not a C source/);
});

test('a missing source file is a one-line error, exit 1', () => {
  const r = rlbox(['build', 'does-not-exist.c']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /does-not-exist\.c does not exist/);
});

test('wasm2c is dispatched to its own command', () => {
  const r = rlbox(['wasm2c', '--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /rlbox wasm2c/);
});
