// The generated bindings at run time, on all three backends: the structs example's library (structs with nested
// structs and fixed arrays, an enum, a uint64_t, a double, a `long`, a callback taking a struct pointer) and the
// hello library. The same calls must give the same answers everywhere, although the host lays `struct shape` out
// in 104 bytes and wasm32 in 96.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLibrary } from '../../src/build/index.js';
import { noop, wasm, wasm2c, SandboxArgumentError, SandboxBoundsError, type SandboxPtr } from '../../src/sandbox/index.js';
import { loadShapes, SHAPE_LINE, SHAPE_POLYGON, SHAPES_MAGIC, type Shapes, type shape } from '../../examples/structs/shapes.bindings.js';
import { loadMylib } from '../../examples/hello/mylib.bindings.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { defaultRuntimeImport, emitBindings, readHeader } from '../../src/bindings/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const BACKENDS = { wasm2c, wasm, noop } as const;
let shapesDir = '';
let mylibDir = '';

before(async () => {
  shapesDir = (await buildLibrary({ sources: [join(root, 'examples/structs/shapes.c')], name: 'shapes', outDir: join(here, '.cache', 'shapes-build') })).outDir;
  mylibDir = (await buildLibrary({ sources: [join(root, 'examples/hello/mylib.c')], name: 'mylib', outDir: join(here, '.cache', 'mylib-build') })).outDir;
});

const same = <T>(v: T): T => v;

/** One pass over the shapes API; returns what a host would observe, to compare across backends. */
function scenario(lib: Shapes): unknown[] {
  const seen: unknown[] = [];
  const name = lib.sandbox.newString('triangle');
  const s = lib.shape_new(SHAPE_POLYGON, name, 2n ** 63n + 5n).copyAndVerify((p) => {
    assert.notEqual(p, 0);
    return p;
  });
  lib.sandbox.freeInSandbox(name);
  for (const [x, y] of [[1, 2], [3, -4], [5, 6]] as const) seen.push(lib.shape_add_point(s, x, y).copyAndVerify(same));
  const v = lib.structs.shape.read(s).copyAndVerify(same);
  const pts = lib.structs.point_t.readArray((s + lib.structs.shape.offsetOf('points')) as SandboxPtr<'point_t'>, 3).copyAndVerify(same);
  assert.deepEqual(pts, [{ x: 1, y: 2 }, { x: 3, y: -4 }, { x: 5, y: 6 }]);
  seen.push(pts);
  seen.push(v.kind, v.name, v.id, v.npoints, v.points, v.style, v.scale, v.next);
  const view = lib.structs.shape.view(s);
  seen.push(view.id.copyAndVerify(same), view.points.copyAndVerify(same)[1], view.style.width.copyAndVerify(same), view.name.copyAndVerify(same));
  lib.structs.shape.write(s, { ...v, scale: 0.5, area_hint: -1_000_000, flags: 3, npoints: 2 });
  seen.push(lib.shape_perimeter(s).copyAndVerify(same), lib.shape_area_hint(s, 7).copyAndVerify(same), lib.shape_checksum(s).copyAndVerify(same));
  seen.push(lib.shapes_magic().copyAndVerify(same) === SHAPES_MAGIC);
  const visited: Array<[number, number]> = [];
  const marker = lib.sandbox.mallocInSandbox(4);
  const cb = lib.callbacks.point_visitor((p, user) => {
    assert.equal(user.copyAndVerify(same), marker);
    const pt = lib.structs.point_t.read(p).copyAndVerify(same);
    visited.push([pt.x, pt.y]);
  });
  seen.push(lib.shape_visit(s, cb, marker).copyAndVerify(same), visited);
  // The callback stored in a struct's function-pointer field.
  const hooks = lib.structs.shape_hooks.alloc({ on_point: cb, user: marker });
  seen.push(lib.shape_visit_hooks(s, hooks).copyAndVerify(same), visited.length);
  seen.push(lib.structs.shape_hooks.read(hooks).copyAndVerify((h) => h.user === marker && typeof h.on_point === 'number'));
  cb.unregister();
  assert.throws(() => lib.structs.shape_hooks.write(hooks, { on_point: cb, user: null }), /shape_hooks\.on_point: got a callback that was unregistered/);
  lib.sandbox.freeInSandbox(hooks);
  lib.sandbox.freeInSandbox(marker);
  const host: shape = {
    kind: SHAPE_LINE, name: 'x'.repeat(15), flags: 0xffffffff, id: 1n, scale: 3, area_hint: 2 ** 31 - 1, npoints: 1,
    points: [{ x: -7, y: 8 }], style: { r: 255, g: 0, b: 128, width: 0.25 }, next: s as SandboxPtr<'struct shape'>,
  };
  const mine = lib.structs.shape.alloc(host);
  const back = lib.structs.shape.read(mine).copyAndVerify(same);
  seen.push({ ...back, next: back.next === s });
  seen.push(lib.shape_area_hint(mine, 0).copyAndVerify(same), lib.shape_perimeter(mine).copyAndVerify(same));
  const buf = lib.sandbox.mallocInSandbox<'char'>(64);
  const n = lib.shape_describe(mine, buf, 64).copyAndVerify(same);
  seen.push(n, lib.sandbox.readBytes(buf, n).copyAndVerify((b) => new TextDecoder().decode(b)));
  lib.sandbox.freeInSandbox(buf);
  lib.sandbox.freeInSandbox(mine);
  lib.shape_free(s);
  return seen;
}

describe('structs example bindings', () => {
  const results = new Map<string, unknown[]>();
  for (const [kind, make] of Object.entries(BACKENDS)) {
    test(`${kind}: functions, structs, enums, uint64_t, double, long and a struct-pointer callback`, async () => {
      const lib = await loadShapes(make, shapesDir);
      try {
        assert.equal(lib.sandbox.kind, kind);
        assert.equal(lib.structs.shape.size, kind === 'noop' ? 104 : 96);
        assert.equal(lib.structs.shape.offsetOf('points'), kind === 'noop' ? 56 : 48);
        const r = scenario(lib);
        results.set(kind, r);
        assert.equal(r[r.length - 1], 'xxxxxxxxxxxxxxx: kind 1, 1 points, flags 4294967295');
      } finally {
        lib.destroy();
      }
    });
  }
  test('every backend observed the same values', () => {
    assert.equal(results.size, 3);
    assert.deepEqual(results.get('wasm'), results.get('wasm2c'));
    assert.deepEqual(results.get('noop'), results.get('wasm2c'));
  });

  test('plain JavaScript callers get argument checks', async () => {
    const lib = await loadShapes(wasm2c, shapesDir);
    try {
      const js = lib as unknown as Record<string, (...a: unknown[]) => unknown>;
      assert.throws(() => js['shape_add_point']!(0), SandboxArgumentError);
      assert.throws(() => js['shape_new']!(0, null, 'x'), SandboxArgumentError);
      assert.throws(() => js['shape_area_hint']!(null, 1.5), SandboxArgumentError);
      assert.throws(() => lib.callbacks.point_visitor(42 as never), SandboxArgumentError);
    } finally {
      lib.destroy();
    }
  });

  test('struct writes check every field and name the bad one', async () => {
    const lib = await loadShapes(wasm, shapesDir);
    try {
      const p = lib.structs.point_t.alloc({ x: 1, y: 2 });
      const w = (v: unknown) => () => lib.structs.point_t.write(p, v as never);
      assert.throws(w({ x: 1 }), /field 'y' of point_t is missing/);
      assert.throws(w({ x: 1, y: 2, z: 3 }), /not 'z'/);
      assert.throws(w({ x: 1.5, y: 2 }), /point_t\.x: expected an integer/);
      assert.throws(w({ x: 2 ** 32, y: 2 }), /point_t\.x/);
      const s = lib.structs.shape.alloc();
      const base = lib.structs.shape.read(s).copyAndVerify(same);
      const ws = (v: Partial<shape>) => () => lib.structs.shape.write(s, { ...base, ...v } as shape);
      assert.throws(ws({ name: 'x'.repeat(16) }), /shape\.name: expected a string of at most 15 UTF-8 bytes/);
      assert.throws(ws({ points: [{ x: 0, y: 0 }, { x: 0, y: 0 }, { x: 0, y: 0 }, { x: 0, y: 0 }, { x: 0, y: 0 }] }), /shape\.points: expected at most 4 elements/);
      assert.throws(ws({ points: [{ x: 0, y: 0 }, { x: 0, y: 'a' as never }] }), /shape\.points\[1\]\.y/);
      assert.throws(ws({ id: 1 as never }), /shape\.id: expected a bigint/);
      assert.throws(ws({ style: { r: 256, g: 0, b: 0, width: 1 } }), /shape\.style\.r/);
      assert.deepEqual(lib.structs.point_t.read(p).copyAndVerify(same), { x: 1, y: 2 }, 'a refused write leaves memory alone');
      lib.sandbox.freeInSandbox(p);
      lib.sandbox.freeInSandbox(s);
    } finally {
      lib.destroy();
    }
  });

  for (const kind of ['wasm2c', 'wasm'] as const) {
    test(`${kind}: struct reads and views are bounds-checked against the sandbox memory`, async () => {
      const lib = await loadShapes(BACKENDS[kind], shapesDir);
      try {
        const end = 2 ** 32 - 16;
        assert.throws(() => lib.structs.shape.read(end as SandboxPtr<'struct shape'>), SandboxBoundsError);
        assert.throws(() => lib.structs.shape.view(end as SandboxPtr<'struct shape'>), SandboxBoundsError);
        assert.throws(() => lib.structs.point_t.write(end as SandboxPtr<'point_t'>, { x: 0, y: 0 }), SandboxBoundsError);
      } finally {
        lib.destroy();
      }
    });
  }

  test('noop needs the factory itself (to declare the header to it); a ready wasm2c factory works', async () => {
    await assert.rejects(loadShapes(noop(shapesDir)), /pass the noop factory itself/);
    const lib = await loadShapes(wasm2c(shapesDir));
    try {
      assert.equal(lib.shapes_magic().copyAndVerify(same), SHAPES_MAGIC);
    } finally {
      lib.destroy();
    }
  });
});

test('the JavaScript form of the bindings (.js + .d.ts) runs the same scenario', async () => {
  const dir = join(here, '.cache', 'js-runtime');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'shapes.bindings.js');
  const e = emitBindings(await readHeader({ header: join(root, 'examples/structs/shapes.h') }), { name: 'shapes', runtimeImport: defaultRuntimeImport(file) });
  writeFileSync(file, e.js);
  writeFileSync(join(dir, 'shapes.bindings.d.ts'), e.dts);
  const mod = (await import(pathToFileURL(file).href)) as typeof import('../../examples/structs/shapes.bindings.js');
  assert.equal(mod.SHAPES_MAGIC, SHAPES_MAGIC);
  for (const make of [wasm2c, noop]) {
    const lib = await mod.loadShapes(make, shapesDir);
    try {
      const r = scenario(lib);
      assert.equal(r[r.length - 1], 'xxxxxxxxxxxxxxx: kind 1, 1 points, flags 4294967295');
    } finally {
      lib.destroy();
    }
  }
});

test('odd.h: a union, a 2-D array, _Bool and long in a struct, char **, and header functions the library lacks', async () => {
  const dir = join(here, '.cache', 'odd-runtime');
  mkdirSync(dir, { recursive: true });
  const build = await buildLibrary({ sources: [join(here, 'fixtures', 'odd.c')], name: 'odd', outDir: join(dir, 'build') });
  const file = join(dir, 'odd.bindings.ts');
  writeFileSync(file, emitBindings(await readHeader({ header: join(here, 'fixtures', 'odd.h') }), { name: 'odd', runtimeImport: defaultRuntimeImport(file) }).source);
  type Odd = { loadOdd: (m: unknown, d: string) => Promise<Record<string, (...a: unknown[]) => { copyAndVerify<R>(f: (v: never) => R): R }> & { sandbox: import('../../src/sandbox/index.js').Sandbox; structs: Record<string, import('../../src/sandbox/library.js').StructType<Record<string, unknown>, string>>; destroy(): void }> };
  const mod = (await import(pathToFileURL(file).href)) as Odd;
  const sums: unknown[] = [];
  for (const make of [wasm2c, wasm, noop]) {
    const lib = await mod.loadOdd(make, build.outDir);
    try {
      const sb = lib.sandbox;
      const o = lib.structs['outer']!.alloc({
        in: [{ c: -1, d: 2.9 }, { c: 3, d: 4 }], num: { i: 100 }, grid: [[1, 2, 3], [4, 5, 6]],
        label: 0, hook: 0, count: 7, big: 2n ** 40n, flag: 1,
      });
      const out = sb.mallocInSandbox(8);
      lib['odd_sum']!(o, out);
      sums.push(sb.read(out, 'i64').copyAndVerify(same));
      const view = lib.structs['outer']!.view(o) as unknown as { num: { i: { copyAndVerify<R>(f: (v: number) => R): R }; f: { copyAndVerify<R>(f: (v: number) => R): R } } };
      assert.equal(view.num.i.copyAndVerify(same), 100);
      assert.throws(() => lib.structs['union_number']!.write(o as never, { i: 1, f: 2 }), /one field of the union/);
      const a = sb.newString('abc');
      const b = sb.newString('de');
      const argv = sb.mallocInSandbox(2 * sb.pointerSize);
      sb.write(argv, 'ptr', a);
      sb.write(argv + sb.pointerSize, 'ptr', b);
      assert.equal(lib['odd_count']!(argv, 2).copyAndVerify(same), 5);
      assert.throws(() => lib['odd_open']!(a), /odd_open\(\) is declared in odd\.h but the library does not define it/);
      lib['odd_close']!(null);
    } finally {
      lib.destroy();
    }
  }
  // -1 + 2 + 3 + 4 + 100 + (1+2+3) + 2*(4+5+6) + 7 + 2^40 + 1
  assert.deepEqual(sums, Array(3).fill(2n ** 40n + 152n));
});

describe('hello bindings', () => {
  for (const [kind, make] of Object.entries(BACKENDS)) {
    test(`${kind}: add, echo and a typed callback`, async () => {
      const lib = await loadMylib(make, mylibDir);
      try {
        assert.equal(lib.add(3, 4).copyAndVerify(same), 7);
        assert.equal(lib.add(2 ** 32 - 1, 2).copyAndVerify(same), 1, 'unsigned arithmetic wraps in C');
        const got: string[] = [];
        const cb = lib.callbacks.call_cb_cb((s) => {
          got.push(s.copyAndVerifyString(same, 64));
        });
        lib.call_cb(cb);
        cb.unregister();
        assert.deepEqual(got, ['hi again!']);
      } finally {
        lib.destroy();
      }
    });
  }
});
