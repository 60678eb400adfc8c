import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeModule } from '../../src/decode/index.js';
import { tryValidateModule, typeFunctionBody, validateModule } from '../../src/validate/index.js';
import type { Module } from '../../src/wasm/ir.js';
import { blockTypeSignature, funcTypeOf, globalTypeOf, importCounts, memoryTypeOf, tableTypeOf } from '../../src/wasm/module-info.js';
import { opName } from '../../src/wasm/opcodes.js';
import type { InstrTyping } from '../../src/wasm/typing.js';
import { wat } from '../decode/wat.js';
import { checkTypingInvariants } from './typing-invariants.js';

function load(text: string): Module {
  return decodeModule(wat(text, { check: false }));
}

function invalidBecause(text: string, reasonPrefix: string, atOp?: string): void {
  const m = load(text);
  const r = tryValidateModule(m);
  assert.equal(r.ok, false, `expected invalid: ${reasonPrefix}`);
  if (r.ok) return;
  assert.equal(r.error.kind, 'invalid');
  assert.ok(r.error.reason.startsWith(reasonPrefix), `"${r.error.reason}" should start with "${reasonPrefix}"`);
  if (atOp) {
    const instr = m.funcs.flatMap((f) => f.body).find((i) => i.offset === r.error.offset);
    assert.equal(instr && opName(instr.op), atOp, 'error offset points at the offending instruction');
  }
}

test('valid modules validate', () => {
  validateModule(
    load(`(module
      (import "env" "g" (global $g i32))
      (memory 1 2) (table 2 funcref)
      (global $h i32 (global.get $g))
      (global $r funcref (ref.func $f))
      (func $f (param i32) (result i32)
        (block (result i32) (local.get 0) (br_if 0 (i32.const 1)))
        (if (param i32) (result i32) (i32.const 0) (then) (else i32.const 1 i32.add)))
      (elem (i32.const 0) $f)
      (data (i32.const 0) "x")
      (start $s) (func $s))`),
  );
});

test('operand type errors point at the instruction', () => {
  invalidBecause('(module (func (result i32) i64.const 1))', 'type mismatch', 'end');
  invalidBecause('(module (func (drop (i32.add (i32.const 1) (i64.const 2)))))', 'type mismatch', 'i32.add');
  invalidBecause('(module (func i32.const 1))', 'type mismatch', 'end');
  invalidBecause('(module (func (select (i32.const 1) (i64.const 1) (i32.const 1)) drop))', 'type mismatch', 'select');
  invalidBecause(
    '(module (func (select (ref.null func) (ref.null func) (i32.const 1)) drop))',
    'type mismatch',
    'select',
  );
  invalidBecause('(module (func (if (i32.const 1) (then i32.const 1))))', 'type mismatch');
  invalidBecause(
    '(module (func (block (result i32) (block (result i64) (br_table 0 1 (i64.const 0) (i32.const 0)))) drop))',
    'type mismatch',
    'br_table',
  );
});

test('index and declaration errors', () => {
  invalidBecause('(module (func local.get 1 drop))', 'unknown local 1', 'local.get');
  invalidBecause('(module (func br 1))', 'unknown label 1', 'br');
  invalidBecause('(module (func call 3))', 'unknown function 3', 'call');
  invalidBecause('(module (func (drop (i32.load (i32.const 0)))))', 'unknown memory 0', 'i32.load');
  invalidBecause('(module (memory 1) (func (drop (i32.load align=8 (i32.const 0)))))', 'alignment must not be larger than natural');
  invalidBecause('(module (global i32 (i32.const 0)) (func (global.set 0 (i32.const 1))))', 'global is immutable');
  invalidBecause('(module (func (drop (ref.func 0))))', 'undeclared function reference', 'ref.func');
  invalidBecause('(module (memory 65537))', 'memory size must be at most 65536 pages');
  invalidBecause('(module (memory 2 1))', 'size minimum must not be greater than maximum');
  invalidBecause('(module (memory 1) (memory 1))', 'multiple memories');
  invalidBecause('(module (func) (export "a" (func 0)) (export "a" (func 0)))', 'duplicate export name');
  invalidBecause('(module (func (param i32)) (start 0))', 'start function');
  invalidBecause('(module (global i32 (i32.add (i32.const 1) (i32.const 2))))', 'constant expression required');
  invalidBecause('(module (global i32 (i64.const 1)))', 'type mismatch');
  invalidBecause('(module (global $a i32 (i32.const 1)) (global i32 (global.get $a)))', 'unknown global 0');
  invalidBecause('(module (table 1 externref) (func $f) (elem (i32.const 0) func $f))', 'type mismatch');
  invalidBecause('(module (func (drop (i8x16.extract_lane_s 16 (v128.const i64x2 0 0)))))', 'invalid lane index');
});

interface Seen {
  op: string;
  t: InstrTyping;
}
function typings(text: string, funcIndex = 0): Seen[] {
  const m = load(text);
  const seen: Seen[] = [];
  typeFunctionBody(m, funcIndex, (instr, t) => seen.push({ op: opName(instr.op), t: { ...t } }));
  return seen;
}

test('the typing hook reports heights counted over all frames, and frame bases', () => {
  const seen = typings(`(module (func (param i32) (result i64)
    i32.const 7
    (block (param i32) (result i64)
      drop
      i64.const 1
      local.get 0
      (if (param i64) (result i64) (then) (else i64.const 2 i64.add)))))`);
  const row = (i: number) => [seen[i]!.op, seen[i]!.t.height, seen[i]!.t.popped, seen[i]!.t.pushed, seen[i]!.t.frameHeight];
  assert.deepEqual(row(0), ['i32.const', 0, [], ['i32'], undefined]);
  assert.deepEqual(row(1), ['block', 1, ['i32'], ['i32'], 0]);
  assert.deepEqual(row(2), ['drop', 1, ['i32'], [], undefined]);
  assert.deepEqual(row(3), ['i64.const', 0, [], ['i64'], undefined]);
  assert.deepEqual(row(4), ['local.get', 1, [], ['i32'], undefined]);
  assert.deepEqual(row(5), ['if', 2, ['i64', 'i32'], ['i64'], 0]);
  assert.deepEqual(row(6), ['else', 1, ['i64'], ['i64'], 0]);
  assert.deepEqual(row(7), ['i64.const', 1, [], ['i64'], undefined]);
  assert.deepEqual(row(8), ['i64.add', 2, ['i64', 'i64'], ['i64'], undefined]);
  assert.deepEqual(row(9), ['end', 1, ['i64'], ['i64'], 0]);
  assert.deepEqual(row(10), ['end', 1, ['i64'], ['i64'], 0]);
  assert.deepEqual(row(11), ['end', 1, ['i64'], ['i64'], 0]);
  assert.equal(seen.length, 12);
  assert.ok(seen.every((s, i) => s.t.index === i && !s.t.unreachable));
});

test('dead code is flagged and still gets types; select and drop are resolved', () => {
  const seen = typings(`(module (func (result i32)
    (block (result f64)
      f64.const 1
      br 0
      i32.add
      (block (drop (i64.const 1)))
      select)
    drop
    (select (f32.const 1) (f32.const 2) (i32.const 0))
    drop
    unreachable
    drop))`);
  const brAt = seen.findIndex((s) => s.op === 'br');
  assert.deepEqual(seen[brAt]!.t.popped, ['f64']);
  const afterBr = seen.slice(brAt + 1, brAt + 7);
  assert.deepEqual(afterBr.map((s) => [s.op, s.t.unreachable]), [
    ['i32.add', true],
    ['block', true],
    ['i64.const', true],
    ['drop', true],
    ['end', true],
    ['select', true],
  ]);
  assert.deepEqual(afterBr[0]!.t.popped, ['i32', 'i32']);
  const blockEnd = seen[brAt + 7]!;
  assert.equal(blockEnd.op, 'end');
  assert.equal(blockEnd.t.unreachable, true, 'the fall-through into this end is dead');
  assert.equal(blockEnd.t.frameHeight, 0);
  assert.deepEqual(blockEnd.t.pushed, ['f64']);
  const drop = seen[brAt + 8]!;
  assert.deepEqual([drop.op, drop.t.height, drop.t.popped, drop.t.unreachable], ['drop', 1, ['f64'], false]);
  const select = seen.find((s) => s.op === 'select' && !s.t.unreachable)!;
  assert.deepEqual(select.t.popped, ['f32', 'f32', 'i32']);
  assert.deepEqual(select.t.pushed, ['f32']);
  const last = seen[seen.length - 1]!;
  assert.deepEqual([last.op, last.t.unreachable, last.t.popped], ['end', true, ['i32']]);
});

test('module-info index-space queries', () => {
  const m = load(`(module
    (type (func (param i32) (result i64 i64)))
    (import "a" "f" (func (param f32)))
    (import "a" "t" (table 1 externref))
    (import "a" "m" (memory 1))
    (import "a" "g" (global (mut f64)))
    (table 3 funcref) (global i32 (i32.const 0))
    (func (type 0) i64.const 0 i64.const 0))`);
  assert.deepEqual(importCounts(m), { funcs: 1, tables: 1, memories: 1, globals: 1 });
  assert.deepEqual(funcTypeOf(m, 0), { params: ['f32'], results: [] });
  assert.deepEqual(funcTypeOf(m, 1)?.results, ['i64', 'i64']);
  assert.equal(funcTypeOf(m, 2), undefined);
  assert.equal(tableTypeOf(m, 0)?.elemType, 'externref');
  assert.equal(tableTypeOf(m, 1)?.elemType, 'funcref');
  assert.equal(memoryTypeOf(m, 0)?.limits.min, 1);
  assert.deepEqual(globalTypeOf(m, 0), { type: 'f64', mutable: true });
  assert.deepEqual(globalTypeOf(m, 1), { type: 'i32', mutable: false });
  assert.deepEqual(blockTypeSignature(m, { kind: 'func', typeIndex: 0 }).params, ['i32']);
  assert.deepEqual(blockTypeSignature(m, { kind: 'value', type: 'f32' }).results, ['f32']);
  assert.throws(() => blockTypeSignature(m, { kind: 'func', typeIndex: 9 }), /unknown type 9/);
});

test('typing invariants hold across control flow, dead code and multi-value blocks', () => {
  const m = load(`(module
    (type $pair (func (param i32) (result i32 i32)))
    (table 1 funcref) (memory 1)
    (func $f (type $pair) (local.get 0) (local.get 0))
    (func (param i32) (result i32)
      (block $out (result i32)
        (local.get 0)
        (loop $l (param i32) (result i32)
          (if (param i32) (result i32) (local.get 0)
            (then (br_if $l (i32.const 1)))
            (else (br $out (i32.const 2)) (drop) (i32.const 3)))
          (block (param i32) (result i32 i32) (call $f))
          (i32.add)
          (br_table $l $out (i32.const 0)))
        (unreachable))
      (select (i32.const 1) (i32.const 2))
      (call_indirect (type $pair) (i32.const 0))
      (i32.sub)
      (return)
      (block (result f64) (unreachable) (i64.eqz) (drop) (f64.const 1))
      (drop))
    (elem declare func $f))`);
  validateModule(m);
  checkTypingInvariants(m);
});

test('after validateModule the typing hook replays exactly what a fresh check reports, once', () => {
  const text = `(module
    (type $pair (func (param i32) (result i32 i32)))
    (table 1 funcref) (memory 1) (global $g (mut i64) (i64.const 0))
    (func $f (type $pair) (local.get 0) (local.get 0))
    (func (param i32 f32) (result i32) (local i64 f64)
      (block $out (result i32)
        (local.get 0)
        (loop $l (param i32) (result i32)
          (if (param i32) (result i32) (local.get 0)
            (then (br_if $l (i32.const 1)))
            (else (br $out (i32.const 2)) (drop) (i32.const 3)))
          (block (param i32) (result i32 i32) (call $f))
          (i32.add)
          (br_table $l $out (i32.const 0)))
        (unreachable))
      (local.set 2 (i64.load offset=8 (i32.const 0)))
      (global.set $g (i64.add (global.get $g) (local.get 2)))
      (f64.store (i32.const 16) (f64.promote_f32 (local.get 1)))
      (drop (select (local.get 1) (f32.const 2) (i32.const 0)))
      (select (i32.const 1) (i32.const 2))
      (call_indirect (type $pair) (i32.const 0))
      (i32.sub)
      (return)
      (block (result f64) (unreachable) (i64.eqz) (drop) (f64.const 1))
      (drop))
    (elem declare func $f))`;
  const reports = (m: Module, f: number) => {
    const out: unknown[] = [];
    typeFunctionBody(m, f, (instr, t) => out.push([instr.op, { ...t }]));
    return out;
  };
  const fresh = load(text);
  const validated = load(text);
  validateModule(validated);
  for (let f = 0; f < fresh.funcs.length; f++) {
    const expected = reports(fresh, f);
    assert.deepEqual(reports(validated, f), expected, `function ${f}, replayed`);
    assert.deepEqual(reports(validated, f), expected, `function ${f}, checked again after the replay`);
  }
});
