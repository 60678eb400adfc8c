// Import resolution decided in TypeScript from the static types of the registered instances' exports, so an
// unlinkable module is never compiled. One part of the spec's matching depends on run-time state (an imported
// memory's or table's *current* size must reach the import's minimum, and memories/tables grow), so that part is
// returned as a check for the harness to make just before instantiating.

import type { FuncType, GlobalType, Limits, MemoryType, Module, TableType, ValType } from '../../../src/wasm/ir.js';

export type ExternType =
  | { readonly kind: 'func'; readonly type: FuncType }
  | { readonly kind: 'table'; readonly type: TableType }
  | { readonly kind: 'memory'; readonly type: MemoryType }
  | { readonly kind: 'global'; readonly type: GlobalType };

/** Something imports can resolve to: a wasm instance of the harness or the spectest host module. */
export interface Provider {
  /** C expression of the instance pointer (e.g. `&inst3`), passed to instantiate as `struct w2c_<imp>*`. */
  readonly pointer: string;
  /** Unmangled C module name of its exports (`w2c_<cName>_<field>`). */
  readonly cName: string;
  /** Export name -> type, with imported entities resolved to their providers' types (limits of the real thing). */
  readonly exports: ReadonlyMap<string, ExternType>;
  /** False when it failed to compile or instantiate: importing from it is a failure, not "unlinkable". */
  readonly usable: boolean;
  readonly description: string;
}

const funcType = (params: ValType[], results: ValType[] = []): FuncType => ({ params, results });

/** The spectest module's exports (the same for every script). */
export const spectestExports: ReadonlyMap<string, ExternType> = new Map<string, ExternType>([
  ['print', { kind: 'func', type: funcType([]) }],
  ['print_i32', { kind: 'func', type: funcType(['i32']) }],
  ['print_i64', { kind: 'func', type: funcType(['i64']) }],
  ['print_f32', { kind: 'func', type: funcType(['f32']) }],
  ['print_f64', { kind: 'func', type: funcType(['f64']) }],
  ['print_i32_f32', { kind: 'func', type: funcType(['i32', 'f32']) }],
  ['print_f64_f64', { kind: 'func', type: funcType(['f64', 'f64']) }],
  ['global_i32', { kind: 'global', type: { type: 'i32', mutable: false } }],
  ['global_i64', { kind: 'global', type: { type: 'i64', mutable: false } }],
  ['global_f32', { kind: 'global', type: { type: 'f32', mutable: false } }],
  ['global_f64', { kind: 'global', type: { type: 'f64', mutable: false } }],
  ['table', { kind: 'table', type: { elemType: 'funcref', limits: { min: 10, max: 20 } } }],
  ['memory', { kind: 'memory', type: { limits: { min: 1, max: 2 } } }],
]);

export function sameFuncType(a: FuncType, b: FuncType): boolean {
  return (
    a.params.length === b.params.length &&
    a.results.length === b.results.length &&
    a.params.every((t, i) => t === b.params[i]) &&
    a.results.every((t, i) => t === b.results[i])
  );
}

export function describeExternType(t: ExternType): string {
  const lim = (l: Limits) => (l.max === undefined ? `${l.min}` : `${l.min} ${l.max}`);
  switch (t.kind) {
    case 'func':
      return `func (${t.type.params.join(' ')}) -> (${t.type.results.join(' ')})`;
    case 'table':
      return `table ${lim(t.type.limits)} ${t.type.elemType}`;
    case 'memory':
      return `memory ${lim(t.type.limits)}`;
    case 'global':
      return `global ${t.type.mutable ? `(mut ${t.type.type})` : t.type.type}`;
  }
}

/** The max part of limits matching (the min part is the caller's run-time check). */
function maxMatches(actual: Limits, wanted: Limits): boolean {
  if (wanted.max === undefined) return true;
  return actual.max !== undefined && actual.max <= wanted.max;
}

/** Undefined when `actual` can satisfy an import of type `wanted` (up to the run-time min check), else why not. */
export function mismatch(actual: ExternType, wanted: ExternType): string | undefined {
  const why = `incompatible import type: want ${describeExternType(wanted)}, have ${describeExternType(actual)}`;
  if (actual.kind !== wanted.kind) return why;
  switch (wanted.kind) {
    case 'func':
      return sameFuncType((actual as typeof wanted).type, wanted.type) ? undefined : why;
    case 'global': {
      const a = (actual as typeof wanted).type;
      return a.type === wanted.type.type && a.mutable === wanted.type.mutable ? undefined : why;
    }
    case 'table': {
      const a = (actual as typeof wanted).type;
      return a.elemType === wanted.type.elemType && maxMatches(a.limits, wanted.type.limits) ? undefined : why;
    }
    case 'memory': {
      const a = (actual as typeof wanted).type;
      return maxMatches(a.limits, wanted.type.limits) ? undefined : why;
    }
  }
}

export function importType(m: Module, desc: Module['imports'][number]['desc']): ExternType {
  switch (desc.kind) {
    case 'func': {
      const t = m.types[desc.typeIndex];
      if (t === undefined) throw new Error(`import refers to missing type ${desc.typeIndex}`);
      return { kind: 'func', type: t };
    }
    case 'table':
      return { kind: 'table', type: desc.type };
    case 'memory':
      return { kind: 'memory', type: desc.type };
    case 'global':
      return { kind: 'global', type: desc.type };
  }
}

/** One resolved import: what to pass to instantiate, and the size check to make at run time. */
export interface ResolvedImport {
  readonly module: string;
  readonly field: string;
  readonly provider: Provider;
  readonly type: ExternType;
  /** The provider's real type (for re-exports: the original entity's). */
  readonly actual: ExternType;
  /** For memories and tables: the import's minimum, which the current size must reach at instantiation. */
  readonly minimum?: number;
}

export type LinkResult =
  | { readonly ok: true; readonly imports: readonly ResolvedImport[] }
  | { readonly ok: false; readonly unlinkable: boolean; readonly reason: string };

/** Resolves every import of `m` against `registry` (registered name -> provider). */
export function link(m: Module, registry: ReadonlyMap<string, Provider>): LinkResult {
  const imports: ResolvedImport[] = [];
  for (const imp of m.imports) {
    const provider = registry.get(imp.module);
    const where = `"${imp.module}" "${imp.name}"`;
    if (provider === undefined) return { ok: false, unlinkable: true, reason: `unknown import ${where}: no module registered as "${imp.module}"` };
    if (!provider.usable) return { ok: false, unlinkable: false, reason: `import ${where} from ${provider.description}, which is not available` };
    const actual = provider.exports.get(imp.name);
    if (actual === undefined) return { ok: false, unlinkable: true, reason: `unknown import ${where}: no such export` };
    const type = importType(m, imp.desc);
    const why = mismatch(actual, type);
    if (why !== undefined) return { ok: false, unlinkable: true, reason: `${where}: ${why}` };
    const minimum = type.kind === 'memory' || type.kind === 'table' ? type.type.limits.min : undefined;
    imports.push({ module: imp.module, field: imp.name, provider, type, actual, minimum });
  }
  return { ok: true, imports };
}

/** The index spaces of a module (imports first), as extern types, with imports replaced by their resolutions. */
export function exportTypes(m: Module, resolved: readonly ResolvedImport[]): Map<string, ExternType> {
  const funcs: ExternType[] = [];
  const tables: ExternType[] = [];
  const memories: ExternType[] = [];
  const globals: ExternType[] = [];
  const space = { func: funcs, table: tables, memory: memories, global: globals };
  m.imports.forEach((imp, i) => {
    space[imp.desc.kind].push(resolved[i]?.actual ?? importType(m, imp.desc));
  });
  for (const f of m.funcs) {
    const t = m.types[f.typeIndex];
    if (t === undefined) throw new Error(`function refers to missing type ${f.typeIndex}`);
    funcs.push({ kind: 'func', type: t });
  }
  for (const t of m.tables) tables.push({ kind: 'table', type: t });
  for (const t of m.memories) memories.push({ kind: 'memory', type: t });
  for (const g of m.globals) globals.push({ kind: 'global', type: g.type });
  const out = new Map<string, ExternType>();
  for (const e of m.exports) {
    const t = space[e.kind][e.index];
    if (t === undefined) throw new Error(`export "${e.name}" refers to missing ${e.kind} ${e.index}`);
    out.set(e.name, t);
  }
  return out;
}
