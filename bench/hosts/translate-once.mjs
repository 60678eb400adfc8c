// One translation of a .wasm to C by rlbox-ts, as a fresh process like `rlbox wasm2c` (JIT cold), from the
// JavaScript tsc emits (not through tsx, whose keepNames wrappers cost ~10% here):
//   node translate-once.mjs <dist dir> <in.wasm> <out.c>
// Prints {"decodeMs", "validateMs", "emitMs", "writeMs"} for the harness.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dist, wasmPath, outPath] = process.argv.slice(2);
const load = (p) => import(pathToFileURL(join(dist, p)).href);
const { decodeModule } = await load('decode/index.js');
const { validateModule } = await load('validate/index.js');
const { emitC } = await load('emit-c/index.js');
const t0 = performance.now();
const module = decodeModule(new Uint8Array(readFileSync(wasmPath)));
const t1 = performance.now();
validateModule(module);
const t2 = performance.now();
const { header, source } = emitC(module, { moduleName: 'bench' });
const t3 = performance.now();
writeFileSync(outPath, source);
writeFileSync(outPath.replace(/\.c$/, '.h'), header);
const t4 = performance.now();
console.log(JSON.stringify({ decodeMs: t1 - t0, validateMs: t2 - t1, emitMs: t3 - t2, writeMs: t4 - t3 }));
