// The wasm backend's TypeScript WASI, the twin of runtime/minwasi.c: standard streams work, everything else is
// refused with the same errno as the C runtime.
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

type Call = (...a: number[]) => number;

test('the same errno as the C runtime for every kind of refused call', () => {
  const mem = { buffer: new ArrayBuffer(65536), grow: () => 0 };
  const names = [
    'fd_prestat_get', 'path_open', 'fd_readdir', 'sock_accept', 'poll_oneoff', 'proc_exit', 'fd_write', 'fd_read',
    'fd_seek', 'fd_close', 'fd_sync', 'fd_fdstat_set_flags', 'proc_raise', 'clock_time_get', 'random_get', 'made_up',
  ];
  const w = wasiImports(names, () => mem) as unknown as Record<string, Call>;
  const c = (n: string, ...a: number[]): number => w[n]!(...a);
  assert.equal(c('fd_prestat_get', 3, 0), 8); // EBADF ends wasi-libc's preopen scan
  assert.equal(c('path_open', 3, 0, 0, 0, 0), 76); // ENOTCAPABLE
  assert.equal(c('fd_readdir', 3, 0, 0, 0, 0), 8);
  assert.equal(c('fd_readdir', 1, 0, 0, 0, 0), 54); // ENOTDIR
  assert.equal(c('sock_accept', 1, 0, 0), 57); // ENOTSOCK
  assert.equal(c('sock_accept', 7, 0, 0), 8);
  assert.equal(c('poll_oneoff', 0, 0, 0, 0), 58); // ENOTSUP: no sleeping
  assert.equal(c('fd_write', 5, 0, 0, 0), 8);
  assert.equal(c('fd_write', 1, 0xfffffff0, 1, 0), 21); // EFAULT, not a trap
  assert.equal(c('fd_seek', 1, 0, 0, 0), 70); // ESPIPE
  assert.equal(c('fd_close', 2), 0);
  assert.equal(c('fd_sync', 1), 28);
  assert.equal(c('fd_fdstat_set_flags', 1, 0), 58);
  assert.equal(c('proc_raise', 6), 52);
  assert.equal(c('made_up'), 52);
  assert.equal(c('clock_time_get', 9, 0, 16), 28);
  assert.equal(c('random_get', 65530, 16), 21);
  // fd_read: no input by default: end of input, 0 bytes.
  const dv = new DataView(mem.buffer);
  dv.setUint32(64, 128, true);
  dv.setUint32(68, 16, true);
  dv.setUint32(72, 99, true);
  assert.equal(c('fd_read', 0, 64, 1, 72), 0);
  assert.equal(dv.getUint32(72, true), 0);
  assert.throws(() => c('proc_exit', 7), (e: unknown) => e instanceof WasiExit && e.code === 7);
});

test('fd 0 reads from the stdin source when one is given', () => {
  const mem = { buffer: new ArrayBuffer(65536), grow: () => 0 };
  const w = wasiImports(['fd_read'], () => mem, { stdin: (into) => (into.set([104, 105]), 2) }) as unknown as Record<string, Call>;
  const dv = new DataView(mem.buffer);
  dv.setUint32(64, 128, true);
  dv.setUint32(68, 16, true);
  assert.equal(w['fd_read']!(0, 64, 1, 72), 0);
  assert.equal(dv.getUint32(72, true), 2);
  assert.deepEqual([...new Uint8Array(mem.buffer, 128, 2)], [104, 105]);
});
