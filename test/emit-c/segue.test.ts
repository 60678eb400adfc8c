// Segue (memory 0 through %gs): the gs base must always be the memory of the instance whose code runs. Two
// instances of one module with different memory contents call into each other through a host import, through a
// funcref the host calls directly and through call_indirect on a table entry of the other instance; traps in the
// inner instance are caught by the host at two depths. Every variant must print the same transcript: Segue with
// rdgsbase/wrgsbase, Segue with the arch_prctl fallback, Segue compiled out, and bounds checks; gcc and clang
// (Segue is on by default with gcc, opt-in with clang).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emitCSplit, GENERATED_C_FLAGS, GENERATED_C_FLAGS_GCC } from '../../src/emit-c/index.js';
import { ROOT, runtimeSources, watToModule } from './harness.js';

const RUNTIME = join(ROOT, 'runtime');
const WORK = join(tmpdir(), 'rlbox-segue-tests');

const WAT = `(module
  (type $get_t (func (result i32)))
  (import "host" "call_other" (func $call_other (param i32) (result i32)))
  (import "host" "trap_other" (func $trap_other (result i32)))
  (memory (export "mem") 1)
  (table (export "tab") 2 funcref)
  (elem (i32.const 0) $get)
  (func $get (export "get") (type $get_t) (i32.load (i32.const 16)))
  (func (export "set") (param i32) (i32.store (i32.const 16) (local.get 0)))
  ;; v = own value; if depth: v = v * 100 + other.nested(depth - 1); then v * 10 + own value read again
  (func (export "nested") (param $depth i32) (result i32)
    (local $v i32)
    (local.set $v (i32.load (i32.const 16)))
    (if (local.get $depth)
      (then (local.set $v (i32.add (i32.mul (local.get $v) (i32.const 100))
                                   (call $call_other (i32.sub (local.get $depth) (i32.const 1)))))))
    (i32.add (i32.mul (local.get $v) (i32.const 10)) (i32.load (i32.const 16))))
  ;; the host makes the other instance trap and catches it; then own memory must still be readable
  (func (export "after_inner_trap") (result i32)
    (i32.add (i32.mul (call $trap_other) (i32.const 1000)) (i32.load (i32.const 16))))
  ;; slot 1 holds a funcref of the other instance (put there by the host)
  (func (export "call_slot") (param i32) (result i32)
    (i32.add (i32.mul (call_indirect (type $get_t) (local.get 0)) (i32.const 1000)) (i32.load (i32.const 16))))
  (func (export "oob") (i32.store (i32.const 65536) (i32.const 1)))
  ;; constant addresses >= 2^31: gcc 12 emits movabs without the %gs prefix unless the prelude prevents it
  (func (export "far_load") (result i32) (i32.load (i32.const 0xfffffff0)))
  (func (export "far_store") (i32.store (i32.const 0x80000000) (i32.const 1)))
  (func (export "far_load64") (result i64) (i64.load offset=0x7ffffff0 (i32.const 0x10000000)))
)`;

const MAIN = `#include <stdio.h>
#include <inttypes.h>
#include "seg.wasm.h"

struct w2c_host { w2c_seg* other; int trap_inner; };
static w2c_seg a, b;
static struct w2c_host host_a = {&b, 0}, host_b = {&a, 0};

u32 w2c_host_call_other(struct w2c_host* h, u32 depth) { return w2c_seg_nested(h->other, depth); }
u32 w2c_host_trap_other(struct w2c_host* h) {
  wasm_rt_try_frame_t f;
  volatile u32 r = 0;
  int code = WASM_RT_TRY(f);
  if (code == 0) { w2c_seg_oob(h->other); r = 1; }
  wasm_rt_try_end(&f);
  return code == WASM_RT_TRAP_OOB ? 7 : 100 + r;
}
static u32 call_ref(const wasm_rt_funcref_t* r) { return ((u32 (*)(void*))r->func)(r->module_instance); }

#define TRY(label, stmt) do { wasm_rt_try_frame_t f_; int c_ = WASM_RT_TRY(f_); if (c_ == 0) { stmt; } \\
  wasm_rt_try_end(&f_); if (c_) printf("%s: trap %d\\n", label, c_); } while (0)

int main(int argc, char** argv) {
  (void)argv;
#if WASM_RT_SEGUE_SUPPORTED
  if (argc > 1) wasm_rt_segue_fsgsbase = 0; /* force the arch_prctl fallback */
#else
  (void)argc;
#endif
  wasm_rt_init();
  TRY("instantiate", { wasm2c_seg_instantiate(&a, &host_a); wasm2c_seg_instantiate(&b, &host_b); });
  w2c_seg_set(&a, 3);
  w2c_seg_set(&b, 4);
  printf("get %u %u\\n", w2c_seg_get(&a), w2c_seg_get(&b));
  TRY("nested", printf("nested %u %u\\n", w2c_seg_nested(&a, 3), w2c_seg_nested(&b, 2)));
  /* the host calls table entries directly, with whatever base is current */
  printf("ref %u %u\\n", call_ref(&w2c_seg_tab(&a)->data[0]), call_ref(&w2c_seg_tab(&b)->data[0]));
  /* call_indirect from one instance to a function of the other */
  w2c_seg_tab(&a)->data[1] = w2c_seg_tab(&b)->data[0];
  w2c_seg_tab(&b)->data[1] = w2c_seg_tab(&a)->data[0];
  TRY("slot", printf("slot %u %u %u %u\\n", w2c_seg_call_slot(&a, 1), w2c_seg_call_slot(&b, 1), w2c_seg_call_slot(&a, 0),
                     w2c_seg_call_slot(&b, 0)));
  /* a trap in B caught by the host inside A's import call: A goes on with its own memory */
  TRY("inner", printf("inner %u %u\\n", w2c_seg_after_inner_trap(&a), w2c_seg_after_inner_trap(&b)));
  /* a trap in B unwinding through A to the host's frame */
  TRY("outer", { w2c_seg_oob(&b); printf("not reached\\n"); });
  TRY("far load", printf("far load read %u\\n", w2c_seg_far_load(&a)));
  TRY("far store", w2c_seg_far_store(&a));
  TRY("far load64", printf("far load64 read %llu\\n", (unsigned long long)w2c_seg_far_load64(&a)));
  TRY("outer-nested", { host_b.other = &a; w2c_seg_tab(&a)->data[1] = wasm_rt_funcref_null_value; w2c_seg_call_slot(&a, 1); });
  printf("after %u %u %u\\n", w2c_seg_get(&a), w2c_seg_get(&b), w2c_seg_nested(&a, 2));
  /* An entry from a zero base leaves its base behind (no module code below: nothing to restore), and later
   * entries restore that one: the first instance entered from the top level, A, stays. */
  (void)w2c_seg_get(&b);
  uintptr_t base = wasm_rt_segue_base();
  printf("base %s\\n", base == 0 ? "0" : base == (uintptr_t)w2c_seg_mem(&a)->data ? "a" : "?");
  wasm2c_seg_free(&a);
  wasm2c_seg_free(&b);
  wasm_rt_free();
  return 0;
}
`;

/** nested(depth) of the instance holding `own`, the other holding `other` (see the WAT). */
function nested(own: number, other: number, depth: number): number {
  let v = own;
  if (depth > 0) v = v * 100 + nested(other, own, depth - 1);
  return (v * 10 + own) >>> 0;
}

const expected = (segue: boolean) => [
  'get 3 4',
  `nested ${nested(3, 4, 3)} ${nested(4, 3, 2)}`,
  'ref 3 4',
  'slot 4003 3004 3003 4004',
  'inner 7003 7004',
  'outer: trap 1',
  'far load: trap 1',
  'far store: trap 1',
  'far load64: trap 1',
  'outer-nested: trap 6',
  `after 3 4 ${nested(3, 4, 2)}`,
  segue ? 'base a' : 'base 0',
  '',
].join('\n');

interface Variant {
  readonly cc: 'gcc' | 'clang';
  readonly flags?: readonly string[];
  readonly args?: readonly string[];
  /** Whether the generated code must address memory through %gs. */
  readonly segue: boolean;
}

function build(v: Variant): { exe: string; disassembly: string } {
  const { module } = watToModule(WAT);
  const { header, sources } = emitCSplit(module, { moduleName: 'seg', outputs: 2 });
  const flags = ['-O2', '-Wall', '-Wextra', ...GENERATED_C_FLAGS, ...(v.cc === 'gcc' ? GENERATED_C_FLAGS_GCC : []), ...(v.flags ?? [])];
  const key = createHash('sha256').update(JSON.stringify([header, sources, MAIN, flags, v.cc])).digest('hex').slice(0, 16);
  const dir = join(WORK, key);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'seg.wasm.h'), header);
  const generated = sources.map((s, i) => {
    const f = join(dir, `seg_${i}.wasm.c`);
    writeFileSync(f, s);
    return f;
  });
  writeFileSync(join(dir, 'main.c'), MAIN);
  const exe = join(dir, 'prog');
  const objects: string[] = [];
  for (const src of [join(dir, 'main.c'), ...generated, ...runtimeSources()]) {
    const obj = join(dir, `${objects.length}.o`);
    const strict = !src.startsWith(RUNTIME) ? ['-Werror'] : [];
    const r = spawnSync(v.cc, [...flags, ...strict, '-c', '-I', RUNTIME, '-I', dir, src, '-o', obj], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${v.cc} failed on ${src}:\n${r.stderr}`);
    objects.push(obj);
  }
  // Linked every time: the key does not cover the runtime's sources.
  const r = spawnSync(v.cc, [...objects, '-lm', '-pthread', '-o', exe], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${v.cc} failed to link:\n${r.stderr}`);
  const dump = spawnSync('objdump', ['-d', ...objects.slice(1, 1 + generated.length)], { encoding: 'utf8' });
  return { exe, disassembly: dump.stdout };
}

const variants: [string, Variant][] = [
  ['gcc, Segue (rdgsbase/wrgsbase)', { cc: 'gcc', segue: true }],
  ['gcc, Segue (arch_prctl fallback)', { cc: 'gcc', segue: true, args: ['fallback'] }],
  ['clang, Segue off by default', { cc: 'clang', segue: false }],
  ['clang, -DWASM_RT_USE_SEGUE=1', { cc: 'clang', segue: true, flags: ['-DWASM_RT_USE_SEGUE=1'] }],
  ['clang, -DWASM_RT_ALLOW_SEGUE=1 (upstream name), arch_prctl fallback', { cc: 'clang', segue: true, flags: ['-DWASM_RT_ALLOW_SEGUE=1'], args: ['fallback'] }],
  ['gcc, -DWASM_RT_USE_SEGUE=0', { cc: 'gcc', segue: false, flags: ['-DWASM_RT_USE_SEGUE=0'] }],
  ['gcc, -DWASM_RT_ALLOW_SEGUE=0 (upstream name)', { cc: 'gcc', segue: false, flags: ['-DWASM_RT_ALLOW_SEGUE=0'] }],
  ['clang, bounds checks even with -DWASM_RT_USE_SEGUE=1 (no Segue)', { cc: 'clang', segue: false, flags: ['-DWASM_RT_MEMCHECK_BOUNDS_CHECK=1', '-DWASM_RT_USE_SEGUE=1'] }],
  ['gcc, bounds checks (no Segue)', { cc: 'gcc', segue: false, flags: ['-DWASM_RT_MEMCHECK_BOUNDS_CHECK=1'] }],
  ['gcc -std=c11 (no __seg_gs keyword: Segue off)', { cc: 'gcc', segue: false, flags: ['-std=c11'] }],
];

const onX64Linux = process.platform === 'linux' && process.arch === 'x64';

for (const [name, v] of variants) {
  test(`Segue: two instances calling each other, funcrefs and traps keep the right base: ${name}`, () => {
    const { exe, disassembly } = build(v);
    const r = spawnSync(exe, [...(v.args ?? [])], { encoding: 'utf8' });
    assert.equal(r.status, 0, `exit ${r.status} ${r.signal}\n${r.stdout}\n${r.stderr}`);
    assert.equal(r.stdout, expected(v.segue));
    if (onX64Linux) {
      assert.equal(/%gs:/.test(disassembly), v.segue, v.segue ? 'no %gs access in the generated code' : '%gs access with Segue off');
      // An absolute-address (moffs) access has no room for the %gs prefix gcc 12 forgets on it.
      assert.doesNotMatch(disassembly, /movabs\s+(0x|%)/, 'an absolute-address access in the generated code');
    }
  });
}
