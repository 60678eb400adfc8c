// The wasm backend's TypeScript WASI: standard streams work, everything else is denied.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSandboxSync, wasm } from '../../src/sandbox/index.js';
import { wasiImports, WasiExit } from '../../src/sandbox/backends/wasi.js';
import { buildFixture, TESTLIB_FUNCTIONS } from './fixtures.js';

test('the library prints to the stdout and stderr sinks', () => {
  const out: string[] = [];
  const err: string[] = [];
  const dec = new TextDecoder();
  const sb = createSandboxSync(
    wasm(buildFixture('testlib'), {
      functions: TESTLIB_FUNCTIONS,
      stdout: (b) => out.push(dec.decode(b)),
      stderr: (b) => err.push(dec.decode(b)),
    }),
  );
  assert.equal(sb.invoke('print_line', sb.newString('to stdout')).copyAndVerify((n) => n), 10);
  sb.invoke('print_err', sb.newString('to stderr'));
  assert.equal(out.join(''), 'to stdout\n');
  assert.equal(err.join(''), 'to stderr\n');
  sb.destroy();
});

test('files, preopens and sockets are denied with WASI errors; proc_exit throws', () => {
  const mem = { buffer: new ArrayBuffer(65536) } as never;
  const w = wasiImports(['fd_prestat_get', 'path_open', 'fd_readdir', 'sock_accept', 'poll_oneoff', 'proc_exit', 'fd_write'], () => mem);
  assert.equal((w['fd_prestat_get'] as (...a: number[]) => number)(3, 0), 8); // EBADF ends wasi-libc's preopen scan
  assert.equal((w['path_open'] as (...a: number[]) => number)(3, 0, 0, 0, 0), 76); // ENOTCAPABLE
  assert.equal((w['fd_readdir'] as (...a: number[]) => number)(3, 0, 0, 0, 0), 8);
  assert.equal((w['sock_accept'] as (...a: number[]) => number)(3, 0, 0), 52); // ENOSYS
  assert.equal((w['fd_write'] as (...a: number[]) => number)(5, 0, 0, 0), 8);
  assert.throws(() => (w['proc_exit'] as (c: number) => number)(7), (e: unknown) => e instanceof WasiExit && e.code === 7);
});
