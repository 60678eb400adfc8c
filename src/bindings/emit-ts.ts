// The header model -> a TypeScript module: the library's types (functions as methods, structs as interfaces,
// callback types from function-pointer signatures, enums and #define constants as values) and the same header as
// data for the run-time half (src/sandbox/library.ts). What cannot be mapped is left out with a diagnostic
// naming the declaration and its line; everything else is still emitted.
import { basename } from 'node:path';
import { spell, type CType } from './ctype.js';
import type { Diagnostic, FunctionModel, HeaderModel, PerTarget, RecordModel, TargetName } from './header.js';
import { sortDiagnostics, TARGETS } from './header.js';
import type { FieldType, LibraryMeta, StructMeta } from '../sandbox/library.js';
import type { ParamType, ResultType, Signature } from '../sandbox/types.js';

export interface EmitOptions {
  /** Library name: `loadMylib`, interface `Mylib`. */
  readonly name: string;
  /** Module specifier of src/sandbox/library.js as seen from the generated file. */
  readonly runtimeImport: string;
}

export interface EmitResult {
  /** The module as TypeScript (`<name>.bindings.ts`). */
  readonly source: string;
  /** The same as JavaScript plus declarations (`<name>.bindings.js` + `.d.ts`), for projects without TypeScript sources. */
  readonly js: string;
  readonly dts: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly meta: LibraryMeta;
}

const RESERVED_WORDS = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements ' +
    'interface package private protected public await arguments eval undefined NaN Infinity').split(' '),
);
const LIBRARY_MEMBERS = new Set(['sandbox', 'destroy', 'callbacks', 'structs']);

const isIdentifier = (s: string) => /^[A-Za-z_$][\w$]*$/.test(s) && !RESERVED_WORDS.has(s);

function pascal(name: string): string {
  const p = name.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_m, _s, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, '');
  return /^[0-9]/.test(p) ? `Lib${p}` : p || 'Library';
}

/** Names a struct interface must not take: they would shadow TypeScript's own types in the generated module. */
const TS_TYPE_NAMES = new Set(
  ('number string bigint boolean object symbol any unknown never void undefined null Array ReadonlyArray Promise Record ' +
    'Readonly Partial Required Pick Omit Map Set Error Date Function Object String Number BigInt Boolean Symbol ' +
    'Uint8Array DataView ArrayBuffer rlbox').split(' '),
);

/**
 * A struct's TypeScript/metadata name: `struct shape` -> `shape`, a typedef'd tagless struct keeps its typedef
 * name; `union number` -> `union_number` (a name TypeScript itself uses gets its tag as a prefix).
 */
function structKey(cname: string): string {
  const bare = cname.replace(/^(struct|union) /, '');
  return TS_TYPE_NAMES.has(bare) || RESERVED_WORDS.has(bare) ? cname.replace(' ', '_') : bare;
}

function literal(v: bigint): string {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? String(v) : `${v}n`;
}

const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The generated module in its three forms: TypeScript, and JavaScript with a declaration file. */
class Output {
  readonly #parts: Record<'ts' | 'js' | 'dts', string[]> = { ts: [], js: [], dts: [] };
  /** Comments and blank lines: everywhere. */
  all(...lines: string[]): void {
    for (const k of ['ts', 'js', 'dts'] as const) this.#parts[k].push(...lines);
  }
  /** Types: TypeScript and declarations. */
  types(...lines: string[]): void {
    this.#parts.ts.push(...lines);
    this.#parts.dts.push(...lines);
  }
  value(ts: string, js: string, dts: string): void {
    this.#parts.ts.push(ts);
    this.#parts.js.push(js);
    this.#parts.dts.push(dts);
  }
  constant(name: string, value: string): void {
    this.value(`export const ${name} = ${value};`, `export const ${name} = ${value};`, `export declare const ${name}: ${value};`);
  }
  text(k: 'ts' | 'js' | 'dts'): string {
    return `${this.#parts[k].join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
  }
}

class Emitter {
  readonly diagnostics: Diagnostic[] = [];
  readonly records = new Map<string, RecordModel>();
  /** Structs that can be bound (their fields map and every nested struct by value is bindable). */
  readonly bound = new Set<string>();
  /** Callback type name by the JSON of its wasm32 function type. */
  readonly callbackNames = new Map<string, string>();
  readonly callbackTypes = new Map<string, PerTarget<CType & { k: 'fn' }>>();
  readonly typeNames = new Set<string>();
  readonly valueNames = new Set<string>();

  constructor(
    readonly model: HeaderModel,
    readonly opts: EmitOptions,
  ) {
    for (const r of model.records) this.records.set(r.cname, r);
  }

  note(at: { readonly line: number; readonly file?: string | undefined }, decl: string, message: string): void {
    this.diagnostics.push(at.file === undefined ? { line: at.line, decl, message } : { line: at.line, file: at.file, decl, message });
  }

  // ---- C types -> signature types, field types, TypeScript types -------------------------------------------

  sigType(t: CType): ResultType | string {
    switch (t.k) {
      case 'void': return 'void';
      case 'int': return t.bits === 64 ? (t.signed ? 'i64' : 'u64') : t.signed ? 'i32' : 'u32';
      case 'float': return t.bits === 32 ? 'f32' : 'f64';
      case 'enum': return 'i32';
      case 'ptr': case 'array': return 'ptr';
      case 'record': return `${t.name} passed or returned by value (pass a pointer instead)`;
      case 'fn': return 'a function type';
      case 'unsupported': return `of a type that cannot be mapped (${t.why})`;
    }
  }

  /** The field type of a bound struct's field (resolveStructs has checked that it maps). */
  fieldType(t: CType): FieldType {
    switch (t.k) {
      case 'int': return `${t.signed ? 'i' : 'u'}${t.bits}` as FieldType;
      case 'float': return t.bits === 32 ? 'f32' : 'f64';
      case 'record': return { struct: structKey(t.name) };
      case 'array':
        return t.of.k === 'int' && t.of.spelling === 'char' ? { string: t.count } : { array: this.fieldType(t.of), count: t.count };
      default: return t.k === 'enum' ? 'i32' : 'ptr';
    }
  }

  pointee(t: CType & { k: 'ptr' }): string {
    return t.to.k === 'record' ? t.to.name : spell(t.to).replace(/\b(const|volatile|restrict)\s+/g, '');
  }

  /** The callback type name of a function pointer, registering it on first sight. */
  callbackName(types: PerTarget<CType>, fallback: string): string {
    const w = types.wasm32 as CType & { k: 'ptr'; to: CType & { k: 'fn' } };
    const h = types.host as CType & { k: 'ptr'; to: CType & { k: 'fn' } };
    const key = JSON.stringify(w.to);
    let name = this.callbackNames.get(key);
    if (name === undefined) {
      const td = this.model.typedefs.find((d) => JSON.stringify(d.type.wasm32) === JSON.stringify(w));
      name = td && isIdentifier(td.name) && !this.typeNames.has(td.name) ? td.name : fallback;
      while (this.typeNames.has(name)) name = `${name}_`;
      this.typeNames.add(name);
      this.callbackNames.set(key, name);
      this.callbackTypes.set(name, { wasm32: w.to, host: h.to });
    }
    return name;
  }

  isFnPtr(t: CType): t is CType & { k: 'ptr'; to: CType & { k: 'fn' } } {
    return t.k === 'ptr' && t.to.k === 'fn';
  }

  paramTs(types: PerTarget<CType>, fallback: string): string {
    const t = types.wasm32;
    if (this.isFnPtr(t)) return `rlbox.CallbackParam<${this.callbackName(types, fallback)}>`;
    if (t.k === 'ptr' || t.k === 'array') {
      const p = t.k === 'ptr' ? this.pointee(t) : spell(t.of);
      return p === 'void' ? 'rlbox.PtrParam' : `rlbox.PtrParam<${quote(p)}>`;
    }
    return t.k === 'int' && t.bits === 64 ? 'rlbox.BigParam' : 'rlbox.NumParam';
  }

  taintedTs(t: CType): string {
    if (t.k === 'ptr') return `rlbox.TaintedPtr<${quote(this.pointee(t))}>`;
    return t.k === 'int' && t.bits === 64 ? 'rlbox.Tainted<bigint>' : 'rlbox.Tainted<number>';
  }

  resultTs(t: CType): string {
    return t.k === 'void' ? 'void' : this.taintedTs(t);
  }

  callbackResultTs(t: CType): string {
    if (t.k === 'void') return 'void';
    return t.k === 'int' && t.bits === 64 ? 'bigint' : 'number';
  }

  fieldTs(t: CType): string {
    switch (t.k) {
      case 'ptr': {
        const p = this.pointee(t);
        return p === 'void' ? 'rlbox.PtrField' : `rlbox.PtrField<${quote(p)}>`;
      }
      case 'record': return structKey(t.name);
      case 'array': return t.of.k === 'int' && t.of.spelling === 'char' ? 'string' : `${this.fieldTs(t.of)}[]`;
      case 'int': return t.bits === 64 ? 'bigint' : 'number';
      default: return 'number';
    }
  }

  // ---- declarations --------------------------------------------------------------------------------------

  /** Decides which structs are bound: all fields mappable, nested structs bound (to a fixed point). */
  resolveStructs(): void {
    const why = new Map<string, string>();
    const names = new Set<string>();
    for (const r of this.model.records) {
      const key = structKey(r.cname);
      if (!isIdentifier(key)) why.set(r.cname, `'${key}' cannot be a TypeScript name`);
      else if (names.has(key) || this.typeNames.has(key)) why.set(r.cname, `another struct is already bound as '${key}'`);
      names.add(key);
      for (const f of r.fields) {
        for (const t of TARGETS) {
          const direct = fieldProblem(f.type[t]);
          if (direct && !why.has(r.cname)) why.set(r.cname, `field '${f.name}': ${direct}`);
        }
      }
    }
    let changed = true;
    while (changed) {
      changed = false;
      for (const r of this.model.records) {
        if (why.has(r.cname)) continue;
        const needs = r.fields.flatMap((f) => recordsByValue(f.type.wasm32));
        const missing = needs.find((n) => !this.records.has(n) || why.has(n));
        if (missing) {
          why.set(r.cname, `it contains ${missing} by value, which is not bound`);
          changed = true;
        }
      }
    }
    for (const r of this.model.records) {
      const w = why.get(r.cname);
      if (w) this.note(r, r.cname, `${r.cname} is not bound (${w}); pointers to it still work`);
      else {
        this.bound.add(r.cname);
        this.typeNames.add(structKey(r.cname));
      }
    }
  }

  structMeta(r: RecordModel): StructMeta {
    const layout = (t: TargetName) => ({
      size: r.size[t],
      align: r.align[t],
      fields: r.fields.map((f) => [f.name, f.offset[t], this.fieldType(f.type[t])] as const),
    });
    return r.tag === 'union' ? { cname: r.cname, union: true, wasm32: layout('wasm32'), host: layout('host') } : { cname: r.cname, wasm32: layout('wasm32'), host: layout('host') };
  }

  /** A function's signatures, or the reason it cannot be bound. */
  functionSigs(f: FunctionModel): PerTarget<Signature> | string {
    const out = {} as Record<TargetName, Signature>;
    for (const t of TARGETS) {
      const r = this.sigType(f.result[t]);
      if (!isSig(r, true)) return `its result is ${r}`;
      const params: ParamType[] = [];
      for (const [i, p] of f.params.entries()) {
        const s = this.sigType(p.type[t]);
        if (!isSig(s, false)) return `parameter ${i + 1} '${p.name}' is ${s}`;
        if (this.isFnPtr(p.type[t])) {
          const inner = this.fnPtrSigs(p.type[t]);
          if (typeof inner === 'string') return `parameter ${i + 1} '${p.name}' is a function pointer whose ${inner}`;
        }
        params.push(s);
      }
      out[t] = [r, params];
    }
    return out;
  }

  fnPtrSigs(t: CType & { k: 'ptr'; to: CType & { k: 'fn' } }): Signature | string {
    const fn = t.to;
    if (fn.variadic) return 'parameters are variadic';
    const r = this.sigType(fn.result);
    if (!isSig(r, true)) return `result is ${r}`;
    const params: ParamType[] = [];
    for (const [i, p] of fn.params.entries()) {
      const s = this.sigType(p);
      if (!isSig(s, false)) return `parameter ${i + 1} is ${s}`;
      if (this.isFnPtr(p)) return `parameter ${i + 1} is itself a function pointer`;
      params.push(s);
    }
    return [r, params];
  }

  emit(): EmitResult {
    const m = this.model;
    const L = pascal(this.opts.name);
    const out = new Output();
    const headerName = basename(m.header);
    this.typeNames.add(L);
    this.valueNames.add(`load${L}`).add(`load${L}Sync`).add(`${camel(L)}Bindings`).add('rlbox');
    for (const n of TS_TYPE_NAMES) this.typeNames.add(n);
    this.resolveStructs();

    // Functions first: they name the callback types.
    const fnLines: string[] = [];
    const functions: Record<string, { wasm32: Signature; host: Signature }> = {};
    for (const f of m.functions) {
      const sigs = this.functionSigs(f);
      if (typeof sigs === 'string') {
        this.note(f, f.name, `function '${f.name}' is not bound: ${sigs}`);
        continue;
      }
      const member = LIBRARY_MEMBERS.has(f.name) ? `${f.name}_` : f.name;
      if (member !== f.name) this.note(f, f.name, `function '${f.name}' is bound as '${member}' (the library object has its own '${f.name}')`);
      functions[f.name] = sigs;
      const params = f.params.map((p, i) => {
        const pn = isIdentifier(p.name) ? p.name : `${p.name || 'arg'}${i}`;
        return `${pn}: ${this.paramTs(p.type, `${f.name}_${p.name || `arg${i}`}`)}`;
      });
      fnLines.push(`  /** \`${cSignature(f)}\` (${f.file ?? headerName}:${f.line}) */`);
      fnLines.push(`  ${member}(${params.join(', ')}): ${this.resultTs(f.result.wasm32)};`);
    }

    out.all(
      `// Generated by rlbox-ts from ${headerName}: do not edit (regenerate with \`rlbox build ... --header ${headerName}\`).`,
      `// Types follow the wasm32 ABI of the sandbox; the noop backend's native sizes are converted at the boundary.`,
    );
    out.value(`import * as rlbox from ${quote(this.opts.runtimeImport)};`, `import * as rlbox from ${quote(this.opts.runtimeImport)};`, `import type * as rlbox from ${quote(this.opts.runtimeImport)};`);
    out.all('');

    // #define constants and enums as values.
    for (const mc of m.macros) {
      if (!isIdentifier(mc.name) || this.valueNames.has(mc.name)) {
        this.note(mc, mc.name, `macro '${mc.name}' cannot be exported under that name (skipped)`);
        continue;
      }
      this.valueNames.add(mc.name);
      out.all(`/** \`#define ${mc.name}\` (${mc.file ?? headerName}:${mc.line}) */`);
      out.constant(mc.name, literal(mc.value));
    }
    for (const e of m.enums) {
      const members: string[] = [];
      for (const k of e.constants) {
        if (!isIdentifier(k.name) || this.valueNames.has(k.name)) {
          this.note(e, k.name, `enumerator '${k.name}' cannot be exported under that name (skipped)`);
          continue;
        }
        this.valueNames.add(k.name);
        out.constant(k.name, literal(k.value));
        members.push(`${k.name}: ${literal(k.value)}`);
      }
      if (e.name && isIdentifier(e.name) && !this.valueNames.has(e.name) && !this.typeNames.has(e.name)) {
        this.valueNames.add(e.name);
        this.typeNames.add(e.name);
        out.all(`/** \`enum ${e.name}\` (${e.file ?? headerName}:${e.line}); values of an enum type travel as numbers. */`);
        out.value(
          `export const ${e.name} = { ${members.join(', ')} } as const;`,
          `export const ${e.name} = Object.freeze({ ${members.join(', ')} });`,
          `export declare const ${e.name}: { ${members.map((x) => `readonly ${x}`).join('; ')} };`,
        );
        out.types(`export type ${e.name} = number;`);
      }
    }
    out.all('');

    // Structs.
    const structs: Record<string, StructMeta> = {};
    for (const r of m.records) {
      if (!this.bound.has(r.cname)) continue;
      const key = structKey(r.cname);
      structs[key] = this.structMeta(r);
      const opt = r.tag === 'union' ? '?' : '';
      out.types(`/** \`${r.cname}\` (${r.file ?? headerName}:${r.line}): ${r.size.wasm32} bytes on wasm32, ${r.size.host} on the host. */`);
      out.types(`export interface ${key} {`);
      for (const f of r.fields) {
        const w = f.type.wasm32;
        // A function-pointer field takes a registered callback of its type (or NULL) when written.
        const ts = this.isFnPtr(w) && typeof this.fnPtrSigs(w) !== 'string' && typeof this.fnPtrSigs(f.type.host as typeof w) !== 'string'
          ? `rlbox.FnField<${this.callbackName(f.type, `${key}_${f.name}`)}>`
          : this.fieldTs(w);
        out.types(`  ${isIdentifier(f.name) ? f.name : quote(f.name)}${opt}: ${ts};`);
      }
      out.types('}', '');
    }

    // Typedefs of bound structs and of scalars.
    for (const td of m.typedefs) {
      const t = td.type.wasm32;
      if (this.typeNames.has(td.name) || !isIdentifier(td.name) || TS_TYPE_NAMES.has(td.name)) continue;
      let ts: string | undefined;
      if (t.k === 'record' && this.bound.has(t.name)) ts = structKey(t.name);
      else if (t.k === 'int') ts = t.bits === 64 ? 'bigint' : 'number';
      else if (t.k === 'float' || t.k === 'enum') ts = 'number';
      else if (t.k === 'ptr' && t.to.k !== 'fn') ts = `rlbox.SandboxPtr<${quote(this.pointee(t))}>`;
      if (ts === undefined) continue;
      this.typeNames.add(td.name);
      out.types(`/** \`typedef ${spell(t)} ${td.name}\` (${td.file ?? headerName}:${td.line}) */`, `export type ${td.name} = ${ts};`);
    }
    out.types('');

    // Callback types (named by the functions above).
    const callbacks: Record<string, { wasm32: Signature; host: Signature }> = {};
    const cbLines: string[] = [];
    for (const [name, types] of this.callbackTypes) {
      const sigs = { wasm32: this.fnPtrSigs({ k: 'ptr', to: types.wasm32 }), host: this.fnPtrSigs({ k: 'ptr', to: types.host }) };
      if (typeof sigs.wasm32 === 'string' || typeof sigs.host === 'string') continue; // the function using it was skipped
      callbacks[name] = { wasm32: sigs.wasm32, host: sigs.host };
      const params = types.wasm32.params.map((p, i) => `arg${i}: ${this.taintedTs(p)}`);
      out.types(`/** A callback \`${spell(types.wasm32)}\`: its arguments arrive Tainted. */`);
      out.types(`export type ${name} = (${params.join(', ')}) => ${this.callbackResultTs(types.wasm32.result)};`);
      cbLines.push(`    ${name}(fn: ${name}): rlbox.Callback<${name}>;`);
    }
    out.types('');

    const metaName = `${camel(L)}Bindings`;
    out.types(`/** The functions of ${headerName}, typed; everything they return is Tainted. */`);
    out.types(`export interface ${L} extends rlbox.LibraryBase {`);
    out.types(...fnLines);
    out.types(`  /** Registers a host function as a callback of one of the header's function-pointer types. */`);
    out.types(`  readonly callbacks: {`, ...cbLines, `  };`);
    out.types(`  /** The header's structs: sizes, offsets, read/view/write/alloc in this sandbox's layout. */`);
    out.types(`  readonly structs: {`);
    for (const [key, s] of Object.entries(structs)) out.types(`    readonly ${key}: rlbox.StructType<${key}, ${quote(s.cname)}>;`);
    out.types(`  };`, `}`, '');

    const meta: LibraryMeta = { name: this.opts.name, header: headerName, functions, callbacks, structs };
    const metaJson = JSON.stringify(meta, null, 1).replace(/\n\s*/g, ' ');
    out.all(`/** ${headerName} as data: signatures for wasm32 and the host, struct layouts from clang. */`);
    out.value(`export const ${metaName}: rlbox.LibraryMeta = ${metaJson};`, `export const ${metaName} = ${metaJson};`, `export declare const ${metaName}: rlbox.LibraryMeta;`);
    out.all(
      '',
      `/**`,
      ` * Loads ${this.opts.name} into a new sandbox: \`await load${L}(wasm2c, dir)\` (or \`noop\`, \`wasm\`; the build`,
      ` * directory of \`rlbox build\`). A ready wasm2c/wasm factory works too: \`await load${L}(wasm2c(dir))\`.`,
      ` */`,
    );
    const params = 'backend: rlbox.BackendFactory | rlbox.BackendMaker, dir?: string, options?: rlbox.BackendOptions';
    out.value(
      `export function load${L}(${params}): Promise<${L}> {\n  return rlbox.openLibrary<${L}>(${metaName}, backend, dir, options);\n}`,
      `export function load${L}(backend, dir, options) {\n  return rlbox.openLibrary(${metaName}, backend, dir, options);\n}`,
      `export declare function load${L}(${params}): Promise<${L}>;`,
    );
    out.all('', `/** Like load${L}(), synchronously. */`);
    out.value(
      `export function load${L}Sync(${params}): ${L} {\n  return rlbox.openLibrarySync<${L}>(${metaName}, backend, dir, options);\n}`,
      `export function load${L}Sync(backend, dir, options) {\n  return rlbox.openLibrarySync(${metaName}, backend, dir, options);\n}`,
      `export declare function load${L}Sync(${params}): ${L};`,
    );
    out.all('');
    const diagnostics = sortDiagnostics([...m.diagnostics, ...this.diagnostics]);
    if (diagnostics.length) {
      out.all(`// Not bound (see the diagnostics of the generator):`);
      for (const d of diagnostics) out.all(`//   ${d.file ?? headerName}:${d.line}: ${d.message}`);
    }
    return { source: out.text('ts'), js: out.text('js'), dts: out.text('dts'), diagnostics, meta };
  }
}

function camel(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function isSig(s: ResultType | string, result: boolean): s is ParamType {
  return ['i32', 'u32', 'i64', 'u64', 'f32', 'f64', 'ptr'].includes(s) || (result && s === 'void');
}

/** Why a field's type cannot be laid out as data (nested structs are checked separately), or undefined. */
function fieldProblem(t: CType): string | undefined {
  switch (t.k) {
    case 'unsupported': return t.why;
    case 'fn': return 'a function type';
    case 'void': return 'void';
    case 'array': return t.count === 0 ? 'a flexible or zero-length array' : fieldProblem(t.of);
    default: return undefined;
  }
}

function recordsByValue(t: CType): string[] {
  if (t.k === 'record') return [t.name];
  if (t.k === 'array') return recordsByValue(t.of);
  return [];
}

function cSignature(f: FunctionModel): string {
  return `${spell(f.result.wasm32)} ${f.name}(${f.params.map((p) => `${spell(p.type.wasm32)} ${p.name}`).join(', ') || 'void'})`;
}

/** Emits the TypeScript bindings module for a header model. */
export function emitBindings(model: HeaderModel, options: EmitOptions): EmitResult {
  return new Emitter(model, options).emit();
}
