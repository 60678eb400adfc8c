// Pure queries over the module IR's index spaces (imports first, then definitions), shared by the validator
// and the emitter. Full index spaces are materialized once per module and cached.

import { invalid } from './errors.js';
import type { BlockType, ConstExpr, FuncType, GlobalType, MemoryType, Module, TableType, ValType } from './ir.js';
import { Op } from './opcodes.js';

export interface ImportCounts {
  readonly funcs: number;
  readonly tables: number;
  readonly memories: number;
  readonly globals: number;
}

/** The module's four index spaces with imports first, as the binary format numbers them. */
export interface IndexSpaces {
  readonly importCounts: ImportCounts;
  /** Type index of every function (imported and defined); an out-of-range type index stays as is. */
  readonly funcTypeIndices: readonly number[];
  readonly tables: readonly TableType[];
  readonly memories: readonly MemoryType[];
  readonly globals: readonly GlobalType[];
}

const spacesCache = new WeakMap<Module, IndexSpaces>();

export function indexSpaces(module: Module): IndexSpaces {
  let s = spacesCache.get(module);
  if (s) return s;
  const funcTypeIndices: number[] = [];
  const tables: TableType[] = [];
  const memories: MemoryType[] = [];
  const globals: GlobalType[] = [];
  for (const imp of module.imports) {
    const d = imp.desc;
    if (d.kind === 'func') funcTypeIndices.push(d.typeIndex);
    else if (d.kind === 'table') tables.push(d.type);
    else if (d.kind === 'memory') memories.push(d.type);
    else globals.push(d.type);
  }
  const importCounts: ImportCounts = {
    funcs: funcTypeIndices.length,
    tables: tables.length,
    memories: memories.length,
    globals: globals.length,
  };
  for (const f of module.funcs) funcTypeIndices.push(f.typeIndex);
  // Loops, not push(...spread): a crafted module can declare more entries than a call may take arguments.
  for (const t of module.tables) tables.push(t);
  for (const m of module.memories) memories.push(m);
  for (const g of module.globals) globals.push(g.type);
  s = { importCounts, funcTypeIndices, tables, memories, globals };
  spacesCache.set(module, s);
  return s;
}

export function importCounts(module: Module): ImportCounts {
  return indexSpaces(module).importCounts;
}

/** Number of functions in the full index space (imported + defined). */
export function funcCount(module: Module): number {
  return indexSpaces(module).funcTypeIndices.length;
}

/** The type of function `funcIndex` (full index space), or undefined if either index is out of range. */
export function funcTypeOf(module: Module, funcIndex: number): FuncType | undefined {
  const ti = indexSpaces(module).funcTypeIndices[funcIndex];
  return ti === undefined ? undefined : module.types[ti];
}

export function globalTypeOf(module: Module, globalIndex: number): GlobalType | undefined {
  return indexSpaces(module).globals[globalIndex];
}

export function tableTypeOf(module: Module, tableIndex: number): TableType | undefined {
  return indexSpaces(module).tables[tableIndex];
}

export function memoryTypeOf(module: Module, memoryIndex: number): MemoryType | undefined {
  return indexSpaces(module).memories[memoryIndex];
}

const EMPTY_SIG: FuncType = Object.freeze({ params: Object.freeze([]), results: Object.freeze([]) });
const VALUE_SIGS = new Map<ValType, FuncType>();
for (const t of ['i32', 'i64', 'f32', 'f64', 'v128', 'funcref', 'externref'] as const) {
  VALUE_SIGS.set(t, Object.freeze({ params: Object.freeze([]), results: Object.freeze([t]) }));
}

/**
 * The parameter and result types of a block type. A type index out of range is an "unknown type" error
 * (reported at `offset`, the block instruction's offset when known).
 */
export function blockTypeSignature(module: Module, blockType: BlockType, offset = 0): FuncType {
  switch (blockType.kind) {
    case 'empty': return EMPTY_SIG;
    case 'value': return VALUE_SIGS.get(blockType.type)!;
    case 'func': {
      const t = module.types[blockType.typeIndex];
      if (!t) throw invalid(`unknown type ${blockType.typeIndex}`, offset);
      return t;
    }
  }
}

/** Types of a defined function's locals, parameters first; `funcIndex` is the position in `module.funcs`. */
export function localCount(module: Module, funcIndex: number): number {
  const f = module.funcs[funcIndex];
  if (!f) return 0;
  let n = module.types[f.typeIndex]?.params.length ?? 0;
  for (const run of f.locals) n += run.count;
  return n;
}

const refsCache = new WeakMap<Module, ReadonlySet<number>>();

/**
 * Functions that ref.func may name inside function bodies (the spec's C.refs): those referenced anywhere outside
 * the code and start sections (exports, global initializers, element segments). Validation rejects any other
 * ref.func, so these are also all the functions a funcref of a valid module can point at.
 */
export function declaredFuncRefs(module: Module): ReadonlySet<number> {
  let refs = refsCache.get(module);
  if (refs) return refs;
  const out = new Set<number>();
  const scan = (expr: ConstExpr | undefined) => {
    if (!expr) return;
    for (const i of expr) if (i.op === Op.ref_func && i.index !== undefined) out.add(i.index);
  };
  for (const e of module.exports) if (e.kind === 'func') out.add(e.index);
  for (const g of module.globals) scan(g.init);
  for (const e of module.elems) {
    scan(e.offsetExpr);
    for (const item of e.items) scan(item);
  }
  for (const d of module.datas) scan(d.offsetExpr);
  refsCache.set(module, out);
  return out;
}
