// One wasm function -> one static C function. The operand stack disappears at translation time: the value at
// stack height h of type t lives in the C local `s<h>_<code>`, so straight-line code becomes assignments that
// the C compiler turns into SSA registers, and block results need no copies at a fall-through (a block's results
// sit at the same heights on every path). Branches copy their values into the target's slots and `goto` a label.

import type { BlockType, Instr, Module, ValType } from '../wasm/ir.js';
import type { InstrTyping, InstrVisitor } from '../wasm/typing.js';
import { opName } from '../wasm/opcodes.js';
import { cType, f32Literal, f64Literal, i32Literal, i64Literal, multiFieldName, resultCType, typeCode } from './c-types.js';
import { simdUnsupported, UnsupportedFeatureError } from './errors.js';
import type { ModuleNames } from './names.js';
import { LOADS, NUMERIC_OPS, STORES } from './numeric.js';
import type { SegmentInfo } from './segments.js';
import { funcrefExpression } from './funcref.js';

/** Runs the validator's typing over one defined function's body (see src/wasm/typing.ts). */
export type BodyTyper = (module: Module, definedFuncIndex: number, visit: InstrVisitor) => void;

interface Frame {
  readonly kind: 'func' | 'block' | 'loop' | 'if';
  /** Stack height where the frame's parameters begin. */
  readonly base: number;
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
  readonly label: string;
  labelUsed: boolean;
  /** For loops: the index of the line that becomes the label once we know it is used. */
  readonly labelLine: number;
  /** Whether the frame's first instruction is reachable; if not, nothing inside is emitted. */
  readonly startLive: boolean;
  /** Whether a fall-through reaches the frame's end (then-branch end for an if with else). */
  endLive: boolean;
  hasElse: boolean;
  /** For if: where the false condition jumps (the else branch, or the end when there is none). */
  readonly elseLabel: string;
}

export interface FunctionContext {
  readonly module: Module;
  readonly names: ModuleNames;
  readonly segments: SegmentInfo;
}

/** Numeric operators with a trap (division, trapping float->int): they are never deferred. */
const MAY_TRAP = /\.(div_[su]|rem_[su]|trunc_f(32|64)_[su])$/;

/** Folded expressions deeper than this are stored in their slot (each level adds up to three brackets). */
const MAX_FOLD_DEPTH = 24;

const SLOT_TYPES: readonly ValType[] = ['i32', 'i64', 'f32', 'f64', 'funcref', 'externref'];

export function blockSignature(module: Module, bt: BlockType): { params: readonly ValType[]; results: readonly ValType[] } {
  switch (bt.kind) {
    case 'empty': return { params: [], results: [] };
    case 'value': return { params: [], results: [bt.type] };
    case 'func': {
      const t = module.types[bt.typeIndex]!;
      return { params: t.params, results: t.results };
    }
  }
}

/** The C prototype of a defined function (without the trailing `;` or body). */
export function functionPrototype(ctx: FunctionContext, funcIndex: number): string {
  const f = ctx.names.funcs[funcIndex]!;
  const params = f.type.params.map((t, i) => `${cType(t)} l${i}`);
  return `${ctx.names.split ? 'W2C__INTERNAL' : 'static W2C__UNUSED'} ${resultCType(f.type.results)} ${f.symbol}(${[`${ctx.names.instanceType}* inst`, ...params].join(', ')})`;
}

/** A C function-pointer type for calling a funcref of this signature through `void*` instance. */
export function functionPointerType(params: readonly ValType[], results: readonly ValType[]): string {
  return `${resultCType(results)} (*)(${['void*', ...params.map(cType)].join(', ')})`;
}

class FunctionEmitter {
  private lines: string[] = [];
  private readonly frames: Frame[] = [];
  private readonly slots = new Set<string>();
  private readonly localTypes: ValType[] = [];
  private readonly localsRead = new Set<number>();
  private readonly funcResults: readonly ValType[];
  /**
   * Values pushed by local.get and constants are not copied into their slot right away: the instruction that
   * pops them uses the expression itself. They are materialized before anything that could change them
   * (local.set/tee of that local) and before every control transfer, where values must sit in their slots.
   */
  private readonly pending = new Map<number, { readonly expr: string; readonly type: ValType; readonly depth: number }>();
  /** Where each local.set/tee wrote, to drop the writes of locals that are never read. */
  private readonly localWrites: { readonly line: number; readonly local: number }[] = [];
  private labels = 0;
  private live = true;
  private makesCalls = false;
  private usesMemory = false;
  private indent = '  ';

  constructor(
    private readonly ctx: FunctionContext,
    private readonly funcIndex: number,
  ) {
    const f = ctx.names.funcs[funcIndex]!;
    this.localTypes.push(...f.type.params);
    this.funcResults = f.type.results;
    const def = ctx.module.funcs[funcIndex - (ctx.names.funcs.length - ctx.module.funcs.length)]!;
    for (const run of def.locals) {
      if (run.type === 'v128') throw simdUnsupported(def.offset, 'v128 local');
      for (let i = 0; i < run.count; i++) this.localTypes.push(run.type);
    }
    this.frames.push({
      kind: 'func', base: 0, params: [], results: f.type.results, label: '', labelUsed: false, labelLine: -1,
      startLive: true, endLive: false, hasElse: false, elseLabel: '',
    });
  }

  private slot(h: number, t: ValType): string {
    if (t === 'v128') throw new UnsupportedFeatureError('SIMD is not supported yet (v128 operand)', 0);
    const name = `s${h}_${typeCode(t)}`;
    this.slots.add(name);
    return name;
  }

  /** The value at height h as an operand: its pending expression (consumed) or its slot. */
  private use(h: number, t: ValType): string {
    const p = this.pending.get(h);
    if (p !== undefined) {
      this.pending.delete(h);
      return p.expr;
    }
    return this.slot(h, t);
  }

  private defer(h: number, t: ValType, expr: string, depth = 0): void {
    this.pending.set(h, { expr, type: t, depth });
  }

  private flushAll(): void {
    if (this.pending.size === 0) return;
    const heights = [...this.pending.keys()].sort((a, b) => a - b);
    for (const h of heights) {
      const p = this.pending.get(h)!;
      this.line(`${this.slot(h, p.type)} = ${p.expr};`);
    }
    this.pending.clear();
  }

  private flushLocal(index: number): void {
    if (this.pending.size === 0) return;
    const ref = new RegExp(`\\bl${index}\\b`);
    for (const h of [...this.pending.keys()].sort((a, b) => a - b)) {
      const p = this.pending.get(h)!;
      if (ref.test(p.expr)) {
        this.line(`${this.slot(h, p.type)} = ${p.expr};`);
        this.pending.delete(h);
      }
    }
  }

  private line(s: string): void {
    this.lines.push(this.indent + s);
  }

  private newLabel(): string {
    return `L${this.labels++}`;
  }

  /** Copies the top `types.length` values (ending at height `top`) to the slots starting at `base`. */
  private moves(top: number, base: number, types: readonly ValType[]): string[] {
    const out: string[] = [];
    const from = top - types.length;
    if (from === base) return out;
    types.forEach((t, i) => out.push(`${this.slot(base + i, t)} = ${this.slot(from + i, t)};`));
    return out;
  }

  private returnStatement(top: number): string {
    const results = this.funcResults;
    const from = top - results.length;
    if (results.length === 0) return 'return;';
    if (results.length === 1) return `return ${this.slot(from, results[0]!)};`;
    const values = results.map((t, i) => this.slot(from + i, t));
    return `return (${resultCType(results)}){${values.join(', ')}};`;
  }

  /** The statements of a branch to `depth` with the operand stack `top` high (values on top). */
  private branch(depth: number, top: number): string[] {
    const frame = this.frames[this.frames.length - 1 - depth]!;
    if (frame.kind === 'func') return [this.returnStatement(top)];
    frame.labelUsed = true;
    const types = frame.kind === 'loop' ? frame.params : frame.results;
    return [...this.moves(top, frame.base, types), `goto ${frame.label};`];
  }

  visit(instr: Instr, t: InstrTyping): void {
    const op = instr.op;
    if (op >= 0xfd0000 && op < 0xfe0000) throw simdUnsupported(instr.offset, opName(op));
    switch (op) {
      case 0x02: // block
      case 0x03: // loop
      case 0x04: { // if
        const sig = blockSignature(this.ctx.module, instr.blockType!);
        const isIf = op === 0x04;
        const base = t.height - (isIf ? 1 : 0) - sig.params.length;
        const startLive = this.live && !t.unreachable;
        const label = this.newLabel();
        let labelLine = -1;
        const cond = startLive && isIf ? this.use(t.height - 1, 'i32') : '';
        if (startLive) this.flushAll();
        if (startLive && op === 0x03) {
          labelLine = this.lines.length;
          this.lines.push('');
        }
        // `if` is flat gotos, not C braces: clang refuses more than 256 nested brackets.
        const elseLabel = isIf ? this.newLabel() : '';
        if (startLive && isIf) this.line(`if (!${cond}) goto ${elseLabel};`);
        this.frames.push({
          kind: op === 0x02 ? 'block' : op === 0x03 ? 'loop' : 'if',
          base, params: sig.params, results: sig.results, label, labelUsed: false, labelLine, startLive,
          endLive: false, hasElse: false, elseLabel,
        });
        this.live = startLive;
        return;
      }
      case 0x05: { // else
        const frame = this.frames[this.frames.length - 1]!;
        frame.hasElse = true;
        if (this.live) this.flushAll();
        else this.pending.clear();
        if (frame.startLive) {
          if (this.live) {
            this.line(`goto ${frame.label};`);
            frame.labelUsed = true;
          }
          this.lines.push(`${this.indent.slice(1)}${frame.elseLabel}:;`);
        }
        this.live = frame.startLive;
        return;
      }
      case 0x0b: { // end
        const frame = this.frames.pop()!;
        if (this.live) this.flushAll();
        else this.pending.clear();
        if (frame.kind === 'func') {
          if (this.live) this.line(this.returnStatement(t.height));
          // Every path returned, branched away or trapped; say so, or gcc may warn about a missing return.
          else if (this.funcResults.length > 0) this.line('W2C__UNREACHABLE();');
          return;
        }
        if (!frame.startLive) {
          this.live = false;
          return;
        }
        frame.endLive ||= this.live;
        if (frame.kind === 'if' && !frame.hasElse) {
          this.lines.push(`${this.indent.slice(1)}${frame.elseLabel}:;`);
          frame.endLive = true;
        }
        if (frame.kind === 'loop') {
          if (frame.labelUsed) this.lines[frame.labelLine] = `${this.indent.slice(1)}${frame.label}:;`;
        } else if (frame.labelUsed) {
          this.lines.push(`${this.indent.slice(1)}${frame.label}:;`);
        }
        this.live = frame.endLive || (frame.kind !== 'loop' && frame.labelUsed);
        return;
      }
    }
    if (!this.live || t.unreachable) return;
    this.emit(instr, t);
  }

  private emit(instr: Instr, t: InstrTyping): void {
    const op = instr.op;
    const h = t.height;
    const base = h - t.popped.length;
    const names = this.ctx.names;
    // Control transfers first: they need every value in its slot.
    switch (op) {
      case 0x00: // unreachable
        this.pending.clear();
        this.line('W2C__TRAP(UNREACHABLE);');
        this.live = false;
        return;
      case 0x0c: // br
        this.flushAll();
        for (const s of this.branch(instr.index!, h)) this.line(s);
        this.live = false;
        return;
      case 0x0f: // return
        this.flushAll();
        this.line(this.returnStatement(h));
        this.live = false;
        return;
      case 0x0d: { // br_if
        const cond = this.use(h - 1, 'i32');
        this.flushAll();
        const body = this.branch(instr.index!, h - 1);
        if (body.length === 1) this.line(`if (${cond}) ${body[0]}`);
        else {
          this.line(`if (${cond}) {`);
          for (const s of body) this.line('  ' + s);
          this.line('}');
        }
        return;
      }
      case 0x0e: { // br_table
        const cond = this.use(h - 1, 'i32');
        this.flushAll();
        const targets = [...instr.labels!];
        // Cases with the same target share one body.
        const byTarget = new Map<number, number[]>();
        targets.forEach((depth, i) => {
          if (depth === instr.index) return;
          const list = byTarget.get(depth) ?? [];
          list.push(i);
          byTarget.set(depth, list);
        });
        if (byTarget.size === 0) {
          for (const s of this.branch(instr.index!, h - 1)) this.line(s);
        } else {
          this.line(`switch (${cond}) {`);
          for (const [depth, cases] of byTarget) {
            this.line('  ' + cases.map((c) => `case ${c}:`).join(' '));
            for (const s of this.branch(depth, h - 1)) this.line('    ' + s);
          }
          this.line('  default:');
          for (const s of this.branch(instr.index!, h - 1)) this.line('    ' + s);
          this.line('}');
        }
        this.live = false;
        return;
      }
    }
    const allPending = t.popped.every((_, i) => this.pending.has(base + i));
    // Nesting depth of a folded expression: bounded so that C compilers' bracket limits are never reached.
    const depth = 1 + Math.max(0, ...t.popped.map((_, i) => this.pending.get(base + i)?.depth ?? 0));
    const args = t.popped.map((ty, i) => this.use(base + i, ty));
    // `l0 == l0` draws clang's self-comparison warning: give the first operand its slot.
    if (args.length === 2 && args[0] === args[1] && !args[0]!.startsWith('s')) {
      this.line(`${this.slot(base, t.popped[0]!)} = ${args[0]};`);
      args[0] = this.slot(base, t.popped[0]!);
    }
    const result = (i = 0) => this.slot(base + i, t.pushed[i]!);
    switch (op) {
      case 0x01: // nop
        return;
      case 0x1a: { // drop
        // A pending value (local or constant) has no load to keep.
        const forced = /^s\d+_/.test(args[0]!) ? forceRead(args[0]!) : '';
        if (forced) this.line(forced);
        return;
      }
      case 0x10: { // call
        const f = names.funcs[instr.index!]!;
        this.call(`${f.symbol}(${[f.instance, ...args].join(', ')})`, f.type.results, base);
        return;
      }
      case 0x11: { // call_indirect
        const type = this.ctx.module.types[instr.index!]!;
        const table = names.tables[instr.index2!]!;
        const idx = args[args.length - 1]!;
        const callArgs = ['w2c__fn->module_instance', ...args.slice(0, -1)];
        const fnType = functionPointerType(type.params, type.results);
        this.line(`{`);
        this.line(`  const wasm_rt_funcref_t* w2c__fn = w2c__indirect(${table.pointer}, ${idx}, ${names.typeIds[instr.index!]});`);
        this.indent += '  ';
        this.call(`((${fnType})w2c__fn->func)(${callArgs.join(', ')})`, type.results, base);
        this.indent = this.indent.slice(2);
        this.line(`}`);
        return;
      }
      case 0x1b: // select
      case 0x1c: // select t
        this.line(`${result()} = ${args[2]} ? ${args[0]} : ${args[1]};`);
        return;
      case 0x20: // local.get
        this.localsRead.add(instr.index!);
        this.defer(base, t.pushed[0]!, `l${instr.index!}`);
        return;
      case 0x21: // local.set
      case 0x22: // local.tee
        this.flushLocal(instr.index!);
        if (args[0] !== `l${instr.index!}`) {
          this.localWrites.push({ line: this.lines.length, local: instr.index! });
          this.line(`l${instr.index!} = ${args[0]};`);
        }
        if (op === 0x22) {
          this.localsRead.add(instr.index!);
          this.defer(base, t.pushed[0]!, `l${instr.index!}`);
        }
        return;
      case 0x23: // global.get
        this.line(`${result()} = ${names.globals[instr.index!]!.value};`);
        return;
      case 0x24: // global.set
        this.line(`${names.globals[instr.index!]!.value} = ${args[0]};`);
        return;
      case 0x25: { // table.get
        const table = names.tables[instr.index!]!;
        this.line(`${result()} = w2c__${table.elemType}_table_get(${table.pointer}, ${args[0]});`);
        return;
      }
      case 0x26: { // table.set
        const table = names.tables[instr.index!]!;
        this.line(`w2c__${table.elemType}_table_set(${table.pointer}, ${args[0]}, ${args[1]});`);
        return;
      }
      case 0x3f: // memory.size
        this.usesMemory = true;
        this.line(`${result()} = (u32)mem0->pages;`);
        return;
      case 0x40: // memory.grow
        this.usesMemory = true;
        this.line(`${result()} = (u32)wasm_rt_grow_memory(mem0, ${args[0]});`);
        this.line('W2C__MEM_RELOAD();');
        return;
      case 0x41:
        this.defer(base, 'i32', i32Literal(instr.value as number));
        return;
      case 0x42:
        this.defer(base, 'i64', i64Literal(instr.value as bigint));
        return;
      case 0x43:
        this.defer(base, 'f32', f32Literal(instr.value as number));
        return;
      case 0x44:
        this.defer(base, 'f64', f64Literal(instr.value as bigint));
        return;
      case 0xd0: // ref.null
        this.defer(base, instr.refType!, instr.refType === 'funcref' ? 'wasm_rt_funcref_null_value' : 'NULL');
        return;
      case 0xd1: // ref.is_null
        this.line(`${result()} = (u32)(${args[0]}${t.popped[0] === 'funcref' ? '.func' : ''} == NULL);`);
        return;
      case 0xd2: // ref.func
        this.line(`${result()} = ${funcrefExpression(names, instr.index!)};`);
        return;
      case 0xfc0008: { // memory.init
        this.usesMemory = true;
        const seg = this.ctx.segments.data[instr.index!]!;
        if (seg.lengthExpr === '0') this.line(`w2c__memory_init_empty(mem0, ${args.join(', ')});`);
        else this.line(`w2c__memory_init(mem0, ${seg.symbol}, ${seg.lengthExpr}, ${args.join(', ')});`);
        return;
      }
      case 0xfc0009: { // data.drop
        const seg = this.ctx.segments.data[instr.index!]!;
        if (seg.droppedField) this.line(`inst->${seg.droppedField} = 1;`);
        return;
      }
      case 0xfc000a: // memory.copy
        this.usesMemory = true;
        this.line(`w2c__memory_copy(mem0, mem0, ${args.join(', ')});`);
        return;
      case 0xfc000b: // memory.fill
        this.usesMemory = true;
        this.line(`w2c__memory_fill(mem0, ${args.join(', ')});`);
        return;
      case 0xfc000c: { // table.init
        const seg = this.ctx.segments.elem[instr.index!]!;
        const table = names.tables[instr.index2!]!;
        if (seg.lengthExpr === '0') this.line(`w2c__table_init_empty(${table.pointer}->size, ${args.join(', ')});`);
        else this.line(`w2c__${table.elemType}_table_init(${table.pointer}, ${seg.itemsExpr}, ${seg.lengthExpr}, ${args.join(', ')});`);
        return;
      }
      case 0xfc000d: { // elem.drop
        const seg = this.ctx.segments.elem[instr.index!]!;
        if (seg.droppedField) this.line(`inst->${seg.droppedField} = 1;`);
        return;
      }
      case 0xfc000e: { // table.copy
        const dst = names.tables[instr.index!]!;
        const src = names.tables[instr.index2!]!;
        this.line(`w2c__${dst.elemType}_table_copy(${dst.pointer}, ${src.pointer}, ${args.join(', ')});`);
        return;
      }
      case 0xfc000f: { // table.grow
        const table = names.tables[instr.index!]!;
        this.line(`${result()} = wasm_rt_grow_${table.elemType}_table(${table.pointer}, ${args[1]}, ${args[0]});`);
        return;
      }
      case 0xfc0010: // table.size
        this.line(`${result()} = ${names.tables[instr.index!]!.pointer}->size;`);
        return;
      case 0xfc0011: { // table.fill
        const table = names.tables[instr.index!]!;
        this.line(`w2c__${table.elemType}_table_fill(${table.pointer}, ${args.join(', ')});`);
        return;
      }
    }
    const name = opName(op);
    const numeric = NUMERIC_OPS.get(name);
    if (numeric) {
      const expr = numeric(args[0]!, args[1] ?? '');
      // An operator that cannot trap, over locals and constants only, stays an expression too (operands that
      // are slots could be overwritten by later pushes before the expression is used).
      if (allPending && depth <= MAX_FOLD_DEPTH && !MAY_TRAP.test(name)) this.defer(base, t.pushed[0]!, `(${expr})`, depth);
      else this.line(`${result()} = ${expr};`);
      return;
    }
    const load = LOADS.get(name);
    if (load) {
      this.usesMemory = true;
      const value = `w2c__load_${load.helper}(mb, ms, ${address(args[0]!, instr.memOffset!)})`;
      this.line(`${result()} = ${load.cast}${value};`);
      return;
    }
    const store = STORES.get(name);
    if (store) {
      this.usesMemory = true;
      this.line(`w2c__store_${store.helper}(mb, ms, ${address(args[0]!, instr.memOffset!)}, ${store.cast}${args[1]});`);
      return;
    }
    throw new UnsupportedFeatureError(`instruction ${name} is not supported by the C backend`, instr.offset);
  }

  /** A call whose results land in the slots starting at `base`; memory is reloaded afterwards if it may move. */
  private call(expr: string, results: readonly ValType[], base: number): void {
    this.makesCalls = true;
    if (results.length === 0) this.line(`${expr};`);
    else if (results.length === 1) this.line(`${this.slot(base, results[0]!)} = ${expr};`);
    else {
      this.line(`{`);
      this.line(`  ${resultCType(results)} w2c__r = ${expr};`);
      results.forEach((t, i) => this.line(`  ${this.slot(base + i, t)} = w2c__r.${multiFieldName(results, i)};`));
      this.line(`}`);
    }
    this.line('W2C__MEM_RELOAD_IF_USED();');
  }

  finish(): string {
    const out: string[] = [];
    const debugName = this.ctx.module.names?.functions.get(this.funcIndex);
    // The name section's name helps reading profiles; it must not end the comment or carry odd bytes.
    const comment = debugName === undefined ? '' : ` /* ${debugName.replace(/[^\w .,:<>()$=+&\[\]-]/g, '_')} */`;
    out.push(`${functionPrototype(this.ctx, this.funcIndex)} {${comment}`);
    const nParams = this.names().funcs[this.funcIndex]!.type.params.length;
    const touched: string[] = [];
    this.localTypes.forEach((ty, i) => {
      if (i >= nParams && !this.localsRead.has(i)) return;
      if (i >= nParams) out.push(`  ${cType(ty)} l${i} = ${zeroLiteral(ty)};`);
      touched.push(`(void)l${i};`);
    });
    // Slots sorted by height then type, declared zeroed: never-read or dead-path reads stay defined.
    const slots = [...this.slots].sort((a, b) => {
      const ha = parseInt(a.slice(1), 10);
      const hb = parseInt(b.slice(1), 10);
      return ha - hb || a.localeCompare(b);
    });
    for (const s of slots) {
      const code = s.slice(s.indexOf('_') + 1);
      const ty = SLOT_TYPES.find((x) => typeCode(x) === code)!;
      out.push(`  ${cType(ty)} ${s} = ${zeroLiteral(ty)};`);
    }
    if (this.usesMemory) out.push(`  W2C__MEM_DECL(${this.names().memories[0]!.pointer});`);
    // Every variable counts as used: a value may be computed only for a dropped result.
    touched.push(...slots.map((s) => `(void)${s};`), '(void)inst;');
    for (let i = 0; i < touched.length; i += 12) out.push(`  ${touched.slice(i, i + 12).join(' ')}`);
    if (this.makesCalls) out.push('  WASM_RT_CHECK_STACK();');
    const reload = this.usesMemory ? '  W2C__MEM_RELOAD();' : '';
    for (const l of this.lines) {
      if (l.endsWith('W2C__MEM_RELOAD_IF_USED();')) {
        if (reload) out.push(l.replace('W2C__MEM_RELOAD_IF_USED();', 'W2C__MEM_RELOAD();'));
      } else {
        out.push(l);
      }
    }
    out.push('}');
    return out.join('\n');
  }

  private names(): ModuleNames {
    return this.ctx.names;
  }

  /** Locals written by local.set/tee but never read: their assignments are dropped from the output. */
  dropUnreadLocalWrites(): void {
    for (const { line, local } of this.localWrites) {
      if (this.localsRead.has(local)) continue;
      const text = this.lines[line]!;
      const indent = text.slice(0, text.length - text.trimStart().length);
      // The value may come from a load that must still fault in guard-page mode.
      const value = text.slice(text.indexOf(' = ') + 3, -1);
      this.lines[line] = /^s\d+_[ijfd]$/.test(value) ? indent + forceRead(value) : '';
    }
    this.lines = this.lines.filter((l) => l !== '');
  }

}

function zeroLiteral(t: ValType): string {
  switch (t) {
    case 'i32': return '0';
    case 'i64': return '0';
    case 'f32': return '0.0f';
    case 'f64': return '0.0';
    case 'funcref': return 'wasm_rt_funcref_null_value';
    case 'externref': return 'NULL';
    case 'v128': throw new UnsupportedFeatureError('SIMD is not supported yet (v128 local)', 0);
  }
}

/** A statement that keeps a numeric slot's value alive (so the load that produced it happens), or ''. */
function forceRead(slot: string): string {
  switch (slot.slice(slot.indexOf('_') + 1)) {
    case 'i': case 'j': return `W2C__FORCE_READ(${slot});`;
    case 'f': return `W2C__FORCE_READ(f32_bits(${slot}));`;
    case 'd': return `W2C__FORCE_READ(f64_bits(${slot}));`;
    default: return '';
  }
}

function address(addr: string, offset: number): string {
  return offset === 0 ? `(u64)${addr}` : `(u64)${addr} + ${offset}u`;
}

export function emitFunction(ctx: FunctionContext, definedIndex: number, typer: BodyTyper): string {
  const funcIndex = ctx.names.funcs.length - ctx.module.funcs.length + definedIndex;
  const emitter = new FunctionEmitter(ctx, funcIndex);
  typer(ctx.module, definedIndex, (instr, typing) => emitter.visit(instr, typing));
  emitter.dropUnreadLocalWrites();
  return emitter.finish();
}
