// The generator on real headers: what it binds, what it refuses (naming the declaration and its line), that the
// output type-checks under the project's strict options, that struct layouts are what clang itself reports with
// -fdump-record-layouts for wasm32 and for the host, and that the committed example bindings are up to date.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultRuntimeImport, emitBindings, findHeader, parseCType, readHeader, writeBuildBindings, type HeaderModel } from '../../src/bindings/index.js';
import type { FieldType, LibraryMeta } from '../../src/sandbox/library.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const cache = join(here, '.cache');
const ODD = join(here, 'fixtures', 'odd.h');
const SHAPES = join(root, 'examples', 'structs', 'shapes.h');
const MYLIB = join(root, 'examples', 'hello', 'mylib.h');
/** A real library's header, when the system has it (libexpat-dev). */
const EXPAT = '/usr/include/expat.h';
const haveExpat = existsSync(EXPAT);

const models = new Map<string, Promise<HeaderModel>>();
const model = (h: string) => {
  let m = models.get(h);
  if (!m) models.set(h, (m = readHeader({ header: h })));
  return m;
};

test('C type strings as clang prints them', () => {
  const ctx = { target: { longBits: 64, pointerBytes: 8 } as const, typedefs: new Map([['int16_t', { text: 'short' }], ['pt', { record: { tag: 'struct' as const, name: 'pt' } }]]) };
  const p = (t: string) => JSON.stringify(parseCType(t, ctx));
  assert.equal(p('int16_t[2][3]'), JSON.stringify({ k: 'array', of: { k: 'array', of: { k: 'int', bits: 16, signed: true, spelling: 'short' }, count: 3 }, count: 2 }));
  assert.equal(p('char *[3]'), JSON.stringify({ k: 'array', of: { k: 'ptr', to: { k: 'int', bits: 8, signed: true, spelling: 'char' } }, count: 3 }));
  assert.equal(p('int (*)[4]'), JSON.stringify({ k: 'ptr', to: { k: 'array', of: { k: 'int', bits: 32, signed: true, spelling: 'int' }, count: 4 } }));
  assert.equal(p('const pt *const'), JSON.stringify({ k: 'ptr', to: { k: 'record', tag: 'struct', name: 'pt' } }));
  assert.equal(p('unsigned long'), JSON.stringify({ k: 'int', bits: 64, signed: false, spelling: 'unsigned long' }));
  const fnRet = parseCType('int (*(void))(int)', ctx);
  assert.equal(fnRet.k === 'fn' && fnRet.result.k === 'ptr' && fnRet.result.to.k, 'fn');
  assert.equal(parseCType('long double', ctx).k, 'unsupported');
  assert.equal(parseCType('mystery_t', ctx).k, 'unsupported');
});

test('odd.h: everything mappable is bound, everything else is named with its line', async () => {
  const m = await model(ODD);
  const { meta, diagnostics, source } = emitBindings(m, { name: 'odd', runtimeImport: '../../../src/sandbox/library.js' });
  const at = diagnostics.map((d) => `${d.line}:${d.decl}`);
  for (const want of ['13:ODD_MAX', '36:struct with_bits', '37:struct holds_bits', '39:struct with_anon', '41:odd_log', '42:odd_make_inner', '43:odd_take_inner', '44:odd_long_double', '49:destroy', '50:odd_inline', '51:odd_cb_by_value']) {
    assert.ok(at.includes(want), `no diagnostic ${want} in ${JSON.stringify(at)}`);
  }
  const say = (decl: string) => diagnostics.find((d) => d.decl === decl)!.message;
  assert.match(say('odd_log'), /variable arguments/);
  assert.match(say('struct with_bits'), /bit-field 'a'/);
  assert.match(say('odd_make_inner'), /by value/);
  assert.match(say('odd_long_double'), /its result is of a type that cannot be mapped \('long double' has no JavaScript counterpart\)/);
  assert.match(say('odd_take_inner'), /parameter 1 'in' is struct inner passed or returned by value/);
  assert.match(say('ODD_MAX'), /function-like macro/);
  assert.match(say('struct odd_dup'), /another struct is already bound as 'odd_dup'/);
  assert.deepEqual(Object.keys(meta.functions).sort(), ['destroy', 'odd_close', 'odd_count', 'odd_get_handler', 'odd_open', 'odd_sum']);
  assert.deepEqual(meta.functions['odd_count'], { wasm32: ['u32', ['ptr', 'u32']], host: ['u64', ['ptr', 'u64']] });
  assert.deepEqual(Object.keys(meta.structs).sort(), ['inner', 'odd_dup', 'outer', 'union_number']);
  assert.equal(meta.structs['union_number']!.union, true);
  assert.deepEqual(m.macros.map((x) => [x.name, x.value]), [['ODD_SMALL', 7n], ['ODD_NEG', -3n], ['ODD_EXPR', 115n], ['ODD_BIG', 2n ** 64n - 1n], ['ODD_ALIAS', 7n]]);
  assert.deepEqual(m.enums[0]!.constants.map((k) => [k.name, k.value]), [['ODD_MINUS', -1n], ['ODD_ZERO', 0n], ['ODD_PLUS', 1n]]);
  assert.match(source, /export const ODD_BIG = 18446744073709551615n;/);
  assert.match(source, /destroy_\(p: rlbox\.PtrParam\): void;/);
  assert.match(source, /odd_count\(argv: rlbox\.PtrParam<'char \*'>, n: rlbox\.NumParam\): rlbox\.Tainted<number>;/);
  assert.match(source, /grid: number\[\]\[\];/);
});

test('declarations of local headers the header includes are bound too, with their file in messages', async () => {
  const m = await readHeader({ header: join(here, 'fixtures', 'multi', 'multi.h') });
  const { meta, source, diagnostics } = emitBindings(m, { name: 'multi', runtimeImport: 'x' });
  assert.deepEqual(Object.keys(meta.structs).sort(), ['multi_box', 'multi_pair']);
  assert.deepEqual(Object.keys(meta.functions), ['multi_sum']);
  assert.match(source, /export const MULTI_VERSION = 3;/);
  assert.match(source, /export const MULTI_LIMIT = 1024;/);
  assert.deepEqual(m.localFiles.map((f) => f.split('/').at(-1)).sort(), ['multi.h', 'multi_limits.h', 'multi_types.h']);
  assert.match(source, /\(multi_types\.h:4\)/);
  assert.deepEqual(diagnostics.map((d) => [d.file, d.line, d.decl]), [['multi_types.h', 5, 'multi_printf']]);
  assert.ok(!Object.keys(meta.functions).some((f) => f.startsWith('int')), 'nothing from <stdint.h>');
});

test('the build step finds the header next to the source and regenerates only when an input changed', async () => {
  assert.equal(findHeader({ sources: [join(root, 'examples/hello/mylib.c')], name: 'mylib' }), MYLIB);
  assert.equal(findHeader({ sources: [join(root, 'examples/hello/mylib.c')], name: 'other' }), MYLIB, '<source>.h when <name>.h is missing');
  assert.equal(findHeader({ sources: [join(here, 'must-fail.test.ts')], name: 'nothing' }), undefined);
  const src = join(cache, 'step');
  rmSync(src, { recursive: true, force: true });
  mkdirSync(src, { recursive: true });
  for (const f of ['multi.h', 'multi_types.h', 'multi_limits.h']) copyFileSync(join(here, 'fixtures', 'multi', f), join(src, f));
  const o = { sources: [join(src, 'multi.c')], name: 'multi', outDir: join(src, 'out') };
  const first = await writeBuildBindings(o);
  assert.equal(first?.upToDate, false);
  assert.ok(existsSync(join(src, 'out', 'multi.bindings.ts')));
  const again = await writeBuildBindings(o);
  assert.equal(again?.upToDate, true);
  assert.deepEqual(again?.diagnostics, first?.diagnostics, 'diagnostics are remembered');
  writeFileSync(join(src, 'multi_limits.h'), '#define MULTI_LIMIT 5\n');
  const changed = await writeBuildBindings(o);
  assert.equal(changed?.upToDate, false, 'a macro-only included header is an input too');
  assert.match(readFileSync(join(src, 'out', 'multi.bindings.ts'), 'utf8'), /export const MULTI_LIMIT = 5;/);
  assert.equal((await writeBuildBindings({ ...o, defines: ['X=1'] }))?.upToDate, false, 'flags are an input');
});

test('generated bindings (.ts, and .js + .d.ts) type-check under the strict project options', async () => {
  mkdirSync(cache, { recursive: true });
  const out = join(cache, 'odd.bindings.ts');
  writeFileSync(out, emitBindings(await model(ODD), { name: 'odd', runtimeImport: defaultRuntimeImport(out) }).source);
  // The JavaScript + declarations form, used from TypeScript through its .d.ts.
  mkdirSync(join(cache, 'js'), { recursive: true });
  const js = emitBindings(await model(SHAPES), { name: 'shapes', runtimeImport: defaultRuntimeImport(join(cache, 'js', 'x.js')) });
  writeFileSync(join(cache, 'js', 'shapes.bindings.js'), js.js);
  writeFileSync(join(cache, 'js', 'shapes.bindings.d.ts'), js.dts);
  writeFileSync(
    join(cache, 'use-js.ts'),
    `import { loadShapes, SHAPES_MAGIC, type Shapes } from './js/shapes.bindings.js';\n` +
      `export async function use(l: Shapes): Promise<bigint> { const m: 6001118316487454769n = SHAPES_MAGIC; void loadShapes; return l.shapes_magic().copyAndVerify((v) => v + m); }\n`,
  );
  const tsconfig = join(cache, 'tsconfig.generated.json');
  writeFileSync(tsconfig, JSON.stringify({ extends: '../../../tsconfig.json', include: [], files: ['odd.bindings.ts', 'use-js.ts'] }));
  const r = spawnSync(join(root, 'node_modules', '.bin', 'tsc'), ['--noEmit', '--pretty', 'false', '-p', tsconfig], { encoding: 'utf8', cwd: root });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

/** Top-level field offsets, size and alignment of every record clang lays out, from -fdump-record-layouts. */
function clangLayouts(header: string, records: readonly string[], targetFlags: readonly string[]): Map<string, { size: number; align: number; fields: Map<string, number> }> {
  mkdirSync(cache, { recursive: true });
  const probe = join(cache, `layouts-${targetFlags.length ? 'wasm32' : 'host'}.c`);
  writeFileSync(probe, `#include "${header}"\n${records.map((r, i) => `char __layout_${i}[sizeof(${r})];`).join('\n')}\n`);
  const r = spawnSync('clang', [...targetFlags, '-fsyntax-only', '-Xclang', '-fdump-record-layouts', probe], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = new Map<string, { size: number; align: number; fields: Map<string, number> }>();
  for (const block of r.stdout.split('*** Dumping AST Record Layout').slice(1)) {
    const lines = block.split('\n').filter((l) => l.includes('|'));
    const name = lines[0]!.split('|')[1]!.trim();
    const fields = new Map<string, number>();
    for (const l of lines.slice(1)) {
      const m = /^\s*(\d+)\s\|   (\S.*)$/.exec(l); // exactly three spaces: a direct member, not a nested one
      if (m) fields.set(m[2]!.split(' ').at(-1)!, Number(m[1]));
    }
    const sz = /\[sizeof=(\d+),.*?align=(\d+)/.exec(block)!;
    out.set(name, { size: Number(sz[1]), align: Number(sz[2]), fields });
  }
  return out;
}

function sizeOfField(meta: LibraryMeta, target: 'wasm32' | 'host', t: FieldType): number {
  if (typeof t === 'string') return t === 'ptr' ? (target === 'host' ? 8 : 4) : Number(/\d+/.exec(t)![0]) / 8;
  if ('struct' in t) return meta.structs[t.struct]![target].size;
  if ('string' in t) return t.string;
  return t.count * sizeOfField(meta, target, t.array);
}

test('a real header (expat.h): its API binds, its callback typedefs name the callback types, and it type-checks', { skip: !haveExpat && 'no /usr/include/expat.h' }, async () => {
  const out = join(cache, 'expat.bindings.ts');
  const e = emitBindings(await model(EXPAT), { name: 'expat', runtimeImport: defaultRuntimeImport(out) });
  assert.ok(Object.keys(e.meta.functions).length > 50, `${Object.keys(e.meta.functions).length} functions`);
  assert.ok(e.meta.functions['XML_ParserCreate'] && e.meta.functions['XML_Parse'] && e.meta.functions['XML_SetElementHandler']);
  assert.ok(e.meta.callbacks['XML_StartElementHandler'], Object.keys(e.meta.callbacks).join(' '));
  assert.match(e.source, /XML_SetElementHandler\(parser: rlbox\.PtrParam<'struct XML_ParserStruct'>, start: rlbox\.CallbackParam<XML_StartElementHandler>, end: rlbox\.CallbackParam<XML_EndElementHandler>\): void;/);
  assert.ok(e.diagnostics.some((d) => d.decl === 'XML_ExpatVersionInfo' && /by value/.test(d.message)));
  mkdirSync(cache, { recursive: true });
  writeFileSync(out, e.source);
  const tsconfig = join(cache, 'tsconfig.expat.json');
  writeFileSync(tsconfig, JSON.stringify({ extends: '../../../tsconfig.json', include: [], files: ['expat.bindings.ts'] }));
  const r = spawnSync(join(root, 'node_modules', '.bin', 'tsc'), ['--noEmit', '--pretty', 'false', '-p', tsconfig], { encoding: 'utf8', cwd: root });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

for (const header of [SHAPES, ODD, ...(haveExpat ? [EXPAT] : [])]) {
  test(`struct layouts of ${header.split('/').at(-1)} match clang's -fdump-record-layouts for wasm32 and the host`, async () => {
    const { meta } = emitBindings(await model(header), { name: 'x', runtimeImport: 'x' });
    const cnames = Object.values(meta.structs).map((s) => s.cname);
    assert.ok(cnames.length >= 3);
    let checked = 0;
    for (const [target, flags] of [['wasm32', ['--target=wasm32-wasi']], ['host', []]] as const) {
      const dump = clangLayouts(header, cnames, flags);
      for (const s of Object.values(meta.structs)) {
        const want = dump.get(s.cname);
        assert.ok(want, `clang did not lay out ${s.cname} for ${target}`);
        const l = s[target];
        assert.equal(l.size, want.size, `sizeof(${s.cname}) on ${target}`);
        assert.equal(l.align, want.align, `_Alignof(${s.cname}) on ${target}`);
        assert.equal(l.fields.length, want.fields.size, `field count of ${s.cname} on ${target}`);
        for (const [name, offset, type] of l.fields) {
          assert.equal(offset, want.fields.get(name), `offsetof(${s.cname}, ${name}) on ${target}`);
          assert.ok(offset + sizeOfField(meta, target, type) <= l.size, `${s.cname}.${name} fits in the struct on ${target}`);
          checked++;
        }
      }
    }
    assert.ok(checked > 10);
  });
}

for (const [header, committed] of [[SHAPES, 'examples/structs/shapes.bindings.ts'], [MYLIB, 'examples/hello/mylib.bindings.ts']] as const) {
  test(`the committed ${committed} is what the generator writes today`, async () => {
    const out = join(root, committed);
    const name = header.split('/').at(-1)!.replace(/\.h$/, '');
    const fresh = emitBindings(await model(header), { name, runtimeImport: defaultRuntimeImport(out) }).source;
    assert.equal(readFileSync(out, 'utf8'), fresh, `regenerate ${committed} (rlbox build --header, or generateBindings)`);
  });
}
