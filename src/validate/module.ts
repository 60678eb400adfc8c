// Module-level validation: declarations, limits, constant expressions, segments, exports and start, then
// every function body through the same checker the emitter's typing hook uses.

import { invalid, WasmError, type Result } from '../wasm/errors.js';
import type { ConstExpr, Limits, Module, ValType } from '../wasm/ir.js';
import { Op, opName } from '../wasm/opcodes.js';
import { validationContext, type ValidationContext } from './context.js';
import { typeFunctionBody } from './function.js';

const MAX_PAGES = 65536;
const MAX_TABLE = 0xffffffff;

/** Validates a decoded module; throws a WasmError of kind 'invalid' pointing at the offending declaration. */
export function validateModule(module: Module): void {
  const ctx = validationContext(module);
  const { spaces } = ctx;
  const types = module.types;

  for (const imp of module.imports) {
    const d = imp.desc;
    if (d.kind === 'func') {
      if (!types[d.typeIndex]) throw invalid(`unknown type ${d.typeIndex}`, imp.offset);
    } else if (d.kind === 'table') checkLimits(d.type.limits, MAX_TABLE, 'table', imp.offset);
    else if (d.kind === 'memory') checkLimits(d.type.limits, MAX_PAGES, 'memory', imp.offset);
  }
  for (const f of module.funcs) {
    if (!types[f.typeIndex]) throw invalid(`unknown type ${f.typeIndex}`, f.offset);
  }
  for (const t of module.tables) checkLimits(t.limits, MAX_TABLE, 'table', 0);
  for (const m of module.memories) checkLimits(m.limits, MAX_PAGES, 'memory', 0);
  if (spaces.memories.length > 1) throw invalid('multiple memories', 0);

  for (const g of module.globals) checkConstExpr(ctx, g.init, g.type.type, g.offset);

  const exportNames = new Set<string>();
  for (const e of module.exports) {
    if (exportNames.has(e.name)) throw invalid(`duplicate export name "${e.name}"`, e.offset);
    exportNames.add(e.name);
    const count =
      e.kind === 'func'
        ? spaces.funcTypeIndices.length
        : e.kind === 'table'
          ? spaces.tables.length
          : e.kind === 'memory'
            ? spaces.memories.length
            : spaces.globals.length;
    if (e.index >= count) throw invalid(`unknown ${e.kind} ${e.index}`, e.offset);
  }

  if (module.start !== undefined) {
    const ti = spaces.funcTypeIndices[module.start];
    const t = ti === undefined ? undefined : types[ti];
    if (!t) throw invalid(`unknown function ${module.start}`, 0);
    if (t.params.length !== 0 || t.results.length !== 0) {
      throw invalid('start function must have type [] -> []', 0);
    }
  }

  for (const e of module.elems) {
    for (const item of e.items) checkConstExpr(ctx, item, e.elemType, e.offset);
    if (e.mode === 'active') {
      const table = spaces.tables[e.table];
      if (!table) throw invalid(`unknown table ${e.table}`, e.offset);
      checkConstExpr(ctx, e.offsetExpr ?? [], 'i32', e.offset);
      if (table.elemType !== e.elemType) {
        throw invalid(`type mismatch: ${e.elemType} segment for a ${table.elemType} table`, e.offset);
      }
    }
  }
  for (const d of module.datas) {
    if (d.mode === 'active') {
      if (d.memory >= spaces.memories.length) throw invalid(`unknown memory ${d.memory}`, d.offset);
      checkConstExpr(ctx, d.offsetExpr ?? [], 'i32', d.offset);
    }
  }

  for (let i = 0; i < module.funcs.length; i++) typeFunctionBody(module, i, undefined);
}

/** Like validateModule, but returns the error instead of throwing it. */
export function tryValidateModule(module: Module): Result<void> {
  try {
    validateModule(module);
    return { ok: true, value: undefined };
  } catch (e) {
    if (e instanceof WasmError) return { ok: false, error: e };
    throw e;
  }
}

function checkLimits(limits: Limits, bound: number, what: string, offset: number): void {
  if (what === 'memory') {
    if (limits.min > bound || (limits.max !== undefined && limits.max > bound)) {
      throw invalid('memory size must be at most 65536 pages (4GiB)', offset);
    }
  } else if (limits.min > bound || (limits.max !== undefined && limits.max > bound)) {
    throw invalid(`table size must be at most ${bound}`, offset);
  }
  if (limits.max !== undefined && limits.min > limits.max) {
    throw invalid('size minimum must not be greater than maximum', offset);
  }
}

/**
 * A constant expression: only constants, ref.null, ref.func and global.get of an imported immutable global
 * (WebAssembly 2.0), producing exactly one value of type `expected`.
 */
function checkConstExpr(ctx: ValidationContext, expr: ConstExpr, expected: ValType, declOffset: number): void {
  const stack: ValType[] = [];
  const { spaces } = ctx;
  for (const instr of expr) {
    switch (instr.op) {
      case Op.i32_const: stack.push('i32'); break;
      case Op.i64_const: stack.push('i64'); break;
      case Op.f32_const: stack.push('f32'); break;
      case Op.f64_const: stack.push('f64'); break;
      case Op.v128_const: stack.push('v128'); break;
      case Op.ref_null: stack.push(instr.refType!); break;
      case Op.ref_func:
        if (instr.index! >= spaces.funcTypeIndices.length) throw invalid(`unknown function ${instr.index}`, instr.offset);
        stack.push('funcref');
        break;
      case Op.global_get: {
        const index = instr.index!;
        if (index >= spaces.importCounts.globals) throw invalid(`unknown global ${index}`, instr.offset);
        const g = spaces.globals[index]!;
        if (g.mutable) throw invalid(`constant expression required: global ${index} is mutable`, instr.offset);
        stack.push(g.type);
        break;
      }
      default:
        throw invalid(`constant expression required: ${opName(instr.op)} is not constant`, instr.offset);
    }
  }
  if (stack.length !== 1 || stack[0] !== expected) {
    const at = expr.length ? expr[expr.length - 1]!.offset : declOffset;
    throw invalid(`type mismatch: constant expression must produce one ${expected}, found [${stack.join(' ')}]`, at);
  }
}
