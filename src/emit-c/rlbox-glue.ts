// The RLBox glue: a C file compiled into the sandboxed shared object, through which the TypeScript `wasm2c`
// backend drives the module with koffi. It exists so that every catch point lives in C: each exported function
// gets a wrapper that runs it inside a WASM_RT_TRY frame and returns the trap code (0 = ok), so a trap's
// longjmp never crosses koffi's or V8's frames; host callbacks enter the module's table through C trampolines
// that turn a JavaScript exception (flagged by the JS side) into a trap raised from C.
//
// Interface (all symbols `rlbox_<mod>_...`, <mod> the mangled module name; <export> the mangled export name):
//   uint32_t glue_version(void)                               GLUE_VERSION below; the backend checks it
//   void*    create(char* err, size_t errlen, size_t stack_budget)
//                                                             NULL + message on failure; 0 budget = 1 MiB
//   void     destroy(void* sb)
//   uint32_t call_<export>(void* sb, params...)               trap code; the result goes to the shared block
//   int32_t  exit_code(void* sb)                              after WASM_RT_TRAP_EXIT
//   uint32_t install_callback(void* sb, const char* sig, void* host_fn)
//                                                             0, table index in the shared block; else error
//   void     uninstall_callback(void* sb, uint32_t index)
// The instance pointer starts with the shared block (layout static-asserted below): the backend reads results,
// the memory struct pointer, and raises the callback flag through a view on it, without a call per access;
// the N-API entry points of src/emit-c/napi-glue.ts take their arguments from its argument slots.
import type { FuncType, Module, ValType } from '../wasm/ir.js';
import { mangleModuleName, mangleName } from './mangle.js';

/** Bumped whenever the C interface above changes; the backend refuses a shared object with another version. */
export const GLUE_VERSION = 2;

/** Error codes of install_callback. */
export const INSTALL_ERRORS: Readonly<Record<number, string>> = {
  1: 'the library declares no function type with this signature, so it cannot call such a callback',
  2: 'the library does not export its function table (__indirect_function_table)',
  3: 'the function table cannot grow (link with --growable-table; rlbox build does)',
  4: 'out of memory',
};

/** Byte offsets in the shared block at the start of the instance. */
export const SHARED_LAYOUT = { result: 0, callbackFailed: 8, memory: 16, args: 24 } as const;
/**
 * Argument slots in the shared block (8 bytes each, from SHARED_LAYOUT.args): the N-API entry points read
 * their arguments there (written by the backend through typed-array views), which costs a fraction of
 * converting them as JavaScript values. Exports with more parameters are called through koffi.
 */
export const SHARED_ARG_SLOTS = 16;
/** Byte offsets in wasm_rt_memory_t (static-asserted in the glue). */
export const MEMORY_LAYOUT = { data: 0, size: 40 } as const;

const SUPPORTED: ReadonlySet<string> = new Set<ValType>(['i32', 'i64', 'f32', 'f64']);

const C_TYPE: Readonly<Record<string, string>> = { i32: 'u32', i64: 'u64', f32: 'f32', f64: 'f64' };
const CODE: Readonly<Record<string, string>> = { i32: 'i', i64: 'j', f32: 'f', f64: 'd' };
const RT_ENUM: Readonly<Record<string, string>> = { i32: 'WASM_RT_I32', i64: 'WASM_RT_I64', f32: 'WASM_RT_F32', f64: 'WASM_RT_F64' };
const RESULT_FIELD: Readonly<Record<string, string>> = { i32: 'i32', i64: 'i64', f32: 'f32', f64: 'f64' };

/** Whether the glue can pass a function of this type (numbers only, at most one result). */
export function glueSupports(t: { readonly params: readonly string[]; readonly results: readonly string[] }): boolean {
  return t.params.every((p) => SUPPORTED.has(p)) && t.results.length <= 1 && t.results.every((r) => SUPPORTED.has(r));
}

/** The signature string of a function type: parameter codes, `_`, result code (`ii_i`, `_`, `j_`). */
export function signatureCode(params: readonly string[], results: readonly string[]): string {
  return `${params.map((p) => CODE[p]).join('')}_${results.map((r) => CODE[r]).join('')}`;
}

/** Symbol prefix of a module's glue. */
export function gluePrefix(moduleName: string): string {
  return `rlbox_${mangleModuleName(moduleName)}_`;
}

/** The glue's wrapper of an export. */
export function glueCallSymbol(moduleName: string, exportName: string): string {
  return `${gluePrefix(moduleName)}call_${mangleName(exportName)}`;
}

function funcTypeOf(module: Module, funcIndex: number): FuncType | undefined {
  const importedFuncs = module.imports.filter((i) => i.desc.kind === 'func');
  if (funcIndex < importedFuncs.length) {
    const d = importedFuncs[funcIndex]!.desc;
    return d.kind === 'func' ? module.types[d.typeIndex] : undefined;
  }
  const f = module.funcs[funcIndex - importedFuncs.length];
  return f ? module.types[f.typeIndex] : undefined;
}

/**
 * The glue C source for a module translated with `emitC(module, { moduleName })` and whose header is included
 * as `headerName`. Compile it into the sandboxed shared object next to the generated C and the runtime.
 */
export function emitRlboxGlue(module: Module, moduleName: string, headerName: string): string {
  const mod = mangleModuleName(moduleName);
  const P = gluePrefix(moduleName);
  const inst = `w2c_${mod}`;
  const out: string[] = [];
  const w = (s = ''): void => {
    out.push(s);
  };

  const importModules = [...new Set(module.imports.map((i) => i.module))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const foreign = importModules.filter((m) => m !== 'wasi_snapshot_preview1');
  const memExport = module.exports.find((e) => e.kind === 'memory' && e.name === 'memory') ?? module.exports.find((e) => e.kind === 'memory');
  const tableExport = module.exports.find((e) => e.kind === 'table' && e.name === '__indirect_function_table');
  const exportNames = new Set(module.exports.filter((e) => e.kind === 'func').map((e) => e.name));
  const init = ['_initialize', '__wasm_call_ctors'].find((n) => exportNames.has(n));

  w(`/* Generated by rlbox-ts: the glue between the TypeScript wasm2c backend and module '${moduleName}'. Do not edit. */`);
  w('#include <stddef.h>');
  w('#include <stdint.h>');
  w('#include <stdio.h>');
  w('#include <stdlib.h>');
  w('#include <string.h>');
  w('#include "wasm-rt.h"');
  w('#include "minwasi.h"');
  w(`#include "${headerName}"`);
  w();
  for (const m of foreign) {
    w(`#error "module '${moduleName}' imports from '${m}': rlbox-ts sandboxes provide only wasi_snapshot_preview1"`);
  }
  w(`#define RLBOX_GLUE_VERSION ${GLUE_VERSION}u`);
  w('#define RLBOX_DEFAULT_STACK_BUDGET ((size_t)1 << 20)');
  w();
  w('typedef struct {');
  w('  union { u32 i32; u64 i64; f32 f32; f64 f64; } result; /* the last call\'s result */');
  w('  volatile u32 callback_failed;                         /* set by the JS side when a callback threw */');
  w('  u32 reserved;');
  w('  wasm_rt_memory_t* memory;                             /* the module\'s (exported) memory */');
  w(`  union { u32 i32; u64 i64; f32 f32; f64 f64; } args[${SHARED_ARG_SLOTS}]; /* arguments of N-API entries (<name>.wasm2c.node) */`);
  w('} rlbox_shared_t;');
  w();
  w('struct rlbox_sb;');
  w('typedef struct rlbox_cb {');
  w('  struct rlbox_sb* sb;');
  w('  void* host;  /* the koffi-registered JS function */');
  w('  struct rlbox_cb* next;');
  w('} rlbox_cb_t;');
  w();
  w('typedef struct rlbox_sb {');
  w('  rlbox_shared_t shared; /* first: the backend reads it at the instance pointer */');
  w('  size_t stack_budget;');
  w('  int instantiated;');
  w('  rlbox_cb_t* callbacks;');
  w('  uint32_t* free_slots;');
  w('  uint32_t free_count, free_cap;');
  w('  struct w2c_wasi__snapshot__preview1 wasi;');
  w(`  ${inst} inst;`);
  w('} rlbox_sb_t;');
  w();
  w(`_Static_assert(offsetof(rlbox_shared_t, result) == ${SHARED_LAYOUT.result}, "shared block layout");`);
  w(`_Static_assert(offsetof(rlbox_shared_t, callback_failed) == ${SHARED_LAYOUT.callbackFailed}, "shared block layout");`);
  w(`_Static_assert(offsetof(rlbox_shared_t, memory) == ${SHARED_LAYOUT.memory}, "shared block layout");`);
  w(`_Static_assert(offsetof(rlbox_shared_t, args) == ${SHARED_LAYOUT.args}, "shared block layout");`);
  w(`_Static_assert(offsetof(wasm_rt_memory_t, data) == ${MEMORY_LAYOUT.data}, "wasm_rt_memory_t layout");`);
  w(`_Static_assert(offsetof(wasm_rt_memory_t, size) == ${MEMORY_LAYOUT.size}, "wasm_rt_memory_t layout");`);
  w();
  w('/* Calls arrive on koffi\'s own stack (2 MiB by default) or, through the N-API entries, on the thread\'s stack;');
  w(' * the runtime sets the limit from the bounds of whichever stack the try frame was pushed on. Inside the');
  w(' * outermost frame the budget the backend chose may only tighten it (never below the real stack\'s bottom:');
  w(' * a worker thread\'s stack is smaller than the main one\'s); nested entries (a callback calling back in) keep');
  w(' * it. The runtime restores its own limit when the frame is popped. */');
  w('#define RLBOX_ENTERED(sb, frame) \\');
  w('  do { \\');
  w('    if ((frame).prev == NULL) { \\');
  w('      char* rlbox_budget_limit = (char*)__builtin_frame_address(0) - (sb)->stack_budget; \\');
  w('      if (rlbox_budget_limit > wasm_rt_stack_limit) wasm_rt_stack_limit = rlbox_budget_limit; \\');
  w('    } \\');
  w('  } while (0)');
  w();
  w(`uint32_t ${P}glue_version(void) { return RLBOX_GLUE_VERSION; }`);
  w();

  // Instantiation.
  const instArgs = importModules.map((m) => (m === 'wasi_snapshot_preview1' ? '&sb->wasi' : 'NULL'));
  w(`static void rlbox_instantiate(rlbox_sb_t* sb) {`);
  w(`  wasm2c_${mod}_instantiate(${['&sb->inst', ...instArgs].join(', ')});`);
  w('  sb->instantiated = 1;');
  if (memExport) w(`  sb->shared.memory = w2c_${mod}_${mangleName(memExport.name)}(&sb->inst);`);
  w('  minwasi_set_memory(&sb->wasi, sb->shared.memory);');
  if (init) w(`  w2c_${mod}_${mangleName(init)}(&sb->inst);`);
  w('}');
  w();
  w(`void ${P}destroy(void* p);`);
  w();
  w(`void* ${P}create(char* err, size_t errlen, size_t stack_budget) {`);
  if (!memExport) {
    w(`  snprintf(err, errlen, "module '%s' exports no memory; build it with rlbox build", "${moduleName}");`);
    w('  (void)stack_budget;');
    w('  return NULL;');
  } else {
    w('  wasm_rt_init();');
    w('  rlbox_sb_t* sb = (rlbox_sb_t*)calloc(1, sizeof(rlbox_sb_t));');
    w('  if (sb == NULL) { snprintf(err, errlen, "out of memory allocating the sandbox"); return NULL; }');
    w('  sb->stack_budget = stack_budget ? stack_budget : RLBOX_DEFAULT_STACK_BUDGET;');
    w('  minwasi_init(&sb->wasi);');
    w('  wasm_rt_try_frame_t frame;');
    w('  int code = WASM_RT_TRY(frame);');
    w('  if (code == 0) {');
    w('    RLBOX_ENTERED(sb, frame);');
    w('    rlbox_instantiate(sb);');
    w('  }');
    w('  wasm_rt_try_end(&frame);');
    w('  if (code != 0) {');
    w('    if (code == WASM_RT_TRAP_EXIT)');
    w('      snprintf(err, errlen, "the library called exit(%d) while starting", (int)minwasi_exit_code(&sb->wasi));');
    w('    else');
    w('      snprintf(err, errlen, "the library trapped while starting: %s", wasm_rt_strerror((wasm_rt_trap_t)code));');
    w(`    ${P}destroy(sb);`);
    w('    return NULL;');
    w('  }');
    w('  return sb;');
  }
  w('}');
  w();
  w(`void ${P}destroy(void* p) {`);
  w('  rlbox_sb_t* sb = (rlbox_sb_t*)p;');
  w('  if (sb == NULL) return;');
  w(`  if (sb->instantiated) wasm2c_${mod}_free(&sb->inst);`);
  w('  for (rlbox_cb_t* c = sb->callbacks; c != NULL;) { rlbox_cb_t* n = c->next; free(c); c = n; }');
  w('  free(sb->free_slots);');
  w('  free(sb);');
  w('}');
  w();
  w(`int32_t ${P}exit_code(void* p) { return (int32_t)minwasi_exit_code(&((rlbox_sb_t*)p)->wasi); }`);
  w();

  // One wrapper per exported function.
  w('/* Exported functions: run inside a try frame; the trap code is returned, the result left in the shared block. */');
  for (const e of module.exports) {
    if (e.kind !== 'func') continue;
    const t = funcTypeOf(module, e.index);
    if (!t || !glueSupports(t)) {
      w(`/* ${JSON.stringify(e.name)}: not callable through the glue (its type uses values other than numbers). */`);
      continue;
    }
    const params = t.params.map((p, i) => `${C_TYPE[p]} a${i}`);
    const args = ['&sb->inst', ...t.params.map((_, i) => `a${i}`)].join(', ');
    const callExpr = `w2c_${mod}_${mangleName(e.name)}(${args})`;
    const r = t.results[0];
    w(`uint32_t ${glueCallSymbol(moduleName, e.name)}(${['void* p', ...params].join(', ')}) {`);
    w('  rlbox_sb_t* sb = (rlbox_sb_t*)p;');
    w('  wasm_rt_try_frame_t frame;');
    w('  int code = WASM_RT_TRY(frame);');
    w('  if (code == 0) {');
    w('    RLBOX_ENTERED(sb, frame);');
    w(`    ${r ? `sb->shared.result.${RESULT_FIELD[r]} = ${callExpr}` : callExpr};`);
    w('  }');
    w('  wasm_rt_try_end(&frame);');
    w('  return (uint32_t)code;');
    w('}');
  }
  w();

  // Callback trampolines, one per function type the module declares.
  const seen = new Set<string>();
  const tramps: { code: string; name: string; typeFn: string }[] = [];
  w('/* Host callbacks: one trampoline per function type of the module. The module calls it with the callback\'s');
  w(' * context as its instance; it calls the JS function, then raises the JS side\'s exception as a trap, from C. */');
  for (const t of module.types) {
    if (!glueSupports(t)) continue;
    const code = signatureCode(t.params, t.results);
    if (seen.has(code)) continue;
    seen.add(code);
    const name = `rlbox_tramp_${code}`;
    const ret = t.results[0] ? C_TYPE[t.results[0]]! : 'void';
    const params = t.params.map((p, i) => `${C_TYPE[p]} a${i}`);
    const fnType = `${ret} (*)(${t.params.map((p) => C_TYPE[p]).join(', ') || 'void'})`;
    const call = `((${fnType})c->host)(${t.params.map((_, i) => `a${i}`).join(', ')})`;
    w(`static ${ret} ${name}(${['void* ctx', ...params].join(', ')}) {`);
    w('  rlbox_cb_t* c = (rlbox_cb_t*)ctx;');
    w('  rlbox_sb_t* sb = c->sb; /* read before the call: the callback may unregister itself (freeing c) */');
    w(ret === 'void' ? `  ${call};` : `  ${ret} r = ${call};`);
    w('  if (sb->shared.callback_failed) {');
    w('    sb->shared.callback_failed = 0;');
    w('    wasm_rt_trap(WASM_RT_TRAP_UNCAUGHT_EXCEPTION);');
    w('  }');
    if (ret !== 'void') w('  return r;');
    w('}');
    const typeFn = `rlbox_type_${code}`;
    const enums = [...t.params, ...t.results].map((v) => RT_ENUM[v]);
    w(`static wasm_rt_func_type_t ${typeFn}(void) {`);
    w(`  return wasm2c_${mod}_get_func_type(${[String(t.params.length), String(t.results.length), ...enums].join(', ')});`);
    w('}');
    tramps.push({ code, name, typeFn });
  }
  w();
  w('typedef struct { const char* sig; wasm_rt_function_ptr_t tramp; wasm_rt_func_type_t (*type)(void); } rlbox_tramp_t;');
  w('static const rlbox_tramp_t rlbox_tramps[] = {');
  for (const t of tramps) w(`  {"${t.code}", (wasm_rt_function_ptr_t)&${t.name}, &${t.typeFn}},`);
  w('  {NULL, NULL, NULL},');
  w('};');
  w();
  w(`uint32_t ${P}install_callback(void* p, const char* sig, void* host) {`);
  w('  rlbox_sb_t* sb = (rlbox_sb_t*)p;');
  w('  const rlbox_tramp_t* t = rlbox_tramps;');
  w('  while (t->sig != NULL && strcmp(t->sig, sig) != 0) t++;');
  w('  if (t->sig == NULL) return 1;');
  w('  wasm_rt_func_type_t type = t->type();');
  w('  if (type == NULL) return 1;');
  if (!tableExport) {
    w('  (void)host; (void)type;');
    w('  return 2;');
  } else {
    w(`  wasm_rt_funcref_table_t* table = w2c_${mod}_${mangleName(tableExport.name)}(&sb->inst);`);
    w('  rlbox_cb_t* c = (rlbox_cb_t*)calloc(1, sizeof(rlbox_cb_t));');
    w('  if (c == NULL) return 4;');
    w('  uint32_t index;');
    w('  if (sb->free_count > 0) {');
    w('    index = sb->free_slots[--sb->free_count];');
    w('  } else {');
    w('    index = wasm_rt_grow_funcref_table(table, 1, wasm_rt_funcref_null_value);');
    w('    if (index == UINT32_MAX) { free(c); return 3; }');
    w('  }');
    w('  c->sb = sb;');
    w('  c->host = host;');
    w('  c->next = sb->callbacks;');
    w('  sb->callbacks = c;');
    w('  wasm_rt_funcref_t ref = {type, t->tramp, {NULL}, c};');
    w('  table->data[index] = ref;');
    w('  sb->shared.result.i32 = index;');
    w('  return 0;');
  }
  w('}');
  w();
  w(`void ${P}uninstall_callback(void* p, uint32_t index) {`);
  if (!tableExport) {
    w('  (void)p; (void)index;');
  } else {
    w('  rlbox_sb_t* sb = (rlbox_sb_t*)p;');
    w(`  wasm_rt_funcref_table_t* table = w2c_${mod}_${mangleName(tableExport.name)}(&sb->inst);`);
    w('  if (index >= table->size) return;');
    w('  rlbox_cb_t* c = (rlbox_cb_t*)table->data[index].module_instance;');
    w('  rlbox_cb_t** link = &sb->callbacks;');
    w('  while (*link != NULL && *link != c) link = &(*link)->next;');
    w('  if (*link == NULL) return; /* not one of ours */');
    w('  *link = c->next;');
    w('  free(c);');
    w('  table->data[index] = wasm_rt_funcref_null_value;');
    w('  if (sb->free_count == sb->free_cap) {');
    w('    uint32_t cap = sb->free_cap ? sb->free_cap * 2 : 16;');
    w('    uint32_t* slots = (uint32_t*)realloc(sb->free_slots, cap * sizeof(uint32_t));');
    w('    if (slots == NULL) return; /* the slot is lost, nothing worse */');
    w('    sb->free_slots = slots;');
    w('    sb->free_cap = cap;');
    w('  }');
    w('  sb->free_slots[sb->free_count++] = index;');
  }
  w('}');
  w();
  return out.join('\n');
}
