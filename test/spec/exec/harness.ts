// Generates the C harness program of a script: one function per command that needs running, each inside a trap
// catch, printing one machine-readable line; forwarders that route an import ("M", "f") — the ABI's call to
// w2c_M_f(struct w2c_M*, ...) — to the instance registered as "M" (by pointer identity, so a name registered
// more than once still reaches the right instance); and main(), which can skip commands that crashed before.
//
// Protocol (stdout): `S <cmd>` before a command, then `C <cmd> ok | trap <code> | vals <type>:<hex>... |
// unlinkable <why> | noinstance`; `DONE` at the end.

import type { ValType } from '../../../src/wasm/ir.js';
import { mangleModuleName, mangleName } from '../../../src/emit-c/mangle.js';
import type { ExternType } from './linking.js';
import type { Instance, PlannedCommand, Step } from './plan.js';
import { argExpression } from './values.js';

const typeCode: Record<ValType, string> = { i32: 'i', i64: 'j', f32: 'f', f64: 'd', funcref: 'r', externref: 'e', v128: 'o' };

export function cType(t: ValType): string {
  switch (t) {
    case 'i32':
      return 'u32';
    case 'i64':
      return 'u64';
    case 'f32':
      return 'f32';
    case 'f64':
      return 'f64';
    case 'funcref':
      return 'wasm_rt_funcref_t';
    case 'externref':
      return 'wasm_rt_externref_t';
    case 'v128':
      throw new Error('v128 values are not supported by the harness');
  }
}

function resultType(results: readonly ValType[]): string {
  if (results.length === 0) return 'void';
  if (results.length === 1) return cType(results[0]!);
  return `struct wasm_multi_${results.map((t) => typeCode[t]).join('')}`;
}

export function symbol(cModuleName: string, field: string): string {
  return `w2c_${mangleModuleName(cModuleName)}_${mangleName(field)}`;
}

function pointerType(t: ExternType): string {
  switch (t.kind) {
    case 'memory':
      return 'wasm_rt_memory_t*';
    case 'table':
      return t.type.elemType === 'funcref' ? 'wasm_rt_funcref_table_t*' : 'wasm_rt_externref_table_t*';
    case 'global':
      return `${cType(t.type.type)}*`;
    case 'func':
      throw new Error('functions have no pointer type');
  }
}

/** The C prototype (minus the name) an import of this type has; equal strings = interchangeable forwarders. */
function forwarderShape(t: ExternType): string {
  if (t.kind === 'func') return `${resultType(t.type.results)}(${t.type.params.map(cType).join(',')})`;
  return pointerType(t);
}

function printValue(t: ValType, expr: string): string {
  switch (t) {
    case 'i32':
      return `printf(" i32:%" PRIx32, (uint32_t)(${expr}));`;
    case 'i64':
      return `printf(" i64:%" PRIx64, (uint64_t)(${expr}));`;
    case 'f32':
      return `printf(" f32:%" PRIx32, bits_of_f32(${expr}));`;
    case 'f64':
      return `printf(" f64:%" PRIx64, bits_of_f64(${expr}));`;
    case 'externref':
      return `printf(" externref:%" PRIxPTR, (uintptr_t)(${expr}));`;
    case 'funcref':
      return `printf(" funcref:%d", (${expr}).func != NULL);`;
    case 'v128':
      throw new Error('v128 results are not supported by the harness');
  }
}

function byteCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

interface Forwarder {
  readonly symbol: string;
  readonly structName: string;
  readonly field: string;
  readonly type: ExternType;
  readonly shape: string;
  readonly targets: Map<string, Instance>;
}

/** Thrown when two registrations under one name need incompatible forwarders in the same program. */
export class ForwarderConflict extends Error {}

function collectForwarders(instances: readonly Instance[]): Map<string, Forwarder> {
  const out = new Map<string, Forwarder>();
  for (const inst of instances) {
    for (const imp of inst.imports) {
      if (imp.module === 'spectest') continue;
      const provider = imp.provider as Instance;
      const sym = `w2c_${mangleModuleName(imp.module)}_${mangleName(imp.field)}`;
      const shape = forwarderShape(imp.type);
      let f = out.get(sym);
      if (f === undefined) {
        f = { symbol: sym, structName: `w2c_${mangleModuleName(imp.module)}`, field: imp.field, type: imp.type, shape, targets: new Map() };
        out.set(sym, f);
      } else if (f.shape !== shape) {
        throw new ForwarderConflict(`import "${imp.module}" "${imp.field}" is needed both as ${f.shape} and as ${shape}`);
      }
      f.targets.set(provider.pointer, provider);
    }
  }
  return out;
}

function forwarderCode(f: Forwarder): string {
  const lines: string[] = [];
  if (f.type.kind === 'func') {
    const ft = f.type.type;
    const params = ft.params.map((t, i) => `, ${cType(t)} a${i}`).join('');
    const args = ft.params.map((_, i) => `, a${i}`).join('');
    lines.push(`${resultType(ft.results)} ${f.symbol}(struct ${f.structName}* self${params}) {`);
    for (const target of f.targets.values()) {
      const call = `${symbol(target.cName, f.field)}(${target.pointer}${args})`;
      lines.push(`  if ((void*)self == (void*)${target.pointer}) ${ft.results.length === 0 ? `{ ${call}; return; }` : `return ${call};`}`);
    }
  } else {
    lines.push(`${pointerType(f.type)} ${f.symbol}(struct ${f.structName}* self) {`);
    for (const target of f.targets.values()) {
      lines.push(`  if ((void*)self == (void*)${target.pointer}) return ${symbol(target.cName, f.field)}(${target.pointer});`);
    }
  }
  lines.push(`  fprintf(stderr, "harness: ${f.symbol} called with an unknown instance\\n");`);
  lines.push('  abort();');
  lines.push('}');
  return lines.join('\n');
}

function cString(s: string): string {
  return JSON.stringify(s).replace(/\?/g, '\\?');
}

function instantiateBody(idx: number, inst: Instance): string[] {
  const lines: string[] = [];
  // The part of import matching that depends on run-time sizes (memories and tables grow).
  for (const imp of inst.imports) {
    if (imp.minimum === undefined) continue;
    const accessor = `${symbol(imp.provider.cName, imp.field)}(${imp.provider.pointer})`;
    const size = imp.type.kind === 'memory' ? `${accessor}->pages` : `${accessor}->size`;
    const why = `"${imp.module}" "${imp.field}": current size below the import's minimum ${imp.minimum}`;
    lines.push(`  if ((uint64_t)${size} < ${imp.minimum}u) { printf("C ${idx} unlinkable %s\\n", ${cString(why)}); return; }`);
  }
  const byModule = new Map<string, string>();
  for (const imp of inst.imports) byModule.set(imp.module, imp.provider.pointer);
  const importArgs = [...byModule.keys()]
    .sort(byteCompare)
    .map((name) => `, (struct w2c_${mangleModuleName(name)}*)${byModule.get(name)}`)
    .join('');
  lines.push('  wasm_rt_try_frame_t frame;');
  lines.push('  int code = WASM_RT_TRY(frame);');
  lines.push(`  if (code == 0) wasm2c_${mangleModuleName(inst.cName)}_instantiate(${inst.pointer}${importArgs});`);
  lines.push('  wasm_rt_try_end(&frame);');
  lines.push(`  if (code != 0) { printf("C ${idx} trap %d\\n", code); return; }`);
  lines.push(`  live${inst.index} = 1;`);
  lines.push(`  printf("C ${idx} ok\\n");`);
  return lines;
}

function actionBody(idx: number, step: Exclude<Step, { kind: 'instantiate' }>): string[] {
  const inst = step.instance;
  const lines: string[] = [];
  lines.push(`  if (!live${inst.index}) { printf("C ${idx} noinstance\\n"); return; }`);
  lines.push('  wasm_rt_try_frame_t frame;');
  lines.push('  int code = WASM_RT_TRY(frame);');
  lines.push('  if (code == 0) {');
  const fn = symbol(inst.cName, step.field);
  let results: readonly ValType[];
  if (step.kind === 'invoke') {
    results = step.type.results;
    const args = step.args.map((a) => `, ${argExpression(a)}`).join('');
    const call = `${fn}(${inst.pointer}${args})`;
    if (results.length === 0) lines.push(`    ${call};`);
    else lines.push(`    ${resultType(results)} r = ${call};`);
  } else {
    results = [step.type.type];
    lines.push(`    ${cType(step.type.type)} r = *${fn}(${inst.pointer});`);
  }
  lines.push('    wasm_rt_try_end(&frame);');
  lines.push(`    printf("C ${idx} vals");`);
  results.forEach((t, i) => {
    const expr = results.length === 1 ? 'r' : `r.${typeCode[t]}${i}`;
    lines.push(`    ${printValue(t, expr)}`);
  });
  lines.push('    printf("\\n");');
  lines.push('  } else {');
  lines.push('    wasm_rt_try_end(&frame);');
  lines.push(`    printf("C ${idx} trap %d\\n", code);`);
  lines.push('  }');
  return lines;
}

export interface HarnessInput {
  readonly instances: readonly Instance[];
  /** Header file name of each instance (by index). */
  readonly headerOf: (inst: Instance) => string;
  /** The commands to run, in order (each has a step whose instances are all present). */
  readonly commands: readonly PlannedCommand[];
}

export function generateHarness(input: HarnessInput): string {
  const { instances, commands } = input;
  const forwarders = collectForwarders(instances);
  const out: string[] = [];
  out.push('/* Generated by test/spec/exec/harness.ts: runs one spec script\'s commands against our wasm2c output. */');
  out.push('#include <inttypes.h>', '#include <stdint.h>', '#include <stdio.h>', '#include <stdlib.h>', '#include <string.h>');
  out.push('#include "wasm-rt.h"', '#include "spectest.h"');
  for (const inst of instances) out.push(`#include "${input.headerOf(inst)}"`);
  out.push('');
  out.push('static struct w2c_spectest spectest;');
  for (const inst of instances) out.push(`static w2c_${mangleModuleName(inst.cName)} inst${inst.index};`, `static int live${inst.index};`);
  out.push('');
  out.push('static f32 f32_of_bits(u32 b) { f32 f; memcpy(&f, &b, sizeof f); return f; }');
  out.push('static f64 f64_of_bits(u64 b) { f64 f; memcpy(&f, &b, sizeof f); return f; }');
  out.push('static u32 bits_of_f32(f32 f) { u32 b; memcpy(&b, &f, sizeof b); return b; }');
  out.push('static u64 bits_of_f64(f64 f) { u64 b; memcpy(&b, &f, sizeof b); return b; }');
  out.push('');
  const structs = new Set([...forwarders.values()].map((f) => f.structName));
  for (const s of structs) out.push(`struct ${s};`);
  for (const f of forwarders.values()) out.push(forwarderCode(f), '');
  const runnable = commands.filter((c) => c.step !== undefined);
  for (const c of runnable) {
    const step = c.step!;
    out.push(`static void cmd${c.index}(void) { /* line ${c.line}: ${c.command} */`);
    out.push(...(step.kind === 'instantiate' ? instantiateBody(c.index, step.instance) : actionBody(c.index, step)));
    out.push('}');
  }
  out.push('');
  out.push('struct command { int index; void (*run)(void); };');
  out.push('static const struct command commands[] = {');
  for (const c of runnable) out.push(`  {${c.index}, cmd${c.index}},`);
  out.push('  {-1, NULL}', '};');
  out.push(`
/* argv[1]: comma-separated command indices not to run (they crashed the program in an earlier run). */
static int skipped(const char* list, int index) {
  if (list == NULL) return 0;
  const char* p = list;
  while (*p) {
    char* end;
    long v = strtol(p, &end, 10);
    if (end == p) break;
    if (v == index) return 1;
    p = *end == ',' ? end + 1 : end;
  }
  return 0;
}

int main(int argc, char** argv) {
  const char* skip = argc > 1 ? argv[1] : NULL;
  setvbuf(stdout, NULL, _IOLBF, 0);
  wasm_rt_init();
  wasm_rt_try_frame_t frame;
  int code = WASM_RT_TRY(frame);
  if (code == 0) spectest_instantiate(&spectest);
  wasm_rt_try_end(&frame);
  if (code != 0) { printf("X spectest instantiation trapped %d\\n", code); return 3; }
  for (const struct command* c = commands; c->run != NULL; c++) {
    if (skipped(skip, c->index)) continue;
    printf("S %d\\n", c->index);
    c->run();
  }
  printf("DONE\\n");
  return 0;
}`);
  return out.join('\n') + '\n';
}
