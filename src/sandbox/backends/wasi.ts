// The minimal WASI of the wasm backend: the TypeScript twin of the C runtime's minwasi. Standard streams work
// (fd 0 read, fd 1 and 2 write), clocks, random, empty args and environment; there are no files, directories
// or sockets: every such call gets an error, and proc_exit ends the sandboxed call.
import { randomFillSync } from 'node:crypto';
import { readSync, writeSync } from 'node:fs';
import { WA, type WasmMemory } from './wasm-api.js';

const ESUCCESS = 0;
const EBADF = 8;
const EINVAL = 28;
const ENOSYS = 52;
const ESPIPE = 70;
const ENOTCAPABLE = 76;

const FILETYPE_CHARACTER_DEVICE = 2;
const RIGHT_FD_READ = 1n << 1n;
const RIGHT_FD_WRITE = 1n << 6n;

/** Thrown by proc_exit through the wasm frames; the backend turns it into a trap of kind 'exit'. */
export class WasiExit {
  constructor(readonly code: number) {}
}

export interface WasiOptions {
  /** Where the library's fd 1 goes (default: the process's stdout, written synchronously). */
  readonly stdout?: (bytes: Uint8Array) => void;
  /** Where the library's fd 2 goes (default: the process's stderr). */
  readonly stderr?: (bytes: Uint8Array) => void;
  /** What the library reads from fd 0 (default: the process's stdin; return 0 bytes for end of file). */
  readonly stdin?: (into: Uint8Array) => number;
}

type WasiFn = (...args: number[]) => number;

/**
 * Builds the `wasi_snapshot_preview1` import object for the module's actual imports: known calls get their
 * implementation, anything else an error code (ENOSYS), so a module never fails to link on an unused call.
 */
export function wasiImports(
  wanted: readonly string[],
  memory: () => WasmMemory,
  opts: WasiOptions = {},
): Record<string, WasiFn | ((...args: (number | bigint)[]) => number)> {
  const stdout = opts.stdout ?? ((b: Uint8Array) => writeAll(1, b));
  const stderr = opts.stderr ?? ((b: Uint8Array) => writeAll(2, b));
  const stdin = opts.stdin ?? ((b: Uint8Array) => readStdin(b));
  const dv = (): DataView => new DataView(memory().buffer);
  const bytes = (): Uint8Array => new Uint8Array(memory().buffer);

  const iovecs = (iovs: number, count: number): Uint8Array[] => {
    const d = dv();
    const out: Uint8Array[] = [];
    for (let i = 0; i < count; i++) {
      const base = d.getUint32(iovs + 8 * i, true);
      const len = d.getUint32(iovs + 8 * i + 4, true);
      if (base + len > d.byteLength) throw new WA.RuntimeError('memory access out of bounds');
      out.push(new Uint8Array(d.buffer, base, len));
    }
    return out;
  };

  const impl: Record<string, (...args: never[]) => number> = {
    fd_write(fd: number, iovs: number, count: number, nwritten: number): number {
      if (fd !== 1 && fd !== 2) return EBADF;
      const parts = iovecs(iovs >>> 0, count >>> 0);
      let total = 0;
      for (const p of parts) {
        if (p.length === 0) continue;
        (fd === 1 ? stdout : stderr)(p.slice());
        total += p.length;
      }
      dv().setUint32(nwritten >>> 0, total, true);
      return ESUCCESS;
    },
    fd_read(fd: number, iovs: number, count: number, nread: number): number {
      if (fd !== 0) return EBADF;
      let total = 0;
      for (const p of iovecs(iovs >>> 0, count >>> 0)) {
        if (p.length === 0) continue;
        const n = stdin(p);
        total += n;
        if (n < p.length) break;
      }
      dv().setUint32(nread >>> 0, total, true);
      return ESUCCESS;
    },
    fd_fdstat_get(fd: number, out: number): number {
      if (fd < 0 || fd > 2) return EBADF;
      const d = dv();
      const o = out >>> 0;
      bytes().fill(0, o, o + 24);
      d.setUint8(o, FILETYPE_CHARACTER_DEVICE);
      d.setBigUint64(o + 8, fd === 0 ? RIGHT_FD_READ : RIGHT_FD_WRITE, true);
      return ESUCCESS;
    },
    fd_seek(fd: number): number {
      return fd >= 0 && fd <= 2 ? ESPIPE : EBADF;
    },
    fd_tell(fd: number): number {
      return fd >= 0 && fd <= 2 ? ESPIPE : EBADF;
    },
    fd_close(fd: number): number {
      return fd >= 0 && fd <= 2 ? ESUCCESS : EBADF;
    },
    fd_prestat_get(): number {
      return EBADF;
    },
    fd_prestat_dir_name(): number {
      return EBADF;
    },
    clock_time_get(id: number, _precision: never, out: number): number {
      let ns: bigint;
      if (id === 0) ns = BigInt(Date.now()) * 1_000_000n;
      else if (id >= 1 && id <= 3) ns = process.hrtime.bigint();
      else return EINVAL;
      dv().setBigUint64(out >>> 0, ns, true);
      return ESUCCESS;
    },
    clock_res_get(id: number, out: number): number {
      if (id < 0 || id > 3) return EINVAL;
      dv().setBigUint64(out >>> 0, id === 0 ? 1_000_000n : 1n, true);
      return ESUCCESS;
    },
    args_sizes_get(argc: number, size: number): number {
      dv().setUint32(argc >>> 0, 0, true);
      dv().setUint32(size >>> 0, 0, true);
      return ESUCCESS;
    },
    args_get(): number {
      return ESUCCESS;
    },
    environ_sizes_get(count: number, size: number): number {
      dv().setUint32(count >>> 0, 0, true);
      dv().setUint32(size >>> 0, 0, true);
      return ESUCCESS;
    },
    environ_get(): number {
      return ESUCCESS;
    },
    random_get(buf: number, len: number): number {
      const b = buf >>> 0;
      const n = len >>> 0;
      if (b + n > memory().buffer.byteLength) throw new WA.RuntimeError('memory access out of bounds');
      randomFillSync(new Uint8Array(memory().buffer, b, n));
      return ESUCCESS;
    },
    sched_yield(): number {
      return ESUCCESS;
    },
    proc_exit(code: number): never {
      throw new WasiExit(code >>> 0);
    },
  };

  const out: Record<string, WasiFn> = {};
  for (const name of wanted) {
    const f = impl[name] as WasiFn | undefined;
    if (f) out[name] = f;
    else if (name.startsWith('fd_')) out[name] = () => EBADF;
    else if (name.startsWith('path_')) out[name] = () => ENOTCAPABLE;
    else out[name] = () => ENOSYS;
  }
  return out;
}

function writeAll(fd: number, b: Uint8Array): void {
  let off = 0;
  while (off < b.length) off += writeSync(fd, b, off, b.length - off);
}

function readStdin(b: Uint8Array): number {
  try {
    return readSync(0, b, 0, b.length, null);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EOF') return 0;
    throw e;
  }
}
