// Reading a C header into a model of what TypeScript can bind: functions, structs/unions with their layouts,
// enums, typedefs and integer #define constants, each for the two targets that matter (wasm32, which the wasm2c
// and wasm backends run, and the host, which the noop backend runs). Every number comes from clang itself: a
// generated probe file includes the header and asks for sizeof/_Alignof/offsetof of every record, the value of
// every enumerator and of every integer-looking macro, one enumerator each, and clang's AST reports the values.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { run } from '../build/process.js';
import { astOf, ClangError, constantValue, declLocation, macrosOf, type AstNode, type ClangRun } from './clang-ast.js';
import { parseCType, type CType, type TargetModel, type TypedefTarget } from './ctype.js';

export type TargetName = 'wasm32' | 'host';
export const TARGETS: readonly TargetName[] = ['wasm32', 'host'];
export type PerTarget<T> = { readonly [K in TargetName]: T };

export interface Diagnostic {
  /** The file, relative to the header's directory, when it is not the header itself (an included local header). */
  readonly file?: string;
  readonly line: number;
  /** The declaration the message is about. */
  readonly decl: string;
  readonly message: string;
}

export interface ParamModel {
  readonly name: string;
  readonly type: PerTarget<CType>;
}

/** Where a declaration is: a line of the header, or of a local header it includes (`file`). */
export interface Located {
  readonly file?: string;
  readonly line: number;
}

export interface FunctionModel extends Located {
  readonly name: string;
  readonly params: readonly ParamModel[];
  readonly result: PerTarget<CType>;
}

export interface FieldModel {
  readonly name: string;
  readonly type: PerTarget<CType>;
  readonly offset: PerTarget<number>;
}

export interface RecordModel extends Located {
  /** How C names it: `struct shape`, or the typedef name of a struct without a tag. */
  readonly cname: string;
  readonly tag: 'struct' | 'union';
  readonly fields: readonly FieldModel[];
  readonly size: PerTarget<number>;
  readonly align: PerTarget<number>;
}

export interface EnumModel extends Located {
  /** The tag, or the typedef name of an enum without a tag, or undefined for an anonymous enum. */
  readonly name: string | undefined;
  readonly constants: ReadonlyArray<{ readonly name: string; readonly value: bigint }>;
}

export interface TypedefModel extends Located {
  readonly name: string;
  readonly type: PerTarget<CType>;
}

export interface MacroModel extends Located {
  readonly name: string;
  readonly value: bigint;
}

export interface HeaderModel {
  readonly header: string;
  readonly targets: PerTarget<TargetModel>;
  readonly functions: readonly FunctionModel[];
  readonly records: readonly RecordModel[];
  readonly enums: readonly EnumModel[];
  readonly typedefs: readonly TypedefModel[];
  readonly macros: readonly MacroModel[];
  readonly diagnostics: readonly Diagnostic[];
  /** Absolute paths of the library's files whose declarations were read: the header first. */
  readonly localFiles: readonly string[];
}

export interface ReadHeaderOptions {
  readonly header: string;
  /** clang to run (default: $RLBOX_CLANG or `clang`). */
  readonly clang?: string;
  /** Flags for both targets, e.g. `-I` and `-D` the library is compiled with. */
  readonly flags?: readonly string[];
  /** Flags selecting the host target (default: none, clang's default target, which is what the host cc uses). */
  readonly hostFlags?: readonly string[];
  /** Flags selecting wasm32 (default `--target=wasm32-wasi`). */
  readonly wasmFlags?: readonly string[];
}

interface ProbeEntry {
  readonly key: string;
  readonly expr: string;
}

/** The header's own declarations in one translation unit, plus the TU's typedefs (system ones included). */
interface Collected {
  readonly decls: AstNode[];
  readonly typedefs: Map<string, TypedefTarget>;
  /** RecordDecl id -> C name, for records declared without a tag and named by a typedef. */
  readonly anonymousRecords: Map<string, string>;
  readonly anonymousEnums: Map<string, string>;
}

function collect(root: AstNode, isLocal: (file: string) => boolean): Collected {
  const decls: AstNode[] = [];
  const typedefs = new Map<string, TypedefTarget>();
  const anonymousRecords = new Map<string, string>();
  const anonymousEnums = new Map<string, string>();
  for (const d of root.inner ?? []) {
    if (d.kind === 'TypedefDecl' && d.name && d.type) {
      const owned = ownedTag(d);
      if (owned && owned.name === '' && owned.kind === 'RecordDecl') {
        anonymousRecords.set(owned.id, d.name);
        const tag = /^union\b/.test(d.type.qualType) ? 'union' : 'struct';
        typedefs.set(d.name, { record: { tag, name: d.name } });
      } else if (owned && owned.name === '' && owned.kind === 'EnumDecl') {
        anonymousEnums.set(owned.id, d.name);
        typedefs.set(d.name, { enumName: d.name });
      } else typedefs.set(d.name, { text: d.type.qualType });
    }
    if (!d.isImplicit && isLocal(declLocation(d).file)) decls.push(d);
  }
  return { decls, typedefs, anonymousRecords, anonymousEnums };
}

function ownedTag(d: AstNode): { id: string; kind: string; name: string } | undefined {
  for (const c of d.inner ?? []) {
    if (c.ownedTagDecl) return c.ownedTagDecl;
    if (c.kind === 'ElaboratedType' || c.kind === 'RecordType' || c.kind === 'EnumType') {
      const x = c.decl ?? ownedTag(c);
      if (x) return x;
    }
  }
  return undefined;
}

function recordName(d: AstNode, c: Collected): string | undefined {
  if (d.name) return `${d.tagUsed ?? 'struct'} ${d.name}`;
  return d.id ? c.anonymousRecords.get(d.id) : undefined;
}

function enumName(d: AstNode, c: Collected): string | undefined {
  if (d.name) return d.name;
  return d.id ? c.anonymousEnums.get(d.id) : undefined;
}

/** Object-like macro bodies worth asking clang about: integer literals, names and operators only. */
function looksIntegral(body: string): boolean {
  if (body === '') return false;
  const tokens = body.match(/0[xX][0-9a-fA-F]+[uUlL]*|\d+[uUlL]*|[A-Za-z_]\w*|<<|>>|[-+*/%&|^~()!<>=?:]+|\S/g) ?? [];
  return tokens.every((t) => /^(0[xX][0-9a-fA-F]+|\d+)[uUlL]*$/.test(t) || /^[A-Za-z_]\w*$/.test(t) || /^(<<|>>|[-+*/%&|^~()!<>=?:]+)$/.test(t)) &&
    !/\b\d+[eE]|\d\.\d/.test(body.replace(/0[xX][0-9a-fA-F]+/g, '0'));
}

function lineIndex(text: string, re: RegExp): number {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => re.test(l));
  return i < 0 ? 0 : i + 1;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The directories clang searches for `#include <...>` (its system headers), for one target. */
async function systemIncludeDirs(c: ClangRun): Promise<string[]> {
  const r = await run([c.clang, ...c.targetFlags, '-E', '-v', '-x', 'c', '/dev/null']);
  const text = r.stderr;
  const start = text.indexOf('#include <...> search starts here:');
  const end = text.indexOf('End of search list.');
  if (start < 0 || end < start) return ['/usr/include', '/usr/local/include'];
  return text
    .slice(start, end)
    .split('\n')
    .slice(1)
    .map((l) => l.trim().replace(/ \(framework directory\)$/, ''))
    .filter((l) => l !== '')
    .map((l) => resolve(l));
}

/**
 * Which files' declarations are the library's: the header, and the headers it includes from its own directory
 * (or below) unless that directory is one of the compiler's system include directories.
 */
async function libraryFiles(header: string, runs: PerTarget<ClangRun>): Promise<(file: string) => boolean> {
  const dir = dirname(header);
  const system = [...(await systemIncludeDirs(runs.wasm32)), ...(await systemIncludeDirs(runs.host))];
  const ownDir = !system.some((d) => dir === d || dir.startsWith(d + sep));
  return (f) => f === header || (ownDir && f.startsWith(dir + sep) && /\.(h|hh|hpp|inc)$/.test(f));
}

/** The headers a file includes (clang's dependency list), as absolute paths. */
async function includedFiles(file: string, c: ClangRun): Promise<string[]> {
  const r = await run([c.clang, ...c.targetFlags, ...c.extraFlags, '-M', '-MT', 'x', file]);
  if (r.code !== 0) return [];
  return r.stdout
    .replace(/^x:/, '')
    .replace(/\\\n/g, ' ')
    .replace(/\\ /g, '\0')
    .split(/\s+/)
    .filter((f) => f !== '')
    .map((f) => resolve(f.replace(/\0/g, ' ')))
    .filter((f) => f !== resolve(file));
}

/** `#define NAME` in one of the library's files: where, or undefined. */
function findDefine(name: string, texts: ReadonlyMap<string, string>): { file: string; line: number } | undefined {
  const re = new RegExp(`^\\s*#\\s*define\\s+${escapeRe(name)}\\b`);
  for (const [file, text] of texts) {
    const line = lineIndex(text, re);
    if (line > 0) return { file, line };
  }
  return undefined;
}

/** Reads `header` with clang for wasm32 and the host and returns what can be bound, with diagnostics for the rest. */
export async function readHeader(options: ReadHeaderOptions): Promise<HeaderModel> {
  const header = resolve(options.header);
  const clang = options.clang ?? process.env['RLBOX_CLANG'] ?? 'clang';
  const flags = options.flags ?? [];
  const runs: PerTarget<ClangRun> = {
    wasm32: { clang, targetFlags: options.wasmFlags ?? ['--target=wasm32-wasi'], extraFlags: flags },
    host: { clang, targetFlags: options.hostFlags ?? [], extraFlags: flags },
  };
  const diagnostics: Diagnostic[] = [];
  const dir = await mkdtemp(join(tmpdir(), 'rlbox-bindings-'));
  try {
    const wrapper = join(dir, 'header.c');
    await writeFile(wrapper, `#include "${header}"\n`);
    const isLocal = await libraryFiles(header, runs);
    const firstAst = await astOf(wrapper, runs.wasm32);
    const first = collect(firstAst, isLocal);
    const label = (f: string): string | undefined => (f === header ? undefined : relative(dirname(header), f));

    // Macros defined by the library's own files (not by what they include): their text has the #define.
    const texts = new Map<string, string>([[header, await readFile(header, 'utf8')]]);
    const files = [...(await includedFiles(wrapper, runs.wasm32)), ...first.decls.map((d) => declLocation(d).file)];
    for (const f of files) {
      if (isLocal(f) && !texts.has(f)) texts.set(f, await readFile(f, 'utf8'));
    }
    const macroAt = new Map<string, Located>();
    const { objectLike, functionLike } = await macrosOf(wrapper, runs.wasm32);
    for (const name of [...functionLike, ...objectLike.keys()]) {
      const at = findDefine(name, texts);
      if (at) macroAt.set(name, withFile(at.line, label(at.file)));
    }
    for (const name of functionLike) {
      const at = macroAt.get(name);
      if (!at) continue;
      diagnostics.push({
        ...at,
        decl: name,
        message: `function-like macro '${name}' is not bound (macros are not functions of the library; call a function instead)`,
      });
    }
    const macroNames = [...objectLike.entries()].filter(([n, body]) => macroAt.has(n) && looksIntegral(body)).map(([n]) => n);

    // The probe: one enumerator per number wanted, each on its own line so that a failing one can be dropped.
    const entries: ProbeEntry[] = [
      { key: 'target:long', expr: 'sizeof(long)' },
      { key: 'target:ptr', expr: 'sizeof(void *)' },
      { key: 'target:char_signed', expr: '((char)-1 < 0)' },
    ];
    for (const d of first.decls) {
      if (d.kind === 'RecordDecl' && d.completeDefinition) {
        const name = recordName(d, first);
        if (!name) continue;
        entries.push({ key: `size:${name}`, expr: `sizeof(${name})` }, { key: `align:${name}`, expr: `_Alignof(${name})` });
        for (const f of d.inner ?? []) {
          if (f.kind === 'FieldDecl' && f.name && !f.isBitfield) {
            entries.push({ key: `offset:${name}:${f.name}`, expr: `__builtin_offsetof(${name}, ${f.name})` });
          }
        }
      } else if (d.kind === 'EnumDecl') {
        for (const k of d.inner ?? []) if (k.kind === 'EnumConstantDecl' && k.name) entries.push({ key: `enum:${k.name}`, expr: k.name });
      }
    }
    for (const m of macroNames) entries.push({ key: `macro:${m}`, expr: `(${m})` });

    const values: Record<TargetName, Map<string, bigint>> = { wasm32: new Map(), host: new Map() };
    const units = {} as Record<TargetName, Collected>;
    for (const t of TARGETS) {
      const r = await probe(dir, header, entries, runs[t]);
      values[t] = r.values;
      units[t] = collect(r.ast, isLocal);
      for (const key of r.dropped) {
        if (key.startsWith('macro:')) continue; // not an integer constant expression: a string, a type, ...
        diagnostics.push({ line: 0, decl: key, message: `clang could not evaluate ${key} for ${t}` });
      }
    }
    const targets: PerTarget<TargetModel> = {
      wasm32: targetModel(values.wasm32),
      host: targetModel(values.host),
    };
    return { ...build(header, units, values, targets, diagnostics, macroNames, macroAt, label), localFiles: [...texts.keys()] };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function targetModel(v: Map<string, bigint>): TargetModel {
  const long = v.get('target:long');
  const ptr = v.get('target:ptr');
  if (long !== 4n && long !== 8n) throw new ClangError(`unexpected sizeof(long) = ${String(long)}`, '');
  if (ptr !== 4n && ptr !== 8n) throw new ClangError(`unexpected sizeof(void *) = ${String(ptr)}`, '');
  return { longBits: long === 4n ? 32 : 64, pointerBytes: ptr === 4n ? 4 : 8, charSigned: v.get('target:char_signed') !== 0n };
}

async function probe(
  dir: string,
  header: string,
  all: readonly ProbeEntry[],
  c: ClangRun,
): Promise<{ ast: AstNode; values: Map<string, bigint>; dropped: string[] }> {
  let entries = [...all];
  const dropped: string[] = [];
  const file = join(dir, `probe-${c.targetFlags.join('_').replace(/[^\w]/g, '') || 'host'}.c`);
  const FIRST_LINE = 3;
  for (let attempt = 0; ; attempt++) {
    const body = entries.map((e, i) => ` __rlbox_probe_${i} = ${e.expr},`).join('\n');
    await writeFile(file, `#include "${header}"\nenum __rlbox_probe {\n${body}\n __rlbox_probe_end\n};\n`);
    try {
      // Every bad line must be reported in one go (clang stops at 20 errors by default).
      const ast = await astOf(file, { ...c, extraFlags: [...c.extraFlags, '-ferror-limit=0'] });
      const probeDecl = (ast.inner ?? []).find((d) => d.kind === 'EnumDecl' && d.name === '__rlbox_probe');
      const values = new Map<string, bigint>();
      for (const k of probeDecl?.inner ?? []) {
        const m = /^__rlbox_probe_(\d+)$/.exec(k.name ?? '');
        const v = constantValue(k);
        if (m && v !== undefined) values.set(entries[Number(m[1])]!.key, v);
      }
      return { ast, values, dropped };
    } catch (e) {
      if (!(e instanceof ClangError) || attempt >= 4) throw e;
      const bad = new Set<number>();
      for (const m of e.diagnostics.matchAll(/probe-[\w]*\.c:(\d+):\d+: error/g)) bad.add(Number(m[1]) - FIRST_LINE);
      if (bad.size === 0) throw new ClangError(`clang could not parse ${header}`, e.diagnostics);
      dropped.push(...entries.filter((_, i) => bad.has(i)).map((x) => x.key));
      entries = entries.filter((_, i) => !bad.has(i));
    }
  }
}

function withFile(line: number, file: string | undefined): Located {
  return file === undefined ? { line } : { file, line };
}

/** Diagnostics in file order (the header first), then line order. */
export function sortDiagnostics(d: readonly Diagnostic[]): Diagnostic[] {
  return [...d].sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.line - b.line);
}

function build(
  header: string,
  units: Record<TargetName, Collected>,
  values: Record<TargetName, Map<string, bigint>>,
  targets: PerTarget<TargetModel>,
  diagnostics: Diagnostic[],
  macroNames: readonly string[],
  macroAt: ReadonlyMap<string, Located>,
  label: (file: string) => string | undefined,
): Omit<HeaderModel, 'localFiles'> {
  const ctx = (t: TargetName) => ({ target: targets[t], typedefs: units[t].typedefs });
  const both = (f: (t: TargetName) => CType): PerTarget<CType> => ({ wasm32: f('wasm32'), host: f('host') });
  // The header's declarations appear in the same order for both targets: pair them by position and name.
  const w = units.wasm32.decls;
  const h = units.host.decls;
  const functions: FunctionModel[] = [];
  const records: RecordModel[] = [];
  const enums: EnumModel[] = [];
  const typedefs: TypedefModel[] = [];
  const seenFunctions = new Set<string>();
  const num = (t: TargetName, key: string) => Number(values[t].get(key) ?? -1n);
  for (let i = 0; i < w.length; i++) {
    const d = w[i]!;
    const dh = h[i]?.kind === d.kind && h[i]?.name === d.name ? h[i]! : d;
    const loc = declLocation(d);
    const line = loc.line;
    const at = withFile(line, label(loc.file));
    switch (d.kind) {
      case 'FunctionDecl': {
        const name = d.name!;
        if (seenFunctions.has(name)) continue;
        seenFunctions.add(name);
        if (d.storageClass === 'static') {
          diagnostics.push({ ...at, decl: name, message: `'${name}' is static: it is not part of the library's interface (skipped)` });
          continue;
        }
        const ft = both((t) => parseCType((t === 'wasm32' ? d : dh).type!.qualType, ctx(t)));
        if (ft.wasm32.k !== 'fn' || ft.host.k !== 'fn') {
          diagnostics.push({ ...at, decl: name, message: `cannot read the type of function '${name}' (${d.type?.qualType})` });
          continue;
        }
        if (ft.wasm32.variadic) {
          diagnostics.push({ ...at, decl: name, message: `function '${name}' takes variable arguments (...), which cannot be bound (skipped)` });
          continue;
        }
        const pw = (d.inner ?? []).filter((p) => p.kind === 'ParmVarDecl');
        const fw = ft.wasm32;
        const fh = ft.host;
        functions.push({
          name,
          ...at,
          params: fw.params.map((p, j) => ({ name: pw[j]?.name ?? `arg${j}`, type: { wasm32: p, host: fh.params[j]! } })),
          result: { wasm32: fw.result, host: fh.result },
        });
        break;
      }
      case 'RecordDecl': {
        if (!d.completeDefinition) continue;
        const cname = recordName(d, units.wasm32);
        if (!cname) {
          diagnostics.push({ ...at, decl: 'struct', message: `a struct or union without a tag or typedef name is not bound (give it a name)` });
          continue;
        }
        const tag = d.tagUsed === 'union' ? 'union' : 'struct';
        const fieldsW = (d.inner ?? []).filter((f) => f.kind === 'FieldDecl');
        const fieldsH = (dh.inner ?? []).filter((f) => f.kind === 'FieldDecl');
        const fields: FieldModel[] = [];
        let bad: string | undefined;
        for (let j = 0; j < fieldsW.length; j++) {
          const f = fieldsW[j]!;
          const fl = declLocation(f).line || line;
          if (f.isBitfield) {
            bad = `${cname} has the bit-field '${f.name ?? '(unnamed)'}' (line ${fl}), whose layout cannot be bound`;
            break;
          }
          if (!f.name) {
            bad = `${cname} has an anonymous member struct or union (line ${fl}), which is not bound`;
            break;
          }
          fields.push({
            name: f.name,
            type: { wasm32: parseCType(f.type!.qualType, ctx('wasm32')), host: parseCType((fieldsH[j] ?? f).type!.qualType, ctx('host')) },
            offset: { wasm32: num('wasm32', `offset:${cname}:${f.name}`), host: num('host', `offset:${cname}:${f.name}`) },
          });
        }
        if (bad) {
          diagnostics.push({ ...at, decl: cname, message: `${bad}: the struct is opaque to the bindings (pointers to it still work)` });
          continue;
        }
        records.push({
          cname,
          tag,
          ...at,
          fields,
          size: { wasm32: num('wasm32', `size:${cname}`), host: num('host', `size:${cname}`) },
          align: { wasm32: num('wasm32', `align:${cname}`), host: num('host', `align:${cname}`) },
        });
        break;
      }
      case 'EnumDecl': {
        const constants = (d.inner ?? [])
          .filter((k) => k.kind === 'EnumConstantDecl' && k.name)
          .map((k) => ({ name: k.name!, value: values.wasm32.get(`enum:${k.name}`) ?? 0n }));
        enums.push({ name: enumName(d, units.wasm32), ...at, constants });
        break;
      }
      case 'TypedefDecl': {
        const name = d.name!;
        typedefs.push({ name, ...at, type: both((t) => parseCType(name, ctx(t))) });
        break;
      }
      case 'VarDecl':
        diagnostics.push({ ...at, decl: d.name ?? '', message: `global variable '${d.name}' is not bound (reach library state through its functions)` });
        break;
      default:
        break;
    }
  }
  const macros: MacroModel[] = [];
  for (const name of macroNames) {
    const v = values.wasm32.get(`macro:${name}`);
    if (v === undefined) continue;
    const at = macroAt.get(name) ?? { line: 0 };
    const hv = values.host.get(`macro:${name}`);
    if (hv !== undefined && hv !== v) {
      diagnostics.push({ ...at, decl: name, message: `macro '${name}' is ${v} on wasm32 but ${hv} on the host; the bindings use the wasm32 value` });
    }
    macros.push({ name, ...at, value: v });
  }
  macros.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.line - b.line);
  return { header, targets, functions, records, enums, typedefs, macros, diagnostics: sortDiagnostics(diagnostics) };
}
