// C structs in sandbox memory: layouts as data (generated from the library's header, one per target, since
// `long`, `size_t` and pointers differ between wasm32 and the host), read as Tainted copies or through tainted
// views whose fields are read on access, and written field by field with the values checked. Every access goes
// through the Sandbox's bounds-checked memory helpers.
import { SandboxArgumentError } from './errors.js';
import { SandboxCallback, type Sandbox } from './sandbox.js';
import { isTainted, taint, taintOrigin, untaint, type Tainted } from './tainted.js';
import type { SandboxPtr } from './types.js';

/** Scalar field types; `ptr` is 4 bytes on wasm32 and 8 on the host. */
export type FieldScalar = 'i8' | 'u8' | 'i16' | 'u16' | 'i32' | 'u32' | 'i64' | 'u64' | 'f32' | 'f64' | 'ptr';

/** A field's type as data: a scalar, a nested struct (by name), a fixed array, or a `char[N]` read as a string. */
export type FieldType =
  | FieldScalar
  | { readonly struct: string }
  | { readonly array: FieldType; readonly count: number }
  | { readonly string: number };

/** One target's layout of a struct or union: `[name, offset, type]` per field. */
export interface StructLayout {
  readonly size: number;
  readonly align: number;
  readonly fields: ReadonlyArray<readonly [name: string, offset: number, type: FieldType]>;
}

/** A struct's layouts for both targets, and its C name (`struct shape`). */
export interface StructMeta {
  readonly cname: string;
  /** A union: every field at offset 0, and a write sets only the fields given. */
  readonly union?: boolean;
  readonly wasm32: StructLayout;
  readonly host: StructLayout;
}

/** The fields of a struct read through a view: scalars, arrays and strings Tainted; nested structs as views. */
export type TaintedView<T> = {
  readonly [K in keyof T]: T[K] extends string | number | bigint | readonly unknown[] ? Tainted<T[K]> : TaintedView<T[K]>;
};

/** A struct type of the library, bound to one sandbox (and therefore one layout). */
export interface StructType<T, P extends string> {
  /** The C name, e.g. `struct shape`. */
  readonly cname: string;
  /** sizeof and _Alignof in this sandbox's target. */
  readonly size: number;
  readonly align: number;
  /** offsetof(field) in this sandbox's target. */
  offsetOf(field: keyof T & string): number;
  /** Copies the whole struct out of the sandbox (bounds-checked) and decodes it; the result is Tainted. */
  read(ptr: SandboxPtr<P> | Tainted<SandboxPtr<P>>): Tainted<T>;
  /** Copies `count` consecutive structs (a C array `T ptr[count]`) out of the sandbox in one bounds-checked copy. */
  readArray(ptr: SandboxPtr<P> | Tainted<SandboxPtr<P>>, count: number): Tainted<T[]>;
  /** A view reading each field when it is accessed (every read is a fresh, bounds-checked copy). */
  view(ptr: SandboxPtr<P> | Tainted<SandboxPtr<P>>): TaintedView<T>;
  /** Encodes `value` (every field checked for type and range) into sandbox memory at `ptr`. */
  write(ptr: SandboxPtr<P>, value: T): void;
  /** Allocates the struct with the library's malloc, filled with `value` (or zeroed); free it with `sandbox.freeInSandbox`. */
  alloc(value?: T): SandboxPtr<P>;
}

export type TargetName = 'wasm32' | 'host';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const SCALAR_BYTES: Readonly<Record<Exclude<FieldScalar, 'ptr'>, number>> = {
  i8: 1, u8: 1, i16: 2, u16: 2, i32: 4, u32: 4, i64: 8, u64: 8, f32: 4, f64: 8,
};

/** What a struct codec needs to know about all structs of the library. */
export interface StructSet {
  readonly target: TargetName;
  readonly pointerSize: number;
  readonly structs: Readonly<Record<string, StructMeta>>;
  /** The sandbox whose callbacks may be stored in function-pointer fields. */
  readonly owner?: Sandbox;
}

function layoutOf(set: StructSet, name: string): { target: StructLayout; wasm: StructLayout } {
  const m = set.structs[name];
  if (!m) throw new SandboxArgumentError(`no struct '${name}' in these bindings`);
  return { target: m[set.target], wasm: m.wasm32 };
}

function sizeOf(set: StructSet, t: FieldType): number {
  if (typeof t === 'string') return t === 'ptr' ? set.pointerSize : SCALAR_BYTES[t];
  if ('struct' in t) return layoutOf(set, t.struct).target.size;
  if ('string' in t) return t.string;
  return t.count * sizeOf(set, t.array);
}

/**
 * Reads a value of `type` at `off` in `dv`. `wasmType` is the same field in the wasm32 layout: it fixes the
 * JavaScript type (a `long` is a number everywhere, although the host stores it in 8 bytes).
 */
function decode(set: StructSet, dv: DataView, off: number, type: FieldType, wasmType: FieldType): unknown {
  if (typeof type === 'string') {
    let v: number | bigint;
    switch (type) {
      case 'i8': v = dv.getInt8(off); break;
      case 'u8': v = dv.getUint8(off); break;
      case 'i16': v = dv.getInt16(off, true); break;
      case 'u16': v = dv.getUint16(off, true); break;
      case 'i32': v = dv.getInt32(off, true); break;
      case 'u32': v = dv.getUint32(off, true); break;
      case 'i64': v = dv.getBigInt64(off, true); break;
      case 'u64': v = dv.getBigUint64(off, true); break;
      case 'f32': v = dv.getFloat32(off, true); break;
      case 'f64': v = dv.getFloat64(off, true); break;
      default: v = set.pointerSize === 4 ? dv.getUint32(off, true) : Number(dv.getBigUint64(off, true));
    }
    const wantsBigint = wasmType === 'i64' || wasmType === 'u64';
    return typeof v === 'bigint' && !wantsBigint ? Number(v) : v;
  }
  if ('string' in type) {
    const bytes = new Uint8Array(dv.buffer, dv.byteOffset + off, type.string);
    const end = bytes.indexOf(0);
    return decoder.decode(bytes.subarray(0, end < 0 ? bytes.length : end));
  }
  if ('array' in type) {
    const w = wasmType as { array: FieldType };
    const step = sizeOf(set, type.array);
    const out: unknown[] = [];
    for (let i = 0; i < type.count; i++) out.push(decode(set, dv, off + i * step, type.array, w.array));
    return out;
  }
  const { target, wasm } = layoutOf(set, type.struct);
  const obj: Record<string, unknown> = {};
  target.fields.forEach(([name, fo, ft], i) => {
    obj[name] = decode(set, dv, off + fo, ft, wasm.fields[i]![2]);
  });
  return obj;
}

function describe(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null || v === undefined || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return Array.isArray(v) ? 'an array' : `a ${typeof v}`;
}

const INT_RANGE: Readonly<Record<string, readonly [number, number]>> = {
  i8: [-128, 255], u8: [-128, 255], i16: [-32768, 65535], u16: [-32768, 65535],
  i32: [-2147483648, 4294967295], u32: [-2147483648, 4294967295],
};

function encode(set: StructSet, dv: DataView, off: number, type: FieldType, wasmType: FieldType, value: unknown, path: string): void {
  const bad = (expected: string): never => {
    throw new SandboxArgumentError(`${path}: expected ${expected}, got ${describe(value)}`);
  };
  if (typeof type === 'string') {
    if (type === 'f32' || type === 'f64') {
      if (typeof value !== 'number') bad('a number');
      if (type === 'f32') dv.setFloat32(off, value as number, true);
      else dv.setFloat64(off, value as number, true);
      return;
    }
    if (type === 'ptr') {
      let v = isTainted(value) ? untaint(value) : value;
      if (v instanceof SandboxCallback) {
        const p = set.owner ? v.pointerFor(set.owner) : 'a callback, but this struct type has no sandbox';
        if (typeof p === 'string') throw new SandboxArgumentError(`${path}: got ${p}`);
        v = p;
      }
      const p = v === null ? 0 : v;
      if (typeof p !== 'number' || !Number.isSafeInteger(p) || p < 0 || p >= 2 ** (set.pointerSize * 8)) bad('a sandbox pointer');
      if (set.pointerSize === 4) dv.setUint32(off, p as number, true);
      else dv.setBigUint64(off, BigInt(p as number), true);
      return;
    }
    if (type === 'i64' || type === 'u64') {
      // A bigint in TypeScript when the field is 64-bit on wasm32 too; a number for `long`/`size_t`.
      const asBig = wasmType === 'i64' || wasmType === 'u64';
      let b: bigint;
      if (asBig) {
        if (typeof value !== 'bigint') bad('a bigint');
        b = value as bigint;
      } else {
        if (typeof value !== 'number' || !Number.isSafeInteger(value)) bad('a safe integer');
        b = BigInt(value as number);
      }
      if (b < -(2n ** 63n) || b >= 2n ** 64n) bad('a 64-bit integer');
      dv.setBigUint64(off, BigInt.asUintN(64, b), true);
      return;
    }
    const [lo, hi] = INT_RANGE[type]!;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < lo || value > hi) bad(`an integer in [${lo}, ${hi}]`);
    const v = value as number;
    switch (type) {
      case 'i8': case 'u8': dv.setUint8(off, v & 0xff); break;
      case 'i16': case 'u16': dv.setUint16(off, v & 0xffff, true); break;
      default: dv.setUint32(off, v >>> 0, true);
    }
    return;
  }
  if ('string' in type) {
    if (typeof value !== 'string') bad('a string');
    const bytes = encoder.encode(value as string);
    if (bytes.length >= type.string) bad(`a string of at most ${type.string - 1} UTF-8 bytes (char[${type.string}] with its NUL)`);
    new Uint8Array(dv.buffer, dv.byteOffset + off, type.string).set(bytes);
    return;
  }
  if ('array' in type) {
    if (!Array.isArray(value)) bad(`an array of ${type.count}`);
    const arr = value as unknown[];
    if (arr.length > type.count) bad(`at most ${type.count} elements`);
    const step = sizeOf(set, type.array);
    const w = wasmType as { array: FieldType };
    arr.forEach((x, i) => encode(set, dv, off + i * step, type.array, w.array, x, `${path}[${i}]`));
    return;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) bad(`an object (${type.struct})`);
  const { target, wasm } = layoutOf(set, type.struct);
  const obj = value as Record<string, unknown>;
  const known = new Set(target.fields.map(([n]) => n));
  for (const k of Object.keys(obj)) if (!known.has(k)) bad(`only the fields of ${type.struct} (${[...known].join(', ')}), not '${k}'`);
  const isUnion = set.structs[type.struct]!.union === true;
  if (isUnion && Object.keys(obj).length > 1) bad(`one field of the union ${type.struct}`);
  target.fields.forEach(([name, fo, ft], i) => {
    if (isUnion && !(name in obj)) return;
    if (!(name in obj)) throw new SandboxArgumentError(`${path}: field '${name}' of ${type.struct} is missing`);
    encode(set, dv, off + fo, ft, wasm.fields[i]![2], obj[name], `${path}.${name}`);
  });
}

function pointerValue(sandbox: Sandbox, ptr: unknown, what: string): number {
  let p = ptr;
  if (isTainted(p)) {
    const o = taintOrigin(p);
    if (o !== undefined && o !== sandbox) throw new SandboxArgumentError(`${what}: the pointer came from a different sandbox`);
    p = untaint(p);
  }
  if (typeof p !== 'number' || !Number.isSafeInteger(p) || p < 0) throw new SandboxArgumentError(`${what}: expected a sandbox pointer, got ${describe(p)}`);
  return p;
}

/** Binds struct `name` of a library to one sandbox. */
export function structType<T, P extends string>(sandbox: Sandbox, set: StructSet, name: string): StructType<T, P> {
  const { target } = layoutOf(set, name);
  const self: FieldType = { struct: name };
  const readAt = (p: number, size: number, type: FieldType, wasmType: FieldType): unknown => {
    const bytes = sandbox.copyBytes(p, size);
    return decode(set, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), 0, type, wasmType);
  };
  const view = (p: number, structName: string): object => {
    const { target: t, wasm } = layoutOf(set, structName);
    const out = {};
    t.fields.forEach(([fname, fo, ft], i) => {
      const wt = wasm.fields[i]![2];
      Object.defineProperty(out, fname, {
        enumerable: true,
        get: () =>
          typeof ft === 'object' && 'struct' in ft
            ? view(p + fo, ft.struct)
            : taint(readAt(p + fo, sizeOf(set, ft), ft, wt), sandbox),
      });
    });
    return Object.freeze(out);
  };
  return {
    cname: set.structs[name]!.cname,
    size: target.size,
    align: target.align,
    offsetOf(field) {
      const f = target.fields.find(([n]) => n === field);
      if (!f) throw new SandboxArgumentError(`${name} has no field '${String(field)}'`);
      return f[1];
    },
    read(ptr) {
      const p = pointerValue(sandbox, ptr, `${name}.read`);
      return taint(readAt(p, target.size, self, self) as T, sandbox);
    },
    readArray(ptr, count) {
      const p = pointerValue(sandbox, ptr, `${name}.readArray`);
      if (!Number.isSafeInteger(count) || count < 0) throw new SandboxArgumentError(`${name}.readArray: count must be a non-negative integer, got ${describe(count)}`);
      const arr: FieldType = { array: self, count };
      return taint(readAt(p, target.size * count, arr, arr) as T[], sandbox);
    },
    view(ptr) {
      const p = pointerValue(sandbox, ptr, `${name}.view`);
      sandbox.copyBytes(p, target.size); // the whole struct must be inside the sandbox, not just the fields read
      return view(p, name) as TaintedView<T>;
    },
    write(ptr, value) {
      const p = pointerValue(sandbox, ptr, `${name}.write`);
      const bytes = new Uint8Array(target.size);
      encode(set, new DataView(bytes.buffer), 0, self, self, value, name);
      sandbox.memcpy(p, bytes);
    },
    alloc(value) {
      const p = sandbox.mallocInSandbox<P>(Math.max(target.size, 1));
      try {
        if (value === undefined) sandbox.memcpy(p, new Uint8Array(target.size));
        else this.write(p, value);
      } catch (e) {
        sandbox.freeInSandbox(p);
        throw e;
      }
      return p;
    },
  };
}
