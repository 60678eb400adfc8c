// Host of the Node variant: runs the same <name>.wasm as the rlbox variants in Node's own WebAssembly engine,
// with a minimal WASI of its own (enough for the drivers; every other call answers ENOSYS), and times one call
// of bench_run exactly like the C hosts:  node node-host.mjs <file.wasm> <size> <warmup-size>
import { readFileSync, writeSync } from 'node:fs';

const [wasmPath, sizeArg, warmupArg] = process.argv.slice(2);
if (wasmPath === undefined || sizeArg === undefined || warmupArg === undefined) {
  console.error('usage: node node-host.mjs <file.wasm> <size> <warmup-size>');
  process.exit(2);
}

const ENOSYS = 52, EBADF = 8, ESUCCESS = 0;
let memory;
const view = () => new DataView(memory.buffer);

const wasi = {
  fd_write(fd, iovs, n, out) {
    if (fd !== 1 && fd !== 2) return EBADF;
    const dv = view();
    let total = 0;
    for (let i = 0; i < n; i++) {
      const p = dv.getUint32(iovs + 8 * i, true), len = dv.getUint32(iovs + 8 * i + 4, true);
      writeSync(fd, new Uint8Array(memory.buffer, p, len));
      total += len;
    }
    dv.setUint32(out, total, true);
    return ESUCCESS;
  },
  proc_exit(code) { throw new Error(`the module called proc_exit(${code})`); },
  fd_prestat_get() { return EBADF; },
  environ_sizes_get(a, b) { view().setUint32(a, 0, true); view().setUint32(b, 0, true); return ESUCCESS; },
  args_sizes_get(a, b) { view().setUint32(a, 0, true); view().setUint32(b, 0, true); return ESUCCESS; },
  environ_get() { return ESUCCESS; },
  args_get() { return ESUCCESS; },
  clock_time_get(_id, _precision, out) { view().setBigUint64(out, process.hrtime.bigint(), true); return ESUCCESS; },
  random_get(buf, len) {
    const b = new Uint8Array(memory.buffer, buf, len);
    for (let i = 0; i < len; i++) b[i] = (i * 151 + 11) & 0xff;
    return ESUCCESS;
  },
  fd_fdstat_get(fd, out) {
    if (fd > 2) return EBADF;
    new Uint8Array(memory.buffer, out, 24).fill(0);
    view().setUint8(out, 2);
    return ESUCCESS;
  },
};

const module = new WebAssembly.Module(readFileSync(wasmPath));
const imports = { wasi_snapshot_preview1: {} };
for (const imp of WebAssembly.Module.imports(module)) {
  if (imp.kind !== 'function') throw new Error(`unexpected import ${imp.module}.${imp.name} (${imp.kind})`);
  if (imp.module !== 'wasi_snapshot_preview1') throw new Error(`unexpected import module ${imp.module}`);
  imports.wasi_snapshot_preview1[imp.name] = wasi[imp.name] ?? (() => ENOSYS);
}
const instance = new WebAssembly.Instance(module, imports);
memory = instance.exports.memory;
instance.exports.__wasm_call_ctors?.();
const run = instance.exports.bench_run;
const hex = (v) => BigInt.asUintN(64, v).toString(16).padStart(16, '0');
const warmup = Number(warmupArg);
const warm = warmup > 0 ? run(warmup) : 0n;
// CPU time of the whole process (Node has no per-thread clock): V8's background threads count too.
const c0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
const sum = run(Number(sizeArg));
const t1 = process.hrtime.bigint();
const c1 = process.cpuUsage(c0);
console.log(JSON.stringify({
  seconds: Number(t1 - t0) / 1e9, cpuSeconds: (c1.user + c1.system) / 1e6, checksum: hex(sum), warmupChecksum: hex(warm),
}));
