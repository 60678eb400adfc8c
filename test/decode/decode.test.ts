import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeModule, tryDecodeModule } from '../../src/decode/index.js';
import { WasmError } from '../../src/wasm/errors.js';
import { Op } from '../../src/wasm/opcodes.js';
import { moduleBytes, wat } from './wat.js';

function malformedAt(bytes: Uint8Array, reason: string, offset?: number): void {
  const r = tryDecodeModule(bytes);
  assert.equal(r.ok, false, `expected "${reason}"`);
  if (r.ok) return;
  assert.equal(r.error.kind, 'malformed');
  assert.equal(r.error.reason, reason);
  if (offset !== undefined) assert.equal(r.error.offset, offset, `offset of "${reason}"`);
}

test('immediates are stored as ir.ts documents', () => {
  const m = decodeModule(
    wat(`(module
      (type $t (func (param i32) (result i32 i64)))
      (memory 1)
      (func $f (param i32) (result i32 i64) (local f32 f32) (local i64)
        i32.const -5 drop
        i64.const -9223372036854775808 drop
        f32.const nan:0x200001 drop
        f64.const -0x1p-1074 drop
        local.get 0
        (block $b (type $t) (param i32) (result i32 i64)
          i64.const 2
          local.get 0
          br_table 0 0 0)
        drop
        drop
        (i64.load32_u offset=12 align=2 (i32.const 0))
        drop
        (select (result i32) (i32.const 1) (i32.const 2) (i32.const 3))
        i64.const 1))`),
  );
  const f = m.funcs[0]!;
  assert.deepEqual(f.locals, [
    { count: 2, type: 'f32' },
    { count: 1, type: 'i64' },
  ]);
  const byOp = (op: number) => f.body.find((i) => i.op === op)!;
  assert.equal(byOp(Op.i32_const).value, -5);
  assert.equal(byOp(Op.i64_const).value, -9223372036854775808n);
  assert.equal(byOp(Op.f32_const).value, 0x7fa00001);
  assert.equal(byOp(Op.f64_const).value, 0x8000000000000001n);
  assert.deepEqual(byOp(Op.block).blockType, { kind: 'func', typeIndex: 0 });
  const brTable = byOp(Op.br_table);
  assert.deepEqual(brTable.labels, [0, 0]);
  assert.equal(brTable.index, 0);
  const load = byOp(Op.i64_load32_u);
  assert.equal(load.align, 1);
  assert.equal(load.memOffset, 12);
  assert.deepEqual(byOp(Op.select_t).valTypes, ['i32']);
  assert.equal(f.body[f.body.length - 1]!.op, Op.end);
  // Offsets point at the instruction's first byte.
  const first = f.body[0]!;
  assert.equal(first.op, Op.i32_const);
});

test('element and data segment forms, passive and declarative modes', () => {
  const m = decodeModule(
    wat(`(module
      (memory 1) (table $t 4 funcref) (table $e 1 externref)
      (func $a) (func $b)
      (elem (i32.const 0) $a $b)
      (elem funcref (ref.func $a) (ref.null func))
      (elem declare func $b)
      (elem (table $e) (i32.const 0) externref (ref.null extern))
      (data (i32.const 8) "hi")
      (data "passive"))`),
  );
  assert.deepEqual(
    m.elems.map((e) => [e.mode, e.table, e.elemType, e.items.length]),
    [
      ['active', 0, 'funcref', 2],
      ['passive', 0, 'funcref', 2],
      ['declarative', 0, 'funcref', 1],
      ['active', 1, 'externref', 1],
    ],
  );
  assert.equal(m.elems[0]!.items[1]![0]!.op, Op.ref_func);
  assert.equal(m.elems[0]!.items[1]![0]!.index, 1);
  assert.equal(m.elems[1]!.items[1]![0]!.refType, 'funcref');
  assert.deepEqual(
    m.datas.map((d) => [d.mode, new TextDecoder().decode(d.bytes)]),
    [
      ['active', 'hi'],
      ['passive', 'passive'],
    ],
  );
});

test('the name section gives module, function and local names', () => {
  const bytes = wat(`(module $mod (func $first (param $x i32) (local $y i64)) (func $second))`);
  const withNames = new Uint8Array(bytes.length);
  withNames.set(bytes);
  const m = decodeModule(withNames);
  // wat2wasm only writes names with --debug-names; build the section by hand instead.
  assert.equal(m.names, undefined);
  const name = (s: string) => [s.length, ...new TextEncoder().encode(s)];
  const sub = (id: number, content: number[]) => [id, content.length, ...content];
  const payload = [
    ...name('name'),
    ...sub(0, name('mod')),
    ...sub(1, [2, 0, ...name('first'), 1, ...name('second')]),
    ...sub(2, [1, 0, 2, 0, ...name('x'), 1, ...name('y')]),
  ];
  const named = decodeModule(new Uint8Array([...bytes, 0, payload.length, ...payload]));
  assert.equal(named.names?.module, 'mod');
  assert.equal(named.names?.functions.get(1), 'second');
  assert.equal(named.names?.locals.get(0)?.get(1), 'y');
  // A broken name section is ignored, not fatal.
  const broken = [...name('name'), 1, 9, 1, 0];
  const m2 = decodeModule(new Uint8Array([...bytes, 0, broken.length, ...broken]));
  assert.equal(m2.names, undefined);
  assert.equal(m2.customs.length, 1);
});

test('header errors', () => {
  malformedAt(new Uint8Array([]), 'unexpected end', 0);
  malformedAt(new Uint8Array([0, 0x61, 0x73, 0x6e, 1, 0, 0, 0]), 'magic header not detected', 0);
  malformedAt(new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]), 'unknown binary version', 4);
});

test('LEB128 rules: too long, unused bits, and the spec wording', () => {
  // memory section, 1 memory, no max, min as a 6-byte LEB
  malformedAt(moduleBytes([5, 8, 1, 0, 0x82, 0x80, 0x80, 0x80, 0x80, 0x00]), 'integer representation too long', 17);
  // min with bits set beyond 32 bits in the 5th byte
  malformedAt(moduleBytes([5, 7, 1, 0, 0x82, 0x80, 0x80, 0x80, 0x10]), 'integer too large', 16);
  // a 5-byte LEB that fits is fine
  assert.equal(decodeModule(moduleBytes([5, 7, 1, 0, 0x82, 0x80, 0x80, 0x80, 0x00])).memories[0]!.limits.min, 2);
});

test('section rules', () => {
  malformedAt(moduleBytes([0x0d, 0]), 'malformed section id', 8);
  // type section then another type section
  malformedAt(moduleBytes([1, 1, 0], [1, 1, 0]), 'unexpected content after last section', 11);
  // data count must come before code
  malformedAt(moduleBytes([10, 1, 0], [12, 1, 0]), 'unexpected content after last section', 11);
  // section size says 2 but the content is 1 byte
  malformedAt(moduleBytes([1, 2, 0, 0]), 'section size mismatch', 11);
  malformedAt(moduleBytes([1, 5, 0]), 'length out of bounds', 9);
  // function section with one function, no code section
  malformedAt(moduleBytes([1, 4, 1, 0x60, 0, 0], [3, 2, 1, 0]), 'function and code section have inconsistent lengths');
  malformedAt(moduleBytes([12, 1, 1]), 'data count and data section have inconsistent lengths');
});

test('code errors: illegal opcode, zero byte, too many locals, missing end, data count', () => {
  const type = [1, 4, 1, 0x60, 0, 0];
  const func = [3, 2, 1, 0];
  const code = (...body: number[]) => [10, body.length + 2, 1, body.length, ...body];
  malformedAt(moduleBytes(type, func, code(0, 0xff, 0x0b)), 'illegal opcode', 23);
  malformedAt(moduleBytes(type, func, code(0, 0xfc, 0x7f, 0x0b)), 'illegal opcode', 23);
  malformedAt(moduleBytes(type, func, [5, 3, 1, 0, 1], code(0, 0x3f, 0x01, 0x1a, 0x0b)), 'zero byte expected', 29);
  malformedAt(
    moduleBytes(type, func, code(2, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x7f, 0x02, 0x7e, 0x0b)),
    'too many locals',
    29,
  );
  malformedAt(moduleBytes(type, func, code(0, 0x01)), 'unexpected end');
  malformedAt(moduleBytes(type, func, code(0, 0x05, 0x0b)), 'END opcode expected', 23);
  malformedAt(
    moduleBytes(type, func, [5, 3, 1, 0, 1], code(0, 0xfc, 0x09, 0x00, 0x0b), [11, 4, 1, 1, 1, 0x61]),
    'data count section required',
    28,
  );
});

test('names must be valid UTF-8', () => {
  // custom section whose name is a lone continuation byte
  malformedAt(moduleBytes([0, 2, 1, 0x80]), 'malformed UTF-8 encoding', 11);
  const m = decodeModule(moduleBytes([0, 4, 3, 0xe2, 0x82, 0xac]));
  assert.equal(m.customs[0]!.name, '\u20ac');
});

test('errors are WasmErrors with a one-line message', () => {
  try {
    decodeModule(new Uint8Array([1, 2, 3, 4]));
    assert.fail('should throw');
  } catch (e) {
    assert.ok(e instanceof WasmError);
    assert.equal(e.message, 'malformed: magic header not detected at 0x0');
  }
});
