import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeModule } from '../../src/decode/index.js';
import { validateModule } from '../../src/validate/index.js';
import { emitC, GENERATED_C_FLAGS, GENERATED_C_FLAGS_GCC } from '../../src/emit-c/index.js';
import { ROOT } from './harness.js';

const RUNTIME = join(ROOT, 'runtime');

const MAIN = `#include <stdio.h>
#include "minwasi.h"
#include "mixed.wasm.h"
int main(void) {
  wasm_rt_init();
  static struct w2c_wasi__snapshot__preview1 wasi;
  minwasi_init(&wasi);
  static w2c_mixed inst;
  wasm2c_mixed_instantiate(&inst, &wasi);
  wasi.memory = w2c_mixed_memory(&inst);
  wasm_rt_try_frame_t f;
  int code = WASM_RT_TRY(f);
  if (code == 0) w2c_mixed_0x5Fstart(&inst);
  wasm_rt_try_end(&f);
  fflush(stdout);
  printf("exit_trap=%d exit=%lld\\n", code == WASM_RT_TRAP_EXIT, (long long)minwasi_exit_code(&wasi));
  wasm2c_mixed_free(&inst);
  return 0;
}
`;

test('a wasi-libc C program gives the same output through wasm2c as natively', () => {
  const dir = join(tmpdir(), 'rlbox-emit-c-tests', 'wasi-program');
  mkdirSync(dir, { recursive: true });
  const src = join(ROOT, 'test', 'emit-c', 'programs', 'mixed.c');
  const wasmFile = join(dir, 'mixed.wasm');
  execFileSync('clang', ['--target=wasm32-wasi', '-O2', src, '-o', wasmFile, '-lm']);
  const module = decodeModule(readFileSync(wasmFile));
  validateModule(module);
  const { header, source } = emitC(module, { moduleName: 'mixed' });
  writeFileSync(join(dir, 'mixed.wasm.h'), header);
  writeFileSync(join(dir, 'mixed.wasm.c'), source);
  writeFileSync(join(dir, 'main.c'), MAIN);
  const strict = ['-O2', '-Wall', '-Wextra', '-Werror', ...GENERATED_C_FLAGS, ...GENERATED_C_FLAGS_GCC, '-I', RUNTIME, '-I', dir];
  const objects: string[] = [];
  const units: [string, string[]][] = [[join(dir, 'mixed.wasm.c'), strict], [join(dir, 'main.c'), strict],
    ...['wasm-rt-impl.c', 'wasm-rt-mem.c', 'minwasi.c'].map((f): [string, string[]] => [join(RUNTIME, f), ['-O2', '-I', RUNTIME]])];
  for (const [file, flags] of units) {
    const obj = join(dir, `${objects.length}.o`);
    const r = spawnSync('gcc', [...flags, '-c', file, '-o', obj], { encoding: 'utf8' });
    assert.equal(r.status, 0, `gcc ${file}:\n${r.stderr}`);
    objects.push(obj);
  }
  execFileSync('gcc', [...objects, '-lm', '-pthread', '-o', join(dir, 'sandboxed')]);
  execFileSync('gcc', ['-O2', src, '-lm', '-o', join(dir, 'native')]);
  const native = spawnSync(join(dir, 'native'), { encoding: 'utf8' });
  const sandboxed = spawnSync(join(dir, 'sandboxed'), { encoding: 'utf8' });
  assert.equal(native.status, 3);
  assert.equal(sandboxed.stdout, `${native.stdout}exit_trap=1 exit=3\n`);
});
