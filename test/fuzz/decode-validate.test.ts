// Time-bounded fuzzing of decode + validate (+ the typing hook's invariants on valid modules): random bytes,
// mutations of valid modules and generated valid modules (gen.ts) must either succeed or fail with a
// WasmError, and never take long; generated modules must validate. Seeded, so a failure reproduces:
//   FUZZ_SEED=<seed> FUZZ_MS=<milliseconds> node scripts/run-tests.mjs test/fuzz
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tryDecodeModule } from '../../src/decode/index.js';
import { tryValidateModule } from '../../src/validate/index.js';
import { WasmError } from '../../src/wasm/errors.js';
import { wat } from '../decode/wat.js';
import { checkTypingInvariants } from '../validate/typing-invariants.js';
import { generateModule } from './gen.js';

const BUDGET_MS = Number(process.env.FUZZ_MS ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 0x7fffffff);
const SLOW_INPUT_MS = 2000;

/** mulberry32: small, fast, and good enough to drive mutations. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEEDS = [
  `(module
    (type $t (func (param i32 i64) (result i64)))
    (import "env" "f" (func $imp (param i32)))
    (import "env" "g" (global $g i32))
    (memory 1 4) (table $tab 4 funcref)
    (global $m (mut i64) (i64.const 5))
    (global $r funcref (ref.func $add))
    (func $add (type $t) (local f32 f64 v128)
      (block $b (result i64)
        (loop $l
          (br_if $l (i32.eqz (local.get 0)))
          (br_table $b $b (i64.const 3) (local.get 0)))
        (unreachable))
      (if (param i64) (result i64) (i32.const 1) (then (i64.const 1) (i64.add)) (else)))
    (func (export "run") (param i32) (result i32)
      (call $imp (local.get 0))
      (i32.store offset=4 (local.get 0) (i32.load8_u (i32.const 3)))
      (memory.fill (i32.const 0) (i32.const 1) (i32.const 2))
      (memory.copy (i32.const 0) (i32.const 1) (i32.const 2))
      (memory.init $d (i32.const 0) (i32.const 0) (i32.const 1))
      (data.drop $d)
      (table.init $tab $e (i32.const 0) (i32.const 0) (i32.const 1))
      (elem.drop $e)
      (drop (table.grow $tab (ref.null func) (i32.const 1)))
      (drop (call_indirect (type $t) (i32.const 1) (i64.const 2) (i32.const 0)))
      (drop (select (result funcref) (ref.func $add) (ref.null func) (local.get 0)))
      (drop (i32.trunc_sat_f64_u (f64.const 1.5)))
      (drop (i8x16.extract_lane_u 3 (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31
        (v128.const i32x4 1 2 3 4) (v128.load32_lane 1 (i32.const 0) (v128.const i64x2 0 0)))))
      (global.set $m (i64.extend_i32_u (global.get $g)))
      (i32.wrap_i64 (global.get $m)))
    (elem $e funcref (ref.func $add))
    (elem (i32.const 0) func $add)
    (data $d "abc")
    (data (i32.const 8) "xyz"))`,
  `(module (func $fac (export "fac") (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.const 1))
      (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1))))))))`,
  `(module (memory 1) (func (param i32) (result f64)
    (local $x f64)
    (local.set $x (f64.load (local.get 0)))
    (block (block (block (br_table 0 1 2 (local.get 0))) (local.set $x (f64.const 2))) (nop))
    (f64.add (local.get $x) (f64.convert_i32_s (local.get 0)))))`,
].map((t) => wat(t));

function mutate(base: Uint8Array, rand: () => number): Uint8Array {
  const bytes = Array.from(base);
  const edits = 1 + Math.floor(rand() * 4);
  // In-place edits keep section and body sizes intact, so they reach validation far more often.
  const inPlace = rand() < 0.6;
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * (bytes.length + 1));
    const kinds = inPlace ? [0, 1, 5] : [0, 1, 2, 3, 4, 5];
    switch (kinds[Math.floor(rand() * kinds.length)]) {
      case 0:
        if (at < bytes.length) bytes[at]! ^= 1 << Math.floor(rand() * 8);
        break;
      case 1:
        if (at < bytes.length) bytes[at] = Math.floor(rand() * 256);
        break;
      case 2:
        bytes.splice(at, 0, ...Array.from({ length: 1 + Math.floor(rand() * 4) }, () => Math.floor(rand() * 256)));
        break;
      case 3:
        bytes.splice(at, 1 + Math.floor(rand() * 4));
        break;
      case 4: {
        const from = Math.floor(rand() * bytes.length);
        bytes.splice(at, 0, ...bytes.slice(from, from + 1 + Math.floor(rand() * 16)));
        break;
      }
      case 5: // interesting LEB-ish values
        if (at < bytes.length) bytes[at] = [0x00, 0x7f, 0x80, 0xff, 0x40, 0x60, 0x0b, 0x70][Math.floor(rand() * 8)]!;
        break;
    }
  }
  return new Uint8Array(bytes);
}

function randomModule(rand: () => number): Uint8Array {
  const n = Math.floor(rand() * 64);
  const body = Array.from({ length: n }, () => Math.floor(rand() * 256));
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...body]);
}

/** Runs every stage; returns normally for success or a WasmError, throws anything else. */
export function exercise(bytes: Uint8Array): 'ok' | 'malformed' | 'invalid' {
  const d = tryDecodeModule(bytes);
  if (!d.ok) return 'malformed';
  const v = tryValidateModule(d.value);
  if (!v.ok) return 'invalid';
  checkTypingInvariants(d.value);
  return 'ok';
}

test(`decode+validate never fail with anything but a WasmError (seed ${SEED}, ${BUDGET_MS} ms)`, () => {
  const rand = prng(SEED);
  const stats = { ok: 0, malformed: 0, invalid: 0 };
  const deadline = Date.now() + BUDGET_MS;
  let iterations = 0;
  while (Date.now() < deadline) {
    iterations++;
    const kind = rand();
    const mustBeValid = kind < 0.2;
    const input = mustBeValid
      ? generateModule(rand)
      : kind < 0.4
        ? mutate(generateModule(rand), rand)
        : kind < 0.5
          ? randomModule(rand)
          : mutate(SEEDS[Math.floor(rand() * SEEDS.length)]!, rand);
    const t0 = performance.now();
    try {
      const outcome = exercise(input);
      stats[outcome]++;
      if (mustBeValid && outcome !== 'ok') {
        const d = tryDecodeModule(input);
        const why = d.ok ? tryValidateModule(d.value) : d;
        throw new Error(`a generated module should be valid: ${JSON.stringify(why)}`);
      }
    } catch (e) {
      assert.fail(
        `seed ${SEED}, iteration ${iterations}: ${e instanceof WasmError ? 'escaped' : 'unexpected'} ` +
          `${(e as Error).stack}\ninput: ${Buffer.from(input).toString('hex')}`,
      );
    }
    const ms = performance.now() - t0;
    assert.ok(ms < SLOW_INPUT_MS, `seed ${SEED}, iteration ${iterations}: took ${ms.toFixed(0)} ms`);
  }
  console.log(`fuzz seed ${SEED}: ${iterations} inputs, ${JSON.stringify(stats)}`);
  assert.ok(stats.ok > 0 && stats.malformed > 0, 'mutations should produce both valid and malformed modules');
});
