// A random generator of VALID modules: function bodies are built type-directed (each instruction is picked
// among those whose operands are on top of the stack), so they reach deep into the validator and the typing
// hook, which mutated bytes rarely do. Returns the binary; the caller decides what to check.

import type { ValType } from '../../src/wasm/ir.js';
import { allOps, Op, type OpInfo } from '../../src/wasm/opcodes.js';

type Rand = () => number;

const TYPE_BYTE: Record<ValType, number> = {
  i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b, funcref: 0x70, externref: 0x6f,
};
const NUM_TYPES: ValType[] = ['i32', 'i64', 'f32', 'f64', 'v128'];

function uleb(n: number, out: number[]): void {
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
}
function sleb(n: bigint, out: number[]): void {
  for (;;) {
    const b = Number(n & 0x7fn);
    n >>= 7n;
    if ((n === 0n && (b & 0x40) === 0) || (n === -1n && (b & 0x40) !== 0)) {
      out.push(b);
      return;
    }
    out.push(b | 0x80);
  }
}
function opBytes(op: number, out: number[]): void {
  if (op < 256) out.push(op);
  else {
    out.push(op >>> 16);
    uleb(op & 0xffff, out);
  }
}
function section(id: number, content: number[], out: number[]): void {
  out.push(id);
  uleb(content.length, out);
  out.push(...content);
}
function vec<T>(items: T[], each: (t: T, out: number[]) => void): number[] {
  const out: number[] = [];
  uleb(items.length, out);
  for (const it of items) each(it, out);
  return out;
}

interface Sig {
  params: ValType[];
  results: ValType[];
}
interface Frame {
  op: number;
  params: ValType[];
  results: ValType[];
  height: number;
}

/** Simple ops the generator may pick: fixed signature, immediates it knows how to produce. */
const SIMPLE: OpInfo[] = allOps().filter(
  (i) =>
    i.params !== undefined &&
    ['none', 'memarg', 'memarg_lane', 'lane', 'shuffle', 'memory', 'memory_copy', 'i32', 'i64', 'f32', 'f64', 'v128'].includes(i.imm) &&
    i.op !== Op.nop,
);

export function generateModule(rand: Rand): Uint8Array {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const types: Sig[] = [];
  const typeIndex = (s: Sig): number => {
    const key = JSON.stringify(s);
    const i = types.findIndex((t) => JSON.stringify(t) === key);
    if (i >= 0) return i;
    types.push(s);
    return types.length - 1;
  };
  const ALL_TYPES: ValType[] = [...NUM_TYPES, 'funcref', 'externref'];
  const randTypes = (max: number): ValType[] => Array.from({ length: Math.floor(rand() * (max + 1)) }, () => pick(ALL_TYPES));
  const funcCount = 1 + Math.floor(rand() * 4);
  const sigs: Sig[] = Array.from({ length: funcCount }, () => ({ params: randTypes(3), results: randTypes(2) }));
  const funcTypeIdx = sigs.map(typeIndex);
  const globals: { type: ValType; mutable: boolean }[] = [
    { type: 'i32', mutable: true },
    { type: 'i64', mutable: true },
    { type: 'f64', mutable: false },
  ];

  const bodies = sigs.map((sig) => genBody(sig));

  function genBody(sig: Sig): number[] {
    const locals = [...sig.params, ...randTypes(3)];
    const code: number[] = [];
    const stack: ValType[] = [];
    const frames: Frame[] = [{ op: -1, params: [], results: sig.results, height: 0 }];
    const top = () => frames[frames.length - 1]!;
    const avail = () => stack.length - top().height;
    const topMatches = (ts: readonly ValType[]) =>
      avail() >= ts.length && ts.every((t, i) => stack[stack.length - ts.length + i] === t);
    const pushConst = (t: ValType) => {
      switch (t) {
        case 'i32': code.push(Op.i32_const); sleb(BigInt(Math.floor(rand() * 2000) - 1000), code); break;
        case 'i64': code.push(Op.i64_const); sleb(BigInt(Math.floor(rand() * 2 ** 40)) - 2n ** 39n, code); break;
        case 'f32': code.push(Op.f32_const, ...Array.from({ length: 4 }, () => Math.floor(rand() * 256))); break;
        case 'f64': code.push(Op.f64_const, ...Array.from({ length: 8 }, () => Math.floor(rand() * 256))); break;
        case 'v128': opBytes(Op.v128_const, code); code.push(...Array.from({ length: 16 }, () => Math.floor(rand() * 256))); break;
        default: code.push(Op.ref_null, TYPE_BYTE[t]);
      }
      stack.push(t);
    };
    /** Makes the current frame's stack exactly `ts`, dropping or adding values. */
    const settle = (ts: readonly ValType[]) => {
      while (avail() > 0 && !topMatches(ts)) {
        code.push(Op.drop);
        stack.pop();
      }
      if (!topMatches(ts)) for (const t of ts) pushConst(t);
      while (avail() > ts.length) {
        // values below the results: stash results in locals would be complex; drop everything and rebuild.
        for (let i = avail(); i > 0; i--) {
          code.push(Op.drop);
          stack.pop();
        }
        for (const t of ts) pushConst(t);
      }
    };
    const labelTypes = (f: Frame) => (f.op === Op.loop ? f.params : f.results);
    const closeDead = () => {
      // After an unconditional branch the rest of the block is dead: end it right away.
      const f = frames.pop()!;
      stack.length = f.height;
      if (f.op === -1) {
        code.push(Op.end);
        return;
      }
      if (f.op === Op.if) {
        code.push(Op.else);
        frames.push({ ...f, op: Op.else });
        for (const t of f.params) stack.push(t);
        return;
      }
      code.push(Op.end);
      stack.push(...f.results);
    };

    let steps = 10 + Math.floor(rand() * 60);
    while (frames.length > 0) {
      if (steps-- <= 0 || frames.length > 6) {
        const f = top();
        settle(f.results);
        frames.pop();
        if (f.op === Op.if && !sameTypes(f.params, f.results)) {
          code.push(Op.else);
          stack.length = f.height;
          stack.push(...f.params);
          frames.push({ ...f, op: Op.else });
          continue;
        }
        code.push(Op.end);
        stack.length = f.height;
        stack.push(...f.results);
        continue;
      }
      const r = rand();
      if (r < 0.25) pushConst(pick(NUM_TYPES));
      else if (r < 0.35) {
        if (locals.length === 0) continue;
        const i = Math.floor(rand() * locals.length);
        const t = locals[i]!;
        const kind = rand();
        if (kind < 0.5 || !topMatches([t])) {
          code.push(Op.local_get);
          uleb(i, code);
          stack.push(t);
        } else {
          code.push(kind < 0.75 ? Op.local_set : Op.local_tee);
          uleb(i, code);
          if (kind < 0.75) stack.pop();
        }
      } else if (r < 0.6) {
        const candidates = SIMPLE.filter((i) => topMatches(i.params!));
        if (candidates.length === 0) continue;
        const info = pick(candidates);
        opBytes(info.op, code);
        switch (info.imm) {
          case 'memarg':
          case 'memarg_lane':
            uleb(Math.floor(rand() * (Math.log2(info.naturalAlign!) + 1)), code);
            uleb(Math.floor(rand() * 100), code);
            if (info.imm === 'memarg_lane') code.push(Math.floor(rand() * info.lanes!));
            break;
          case 'lane': code.push(Math.floor(rand() * info.lanes!)); break;
          case 'shuffle': for (let k = 0; k < 16; k++) code.push(Math.floor(rand() * 32)); break;
          case 'memory': code.push(0); break;
          case 'memory_copy': code.push(0, 0); break;
          case 'i32': code.push(0); break;
          case 'i64': code.push(0); break;
          case 'f32': code.push(0, 0, 0, 0); break;
          case 'f64': code.push(0, 0, 0, 0, 0, 0, 0, 0); break;
          case 'v128': for (let k = 0; k < 16; k++) code.push(0); break;
        }
        stack.length -= info.params!.length;
        stack.push(...info.results!);
      } else if (r < 0.7) {
        // block / loop / if, taking up to two parameters from the stack
        const op = pick([Op.block, Op.loop, Op.if]);
        if (op === Op.if && !topMatches(['i32'])) continue;
        const below = stack.length - (op === Op.if ? 1 : 0);
        const np = Math.min(Math.floor(rand() * 3), below - top().height);
        const params = stack.slice(below - np, below);
        const results = randTypes(2);
        code.push(op);
        if (params.length === 0 && results.length === 0) code.push(0x40);
        else if (params.length === 0 && results.length === 1) code.push(TYPE_BYTE[results[0]!]);
        else sleb(BigInt(typeIndex({ params, results })), code);
        if (op === Op.if) stack.pop();
        stack.length -= np;
        frames.push({ op, params, results, height: stack.length });
        stack.push(...params);
      } else if (r < 0.76) {
        const depth = Math.floor(rand() * frames.length);
        const target = frames[frames.length - 1 - depth]!;
        const types = labelTypes(target);
        const conditional = rand() < 0.5;
        if (conditional) {
          if (!(topMatches([...types, 'i32']) && avail() >= types.length + 1)) continue;
          code.push(Op.br_if);
          uleb(depth, code);
          stack.pop();
        } else {
          if (!topMatches(types)) continue;
          if (rand() < 0.5) {
            code.push(Op.br);
            uleb(depth, code);
          } else {
            pushConst('i32');
            code.push(Op.br_table);
            uleb(2, code);
            uleb(depth, code);
            uleb(depth, code);
            uleb(depth, code);
          }
          closeDead();
        }
      } else if (r < 0.8) {
        if (avail() === 0) continue;
        code.push(Op.drop);
        stack.pop();
      } else if (r < 0.84) {
        const t = stack[stack.length - 2];
        if (!(avail() >= 3 && topMatches([t!, t!, 'i32']) && t !== undefined)) continue;
        if (rand() < 0.5 && t !== 'funcref' && t !== 'externref') code.push(Op.select);
        else code.push(Op.select_t, 1, TYPE_BYTE[t]);
        stack.length -= 2;
      } else if (r < 0.9) {
        const callee = Math.floor(rand() * funcCount);
        if (!topMatches(sigs[callee]!.params)) continue;
        code.push(Op.call);
        uleb(callee, code);
        stack.length -= sigs[callee]!.params.length;
        stack.push(...sigs[callee]!.results);
      } else if (r < 0.93) {
        const g = Math.floor(rand() * globals.length);
        if (globals[g]!.mutable && topMatches([globals[g]!.type])) {
          code.push(Op.global_set);
          uleb(g, code);
          stack.pop();
        } else {
          code.push(Op.global_get);
          uleb(g, code);
          stack.push(globals[g]!.type);
        }
      } else if (r < 0.95) {
        code.push(Op.unreachable);
        closeDead();
      } else if (r < 0.97) {
        if (!topMatches(sig.results)) continue;
        code.push(Op.return);
        closeDead();
      } else if (r < 0.985) {
        // reference and table instructions (table 0 is funcref, table 1 externref)
        const w = Math.floor(rand() * 8);
        const table = Math.floor(rand() * 2);
        const rt: ValType = table === 0 ? 'funcref' : 'externref';
        if (w === 0) {
          code.push(Op.ref_func, 0);
          stack.push('funcref');
        } else if (w === 1) {
          code.push(Op.ref_null, TYPE_BYTE[rt]);
          stack.push(rt);
        } else if (w === 2 && (topMatches(['funcref']) || topMatches(['externref']))) {
          code.push(Op.ref_is_null);
          stack.pop();
          stack.push('i32');
        } else if (w === 3 && topMatches(['i32'])) {
          code.push(Op.table_get, table);
          stack.pop();
          stack.push(rt);
        } else if (w === 4 && topMatches(['i32', rt])) {
          code.push(Op.table_set, table);
          stack.length -= 2;
        } else if (w === 5 && topMatches([rt, 'i32'])) {
          opBytes(Op.table_grow, code);
          code.push(table);
          stack.length -= 2;
          stack.push('i32');
        } else if (w === 6) {
          opBytes(Op.table_size, code);
          code.push(table);
          stack.push('i32');
        } else if (w === 7) {
          const callee = Math.floor(rand() * funcCount);
          if (!topMatches([...sigs[callee]!.params, 'i32'])) continue;
          code.push(Op.call_indirect);
          uleb(funcTypeIdx[callee]!, code);
          code.push(0);
          stack.length -= sigs[callee]!.params.length + 1;
          stack.push(...sigs[callee]!.results);
        }
      } else {
        if (avail() < 3 || !topMatches(['i32', 'i32', 'i32'])) continue;
        const which = rand();
        if (which < 0.5) {
          opBytes(Op.memory_init, code);
          code.push(0, 0);
        } else {
          opBytes(Op.table_init, code);
          code.push(0, 0);
        }
        stack.length -= 3;
      }
    }
    const out: number[] = [];
    const runs = vec(locals.slice(sig.params.length), (t, o) => o.push(1, TYPE_BYTE[t]));
    const body = [...runs, ...code];
    uleb(body.length, out);
    out.push(...body);
    return out;
  }

  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  section(1, vec(types, (t, o) => {
    o.push(0x60);
    o.push(...vec(t.params, (p, oo) => oo.push(TYPE_BYTE[p])));
    o.push(...vec(t.results, (p, oo) => oo.push(TYPE_BYTE[p])));
  }), out);
  section(3, vec(funcTypeIdx, (i, o) => uleb(i, o)), out);
  section(4, [2, 0x70, 0x00, 4, 0x6f, 0x00, 1], out);
  section(5, [1, 0x00, 1], out);
  section(6, vec(globals, (g, o) => {
    o.push(TYPE_BYTE[g.type], g.mutable ? 1 : 0);
    if (g.type === 'i32') o.push(Op.i32_const, 0);
    else if (g.type === 'i64') o.push(Op.i64_const, 0);
    else o.push(Op.f64_const, 0, 0, 0, 0, 0, 0, 0, 0);
    o.push(Op.end);
  }), out);
  section(9, [1, 0x01, 0x00, 1, 0], out); // passive funcref segment: function 0
  section(12, [1], out);
  section(10, vec(bodies, (b, o) => o.push(...b)), out);
  section(11, [1, 0x01, 3, 1, 2, 3], out);
  return new Uint8Array(out);
}

function sameTypes(a: readonly ValType[], b: readonly ValType[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}
