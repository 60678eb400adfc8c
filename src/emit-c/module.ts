// Module-level C: the header (instance struct, administrative functions, imports, exports, import limits) and
// the source parts around the function bodies (signature identifiers, segments, instantiate, free, exports).

import type { Module, ValType } from '../wasm/ir.js';
import {
  bytesLiteral, cType, multiStructDefinition, multiStructName, resultCType, rtTypeEnum,
} from './c-types.js';
import { constExpression } from './constexpr.js';
import { UnsupportedFeatureError } from './errors.js';
import { functionPrototype, type FunctionContext } from './function.js';
import { externalSymbol, mangleModuleName, mangleName } from './mangle.js';
import type { FuncRef, ModuleNames } from './names.js';

/** Memories without a declared maximum may grow to 4 GiB (65536 pages), as the ABI's import constants say. */
const MEMORY_MAX_PAGES = 65536;

function paramList(first: string, params: readonly ValType[], named: boolean): string {
  return [first, ...params.map((t, i) => (named ? `${cType(t)} a${i}` : cType(t)))].join(', ');
}

function tableType(kind: string): string {
  return `wasm_rt_${kind}_table_t`;
}

function headerGuard(mod: string): string {
  return `W2C_GENERATED_${mod}_H_`;
}

function allResultLists(module: Module): (readonly ValType[])[] {
  const seen = new Map<string, readonly ValType[]>();
  for (const t of module.types) if (t.results.length > 1) seen.set(multiStructName(t.results), t.results);
  return [...seen.values()];
}

/** The constants hosts read before instantiating: limits of imported memories and tables. */
function importLimitConstants(module: Module, names: ModuleNames): { decl: string; def: string }[] {
  const out: { decl: string; def: string }[] = [];
  const seen = new Set<string>();
  for (const imp of module.imports) {
    if (imp.desc.kind !== 'memory' && imp.desc.kind !== 'table') continue;
    const key = `${imp.module}\0${imp.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const suffix = `${mangleModuleName(imp.module)}_${mangleName(imp.name)}`;
    const c = (type: string, what: string, value: string) => ({
      decl: `extern const ${type} wasm2c_${names.mod}_${what}_${suffix};`,
      def: `const ${type} wasm2c_${names.mod}_${what}_${suffix} = ${value};`,
    });
    if (imp.desc.kind === 'memory') {
      const l = imp.desc.type.limits;
      out.push(c('u64', 'min', `${l.min}`), c('u64', 'max', `${l.max ?? MEMORY_MAX_PAGES}`));
      out.push(c('u8', 'is64', '0'), c('u32', 'pagesize', '65536'));
    } else if (imp.desc.kind === 'table') {
      const l = imp.desc.type.limits;
      out.push(c('u32', 'min', `${l.min}u`), c('u32', 'max', `${l.max ?? 0xffffffff}u`));
    }
  }
  return out;
}

function importDeclarations(module: Module, names: ModuleNames): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const imp of module.imports) {
    const symbol = externalSymbol(imp.module, imp.name);
    if (seen.has(symbol)) continue;
    seen.add(symbol);
    const self = `struct w2c_${mangleModuleName(imp.module)}*`;
    switch (imp.desc.kind) {
      case 'func': {
        const t = module.types[imp.desc.typeIndex]!;
        out.push(`${resultCType(t.results)} ${symbol}(${paramList(self, t.params, false)});`);
        break;
      }
      case 'memory':
        out.push(`wasm_rt_memory_t* ${symbol}(${self});`);
        break;
      case 'table':
        out.push(`${tableType(imp.desc.type.elemType)}* ${symbol}(${self});`);
        break;
      case 'global':
        out.push(`${cType(imp.desc.type.type)}* ${symbol}(${self});`);
        break;
    }
  }
  return out;
}

export function exportPrototype(module: Module, names: ModuleNames, exp: Module['exports'][number]): string {
  const symbol = `w2c_${names.mod}_${mangleName(exp.name)}`;
  const self = `${names.instanceType}* inst`;
  switch (exp.kind) {
    case 'func': {
      const t = names.funcs[exp.index]!.type;
      return `${resultCType(t.results)} ${symbol}(${paramList(self, t.params, true)})`;
    }
    case 'memory':
      return `wasm_rt_memory_t* ${symbol}(${self})`;
    case 'table':
      return `${tableType(names.tables[exp.index]!.elemType)}* ${symbol}(${self})`;
    case 'global':
      return `${cType(names.globals[exp.index]!.type.type)}* ${symbol}(${self})`;
  }
}

/**
 * The body of a C function that enters the module's code: `call` with the gs base pointed at memory 0 (Segue),
 * restored afterwards. Without a memory (or when the C is compiled without Segue) it is just the call.
 */
function enteringBody(names: ModuleNames, results: readonly ValType[], call: string): string {
  const ret = results.length === 0 ? '' : 'return ';
  if (names.segueBase === undefined) return `  ${ret}${call};`;
  return ['#if W2C__SEGUE', ...segueCall(names, results, call), '#else', `  ${ret}${call};`, '#endif'].join('\n');
}

/** `call` between W2C__SEGUE_ENTER and W2C__SEGUE_LEAVE (only written when the base differs), as body lines. */
function segueCall(names: ModuleNames, results: readonly ValType[], call: string): string[] {
  const lines = [`  W2C__SEGUE_ENTER(${names.segueBase!});`];
  if (results.length === 0) lines.push(`  ${call};`, '  W2C__SEGUE_LEAVE();');
  else lines.push(`  ${resultCType(results)} r = ${call};`, '  W2C__SEGUE_LEAVE();', '  return r;');
  return lines;
}

function exportDefinition(module: Module, names: ModuleNames, exp: Module['exports'][number]): string {
  const proto = exportPrototype(module, names, exp);
  switch (exp.kind) {
    case 'func': {
      const f = names.funcs[exp.index]!;
      const args = [f.instance, ...f.type.params.map((_, i) => `a${i}`)].join(', ');
      // An exported import is the other module's (or the host's) entry: it sets its own base.
      if (f.imported) {
        const ret = f.type.results.length === 0 ? '' : 'return ';
        return `${proto} {\n  ${ret}${f.symbol}(${args});\n}`;
      }
      return `${proto} {\n${enteringBody(names, f.type.results, `${f.symbol}(${args})`)}\n}`;
    }
    case 'memory': {
      const m = names.memories[exp.index]!;
      return `${proto} {\n  return ${m.pointer};\n}`;
    }
    case 'table':
      return `${proto} {\n  return ${names.tables[exp.index]!.pointer};\n}`;
    case 'global': {
      const g = names.globals[exp.index]!;
      return `${proto} {\n  return ${g.imported ? `inst->${g.field}` : `&inst->${g.field}`};\n}`;
    }
  }
}

function instantiatePrototype(names: ModuleNames): string {
  const params = [`${names.instanceType}* inst`, ...names.importModules.map((m) => `struct w2c_${m.mangled}* ${m.field}`)];
  return `void wasm2c_${names.mod}_instantiate(${params.join(', ')})`;
}

export function emitHeader(ctx: FunctionContext): string {
  const { module, names } = ctx;
  const out: string[] = [];
  const guard = headerGuard(names.mod);
  out.push(`/* Generated by rlbox-ts wasm2c. Do not edit. */`);
  out.push(`#ifndef ${guard}`, `#define ${guard}`, '', '#include "wasm-rt.h"', '');
  out.push('#ifndef WASM_RT_CORE_TYPES_DEFINED', '#define WASM_RT_CORE_TYPES_DEFINED', '#include <stdint.h>');
  for (const [c, t] of [['u8', 'uint8_t'], ['s8', 'int8_t'], ['u16', 'uint16_t'], ['s16', 'int16_t'], ['u32', 'uint32_t'],
    ['s32', 'int32_t'], ['u64', 'uint64_t'], ['s64', 'int64_t'], ['f32', 'float'], ['f64', 'double']]) {
    out.push(`typedef ${t} ${c};`);
  }
  out.push('#endif', '', '#ifdef __cplusplus', 'extern "C" {', '#endif', '');
  for (const m of names.importModules) out.push(`struct w2c_${m.mangled};`);
  if (names.importModules.length > 0) out.push('');
  for (const results of allResultLists(module)) out.push(multiStructDefinition(results));

  out.push(`typedef struct ${names.instanceType} {`);
  let fields = 0;
  const field = (s: string) => {
    out.push(`  ${s};`);
    fields++;
  };
  for (const m of names.importModules) field(`struct w2c_${m.mangled}* ${m.field}`);
  for (const g of names.globals) field(`${cType(g.type.type)}${g.imported ? '*' : ''} ${g.field}`);
  for (const m of names.memories) field(`wasm_rt_memory_t${m.imported ? '*' : ''} ${m.field}`);
  for (const t of names.tables) field(`${tableType(t.elemType)}${t.imported ? '*' : ''} ${t.field}`);
  ctx.segments.data.forEach((d) => d.droppedField && field(`u8 ${d.droppedField}`));
  ctx.segments.elem.forEach((e, i) => {
    if (e.droppedField) field(`u8 ${e.droppedField}`);
    if (e.itemsField) field(`wasm_rt_${module.elems[i]!.elemType}_t ${e.itemsField}[${e.length}]`);
  });
  // C forbids empty structs and C++ would give it another size: keep one byte.
  if (fields === 0) field('char w2c_unused');
  out.push(`} ${names.instanceType};`, '');

  out.push(`${instantiatePrototype(names)};`);
  out.push(`void wasm2c_${names.mod}_free(${names.instanceType}* inst);`);
  out.push(`wasm_rt_func_type_t wasm2c_${names.mod}_get_func_type(uint32_t param_count, uint32_t result_count, ...);`);
  out.push('');
  const imports = importDeclarations(module, names);
  if (imports.length > 0) out.push('/* Imports: defined by the host or another module. */', ...imports, '');
  const limits = importLimitConstants(module, names);
  if (limits.length > 0) out.push(...limits.map((l) => l.decl), '');
  if (module.exports.length > 0) {
    out.push('/* Exports. */');
    for (const e of module.exports) out.push(`${exportPrototype(module, names, e)};`);
    out.push('');
  }
  out.push('#ifdef __cplusplus', '}', '#endif', '', `#endif /* ${guard} */`, '');
  return out.join('\n');
}

/** Signature identifiers, data segment bytes, import limits. */
export function emitStaticData(ctx: FunctionContext): string {
  const { module, names } = ctx;
  const out: string[] = [];
  const linkage = names.split ? 'W2C__INTERNAL' : 'static';
  for (const s of names.signatures) out.push(`${linkage} const char ${s.id}[] = "${s.text}";`);
  out.push('');
  module.datas.forEach((d, i) => {
    out.push(`${linkage} const u8 W2C__UNUSED ${ctx.segments.data[i]!.symbol}[] =\n${bytesLiteral(d.bytes, '  ')};`);
  });
  for (const l of importLimitConstants(module, names)) out.push(l.def);
  return out.join('\n');
}

export function emitForwardDeclarations(ctx: FunctionContext): string {
  const out: string[] = [];
  if (ctx.names.split) {
    // The definitions live in the first file; every file sees them.
    for (const s of ctx.names.signatures) out.push(`extern W2C__INTERNAL const char ${s.id}[];`);
    for (const d of ctx.segments.data) out.push(`extern W2C__INTERNAL const u8 ${d.symbol}[];`);
  }
  const first = ctx.names.funcs.length - ctx.module.funcs.length;
  for (let i = first; i < ctx.names.funcs.length; i++) out.push(`${functionPrototype(ctx, i)};`);
  const thunks = ctx.names.funcs.filter((f) => f.thunk !== undefined);
  if (thunks.length > 0) {
    out.push('#if W2C__SEGUE');
    for (const f of thunks) out.push(`${thunkPrototype(ctx.names, f)};`);
    out.push('#endif');
  }
  return out.join('\n');
}

function thunkPrototype(names: ModuleNames, f: FuncRef): string {
  const linkage = names.split ? 'W2C__INTERNAL' : 'static W2C__UNUSED';
  return `${linkage} ${resultCType(f.type.results)} ${f.thunk!}(${paramList(`${names.instanceType}* inst`, f.type.params, true)})`;
}

/**
 * Segue: what funcrefs to the module's own functions point at, entering like an export. Calls through a table
 * usually come from this very module, with the base already right: then it is one rdgsbase and a compare more
 * than a direct call.
 */
function thunkDefinitions(names: ModuleNames): string[] {
  const out: string[] = [];
  for (const f of names.funcs) {
    if (f.thunk === undefined) continue;
    const call = `${f.symbol}(${['inst', ...f.type.params.map((_, i) => `a${i}`)].join(', ')})`;
    out.push(`${thunkPrototype(names, f)} {`, ...segueCall(names, f.type.results, call), '}', '');
  }
  return out;
}

export function emitInstanceFunctions(ctx: FunctionContext): string {
  const { module, names, segments } = ctx;
  const out: string[] = [];
  out.push(`${instantiatePrototype(names)} {`);
  out.push('  memset(inst, 0, sizeof(*inst));');
  for (const m of names.importModules) out.push(`  inst->${m.field} = ${m.field};`);
  let nGlobal = 0, nMemory = 0, nTable = 0;
  for (const imp of module.imports) {
    const call = `${externalSymbol(imp.module, imp.name)}(${names.importModules.find((m) => m.name === imp.module)!.field})`;
    switch (imp.desc.kind) {
      case 'global': out.push(`  inst->${names.globals[nGlobal++]!.field} = ${call};`); break;
      case 'memory': out.push(`  inst->${names.memories[nMemory++]!.field} = ${call};`); break;
      case 'table': out.push(`  inst->${names.tables[nTable++]!.field} = ${call};`); break;
      case 'func': break;
    }
  }
  module.memories.forEach((m, i) => {
    const ref = names.memories[nMemory + i]!;
    out.push(`  wasm_rt_allocate_memory(&inst->${ref.field}, ${m.limits.min}u, ${m.limits.max ?? MEMORY_MAX_PAGES}u, false, 65536u);`);
  });
  module.tables.forEach((t, i) => {
    const ref = names.tables[nTable + i]!;
    out.push(`  wasm_rt_allocate_${t.elemType}_table(&inst->${ref.field}, ${t.limits.min}u, ${t.limits.max ?? 0xffffffff}u);`);
  });
  module.globals.forEach((g, i) => {
    out.push(`  inst->${names.globals[nGlobal + i]!.field} = ${constExpression(names, g.init)};`);
  });
  module.elems.forEach((e, i) => {
    const info = segments.elem[i]!;
    if (info.itemsField) {
      e.items.forEach((item, k) => out.push(`  inst->${info.itemsField}[${k}] = ${constExpression(names, item)};`));
    }
  });
  // Active segments in order; a segment out of bounds traps, leaving the earlier ones applied.
  module.elems.forEach((e) => {
    if (e.mode !== 'active') return;
    const table = names.tables[e.table]!;
    out.push('  {');
    out.push(`    ${tableType(table.elemType)}* t = ${table.pointer};`);
    out.push(`    u32 d = ${constExpression(names, e.offsetExpr!)};`);
    out.push(`    if ((u64)d + ${e.items.length}u > t->size) W2C__TRAP(OOB);`);
    e.items.forEach((item, k) => out.push(`    t->data[d + ${k}u] = ${constExpression(names, item)};`));
    out.push('  }');
  });
  module.datas.forEach((d, i) => {
    if (d.mode !== 'active') return;
    const mem = names.memories[d.memory]!;
    const seg = segments.data[i]!;
    out.push(`  w2c__memory_init(${mem.pointer}, ${seg.symbol}, ${d.bytes.length}u, ${constExpression(names, d.offsetExpr!)}, 0, ${d.bytes.length}u);`);
  });
  if (module.start !== undefined) {
    const f = names.funcs[module.start]!;
    if (f.imported) out.push(`  ${f.symbol}(${f.instance});`);
    else out.push('  {', enteringBody(names, [], `${f.symbol}(${f.instance})`).replace(/^/gm, '  '), '  }');
  }
  out.push('}', '');

  out.push(`void wasm2c_${names.mod}_free(${names.instanceType}* inst) {`);
  module.memories.forEach((_, i) => out.push(`  wasm_rt_free_memory(&inst->${names.memories[nMemory + i]!.field});`));
  module.tables.forEach((t, i) => out.push(`  wasm_rt_free_${t.elemType}_table(&inst->${names.tables[nTable + i]!.field});`));
  out.push('  (void)inst;', '}', '');

  out.push(`wasm_rt_func_type_t wasm2c_${names.mod}_get_func_type(uint32_t param_count, uint32_t result_count, ...) {`);
  out.push('  va_list args;');
  for (const s of names.signatures) {
    const types = [...s.type.params, ...s.type.results];
    out.push(`  if (param_count == ${s.type.params.length}u && result_count == ${s.type.results.length}u) {`);
    out.push('    va_start(args, result_count);');
    out.push('    int match = 1;');
    for (const t of types) out.push(`    if (va_arg(args, int) != (int)${rtTypeEnum(t)}) match = 0;`);
    out.push('    va_end(args);');
    out.push(`    if (match) return ${s.id};`);
    out.push('  }');
  }
  out.push('  (void)args;', '  (void)param_count;', '  (void)result_count;', '  return NULL;', '}', '');

  for (const e of module.exports) out.push(exportDefinition(module, names, e), '');
  const thunks = thunkDefinitions(names);
  if (thunks.length > 0) out.push('#if W2C__SEGUE', ...thunks, '#endif', '');
  return out.join('\n');
}

export function checkNoSimd(module: Module): void {
  const bad = (t: ValType) => t === 'v128';
  for (const t of module.types) {
    if (t.params.some(bad) || t.results.some(bad)) throw new UnsupportedFeatureError('SIMD is not supported yet (v128 in a function type)', 0);
  }
  for (const g of module.globals) if (bad(g.type.type)) throw new UnsupportedFeatureError('SIMD is not supported yet (v128 global)', g.offset);
  for (const i of module.imports) {
    if (i.desc.kind === 'global' && bad(i.desc.type.type)) throw new UnsupportedFeatureError('SIMD is not supported yet (v128 global import)', i.offset);
  }
}
