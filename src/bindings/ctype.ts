// C types as clang prints them in its JSON AST ("const char *", "point_t[2]", "void (*)(const char *)"), parsed
// into a small tree. clang's JSON gives parameters and fields only as such strings, so this parser is what turns
// them into something the generator can reason about; typedef names are resolved through the translation unit's
// own typedefs, so the result depends on the target (uint64_t is `unsigned long` on x86-64, `unsigned long long`
// on wasm32).

export type CType =
  | { readonly k: 'void' }
  | { readonly k: 'int'; readonly bits: 8 | 16 | 32 | 64; readonly signed: boolean; readonly spelling: string }
  | { readonly k: 'float'; readonly bits: 32 | 64 }
  | { readonly k: 'ptr'; readonly to: CType }
  | { readonly k: 'array'; readonly of: CType; readonly count: number }
  | { readonly k: 'fn'; readonly result: CType; readonly params: readonly CType[]; readonly variadic: boolean }
  | { readonly k: 'record'; readonly tag: 'struct' | 'union'; readonly name: string }
  | { readonly k: 'enum'; readonly name: string }
  | { readonly k: 'unsupported'; readonly text: string; readonly why: string };

/** What a target decides about C's scalar types (everything this generator meets that differs between them). */
export interface TargetModel {
  readonly longBits: 32 | 64;
  readonly pointerBytes: 4 | 8;
  /** Whether plain `char` is signed (it is on wasm32 and x86-64, not on AArch64 Linux). Default true. */
  readonly charSigned?: boolean;
}

/** How a typedef name resolves: to another type string, or to a record/enum that has no tag of its own. */
export type TypedefTarget = { readonly text: string } | { readonly record: { tag: 'struct' | 'union'; name: string } } | { readonly enumName: string };

export interface TypeContext {
  readonly target: TargetModel;
  readonly typedefs: ReadonlyMap<string, TypedefTarget>;
}

const QUALIFIERS = new Set(['const', 'volatile', 'restrict', '__restrict', '_Atomic', '_Nonnull', '_Nullable', '__unaligned']);
const BUILTIN_WORDS = new Set(['void', 'char', 'short', 'int', 'long', 'signed', 'unsigned', 'float', 'double', '_Bool', '__int128', '_Complex']);

function tokenize(text: string): string[] {
  const out: string[] = [];
  const re = /\s*(\.\.\.|[A-Za-z_][A-Za-z0-9_]*|\d+|[*()[\],])/y;
  let i = 0;
  for (;;) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) break;
    out.push(m[1]!);
    i = re.lastIndex;
  }
  if (text.slice(i).trim() !== '') throw new Error(`cannot read the C type '${text}' (at '${text.slice(i).trim()}')`);
  return out;
}

class Parser {
  #pos = 0;
  constructor(
    readonly toks: readonly string[],
    readonly ctx: TypeContext,
    readonly text: string,
    readonly depth: number,
  ) {}

  peek(o = 0): string | undefined {
    return this.toks[this.#pos + o];
  }
  next(): string {
    const t = this.toks[this.#pos++];
    if (t === undefined) throw new Error(`unexpected end of the C type '${this.text}'`);
    return t;
  }
  expect(t: string): void {
    const got = this.next();
    if (got !== t) throw new Error(`expected '${t}' in the C type '${this.text}', got '${got}'`);
  }
  atEnd(): boolean {
    return this.#pos >= this.toks.length;
  }

  /** specifiers followed by an abstract declarator */
  type(): CType {
    return this.declarator(this.specifiers());
  }

  specifiers(): CType {
    const words: string[] = [];
    let named: CType | undefined;
    for (;;) {
      const t = this.peek();
      if (t === undefined) break;
      if (QUALIFIERS.has(t)) {
        this.next();
        continue;
      }
      if (t === 'struct' || t === 'union' || t === 'enum') {
        this.next();
        const name = this.next();
        named = t === 'enum' ? { k: 'enum', name } : { k: 'record', tag: t, name: `${t} ${name}` };
        continue;
      }
      if (BUILTIN_WORDS.has(t)) {
        words.push(this.next());
        continue;
      }
      if (/^[A-Za-z_]/.test(t) && words.length === 0 && named === undefined) {
        this.next();
        named = this.typedefName(t);
        continue;
      }
      break;
    }
    if (named) return named;
    return builtin(words, this.ctx.target, this.text);
  }

  typedefName(name: string): CType {
    const td = this.ctx.typedefs.get(name);
    if (td === undefined) return { k: 'unsupported', text: name, why: `unknown type name '${name}'` };
    if ('record' in td) return { k: 'record', tag: td.record.tag, name: td.record.name };
    if ('enumName' in td) return { k: 'enum', name: td.enumName };
    if (this.depth > 32) return { k: 'unsupported', text: name, why: `typedef '${name}' is too deeply nested` };
    return parseCTypeAt(td.text, this.ctx, this.depth + 1);
  }

  declarator(base: CType): CType {
    let t = base;
    while (this.peek() === '*') {
      this.next();
      t = { k: 'ptr', to: t };
      while (this.peek() !== undefined && QUALIFIERS.has(this.peek()!)) this.next();
    }
    // `(` then `*`, `(` or `[` starts a nested declarator, e.g. the `(*)` of a function pointer; otherwise a
    // parameter list.
    if (this.peek() === '(' && (this.peek(1) === '*' || this.peek(1) === '(' || this.peek(1) === '[')) {
      this.next();
      const start = this.#pos;
      let depth = 1;
      while (depth > 0) {
        const x = this.next();
        if (x === '(') depth++;
        else if (x === ')') depth--;
      }
      const inner = this.toks.slice(start, this.#pos - 1);
      const outer = this.suffixes(t);
      const p = new Parser(inner, this.ctx, this.text, this.depth);
      const r = p.declarator(outer);
      if (!p.atEnd()) throw new Error(`cannot read the declarator of the C type '${this.text}'`);
      return r;
    }
    return this.suffixes(t);
  }

  suffixes(base: CType): CType {
    const suffixes: Array<{ array: number } | { params: CType[]; variadic: boolean }> = [];
    for (;;) {
      if (this.peek() === '[') {
        this.next();
        const n = this.peek() === ']' ? 0 : Number(this.next());
        this.expect(']');
        suffixes.push({ array: n });
      } else if (this.peek() === '(') {
        this.next();
        const params: CType[] = [];
        let variadic = false;
        while (this.peek() !== ')') {
          if (this.peek() === '...') {
            this.next();
            variadic = true;
          } else params.push(this.type());
          if (this.peek() === ',') this.next();
          else if (this.peek() !== ')') throw new Error(`cannot read the parameters of the C type '${this.text}'`);
        }
        this.next();
        const onlyVoid = params.length === 1 && params[0]!.k === 'void';
        suffixes.push({ params: onlyVoid ? [] : params, variadic });
      } else break;
    }
    let t = base;
    for (let i = suffixes.length - 1; i >= 0; i--) {
      const s = suffixes[i]!;
      t = 'array' in s ? { k: 'array', of: t, count: s.array } : { k: 'fn', result: t, params: s.params, variadic: s.variadic };
    }
    return t;
  }
}

function builtin(words: readonly string[], target: TargetModel, text: string): CType {
  const has = (w: string) => words.includes(w);
  const longs = words.filter((w) => w === 'long').length;
  const unsigned = has('unsigned');
  if (words.length === 0) return { k: 'unsupported', text, why: `no type in '${text}'` };
  if (has('void')) return { k: 'void' };
  if (has('_Complex') || has('__int128')) return { k: 'unsupported', text, why: `'${text}' has no JavaScript counterpart` };
  if (has('float')) return { k: 'float', bits: 32 };
  if (has('double')) return longs > 0 ? { k: 'unsupported', text, why: `'long double' has no JavaScript counterpart` } : { k: 'float', bits: 64 };
  const int = (bits: 8 | 16 | 32 | 64, signed: boolean, spelling: string): CType => ({ k: 'int', bits, signed, spelling });
  if (has('_Bool')) return int(8, false, '_Bool');
  if (has('char')) {
    const signed = has('signed') || (!unsigned && target.charSigned !== false);
    return int(8, signed, unsigned ? 'unsigned char' : has('signed') ? 'signed char' : 'char');
  }
  const u = unsigned ? 'unsigned ' : '';
  if (has('short')) return int(16, !unsigned, `${u}short`);
  if (longs >= 2) return int(64, !unsigned, `${u}long long`);
  if (longs === 1) return int(target.longBits, !unsigned, `${u}long`);
  return int(32, !unsigned, `${u}int`);
}

function parseCTypeAt(text: string, ctx: TypeContext, depth: number): CType {
  // clang names records without a tag by where they are: "struct (unnamed struct at h.h:3:9)".
  if (/\((?:unnamed|anonymous)\b/.test(text)) {
    return { k: 'unsupported', text, why: 'a struct, union or enum without a name (give it a tag or a typedef)' };
  }
  const p = new Parser(tokenize(text), ctx, text, depth);
  const t = p.type();
  if (!p.atEnd()) throw new Error(`cannot read the C type '${text}' (stopped at '${p.peek()}')`);
  return t;
}

/** Parses a type as clang prints it; unknown or unmappable parts become `unsupported` nodes, never exceptions. */
export function parseCType(text: string, ctx: TypeContext): CType {
  try {
    return parseCTypeAt(text, ctx, 0);
  } catch (e) {
    return { k: 'unsupported', text, why: (e as Error).message };
  }
}

/** The C spelling of a type without qualifiers, as used for pointer brands (`SandboxPtr<"char">`). */
export function spell(t: CType): string {
  switch (t.k) {
    case 'void': return 'void';
    case 'int': return t.spelling;
    case 'float': return t.bits === 32 ? 'float' : 'double';
    case 'ptr': return t.to.k === 'fn' ? `${spell(t.to.result)} (*)(${t.to.params.map(spell).join(', ')})` : `${spell(t.to)} *`;
    case 'array': return `${spell(t.of)}[${t.count}]`;
    case 'fn': return `${spell(t.result)} (${t.params.map(spell).join(', ')})`;
    case 'record': return t.name;
    case 'enum': return `enum ${t.name}`;
    case 'unsupported': return t.text;
  }
}

/** The first reason a type cannot be mapped, looking through pointers, arrays and function types. */
export function unsupportedIn(t: CType): string | undefined {
  switch (t.k) {
    case 'unsupported': return t.why;
    case 'ptr': return t.to.k === 'fn' || t.to.k === 'ptr' ? unsupportedIn(t.to) : undefined; // data pointee: opaque is fine
    case 'array': return unsupportedIn(t.of);
    case 'fn': {
      if (t.variadic) return 'a variadic function pointer';
      for (const p of [t.result, ...t.params]) {
        const w = unsupportedIn(p);
        if (w) return w;
      }
      return undefined;
    }
    default: return undefined;
  }
}
