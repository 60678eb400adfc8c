// Boundary costs per backend (noop, wasm2c, wasm), measured through the sandbox API: a call into the sandbox,
// a callback round trip out of it, a 1 KiB string in and a buffer out, creating and destroying a sandbox, and
// the address space / resident memory of 1,000 live sandboxes. Each backend is measured in a process of its
// own (bench/lib/boundary-child.ts), as an application uses one backend: sharing one process would make the
// API's call sites polymorphic across backends and measure that instead (30-100 ns more per call).
import { existsSync, readFileSync } from 'node:fs';
import koffi from 'koffi';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exec } from './exec.js';
import { buildLibrary } from '../../src/build/index.js';
import { WA } from '../../src/sandbox/backends/wasm-api.js';
import { createSandboxSync, noop, wasm, wasm2c, type Sandbox, type Signature } from '../../src/sandbox/index.js';
import { median } from './measure.js';

const BACKENDS = ['noop', 'wasm2c', 'wasm'] as const;
export type BackendName = (typeof BACKENDS)[number];

const FUNCTIONS = {
  add: ['u32', ['u32', 'u32']],
  call_int_cb: ['i32', ['ptr', 'i32']],
  call_cb_n: ['i32', ['ptr', 'i32']],
  take_string: ['u32', ['ptr']],
  fill_buffer: ['void', ['ptr', 'u32']],
} as const satisfies Record<string, Signature>;

export interface BackendCosts {
  /** ns per `invoke('add', i, 1)` + copyAndVerify */
  readonly callNs: number;
  /** ns per call of the typed method from `bind({ add })` + copyAndVerify */
  readonly boundCallNs: number;
  /** ns per callback round trip inside one call (call_cb_n: sandbox -> TypeScript -> sandbox) */
  readonly callbackNs: number;
  /** ns per invoke of call_int_cb (into the sandbox, out to TypeScript, back, back) */
  readonly callWithCallbackNs: number;
  /** ns per newString(1 KiB) + invoke(take_string) + freeInSandbox */
  readonly stringInNs: number;
  /** ns per invoke(fill_buffer, 1 KiB) + readBytes(1 KiB) */
  readonly bufferOutNs: number;
  /** us per createSandboxSync + destroy */
  readonly createDestroyUs: number;
  /** per sandbox with `liveCount` alive: growth of VmSize and VmRSS divided by the count, in KiB */
  readonly addressSpaceKiB: number;
  readonly residentKiB: number;
  readonly liveCount: number;
}

export interface BoundaryFloors {
  /** ns per koffi call of the native add (no sandbox API, no glue): the floor of noop and wasm2c */
  readonly koffiNs: number;
  /** ns per call of the wasm export `add` on a bare WebAssembly.Instance: the floor of the wasm backend */
  readonly wasmNs: number;
  /** ns per round trip into a koffi-registered JS function from native call_cb_n: the floor of callbacks */
  readonly koffiCallbackNs: number;
  /**
   * ns per call of the wasm2c `add` through its N-API entry (arguments stored in the shared block, the entry
   * called, the result loaded; no sandbox API): the floor of wasm2c calls with the addon. NaN without one.
   */
  readonly napiEntryNs: number;
}

export interface BoundaryResults {
  readonly rounds: number;
  readonly floors: BoundaryFloors;
  readonly backends: Record<BackendName, BackendCosts>;
}

export interface BoundaryOptions {
  readonly benchDir: string;
  readonly cacheDir: string;
  readonly smoke: boolean;
  readonly rounds: number;
  readonly log: (line: string) => void;
}

function statusKiB(field: 'VmSize' | 'VmRSS'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) : NaN;
}

/**
 * Nanoseconds per iteration, in CPU time of this process (user + system): on a shared machine the wall clock
 * also counts the time spent waiting for a core, which says nothing about the boundary.
 */
function timeNs(iterations: number, body: (i: number) => void): number {
  // Warm-up: V8 needs ~1M calls of the API's call path before it settles (measured: 196, 88, 61, 46, 46 ns
  // for five successive passes of 300,000 invokes); fewer would time the tiers of the JIT, not the boundary.
  for (let i = 0; i < Math.min(iterations * 3, 1_000_000); i++) body(i);
  const c0 = process.cpuUsage();
  for (let i = 0; i < iterations; i++) body(i);
  const c = process.cpuUsage(c0);
  return ((c.user + c.system) * 1000) / iterations;
}

const unchecked = 'benchmark: the value only feeds a sum that is never used';

function measureCalls(sb: Sandbox, n: number): Omit<BackendCosts, 'createDestroyUs' | 'addressSpaceKiB' | 'residentKiB' | 'liveCount'> {
  let sink = 0;
  const callNs = timeNs(n, (i) => {
    sink += sb.invoke('add', i & 0xffff, 1).copyAndVerify((v) => v);
  });
  const bound = sb.bind({ add: FUNCTIONS.add });
  const boundCallNs = timeNs(n, (i) => {
    sink += bound.add(i & 0xffff, 1).copyAndVerify((v) => v);
  });
  const cb = sb.registerCallback((x) => x.unverifiedSafeBecause(unchecked) + 1, ['i32', ['i32']]);
  const perCall = 100;
  const callbackNs = timeNs(Math.max(1, n / perCall), () => {
    sink += sb.invoke('call_cb_n', cb, perCall).unverifiedSafeBecause(unchecked);
  }) / perCall;
  const callWithCallbackNs = timeNs(n / 4, (i) => {
    sink += sb.invoke('call_int_cb', cb, i & 0xffff).unverifiedSafeBecause(unchecked);
  });
  cb.unregister();
  const kib = 'x'.repeat(1023);
  const stringInNs = timeNs(n / 4, () => {
    const p = sb.newString(kib);
    sink += sb.invoke('take_string', p).unverifiedSafeBecause(unchecked);
    sb.freeInSandbox(p);
  });
  const buf = sb.mallocInSandbox(1024);
  const bufferOutNs = timeNs(n / 4, () => {
    sb.invoke('fill_buffer', buf, 1024);
    sink += sb.readBytes(buf, 1024).copyAndVerify((b) => b[1023]!);
  });
  sb.freeInSandbox(buf);
  if (sink === -1) console.log(sink);
  return { callNs, boundCallNs, callbackNs, callWithCallbackNs, stringInNs, bufferOutNs };
}

function factoryFor(outDir: string, b: BackendName) {
  return b === 'noop' ? noop(outDir, { functions: FUNCTIONS }) : b === 'wasm2c' ? wasm2c(outDir, { functions: FUNCTIONS }) : wasm(outDir, { functions: FUNCTIONS });
}

/** What bench/lib/boundary-child.ts measures in its process: one round of one backend, or its memory. */
export interface ChildRequest {
  readonly outDir: string;
  readonly backend: BackendName;
  readonly what: 'time' | 'memory';
  readonly n: number;
  readonly creations: number;
  readonly live: number;
}
export type ChildTimes = Omit<BackendCosts, 'addressSpaceKiB' | 'residentKiB' | 'liveCount'>;
export interface ChildMemory {
  readonly addressSpaceKiB: number;
  readonly residentKiB: number;
}

/** Runs in the child process. */
export function measureInThisProcess(r: ChildRequest): ChildTimes | ChildMemory {
  const factory = () => factoryFor(r.outDir, r.backend);
  if (r.what === 'time') {
    const sb = createSandboxSync(factory());
    const calls = measureCalls(sb, r.n);
    sb.destroy();
    const createDestroyUs = timeNs(r.creations, () => createSandboxSync(factory()).destroy()) / 1000;
    return { ...calls, createDestroyUs };
  }
  createSandboxSync(factory()).destroy();  // the library/module itself is loaded once per process
  const vm0 = statusKiB('VmSize');
  const rss0 = statusKiB('VmRSS');
  const sandboxes: Sandbox[] = [];
  for (let i = 0; i < r.live; i++) {
    const sb = createSandboxSync(factory());
    sb.invoke('add', 1, 2).unverifiedSafeBecause(unchecked);
    sandboxes.push(sb);
  }
  const memory = { addressSpaceKiB: (statusKiB('VmSize') - vm0) / r.live, residentKiB: (statusKiB('VmRSS') - rss0) / r.live };
  for (const sb of sandboxes) sb.destroy();
  return memory;
}

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'boundary-child.ts');

async function inChild<T>(request: ChildRequest): Promise<T> {
  const r = await exec([process.execPath, '--import', 'tsx', CHILD, JSON.stringify(request)]);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new Error(`boundary child (${request.backend}, ${request.what}) printed no result:\n${r.stdout}\n${r.stderr}`);
  }
}

export async function runBoundaryBench(o: BoundaryOptions): Promise<BoundaryResults> {
  const outDir = join(o.cacheDir, 'build', 'boundary');
  await buildLibrary({ sources: [join(o.benchDir, 'boundary', 'boundary.c')], name: 'boundary', outDir });
  const n = o.smoke ? 2000 : 300000;
  const creations = o.smoke ? 5 : 300;
  const live = o.smoke ? 10 : 1000;
  const base = { outDir, n, creations, live };

  const rounds: Record<BackendName, ChildTimes[]> = { noop: [], wasm2c: [], wasm: [] };
  for (let round = 0; round < o.rounds; round++) {
    for (const b of BACKENDS) {
      const t = await inChild<ChildTimes>({ ...base, backend: b, what: 'time' });
      rounds[b].push(t);
      o.log(`  round ${round + 1} ${b.padEnd(6)} call ${t.callNs.toFixed(0)} ns (bound ${t.boundCallNs.toFixed(0)} ns), ` +
            `callback ${t.callbackNs.toFixed(0)} ns, create+destroy ${t.createDestroyUs.toFixed(1)} us`);
    }
  }
  // Memory: once per backend, at the end (the numbers do not vary from round to round; time is not involved).
  const memory = {} as Record<BackendName, ChildMemory>;
  for (const b of BACKENDS) {
    memory[b] = await inChild<ChildMemory>({ ...base, backend: b, what: 'memory' });
    o.log(`  ${b}: ${live} live sandboxes: ${memory[b].addressSpaceKiB.toFixed(0)} KiB address space, ` +
          `${memory[b].residentKiB.toFixed(0)} KiB resident each`);
  }
  const floors = measureFloors(outDir, n, o.rounds);
  o.log(`  floors: raw koffi call ${floors.koffiNs.toFixed(0)} ns, bare wasm export call ${floors.wasmNs.toFixed(0)} ns, ` +
        `raw koffi callback ${floors.koffiCallbackNs.toFixed(0)} ns, N-API entry ${floors.napiEntryNs.toFixed(0)} ns`);
  const med = (b: BackendName, k: keyof ChildTimes) => median(rounds[b].map((r) => r[k]));
  const backends = {} as Record<BackendName, BackendCosts>;
  for (const b of BACKENDS) {
    backends[b] = {
      callNs: med(b, 'callNs'), boundCallNs: med(b, 'boundCallNs'), callbackNs: med(b, 'callbackNs'),
      callWithCallbackNs: med(b, 'callWithCallbackNs'), stringInNs: med(b, 'stringInNs'), bufferOutNs: med(b, 'bufferOutNs'),
      createDestroyUs: med(b, 'createDestroyUs'), ...memory[b], liveCount: live,
    };
  }
  return { rounds: o.rounds, floors, backends };
}

/** What a call costs with nothing but the FFI (koffi) or the engine (a bare wasm instance) in the way. */
function measureFloors(outDir: string, n: number, rounds: number): BoundaryFloors {
  const lib = koffi.load(join(outDir, 'libboundary_native.so'));
  const add = lib.func('add', 'uint32_t', ['uint32_t', 'uint32_t']) as (a: number, b: number) => number;
  const module = new WA.Module(readFileSync(join(outDir, 'boundary.wasm')));
  const imports: Record<string, Record<string, () => number>> = {};
  for (const imp of WA.Module.imports(module)) (imports[imp.module] ??= {})[imp.name] = () => 52;
  const wasmAdd = new WA.Instance(module, imports).exports['add'] as (a: number, b: number) => number;
  const proto = koffi.proto('int rlbox_bench_cb_t(int)');
  const callN = lib.func('call_cb_n', 'int', [koffi.pointer(proto), 'int']) as (cb: unknown, count: number) => number;
  const cb = koffi.register((x: number) => x + 1, koffi.pointer(proto));
  const koffiNs: number[] = [];
  const wasmNs: number[] = [];
  const koffiCallbackNs: number[] = [];
  const napiEntryNs: number[] = [];
  const napi = napiEntry(outDir);
  const perCall = 100;
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    koffiNs.push(timeNs(n, (i) => { sink += add(i & 0xffff, 1); }));
    if (napi !== undefined) {
      const { entry, slots } = napi;
      napiEntryNs.push(timeNs(n, (i) => { slots[6] = i & 0xffff; slots[8] = 1; entry(); sink += slots[0]!; }));
    }
    wasmNs.push(timeNs(n, (i) => { sink += wasmAdd(i & 0xffff, 1); }));
    koffiCallbackNs.push(timeNs(Math.max(1, n / perCall), () => { sink += callN(cb, perCall); }) / perCall);
  }
  if (sink === -1) console.log(sink);
  koffi.unregister(cb);
  lib.unload();
  napi?.destroy();
  return {
    koffiNs: median(koffiNs), wasmNs: median(wasmNs), koffiCallbackNs: median(koffiCallbackNs),
    napiEntryNs: napi !== undefined ? median(napiEntryNs) : NaN,
  };
}

/**
 * The N-API entry of `add` in boundary.wasm2c.node on an instance of its own, as the wasm2c backend drives it:
 * u32 slot views of the shared block (argument i at index 6 + 2i, the result at 0).
 */
function napiEntry(outDir: string): { entry: () => void; slots: Uint32Array; destroy: () => void } | undefined {
  const file = join(outDir, 'boundary.wasm2c.node');
  if (!existsSync(file)) return undefined;
  const m = { exports: {} as { bind?: (sb: bigint, index: number) => () => void; exports?: string[] } };
  process.dlopen(m, file);
  const lib = koffi.load(file);
  const create = lib.func('rlbox_boundary_create', 'void *', ['void *', 'size_t', 'size_t']);
  const destroy = lib.func('rlbox_boundary_destroy', 'void', ['void *']);
  const err = Buffer.alloc(256);
  const sb: unknown = create(err, err.length, 0);
  const entry = m.exports.bind!(koffi.address(sb), m.exports.exports!.indexOf('add'));
  return { entry, slots: new Uint32Array(koffi.view(sb, 40)), destroy: () => destroy(sb) };
}

export function boundaryMarkdown(r: BoundaryResults): string {
  const rows: [string, (c: BackendCosts) => string][] = [
    ['TypeScript -> sandbox call `add(a, b)` (`invoke`)', (c) => `${c.callNs.toFixed(0)} ns`],
    ['the same through `bind({ add })`', (c) => `${c.boundCallNs.toFixed(0)} ns`],
    ['callback round trip (sandbox -> TypeScript -> sandbox, inside one call)', (c) => `${c.callbackNs.toFixed(0)} ns`],
    ['call + callback (`call_int_cb`)', (c) => `${c.callWithCallbackNs.toFixed(0)} ns`],
    ['1 KiB string in (newString + call + free)', (c) => `${c.stringInNs.toFixed(0)} ns`],
    ['1 KiB buffer out (call filling it + readBytes)', (c) => `${c.bufferOutNs.toFixed(0)} ns`],
    ['create + destroy', (c) => `${c.createDestroyUs.toFixed(1)} us`],
    // Growth of the whole process divided by the count: the GC can make it slightly negative for noop, whose
    // sandboxes own no memory; that reads as 0.
    [`address space per sandbox (${r.backends.wasm2c.liveCount} live)`, (c) => `${Math.max(0, c.addressSpaceKiB / 1024).toFixed(1)} MiB`],
    [`resident memory per sandbox (${r.backends.wasm2c.liveCount} live)`, (c) => `${Math.max(0, c.residentKiB).toFixed(0)} KiB`],
  ];
  return [
    `Boundary costs (median of ${r.rounds} round(s), CPU time of this Node process per operation):`,
    '',
    `| | ${BACKENDS.join(' | ')} |`,
    `| --- | ${BACKENDS.map(() => '---:').join(' | ')} |`,
    ...rows.map(([label, f]) => `| ${label} | ${BACKENDS.map((b) => f(r.backends[b])).join(' | ')} |`),
    '',
    `Floors: a raw koffi call of the native \`add\` costs ${r.floors.koffiNs.toFixed(0)} ns; a call of the export on a bare ` +
      `\`WebAssembly.Instance\` ${r.floors.wasmNs.toFixed(0)} ns; a raw koffi callback round trip (native loop calling a ` +
      `registered JS function) ${r.floors.koffiCallbackNs.toFixed(0)} ns` +
      (Number.isNaN(r.floors.napiEntryNs) ? '.' : `; the N-API entry of the wasm2c \`add\` (no sandbox API) ${r.floors.napiEntryNs.toFixed(0)} ns.`),
  ].join('\n');
}
