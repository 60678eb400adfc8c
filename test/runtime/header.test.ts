// The public headers and the manifest: strict C and C++ compile, initial-exec TLS, complete WASI import set.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { join } from 'node:path';
import { manifest, runtimeDir, strictFlags, tempDir } from './toolchain.js';

const tmp = tempDir('header');
after(() => tmp.dispose());

const useAll = `#include "wasm-rt.h"
#include "wasm-rt-impl.h"
#include "minwasi.h"
#include "wasm-rt.h"
int entry(void);
int entry(void) {
  wasm_rt_try_frame_t frame;
  int code = WASM_RT_TRY(frame);
  if (code == 0) { WASM_RT_CHECK_STACK(); }
  wasm_rt_try_end(&frame);
  wasm_rt_funcref_t f = wasm_rt_funcref_null_value;
  wasm_rt_externref_t e = wasm_rt_externref_null_value;
  u8 a = 1; s8 b = 1; u16 c = 1; s16 d = 1; u32 g = 1; s32 h = 1; u64 i = 1; s64 j = 1; f32 k = 1; f64 l = 1;
  return code + (f.func == 0) + (e == 0) + a + b + c + d + (int)g + h + (int)i + (int)j + (int)k + (int)l;
}
`;

function compileSource(cc: string, file: string, flags: string[]): { ok: boolean; out: string } {
  const r = spawnSync(cc, [...strictFlags, ...flags, `-I${runtimeDir}`, '-c', file, '-o', `${file}.o`], {
    encoding: 'utf8',
  });
  return { ok: r.status === 0, out: r.stderr + r.stdout };
}

describe('runtime headers', () => {
  const cases: Array<[string, string, string[]]> = [
    ['gcc', 'c', ['-std=c11', '-pedantic']],
    ['clang', 'c', ['-std=c11', '-pedantic']],
    ['gcc', 'c', ['-std=gnu99']],
    ['gcc', 'c', ['-std=c11', '-DWASM_RT_MEMCHECK_BOUNDS_CHECK=1']],
    ['gcc', 'c', ['-std=c11', '-DWASM_RT_SKIP_SIGNAL_RECOVERY=1', '-DWASM_RT_NONCONFORMING_UNCHECKED_STACK_EXHAUSTION=1']],
    ['g++', 'cc', ['-std=c++17']],
    ['clang++', 'cc', ['-std=c++17']],
  ];
  for (const [cc, ext, flags] of cases) {
    it(`compile with ${cc} ${flags.join(' ')}`, () => {
      const file = join(tmp.dir, `use-${cc}-${flags.length}-${flags.join('').replace(/[^a-z0-9]/gi, '')}.${ext}`);
      writeFileSync(file, useAll);
      const r = compileSource(cc, file, flags);
      assert.ok(r.ok, r.out);
    });
  }

  it('reject both check modes at once', () => {
    const file = join(tmp.dir, 'both.c');
    writeFileSync(file, useAll);
    const r = compileSource('gcc', file, ['-DWASM_RT_MEMCHECK_BOUNDS_CHECK=1', '-DWASM_RT_MEMCHECK_GUARD_PAGES=1']);
    assert.ok(!r.ok);
    assert.match(r.out, /choose one/);
  });

  it('read the stack limit with one %fs-relative load from PIC code (initial-exec TLS)', () => {
    const file = join(tmp.dir, 'tls.c');
    writeFileSync(file, '#include "wasm-rt.h"\nvoid f(void);\nvoid g(void) { WASM_RT_CHECK_STACK(); f(); }\n');
    const r = spawnSync('gcc', ['-O2', '-fPIC', `-I${runtimeDir}`, '-S', file, '-o', '-'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /wasm_rt_stack_limit@gottpoff/);
    assert.doesNotMatch(r.stdout, /__tls_get_addr/);
  });
});

describe('runtime manifest', () => {
  it('lists files that exist', () => {
    const m = manifest();
    for (const f of [...m.sources, ...m.headers]) assert.ok(existsSync(join(runtimeDir, f)), f);
    assert.ok(m.sources.length >= 3);
  });

  it('defines every wasi_snapshot_preview1 function wasi-libc imports', { skip: !existsSync('/usr/lib/wasm32-wasi/libc.imports') }, () => {
    const wanted = readFileSync('/usr/lib/wasm32-wasi/libc.imports', 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('__imported_wasi_snapshot_preview1_'))
      .map((l) => `w2c_wasi__snapshot__preview1_${l.slice('__imported_wasi_snapshot_preview1_'.length)}`);
    assert.ok(wanted.length >= 45);
    const obj = join(tmp.dir, 'minwasi.o');
    const c = spawnSync('gcc', ['-O2', '-c', `-I${runtimeDir}`, join(runtimeDir, 'minwasi.c'), '-o', obj], { encoding: 'utf8' });
    assert.equal(c.status, 0, c.stderr);
    const nm = spawnSync('nm', ['--defined-only', '-g', obj], { encoding: 'utf8' });
    const defined = new Set(nm.stdout.split('\n').map((l) => l.trim().split(/\s+/).pop()));
    for (const name of wanted) assert.ok(defined.has(name), `${name} is not defined`);
  });
});
