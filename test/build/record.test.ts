import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDepfile } from '../../src/build/record.js';
import { objectNames } from '../../src/build/steps/compile.js';

test('depfiles: continuation lines, several targets, escaped spaces', () => {
  const text = 'obj/a.o: /src/a.c /src/a.h \\\n  /usr/include/stdio.h /src/with\\ space.h\nobj/b.o: /src/a.h\n';
  assert.deepEqual(parseDepfile(text), ['/src/a.c', '/src/a.h', '/usr/include/stdio.h', '/src/with space.h']);
});

test('object names stay unique when sources share a base name', () => {
  assert.deepEqual(objectNames(['/a/x.c', '/b/x.c', '/c/y.c']), ['x-0.o', 'x-1.o', 'y.o']);
});

test('a module without malloc/free/memory/table exports is refused with a clear message', async () => {
  const { checkRlboxExports } = await import('../../src/build/steps/wasm2c.js');
  const module = {
    types: [], imports: [], funcs: [], tables: [], memories: [], globals: [], elems: [], datas: [], customs: [],
    exports: [{ name: 'memory', kind: 'memory' as const, index: 0, offset: 0 }],
  };
  assert.throws(() => checkRlboxExports(module, 'lib.wasm'), /lib\.wasm does not export malloc \(function\), free \(function\), __indirect_function_table/);
});
