// One wasm function -> one static C function. The operand stack disappears at translation time: the value at
// stack height h of type t lives in the C local `s<h>_<code>`, so straight-line code becomes assignments that
// the C compiler turns into SSA registers, and block results need no copies at a fall-through (a block's results
// sit at the same heights on every path). Branches copy their values into the target's slots and `goto` a label.
//
// This runs once per instruction of every function (half a million for SQLite), so the per-instruction path
// allocates as little as it can: slot names are interned, pending values live in arrays indexed by height, and
// opcodes are looked up by number rather than by name.

import type { BlockType, FuncType, Instr, Module, ValType } from '../wasm/ir.js';
import type { InstrTyping, InstrVisitor } from '../wasm/typing.js';
import { opName } from '../wasm/opcodes.js';
import { cType, f32Literal, f64Literal, i32Literal, i64Literal, multiFieldName, resultCType } from './c-types.js';
import { simdUnsupported, UnsupportedFeatureError } from './errors.js';
import type { ModuleNames } from './names.js';
import { opTranslation } from './numeric.js';
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
  /** `goto <label>;` */
  readonly gotoStatement: string;
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

/** Folded expressions deeper than this are stored in their slot (each level adds up to three brackets). */
const MAX_FOLD_DEPTH = 24;

/**
 * Slot kinds, in the order a height's slots are declared (their names sorted: s3_d < s3_e < s3_f ...). The
 * kind is the bit of the type in a height's "used" mask.
 */
const SLOT_CODES = ['d', 'e', 'f', 'i', 'j', 'r'] as const;
const SLOT_KIND_TYPES: readonly ValType[] = ['f64', 'externref', 'f32', 'i32', 'i64', 'funcref'];
const SLOT_NAMES: string[][] = SLOT_CODES.map(() => []);

function slotKind(t: ValType): number {
  switch (t) {
    case 'f64': return 0;
    case 'externref': return 1;
    case 'f32': return 2;
    case 'i32': return 3;
    case 'i64': return 4;
    case 'funcref': return 5;
    default: return -1;
  }
}

function slotName(kind: number, h: number): string {
  const names = SLOT_NAMES[kind]!;
  if (h < names.length) return names[h]!;
  if (h >= 1 << 16) return `s${h}_${SLOT_CODES[kind]}`;
  // Filled in order so the array stays packed.
  while (names.length <= h) names.push(`s${names.length}_${SLOT_CODES[kind]}`);
  return names[h]!;
}

/** Whether a C operand is a stack slot (`s<h>_<code>`) rather than a deferred expression. */
function isSlotName(s: string): boolean {
  if (s.charCodeAt(0) !== 115 /* s */) return false;
  const c = s.charCodeAt(1);
  return c >= 48 && c <= 57;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Whether `name` occurs in `expr` as a whole identifier (the regex `\bname\b` for identifier names). */
function mentions(expr: string, name: string): boolean {
  const n = name.length;
  for (let i = expr.indexOf(name); i >= 0; i = expr.indexOf(name, i + 1)) {
    if ((i === 0 || !isWordChar(expr.charCodeAt(i - 1))) && (i + n >= expr.length || !isWordChar(expr.charCodeAt(i + n)))) {
      return true;
    }
  }
  return false;
}

/** C names of locals (`l<i>`), interned: local.get is the most frequent instruction. */
const LOCAL_NAMES: string[] = [];
function localName(i: number): string {
  if (i < LOCAL_NAMES.length) return LOCAL_NAMES[i]!;
  if (i >= 1 << 16) return `l${i}`;
  // Filled in order so the array stays packed.
  while (LOCAL_NAMES.length <= i) LOCAL_NAMES.push(`l${LOCAL_NAMES.length}`);
  return LOCAL_NAMES[i]!;
}

/** i32Literal, with the small constants that make most of i32.const interned. */
const SMALL_I32: readonly string[] = Array.from({ length: 1024 }, (_, v) => i32Literal(v));
function i32Constant(v: number): string {
  return v >= 0 && v < SMALL_I32.length ? SMALL_I32[v]! : i32Literal(v);
}

const NO_TYPES: readonly ValType[] = Object.freeze([]);
const EMPTY_SIGNATURE = Object.freeze({ params: NO_TYPES, results: NO_TYPES });
const VALUE_SIGNATURES = new Map<ValType, { params: readonly ValType[]; results: readonly ValType[] }>();

export function blockSignature(module: Module, bt: BlockType): { params: readonly ValType[]; results: readonly ValType[] } {
  switch (bt.kind) {
    case 'empty': return EMPTY_SIGNATURE;
    case 'value': {
      let sig = VALUE_SIGNATURES.get(bt.type);
      if (sig === undefined) {
        sig = Object.freeze({ params: NO_TYPES, results: Object.freeze([bt.type]) });
        VALUE_SIGNATURES.set(bt.type, sig);
      }
      return sig;
    }
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

const pointerTypes = new WeakMap<FuncType, string>();
function cachedFunctionPointerType(type: FuncType): string {
  let s = pointerTypes.get(type);
  if (s === undefined) {
    s = functionPointerType(type.params, type.results);
    pointerTypes.set(type, s);
  }
  return s;
}

const MEM_RELOAD = 'W2C__MEM_RELOAD();';

class FunctionEmitter {
  /**
   * The body's text as pieces joined once at the end: a line is its indent, its pieces and a newline, so the
   * per-line strings are mostly shared names and constants rather than fresh concatenations. Lines are
   * addressed by the index of their first piece (which holds the indent) when they are patched later.
   */
  private readonly parts: string[] = [];
  private readonly frames: Frame[] = [];
  /** Per stack height, a bit per slot kind (see SLOT_CODES) that the body uses. */
  private readonly usedSlots: number[] = [];
  private readonly localTypes: ValType[] = [];
  private localsRead!: Uint8Array;
  private readonly funcResults: readonly ValType[];
  /**
   * Values pushed by local.get and constants are not copied into their slot right away: the instruction that
   * pops them uses the expression itself. They are materialized before anything that could change them
   * (local.set/tee of that local) and before every control transfer, where values must sit in their slots.
   * Indexed by stack height; '' where the value is in its slot.
   */
  private readonly pendingExpr: string[] = [];
  private readonly pendingType: ValType[] = [];
  private readonly pendingDepth: number[] = [];
  private pendingCount = 0;
  /** Where each local.set/tee wrote (line, local), to drop the writes of locals that are never read. */
  private readonly localWriteLines: number[] = [];
  private readonly localWriteLocals: number[] = [];
  /** Lines reloading the memory after a call: dropped at the end if the function never touches memory. */
  private readonly reloadLines: number[] = [];
  /** The operands of the current instruction (reused; only the first `popped.length` entries are current). */
  private readonly args: string[] = [];
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
    const localTypes = this.localTypes;
    for (const p of f.type.params) localTypes.push(p);
    this.funcResults = f.type.results;
    const def = ctx.module.funcs[funcIndex - (ctx.names.funcs.length - ctx.module.funcs.length)]!;
    for (const run of def.locals) {
      if (run.type === 'v128') throw simdUnsupported(def.offset, 'v128 local');
      for (let i = 0; i < run.count; i++) localTypes.push(run.type);
    }
    this.localsRead = new Uint8Array(localTypes.length);
    this.frames.push({
      kind: 'func', base: 0, params: NO_TYPES, results: f.type.results, label: '', gotoStatement: '', labelUsed: false, labelLine: -1,
      startLive: true, endLive: false, hasElse: false, elseLabel: '',
    });
  }

  private slot(h: number, t: ValType): string {
    const kind = slotKind(t);
    if (kind < 0) throw new UnsupportedFeatureError('SIMD is not supported yet (v128 operand)', 0);
    const used = this.usedSlots;
    while (used.length <= h) used.push(0);
    used[h]! |= 1 << kind;
    return slotName(kind, h);
  }

  /** The value at height h as an operand: its pending expression (consumed) or its slot. */
  private use(h: number, t: ValType): string {
    if (h < this.pendingExpr.length) {
      const expr = this.pendingExpr[h]!;
      if (expr !== '') {
        this.pendingExpr[h] = '';
        this.pendingCount--;
        return expr;
      }
    }
    return this.slot(h, t);
  }

  private pendingDepthAt(h: number): number {
    return h < this.pendingExpr.length && this.pendingExpr[h] !== '' ? this.pendingDepth[h]! : -1;
  }

  private defer(h: number, t: ValType, expr: string, depth = 0): void {
    const exprs = this.pendingExpr;
    while (exprs.length <= h) {
      exprs.push('');
      this.pendingType.push('i32');
      this.pendingDepth.push(0);
    }
    if (exprs[h] === '') this.pendingCount++;
    exprs[h] = expr;
    this.pendingType[h] = t;
    this.pendingDepth[h] = depth;
  }

  private flushAll(): void {
    if (this.pendingCount === 0) return;
    const exprs = this.pendingExpr;
    for (let h = 0; h < exprs.length; h++) {
      const expr = exprs[h]!;
      if (expr === '') continue;
      this.assign(this.slot(h, this.pendingType[h]!), expr);
      exprs[h] = '';
    }
    this.pendingCount = 0;
  }

  private clearPending(): void {
    if (this.pendingCount === 0) return;
    this.pendingExpr.fill('');
    this.pendingCount = 0;
  }

  private flushLocal(index: number): void {
    if (this.pendingCount === 0) return;
    const name = localName(index);
    const exprs = this.pendingExpr;
    for (let h = 0; h < exprs.length; h++) {
      const expr = exprs[h]!;
      if (expr === '' || !mentions(expr, name)) continue;
      this.assign(this.slot(h, this.pendingType[h]!), expr);
      exprs[h] = '';
      this.pendingCount--;
    }
  }

  private line(s: string): void {
    this.parts.push(this.indent, s, '\n');
  }

  /** The line `lhs = rhs;`. */
  private assign(lhs: string, rhs: string): void {
    this.parts.push(this.indent, lhs, ' = ', rhs, ';\n');
  }

  /** A label line (one space less than the body). */
  private labelLine(label: string): void {
    this.parts.push(this.indent.slice(1), label, ':;\n');
  }

  private newLabel(): string {
    return `L${this.labels++}`;
  }

  private returnStatement(top: number): string {
    const results = this.funcResults;
    const from = top - results.length;
    if (results.length === 0) return 'return;';
    if (results.length === 1) return `return ${this.slot(from, results[0]!)};`;
    const values = results.map((t, i) => this.slot(from + i, t));
    return `return (${resultCType(results)}){${values.join(', ')}};`;
  }

  /** How many statements a branch to `depth` with the stack `top` high takes (see emitBranch). */
  private branchLength(depth: number, top: number): number {
    const frame = this.frames[this.frames.length - 1 - depth]!;
    if (frame.kind === 'func') return 1;
    const types = frame.kind === 'loop' ? frame.params : frame.results;
    return (top - types.length === frame.base ? 0 : types.length) + 1;
  }

  /**
   * Writes the statements of a branch to `depth` with the operand stack `top` high (values on top), each line
   * prefixed by `prefix`: copies into the target's slots, then the jump. Returns the last statement instead
   * of writing it when `returnLast` is set (for `if (c) <stmt>`).
   */
  private emitBranch(depth: number, top: number, prefix: string): void {
    const frame = this.frames[this.frames.length - 1 - depth]!;
    if (frame.kind === 'func') {
      this.line(prefix + this.returnStatement(top));
      return;
    }
    frame.labelUsed = true;
    const types = frame.kind === 'loop' ? frame.params : frame.results;
    const from = top - types.length;
    if (from !== frame.base) {
      for (let i = 0; i < types.length; i++) {
        const t = types[i]!;
        this.parts.push(this.indent, prefix, this.slot(frame.base + i, t), ' = ', this.slot(from + i, t), ';\n');
      }
    }
    this.parts.push(this.indent, prefix, frame.gotoStatement, '\n');
  }

  /** The one statement of a branch that has no copies to make (branchLength 1). */
  private branchStatement(depth: number, top: number): string {
    const frame = this.frames[this.frames.length - 1 - depth]!;
    if (frame.kind === 'func') return this.returnStatement(top);
    frame.labelUsed = true;
    return frame.gotoStatement;
  }

  visit(instr: Instr, t: InstrTyping): void {
    const op = instr.op;
    switch (op) {
      case 0x02: // block
      case 0x03: // loop
      case 0x04: // if
        this.enterBlock(op, instr, t);
        return;
      case 0x05: // else
        this.enterElse();
        return;
      case 0x0b: // end
        this.endBlock(t);
        return;
    }
    if (op >= 0xfd0000 && op < 0xfe0000) throw simdUnsupported(instr.offset, opName(op));
    if (!this.live || t.unreachable) return;
    // The most frequent instructions push a value without emitting anything: the value stays pending.
    switch (op) {
      case 0x20: // local.get
        this.localsRead[instr.index!] = 1;
        this.defer(t.height, t.pushed[0]!, localName(instr.index!));
        return;
      case 0x41:
        this.defer(t.height, 'i32', i32Constant(instr.value as number));
        return;
    }
    this.emit(instr, t);
  }

  // Structure and the rare instructions live in their own methods: V8 compiles the hot ones sooner, and code
  // first reached late in a big module then throws away only a small method's optimized code.

  private enterBlock(op: number, instr: Instr, t: InstrTyping): void {
    const sig = blockSignature(this.ctx.module, instr.blockType!);
    const isIf = op === 0x04;
    const base = t.height - (isIf ? 1 : 0) - sig.params.length;
    const startLive = this.live && !t.unreachable;
    const label = this.newLabel();
    let labelLine = -1;
    const cond = startLive && isIf ? this.use(t.height - 1, 'i32') : '';
    if (startLive) this.flushAll();
    if (startLive && op === 0x03) {
      labelLine = this.parts.length;
      this.parts.push('');
    }
    // `if` is flat gotos, not C braces: clang refuses more than 256 nested brackets.
    const elseLabel = isIf ? this.newLabel() : '';
    if (startLive && isIf) this.line(`if (!${cond}) goto ${elseLabel};`);
    this.frames.push({
      kind: op === 0x02 ? 'block' : op === 0x03 ? 'loop' : 'if',
      base, params: sig.params, results: sig.results, label, gotoStatement: `goto ${label};`, labelUsed: false, labelLine, startLive,
      endLive: false, hasElse: false, elseLabel,
    });
    this.live = startLive;
  }

  private enterElse(): void {
    const frame = this.frames[this.frames.length - 1]!;
    frame.hasElse = true;
    if (this.live) this.flushAll();
    else this.clearPending();
    if (frame.startLive) {
      if (this.live) {
        this.line(frame.gotoStatement);
        frame.labelUsed = true;
      }
      this.labelLine(frame.elseLabel);
    }
    this.live = frame.startLive;
  }

  private endBlock(t: InstrTyping): void {
    const frame = this.frames.pop()!;
    if (this.live) this.flushAll();
    else this.clearPending();
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
      this.labelLine(frame.elseLabel);
      frame.endLive = true;
    }
    if (frame.kind === 'loop') {
      if (frame.labelUsed) this.parts[frame.labelLine] = `${this.indent.slice(1)}${frame.label}:;\n`;
    } else if (frame.labelUsed) {
      this.labelLine(frame.label);
    }
    this.live = frame.endLive || (frame.kind !== 'loop' && frame.labelUsed);
  }

  private emit(instr: Instr, t: InstrTyping): void {
    const op = instr.op;
    const h = t.height;
    const popped = t.popped;
    const nPopped = popped.length;
    const base = h - nPopped;
    if (op === 0x42) {
      this.defer(base, 'i64', i64Literal(instr.value as bigint));
      return;
    }
    const names = this.ctx.names;
    // Control transfers first: they need every value in its slot.
    switch (op) {
      case 0x00: // unreachable
      case 0x0c: // br
      case 0x0d: // br_if
      case 0x0e: // br_table
      case 0x0f: // return
        this.emitControl(instr, h);
        return;
    }
    // Whether every operand is a pending expression, and the deepest folding among them.
    let allPending = true;
    let maxDepth = 0;
    for (let i = 0; i < nPopped; i++) {
      const d = this.pendingDepthAt(base + i);
      if (d < 0) allPending = false;
      else if (d > maxDepth) maxDepth = d;
    }
    // Nesting depth of a folded expression: bounded so that C compilers' bracket limits are never reached.
    const depth = 1 + maxDepth;
    const args = this.args;
    for (let i = 0; i < nPopped; i++) args[i] = this.use(base + i, popped[i]!);
    // `l0 == l0` draws clang's self-comparison warning: give the first operand its slot.
    if (nPopped === 2 && args[0] === args[1] && !args[0]!.startsWith('s')) this.firstOperandToSlot(base, popped[0]!);
    switch (op) {
      case 0x21: // local.set
      case 0x22: { // local.tee
        const index = instr.index!;
        this.flushLocal(index);
        const local = localName(index);
        if (args[0] !== local) {
          this.localWriteLines.push(this.parts.length);
          this.localWriteLocals.push(index);
          this.assign(local, args[0]!);
        }
        if (op === 0x22) {
          this.localsRead[index] = 1;
          this.defer(base, t.pushed[0]!, local);
        }
        return;
      }
      case 0x01: // nop
        return;
      case 0x1a: { // drop
        // A pending value (local or constant) has no load to keep.
        const forced = isSlotName(args[0]!) ? forceRead(args[0]!) : '';
        if (forced) this.line(forced);
        return;
      }
      case 0x10: { // call
        const f = names.funcs[instr.index!]!;
        const callArgs = nPopped === 0 ? f.instance : `${f.instance}, ${this.joinedArgs(nPopped)}`;
        this.call(`${f.symbol}(${callArgs})`, f.type.results, base);
        return;
      }
      case 0x1b: // select
      case 0x1c: // select t
        this.assign(this.slot(base, t.pushed[0]!), `${args[2]} ? ${args[0]} : ${args[1]}`);
        return;
      case 0x23: // global.get
        this.assign(this.slot(base, t.pushed[0]!), names.globals[instr.index!]!.value);
        return;
      case 0x24: // global.set
        this.assign(names.globals[instr.index!]!.value, args[0]!);
        return;
    }
    const tr = opTranslation(op);
    if (tr !== undefined) {
      const numeric = tr.numeric;
      if (numeric !== undefined) {
        const expr = numeric(nPopped > 0 ? args[0]! : '', nPopped > 1 ? args[1]! : '');
        // An operator that cannot trap, over locals and constants only, stays an expression too (operands that
        // are slots could be overwritten by later pushes before the expression is used).
        if (allPending && depth <= MAX_FOLD_DEPTH && !tr.mayTrap) this.defer(base, t.pushed[0]!, `(${expr})`, depth);
        else this.assign(this.slot(base, t.pushed[0]!), expr);
        return;
      }
      const load = tr.load;
      if (load !== undefined) {
        this.usesMemory = true;
        const offset = instr.memOffset!;
        this.parts.push(this.indent, this.slot(base, t.pushed[0]!), ' = ', load.prefix, args[0]!, offset === 0 ? ');\n' : ` + ${offset}u);\n`);
        return;
      }
      const store = tr.store;
      if (store !== undefined) {
        this.usesMemory = true;
        const offset = instr.memOffset!;
        this.parts.push(this.indent, store.prefix, args[0]!, offset === 0 ? store.separator : ` + ${offset}u${store.separator}`, args[1]!, ');\n');
        return;
      }
    }
    this.emitRare(instr, t, nPopped, base);
  }

  /** unreachable, br, br_if, br_table and return, with the operand stack `h` high. */
  private emitControl(instr: Instr, h: number): void {
    const op = instr.op;
    switch (op) {
      case 0x00: // unreachable
        this.clearPending();
        this.line('W2C__TRAP(UNREACHABLE);');
        this.live = false;
        return;
      case 0x0c: // br
        this.flushAll();
        this.emitBranch(instr.index!, h, '');
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
        const depth = instr.index!;
        if (this.branchLength(depth, h - 1) === 1) this.parts.push(this.indent, 'if (', cond, ') ', this.branchStatement(depth, h - 1), '\n');
        else {
          this.line(`if (${cond}) {`);
          this.emitBranch(depth, h - 1, '  ');
          this.line('}');
        }
        return;
      }
      case 0x0e: { // br_table
        const cond = this.use(h - 1, 'i32');
        this.flushAll();
        const targets = instr.labels!;
        // Cases with the same target share one body.
        const byTarget = new Map<number, number[]>();
        for (let i = 0; i < targets.length; i++) {
          const depth = targets[i]!;
          if (depth === instr.index) continue;
          const list = byTarget.get(depth);
          if (list === undefined) byTarget.set(depth, [i]);
          else list.push(i);
        }
        if (byTarget.size === 0) {
          this.emitBranch(instr.index!, h - 1, '');
        } else {
          this.line(`switch (${cond}) {`);
          for (const [depth, cases] of byTarget) {
            this.line('  ' + cases.map((c) => `case ${c}:`).join(' '));
            this.emitBranch(depth, h - 1, '    ');
          }
          this.line('  default:');
          this.emitBranch(instr.index!, h - 1, '    ');
          this.line('}');
        }
        this.live = false;
        return;
      }
    }
  }

  /** Instructions too rare in real code to weigh on the hot path: calls through tables, table, reference and bulk memory operations. */
  private emitRare(instr: Instr, t: InstrTyping, nPopped: number, base: number): void {
    const op = instr.op;
    const names = this.ctx.names;
    const args = this.args;
    const popped = t.popped;
    switch (op) {
      case 0x43:
        this.defer(base, 'f32', f32Literal(instr.value as number));
        return;
      case 0x44:
        this.defer(base, 'f64', f64Literal(instr.value as bigint));
        return;
      case 0x11: { // call_indirect
        const type = this.ctx.module.types[instr.index!]!;
        const table = names.tables[instr.index2!]!;
        const idx = args[nPopped - 1]!;
        let callArgs = 'w2c__fn->module_instance';
        for (let i = 0; i < nPopped - 1; i++) callArgs += ', ' + args[i]!;
        const fnType = cachedFunctionPointerType(type);
        this.line(`{`);
        this.line(`  const wasm_rt_funcref_t* w2c__fn = w2c__indirect(${table.pointer}, ${idx}, ${names.typeIds[instr.index!]});`);
        this.indent += '  ';
        this.call(`((${fnType})w2c__fn->func)(${callArgs})`, type.results, base);
        this.indent = this.indent.slice(2);
        this.line(`}`);
        return;
      }
      case 0x25: { // table.get
        const table = names.tables[instr.index!]!;
        this.line(`${this.slot(base, t.pushed[0]!)} = w2c__${table.elemType}_table_get(${table.pointer}, ${args[0]});`);
        return;
      }
      case 0x26: { // table.set
        const table = names.tables[instr.index!]!;
        this.line(`w2c__${table.elemType}_table_set(${table.pointer}, ${args[0]}, ${args[1]});`);
        return;
      }
      case 0x3f: // memory.size
        this.usesMemory = true;
        this.line(`${this.slot(base, t.pushed[0]!)} = (u32)mem0->pages;`);
        return;
      case 0x40: // memory.grow
        this.usesMemory = true;
        this.line(`${this.slot(base, t.pushed[0]!)} = (u32)wasm_rt_grow_memory(mem0, ${args[0]});`);
        this.line(MEM_RELOAD);
        return;
      case 0xd0: // ref.null
        this.defer(base, instr.refType!, instr.refType === 'funcref' ? 'wasm_rt_funcref_null_value' : 'NULL');
        return;
      case 0xd1: // ref.is_null
        this.line(`${this.slot(base, t.pushed[0]!)} = (u32)(${args[0]}${popped[0] === 'funcref' ? '.func' : ''} == NULL);`);
        return;
      case 0xd2: // ref.func
        this.line(`${this.slot(base, t.pushed[0]!)} = ${funcrefExpression(names, instr.index!)};`);
        return;
      case 0xfc0008: { // memory.init
        this.usesMemory = true;
        const seg = this.ctx.segments.data[instr.index!]!;
        if (seg.lengthExpr === '0') this.line(`w2c__memory_init_empty(mem0, ${this.joinedArgs(nPopped)});`);
        else this.line(`w2c__memory_init(mem0, ${seg.symbol}, ${seg.lengthExpr}, ${this.joinedArgs(nPopped)});`);
        return;
      }
      case 0xfc0009: { // data.drop
        const seg = this.ctx.segments.data[instr.index!]!;
        if (seg.droppedField) this.line(`inst->${seg.droppedField} = 1;`);
        return;
      }
      case 0xfc000a: // memory.copy
        this.usesMemory = true;
        this.line(`w2c__memory_copy(mem0, mem0, ${this.joinedArgs(nPopped)});`);
        return;
      case 0xfc000b: // memory.fill
        this.usesMemory = true;
        this.line(`w2c__memory_fill(mem0, ${this.joinedArgs(nPopped)});`);
        return;
      case 0xfc000c: { // table.init
        const seg = this.ctx.segments.elem[instr.index!]!;
        const table = names.tables[instr.index2!]!;
        if (seg.lengthExpr === '0') this.line(`w2c__table_init_empty(${table.pointer}->size, ${this.joinedArgs(nPopped)});`);
        else this.line(`w2c__${table.elemType}_table_init(${table.pointer}, ${seg.itemsExpr}, ${seg.lengthExpr}, ${this.joinedArgs(nPopped)});`);
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
        this.line(`w2c__${dst.elemType}_table_copy(${dst.pointer}, ${src.pointer}, ${this.joinedArgs(nPopped)});`);
        return;
      }
      case 0xfc000f: { // table.grow
        const table = names.tables[instr.index!]!;
        this.line(`${this.slot(base, t.pushed[0]!)} = wasm_rt_grow_${table.elemType}_table(${table.pointer}, ${args[1]}, ${args[0]});`);
        return;
      }
      case 0xfc0010: // table.size
        this.line(`${this.slot(base, t.pushed[0]!)} = ${names.tables[instr.index!]!.pointer}->size;`);
        return;
      case 0xfc0011: { // table.fill
        const table = names.tables[instr.index!]!;
        this.line(`w2c__${table.elemType}_table_fill(${table.pointer}, ${this.joinedArgs(nPopped)});`);
        return;
      }
    }
    throw new UnsupportedFeatureError(`instruction ${opName(op)} is not supported by the C backend`, instr.offset);
  }

  private firstOperandToSlot(base: number, type: ValType): void {
    const s = this.slot(base, type);
    this.assign(s, this.args[0]!);
    this.args[0] = s;
  }

  /** The current instruction's first `n` operands separated by commas. */
  private joinedArgs(n: number): string {
    const args = this.args;
    let s = n > 0 ? args[0]! : '';
    for (let i = 1; i < n; i++) s += ', ' + args[i]!;
    return s;
  }

  /** A call whose results land in the slots starting at `base`; memory is reloaded afterwards if it may move. */
  private call(expr: string, results: readonly ValType[], base: number): void {
    this.makesCalls = true;
    if (results.length === 0) this.parts.push(this.indent, expr, ';\n');
    else if (results.length === 1) this.assign(this.slot(base, results[0]!), expr);
    else {
      this.line(`{`);
      this.line(`  ${resultCType(results)} w2c__r = ${expr};`);
      results.forEach((t, i) => this.line(`  ${this.slot(base + i, t)} = w2c__r.${multiFieldName(results, i)};`));
      this.line(`}`);
    }
    this.reloadLines.push(this.parts.length);
    this.line(MEM_RELOAD);
  }

  /** Locals written by local.set/tee but never read: their assignments are dropped from the output. */
  dropUnreadLocalWrites(): void {
    const parts = this.parts;
    for (let w = 0; w < this.localWriteLines.length; w++) {
      if (this.localsRead[this.localWriteLocals[w]!]) continue;
      // The line's pieces: indent, local, ' = ', value, ';\n'.
      const at = this.localWriteLines[w]!;
      const value = parts[at + 3]!;
      // The value may come from a load that must still fault in guard-page mode.
      const keep = /^s\d+_[ijfd]$/.test(value);
      if (!keep) parts[at] = '';
      parts[at + 1] = keep ? forceRead(value) : '';
      parts[at + 2] = keep ? '\n' : '';
      parts[at + 3] = '';
      parts[at + 4] = '';
    }
  }

  finish(): string {
    const out: string[] = [];
    const debugName = this.ctx.module.names?.functions.get(this.funcIndex);
    // The name section's name helps reading profiles; it must not end the comment or carry odd bytes.
    const comment = debugName === undefined ? '' : ` /* ${debugName.replace(/[^\w .,:<>()$=+&\[\]-]/g, '_')} */`;
    out.push(`${functionPrototype(this.ctx, this.funcIndex)} {${comment}`);
    const nParams = this.ctx.names.funcs[this.funcIndex]!.type.params.length;
    const touched: string[] = [];
    const localTypes = this.localTypes;
    for (let i = 0; i < localTypes.length; i++) {
      if (i >= nParams && !this.localsRead[i]) continue;
      const ty = localTypes[i]!;
      if (i >= nParams) out.push(`  ${cType(ty)} l${i} = ${zeroLiteral(ty)};`);
      touched.push(`(void)l${i};`);
    }
    // Slots by height then name, declared zeroed: never-read or dead-path reads stay defined.
    const used = this.usedSlots;
    for (let h = 0; h < used.length; h++) {
      const mask = used[h]!;
      if (mask === 0) continue;
      for (let kind = 0; kind < SLOT_CODES.length; kind++) {
        if ((mask & (1 << kind)) === 0) continue;
        const ty = SLOT_KIND_TYPES[kind]!;
        const s = slotName(kind, h);
        out.push(`  ${cType(ty)} ${s} = ${zeroLiteral(ty)};`);
        touched.push(`(void)${s};`);
      }
    }
    if (this.usesMemory) out.push(`  W2C__MEM_DECL(${this.ctx.names.memories[0]!.pointer});`);
    // Every variable counts as used: a value may be computed only for a dropped result.
    touched.push('(void)inst;');
    for (let i = 0; i < touched.length; i += 12) out.push(`  ${touched.slice(i, i + 12).join(' ')}`);
    if (this.makesCalls) out.push('  WASM_RT_CHECK_STACK();');
    const parts = this.parts;
    if (!this.usesMemory) {
      // Reload lines: indent, MEM_RELOAD, newline.
      for (const i of this.reloadLines) parts[i] = parts[i + 1] = parts[i + 2] = '';
    }
    parts.push('}');
    // The declarations go in front of the first piece so that one join makes the whole (flat) function text.
    parts[0] = out.join('\n') + '\n' + parts[0];
    return parts.join('');
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


export function emitFunction(ctx: FunctionContext, definedIndex: number, typer: BodyTyper): string {
  const funcIndex = ctx.names.funcs.length - ctx.module.funcs.length + definedIndex;
  const emitter = new FunctionEmitter(ctx, funcIndex);
  typer(ctx.module, definedIndex, (instr, typing) => emitter.visit(instr, typing));
  emitter.dropUnreadLocalWrites();
  return emitter.finish();
}
