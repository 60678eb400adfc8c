// The hello example end to end, as the README documents it: `rlbox build examples/hello/mylib.c`, then the
// example's C and C++ hosts through its Makefile, each printing the four expected lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rlbox, repoRoot } from '../cli/helpers.js';

const EXPECTED = ['Hello from mylib', 'Got array value 7', 'echo: hi hi!', 'hello_cb: hi again!'];

function make(buildDir: string, target: string) {
  return spawnSync('make', ['-s', '-C', join(repoRoot, 'examples/hello'), `BUILD=${buildDir}`, target], { encoding: 'utf8' });
}

test('hello: rlbox build, then the C and C++ hosts print the four lines', () => {
  const out = mkdtempSync(join(tmpdir(), 'rlbox-hello-'));
  try {
    const b = rlbox(['build', 'examples/hello/mylib.c', '--out', out]);
    assert.equal(b.code, 0, b.stderr);
    assert.match(b.stdout, /\[1\/4\] compile mylib\.c -> mylib\.wasm \(clang wasm32-wasi\) \.\.\. \d+\.\d s/);
    assert.match(b.stdout, /\[4\/4\] compile mylib\.c -> libmylib_native\.so/);
    for (const f of ['mylib.wasm', 'mylib.wasm.c', 'mylib.wasm.h', 'libmylib_sandbox.a', 'libmylib_sandbox.so', 'libmylib_native.so', 'wasm-rt.h', 'rlbox-build.mk']) {
      assert.ok(existsSync(join(out, f)), `${f} written`);
    }
    const record = JSON.parse(readFileSync(join(out, 'rlbox-build.json'), 'utf8')) as {
      exports: { name: string; kind: string; params?: string[]; results?: string[] }[];
    };
    assert.deepEqual(record.exports.find((e) => e.name === 'add'), { name: 'add', kind: 'func', params: ['i32', 'i32'], results: ['i32'] });
    assert.ok(record.exports.some((e) => e.name === 'malloc' && e.kind === 'func'));

    for (const target of ['run', 'run-cpp']) {
      const r = make(out, target);
      assert.equal(r.status, 0, `make ${target}: ${r.stderr}`);
      assert.deepEqual(r.stdout.trim().split('\n'), EXPECTED, `make ${target} output`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
