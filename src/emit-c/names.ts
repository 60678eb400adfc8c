// Every C name the generated code uses for a module's entities, decided once per module so the header, the
// function bodies and instantiate agree. Internal names start with `w2c__`: a mangled module name never starts
// with `_` (a leading underscore is escaped), so they can never collide with an ABI symbol `w2c_<mod>_<field>`.

import type { FuncType, GlobalType, Module, RefType } from '../wasm/ir.js';
import { declaredFuncRefs } from '../wasm/module-info.js';
import { signatureKey, signatureString } from './c-types.js';
import { externalSymbol, mangleModuleName } from './mangle.js';

export interface FuncRef {
  readonly type: FuncType;
  readonly typeIndex: number;
  /** The C function to call. */
  readonly symbol: string;
  /** The first argument to pass: `inst` or the import module's instance pointer. */
  readonly instance: string;
  readonly imported: boolean;
  /**
   * Segue: the C function a funcref to this function points at when the module has a memory 0 and this function
   * may become a reference (`<symbol>_segue`, which points the gs base at the instance's memory first). Absent
   * for imported functions (their own module's entry sets its base) and functions no funcref can name.
   */
  readonly thunk?: string;
}

export interface GlobalRef {
  readonly type: GlobalType;
  /** An lvalue expression of the global's value inside a function (where `inst` is the instance). */
  readonly value: string;
  readonly imported: boolean;
  /** Instance field name. */
  readonly field: string;
}

export interface MemoryRef {
  /** A `wasm_rt_memory_t*` expression. */
  readonly pointer: string;
  readonly imported: boolean;
  readonly field: string;
}

export interface TableRef {
  readonly elemType: RefType;
  /** A `wasm_rt_<kind>_table_t*` expression. */
  readonly pointer: string;
  readonly imported: boolean;
  readonly field: string;
}

export interface ModuleNames {
  /** Mangled module name: the instance type is `w2c_<mod>`. */
  readonly mod: string;
  readonly instanceType: string;
  /** Prefix of internal symbols (see buildNames). */
  readonly internalPrefix: string;
  /** Whether the source is split into several .c files (internal symbols then have hidden linkage). */
  readonly split: boolean;
  /** Distinct import module names in byte-wise order, with their instance field and mangled name. */
  readonly importModules: readonly { readonly name: string; readonly mangled: string; readonly field: string }[];
  readonly funcs: readonly FuncRef[];
  readonly globals: readonly GlobalRef[];
  readonly memories: readonly MemoryRef[];
  readonly tables: readonly TableRef[];
  /** Per type index: the C identifier of its signature string (equal signatures share one). */
  readonly typeIds: readonly string[];
  /** The distinct signatures with their identifiers, in first-use order. */
  readonly signatures: readonly { readonly id: string; readonly type: FuncType; readonly text: string }[];
  /**
   * Segue: a `u8*` expression of memory 0's base where `inst` is the instance, which every entry into the
   * module's code points the gs base at. Absent when the module has no memory.
   */
  readonly segueBase?: string;
}

function compareBytes(a: string, b: string): number {
  const ea = new TextEncoder().encode(a);
  const eb = new TextEncoder().encode(b);
  for (let i = 0; i < Math.min(ea.length, eb.length); i++) if (ea[i] !== eb[i]) return ea[i]! - eb[i]!;
  return ea.length - eb.length;
}

/**
 * `internalPrefix` names the module's internal functions and data: `w2c__` when they are static in one .c file,
 * `w2c_<mod>__` when they are shared (hidden) across several .c files and must not clash with another module's.
 */
export function buildNames(module: Module, moduleName: string, split = false): ModuleNames {
  const mod = mangleModuleName(moduleName);
  const internalPrefix = split ? `w2c_${mod}__` : 'w2c__';
  const distinct = [...new Set(module.imports.map((i) => i.module))].sort(compareBytes);
  const importModules = distinct.map((name, i) => ({
    name,
    mangled: mangleModuleName(name),
    field: `w2c_import${i}_${mangleModuleName(name)}`,
  }));
  const importField = new Map(importModules.map((m) => [m.name, m.field]));

  const signatures: { id: string; type: FuncType; text: string }[] = [];
  const byKey = new Map<string, string>();
  const typeIds = module.types.map((type) => {
    const key = signatureKey(type);
    let id = byKey.get(key);
    if (id === undefined) {
      id = `${internalPrefix}ft${signatures.length}`;
      byKey.set(key, id);
      signatures.push({ id, type, text: signatureString(type) });
    }
    return id;
  });

  const funcs: FuncRef[] = [];
  const globals: GlobalRef[] = [];
  const memories: MemoryRef[] = [];
  const tables: TableRef[] = [];
  for (const imp of module.imports) {
    const instance = `inst->${importField.get(imp.module)!}`;
    const symbol = externalSymbol(imp.module, imp.name);
    switch (imp.desc.kind) {
      case 'func':
        funcs.push({
          type: module.types[imp.desc.typeIndex]!,
          typeIndex: imp.desc.typeIndex,
          symbol,
          instance,
          imported: true,
        });
        break;
      case 'global': {
        const field = `w2c_g${globals.length}`;
        globals.push({ type: imp.desc.type, value: `(*inst->${field})`, imported: true, field });
        break;
      }
      case 'memory': {
        const field = `w2c_m${memories.length}`;
        memories.push({ pointer: `inst->${field}`, imported: true, field });
        break;
      }
      case 'table': {
        const field = `w2c_t${tables.length}`;
        tables.push({ elemType: imp.desc.type.elemType, pointer: `inst->${field}`, imported: true, field });
        break;
      }
    }
  }
  const hasMemory = module.memories.length > 0 || module.imports.some((i) => i.desc.kind === 'memory');
  // Only functions in C.refs can become funcrefs: the bodies' own ref.func are checked against it when typed.
  const referenced = hasMemory ? declaredFuncRefs(module) : new Set<number>();
  module.funcs.forEach((f) => {
    const symbol = `${internalPrefix}f${funcs.length}`;
    funcs.push({
      type: module.types[f.typeIndex]!,
      typeIndex: f.typeIndex,
      symbol,
      instance: 'inst',
      imported: false,
      ...(referenced.has(funcs.length) ? { thunk: `${symbol}_segue` } : {}),
    });
  });
  for (const g of module.globals) {
    const field = `w2c_g${globals.length}`;
    globals.push({ type: g.type, value: `inst->${field}`, imported: false, field });
  }
  for (const _m of module.memories) {
    const field = `w2c_m${memories.length}`;
    memories.push({ pointer: `(&inst->${field})`, imported: false, field });
  }
  for (const t of module.tables) {
    const field = `w2c_t${tables.length}`;
    tables.push({ elemType: t.elemType, pointer: `(&inst->${field})`, imported: false, field });
  }
  const segueBase = memories.length > 0 ? `${memories[0]!.pointer}->data` : undefined;
  return {
    mod, internalPrefix, split, instanceType: `w2c_${mod}`, importModules, funcs, globals, memories, tables, typeIds, signatures,
    ...(segueBase !== undefined ? { segueBase } : {}),
  };
}
