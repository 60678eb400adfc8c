// The minimal WASI of the wasm backend: the TypeScript twin of the C runtime's runtime/minwasi.c, call for
// call and errno for errno, so a library behaves the same under wasm2c and wasm. Descriptors 0-2 are character
// devices (fd 1/2 write to a sink, fd 0 reads from a source, none by default: end of input); clocks and random
// work; arguments and environment are empty; files, directories, sockets and polling are refused; a bad pointer
// gets EFAULT; proc_exit ends the sandboxed call.
import { randomFillSync } from 'node:crypto';
import { writeSync } from 'node:fs';
import type { WasmMemory } from './wasm-api.js';

const ESUCCESS = 0;
const EBADF = 8;
const EFAULT = 21;
const EINVAL = 28;
const ENOSYS = 52;
const ENOTDIR = 54;
const ENOTSOCK = 57;
const ENOTSUP = 58;
const ESPIPE = 70;
const ENOTCAPABLE = 76;

const FILETYPE_CHARACTER_DEVICE = 2;
const RIGHT_FD_READ = 1n << 1n;
const RIGHT_FD_WRITE = 1n << 6n;
const RIGHT_FD_FILESTAT_GET = 1n << 21n;
const RIGHT_POLL_FD_READWRITE = 1n << 27n;

/** Thrown by proc_exit through the wasm frames; the backend turns it into a trap of kind 'exit'. */
export class WasiExit {
  constructor(readonly code: number) {}
}

export interface WasiOptions {
  /** Where the library's fd 1 goes (default: the process's stdout, written synchronously like the C runtime). */
  readonly stdout?: (bytes: Uint8Array) => void;
  /** Where the library's fd 2 goes (default: the process's stderr). */
  readonly stderr?: (bytes: Uint8Array) => void;
  /**
   * What the library reads from fd 0: fill `into`, return the byte count (0 = end of input). Default: none,
   * always end of input (as in the C runtime).
   */
  readonly stdin?: (into: Uint8Array) => number;
}

type WasiFn = (...args: never[]) => number;

const isStdio = (fd: number): boolean => fd >>> 0 <= 2;
const stdioOr = (stdioResult: number) => (fd: number): number => (isStdio(fd) ? stdioResult : EBADF);

/**
 * Builds the `wasi_snapshot_preview1` import object for the module's actual imports: known calls get their
 * implementation, anything else ENOSYS, so a module never fails to link on a call it does not make.
 */
export function wasiImports(
  wanted: readonly string[],
  memory: () => WasmMemory,
  opts: WasiOptions = {},
): Record<string, WasiFn> {
  const stdout = opts.stdout ?? ((b: Uint8Array) => writeAll(1, b));
  const stderr = opts.stderr ?? ((b: Uint8Array) => writeAll(2, b));
  const stdin = opts.stdin;

  /** [ptr, ptr + len) of sandbox memory, or undefined when any byte of it is outside. */
  const range = (ptr: number, len: number): Uint8Array | undefined => {
    const buf = memory().buffer;
    const p = ptr >>> 0;
    return len > buf.byteLength - p || p > buf.byteLength ? undefined : new Uint8Array(buf, p, len);
  };
  const store32 = (ptr: number, v: number): boolean => {
    const r = range(ptr, 4);
    if (r) new DataView(r.buffer, r.byteOffset, 4).setUint32(0, v >>> 0, true);
    return r !== undefined;
  };
  const store64 = (ptr: number, v: bigint): boolean => {
    const r = range(ptr, 8);
    if (r) new DataView(r.buffer, r.byteOffset, 8).setBigUint64(0, BigInt.asUintN(64, v), true);
    return r !== undefined;
  };
  /** The buffers of an iovec array, or undefined if the array or any buffer is outside memory. */
  const iovecs = (iovs: number, count: number): Uint8Array[] | undefined => {
    const list = range(iovs, (count >>> 0) * 8);
    if (!list) return undefined;
    const dv = new DataView(list.buffer, list.byteOffset, list.byteLength);
    const out: Uint8Array[] = [];
    for (let i = 0; i < count >>> 0; i++) {
      const b = range(dv.getUint32(8 * i, true), dv.getUint32(8 * i + 4, true));
      if (!b) return undefined;
      out.push(b);
    }
    return out;
  };
  const clockNs = (id: number): bigint | undefined => {
    switch (id) {
      case 0: return BigInt(Date.now()) * 1_000_000n;
      case 1: return process.hrtime.bigint();
      case 2: case 3: {
        const u = process.cpuUsage();
        return BigInt(u.user + u.system) * 1000n;
      }
      default: return undefined;
    }
  };

  const impl: Record<string, WasiFn> = {
    args_get: () => ESUCCESS,
    environ_get: () => ESUCCESS,
    args_sizes_get: (count: number, size: number) => (store32(count, 0) && store32(size, 0) ? ESUCCESS : EFAULT),
    environ_sizes_get: (count: number, size: number) => (store32(count, 0) && store32(size, 0) ? ESUCCESS : EFAULT),
    clock_res_get: (id: number, out: number) => {
      if (clockNs(id) === undefined) return EINVAL;
      return store64(out, 1n) ? ESUCCESS : EFAULT;
    },
    clock_time_get: (id: number, _precision: bigint, out: number) => {
      const ns = clockNs(id);
      if (ns === undefined) return EINVAL;
      return store64(out, ns) ? ESUCCESS : EFAULT;
    },
    random_get: (buf: number, len: number) => {
      const r = range(buf, len >>> 0);
      if (!r) return EFAULT;
      randomFillSync(r);
      return ESUCCESS;
    },
    sched_yield: () => ESUCCESS,
    proc_exit: (code: number): never => {
      throw new WasiExit(code >>> 0);
    },
    proc_raise: () => ENOSYS,

    fd_write: (fd: number, iovs: number, count: number, nwritten: number) => {
      if (fd !== 1 && fd !== 2) return EBADF;
      const parts = iovecs(iovs, count);
      if (!parts || !range(nwritten, 4)) return EFAULT;
      let total = 0;
      for (const p of parts) {
        if (p.length === 0) continue;
        (fd === 1 ? stdout : stderr)(p.slice());
        total += p.length;
      }
      return store32(nwritten, total) ? ESUCCESS : EFAULT;
    },
    fd_read: (fd: number, iovs: number, count: number, nread: number) => {
      if (fd !== 0) return EBADF;
      const parts = iovecs(iovs, count);
      if (!parts || !range(nread, 4)) return EFAULT;
      let total = 0;
      if (stdin) {
        for (const p of parts) {
          if (p.length === 0) continue;
          const n = Math.min(p.length, Math.max(0, stdin(p)));
          total += n;
          if (n < p.length) break;
        }
      }
      return store32(nread, total) ? ESUCCESS : EFAULT;
    },
    fd_fdstat_get: (fd: number, out: number) => {
      if (!isStdio(fd)) return EBADF;
      const p = range(out, 24);
      if (!p) return EFAULT;
      p.fill(0);
      p[0] = FILETYPE_CHARACTER_DEVICE;
      const rights = (fd === 0 ? RIGHT_FD_READ : RIGHT_FD_WRITE) | RIGHT_FD_FILESTAT_GET | RIGHT_POLL_FD_READWRITE;
      new DataView(p.buffer, p.byteOffset, 24).setBigUint64(8, rights, true);
      return ESUCCESS;
    },
    fd_filestat_get: (fd: number, out: number) => {
      if (!isStdio(fd)) return EBADF;
      const p = range(out, 64);
      if (!p) return EFAULT;
      p.fill(0);
      p[16] = FILETYPE_CHARACTER_DEVICE;
      new DataView(p.buffer, p.byteOffset, 64).setBigUint64(24, 1n, true);
      return ESUCCESS;
    },
    fd_prestat_get: () => EBADF,
    fd_prestat_dir_name: () => EBADF,
    fd_close: stdioOr(ESUCCESS),
    fd_seek: stdioOr(ESPIPE),
    fd_tell: stdioOr(ESPIPE),
    fd_pread: stdioOr(ESPIPE),
    fd_pwrite: stdioOr(ESPIPE),
    fd_advise: stdioOr(ESPIPE),
    fd_allocate: stdioOr(ESPIPE),
    fd_datasync: stdioOr(EINVAL),
    fd_sync: stdioOr(EINVAL),
    fd_filestat_set_size: stdioOr(EINVAL),
    fd_fdstat_set_flags: stdioOr(ENOTSUP),
    fd_fdstat_set_rights: stdioOr(ENOTSUP),
    fd_filestat_set_times: stdioOr(ENOTSUP),
    fd_readdir: stdioOr(ENOTDIR),
    fd_renumber: (fd: number, to: number) => (isStdio(fd) && isStdio(to) ? ENOTSUP : EBADF),
    poll_oneoff: () => ENOTSUP,
    sock_accept: stdioOr(ENOTSOCK),
    sock_recv: stdioOr(ENOTSOCK),
    sock_send: stdioOr(ENOTSOCK),
    sock_shutdown: stdioOr(ENOTSOCK),
  };

  const out: Record<string, WasiFn> = {};
  for (const name of wanted) {
    out[name] = impl[name] ?? (name.startsWith('path_') ? () => ENOTCAPABLE : () => ENOSYS);
  }
  return out;
}

function writeAll(fd: number, b: Uint8Array): void {
  let off = 0;
  while (off < b.length) off += writeSync(fd, b, off, b.length - off);
}
