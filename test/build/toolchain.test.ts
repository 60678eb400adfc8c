import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyProbeFailure, findToolchain, ToolchainError } from '../../src/build/index.js';
import { rlbox } from '../cli/helpers.js';

test('finds the installed toolchain', async () => {
  const t = await findToolchain();
  assert.match(t.clangVersion, /clang version/);
  assert.ok(t.cc.length > 0);
  assert.ok(t.ar.length > 0);
});

test('RLBOX_CLANG pointing nowhere names the packages to install', async () => {
  await assert.rejects(
    findToolchain({ env: { ...process.env, RLBOX_CLANG: '/nonexistent/clang' } }),
    (e: unknown) =>
      e instanceof ToolchainError &&
      e.piece === 'clang' &&
      /apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32/.test(e.message),
  );
});

test('a sysroot without wasi-libc names wasi-libc', async () => {
  await assert.rejects(
    findToolchain({ env: { ...process.env, RLBOX_WASI_SYSROOT: '/nonexistent/sysroot' } }),
    (e: unknown) => e instanceof ToolchainError && e.piece === 'wasi-libc',
  );
});

test('a missing host compiler names clang, the default host compiler', async () => {
  await assert.rejects(
    findToolchain({ cc: '/nonexistent/cc' }),
    (e: unknown) => e instanceof ToolchainError && e.piece === 'cc' && /apt-get install clang/.test(e.message),
  );
});

test('probe failures map to the Debian package of the missing piece', () => {
  const cases: [string, string, RegExp][] = [
    ["p.c:1:10: fatal error: 'stdio.h' file not found", 'wasi-libc', /apt-get install wasi-libc$/],
    ['wasm-ld-14: error: cannot open crt1.o: No such file or directory', 'wasi-libc', /wasi-libc/],
    [
      'wasm-ld-14: error: cannot open /usr/lib/llvm-14/lib/clang/14.0.6/lib/wasi/libclang_rt.builtins-wasm32.a: No such file or directory',
      'compiler-rt',
      /apt-get install libclang-rt-14-dev-wasm32$/,
    ],
    ['clang: error: unable to execute command: Executable "wasm-ld" doesn\'t exist!', 'wasm-ld', /apt-get install lld-14$/],
    ["error: unable to create target: 'No available targets are compatible with triple \"wasm32-unknown-wasi\"'", 'wasm32-target', /apt-get install clang-14$/],
  ];
  for (const [stderr, piece, hint] of cases) {
    const e = classifyProbeFailure(stderr, 'clang', 14);
    assert.equal(e.piece, piece, stderr);
    assert.match(e.message, hint);
  }
});

test('the CLI prints the apt hint when clang is missing, exit 1', () => {
  const r = rlbox(['build', 'examples/hello/mylib.c', '--out', '/tmp/rlbox-never-written'], { env: { RLBOX_CLANG: '/nonexistent' } });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32/);
});
