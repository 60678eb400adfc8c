// Type-checking of one function body with the spec's validation algorithm (operand stack with an Unknown
// type for dead code, control frames with start/end types). The same pass feeds the emitter: every
// instruction is reported with the stack shape it saw, so validation and code generation cannot disagree.

import { invalid, type WasmError } from '../wasm/errors.js';
import type { Func, FuncType, Instr, Module, ValType } from '../wasm/ir.js';
import { blockTypeSignature } from '../wasm/module-info.js';
import { Op, opInfo, opName, type OpInfo } from '../wasm/opcodes.js';
import type { InstrVisitor } from '../wasm/typing.js';
import { validationContext, type ValidationContext } from './context.js';

/** A stack slot's type; null is the spec's Unknown, which only appears in unreachable code. */
type Slot = ValType | null;

interface Frame {
  readonly op: number;
  readonly start: readonly ValType[];
  readonly end: readonly ValType[];
  /** Operand-stack height at which this frame's values begin. */
  readonly height: number;
  unreachable: boolean;
  /** The frame itself sits in dead code of an enclosing frame. */
  readonly dead: boolean;
}

const FUNCTION_FRAME = -1;
const NONE: readonly ValType[] = Object.freeze([]);
const I32: readonly ValType[] = Object.freeze(['i32']);
const I64: readonly ValType[] = Object.freeze(['i64']);
const F32: readonly ValType[] = Object.freeze(['f32']);
const F64: readonly ValType[] = Object.freeze(['f64']);
const V128: readonly ValType[] = Object.freeze(['v128']);
const FUNCREF: readonly ValType[] = Object.freeze(['funcref']);
const EXTERNREF: readonly ValType[] = Object.freeze(['externref']);

/** The one-type list of `t`, shared (the typing hook reports these without allocating). */
function one(t: ValType): readonly ValType[] {
  switch (t) {
    case 'i32': return I32;
    case 'i64': return I64;
    case 'f32': return F32;
    case 'f64': return F64;
    case 'v128': return V128;
    case 'funcref': return FUNCREF;
    case 'externref': return EXTERNREF;
  }
}

/** `[t, t, 'i32']`, select's operands, shared per type. */
const SELECT_OPERANDS = new Map<ValType, readonly ValType[]>();
function selectOperands(t: ValType): readonly ValType[] {
  let ts = SELECT_OPERANDS.get(t);
  if (ts === undefined) {
    ts = Object.freeze([t, t, 'i32'] as ValType[]);
    SELECT_OPERANDS.set(t, ts);
  }
  return ts;
}

/**
 * `[...types, 'i32']` (operands of if, br_if, br_table, call_indirect), shared per list: the lists come from
 * the module's types and frames, so the same few arrays recur across a whole module.
 */
const WITH_I32 = new WeakMap<readonly ValType[], readonly ValType[]>();
function withI32(types: readonly ValType[]): readonly ValType[] {
  if (types.length === 0) return I32;
  let ts = WITH_I32.get(types);
  if (ts === undefined) {
    ts = Object.freeze([...types, 'i32'] as ValType[]);
    WITH_I32.set(types, ts);
  }
  return ts;
}

/** The typing report handed to the visitor; one object per body, updated in place for every instruction. */
interface MutableTyping {
  index: number;
  height: number;
  popped: readonly ValType[];
  pushed: readonly ValType[];
  unreachable: boolean;
  frameHeight: number | undefined;
}

/** Beyond this many locals a flat per-local array would waste memory; runs are searched instead. */
const FLAT_LOCALS_LIMIT = 1 << 16;

function isNum(t: Slot): boolean {
  return t === null || t === 'i32' || t === 'i64' || t === 'f32' || t === 'f64';
}
function isVec(t: Slot): boolean {
  return t === null || t === 'v128';
}
function isRef(t: Slot): boolean {
  return t === null || t === 'funcref' || t === 'externref';
}

/*
 * How the visitor sees the stack (what the emitter relies on to name its temporaries by slot):
 * - Heights count operand-stack slots from 0 at function entry; locals are not on the stack.
 * - block/loop/if: `frameHeight` is the slot where the block's parameters begin; they stay in place, so
 *   `popped` and `pushed` are both the parameters (plus the trailing i32 condition in `popped` for if).
 * - else: `popped` is the then-branch's results, at slots [frameHeight, frameHeight + results); afterwards
 *   the stack is frameHeight + params (`pushed`), as at the start of the then-branch.
 * - end: `popped` = `pushed` = the frame's results; afterwards the stack height is frameHeight + results.
 *   The final end closes the function frame (frameHeight 0, results = the function's results).
 * - br/br_if/br_table/return: `popped` are the values carried to the target (plus the i32 operand of br_if
 *   and br_table, last). A branch to a loop carries its parameters, to anything else its results; the values
 *   land in the target frame's slots starting at its frameHeight.
 * - `unreachable` is true for instructions in dead code, including everything inside blocks that start in
 *   dead code. On else/end it means the fall-through into it is dead (the block may still be a branch
 *   target). In dead code the stack height is the spec's (truncated at the frame base), so
 *   `height - popped.length` may fall below the frame base; after a dead end/else use frameHeight + pushed.
 */

/**
 * Type-checks defined function `funcIndex` (its position in `module.funcs`) and calls `visit` for every
 * instruction, in order, including the final `end`. Throws a WasmError of kind 'invalid' on the first error.
 */
export function typeFunctionBody(
  module: Module,
  funcIndex: number,
  visit: InstrVisitor | undefined,
): void {
  const func = module.funcs[funcIndex];
  if (!func) throw new RangeError(`typeFunctionBody: no defined function at position ${funcIndex}`);
  if (visit) {
    const seen = recordings.get(func);
    if (seen !== undefined && seen.module === module && seen.body === func.body && seen.shape.length === 3 * func.body.length) {
      // Validated already (validateModule, then the emitter asking for the typing): report what was seen.
      recordings.delete(func);
      replay(seen, visit);
      return;
    }
  }
  const checker = new FunctionChecker(validationContext(module), func, visit);
  checker.run();
  if (!visit) recordings.set(func, checker.recording!);
}

/**
 * The typing a validation without visitor saw, per instruction, so that the next typing pass over the same body
 * (the emitter's, right after validateModule) replays it instead of checking the body a second time.
 */
interface Recording {
  /** The module it was checked in (the same Func object in another module may see other types). */
  readonly module: Module;
  readonly body: readonly Instr[];
  /**
   * Three numbers per instruction: the height; frameHeight + 1 (0 for none); and 1 when unreachable, plus the
   * codes of popped (<< 1) and pushed (<< 5) (see listCode). Typed arrays, so that the garbage collector has
   * nothing to trace or move for the half million instructions of a large module.
   */
  readonly shape: Int32Array;
  /** The popped / pushed lists whose code is IN_ARRAYS, in order. */
  readonly popped: (readonly ValType[])[];
  readonly pushed: (readonly ValType[])[];
}

/** Type lists by code: 0 is empty, 1 to 7 a single type. */
const LISTS: readonly (readonly ValType[])[] = [NONE, I32, I64, F32, F64, V128, FUNCREF, EXTERNREF];
/** The instruction's types are its opcode's signature (opInfo). */
const IN_SIGNATURE = 14;
/** The list is the next one in the recording's arrays. */
const IN_ARRAYS = 15;

function listCode(ts: readonly ValType[]): number {
  if (ts.length === 0) return 0;
  if (ts.length > 1) return IN_ARRAYS;
  switch (ts[0]!) {
    case 'i32': return 1;
    case 'i64': return 2;
    case 'f32': return 3;
    case 'f64': return 4;
    case 'v128': return 5;
    case 'funcref': return 6;
    case 'externref': return 7;
  }
}

/**
 * Recordings' typed arrays are views into shared chunks: a fresh ArrayBuffer per body (thousands per module)
 * costs more than the typing itself for small bodies. A chunk is freed once no view of it is left.
 */
const CHUNK_INTS = 1 << 18;
let chunk = new Int32Array(0);
let chunkUsed = 0;
function recordingSpace(ints: number): Int32Array {
  if (ints > CHUNK_INTS / 4) return new Int32Array(ints);
  if (chunkUsed + ints > chunk.length) {
    chunk = new Int32Array(CHUNK_INTS);
    chunkUsed = 0;
  }
  const view = chunk.subarray(chunkUsed, chunkUsed + ints);
  chunkUsed += ints;
  return view;
}

/** Keyed by the body's Func: a recording lives as long as its module, and is dropped once replayed. */
const recordings = new WeakMap<Func, Recording>();

function replay(r: Recording, visit: InstrVisitor): void {
  const body = r.body;
  const typing: MutableTyping = { index: 0, height: 0, popped: NONE, pushed: NONE, unreachable: false, frameHeight: undefined };
  const shape = r.shape;
  let nextPopped = 0;
  let nextPushed = 0;
  for (let index = 0; index < body.length; index++) {
    const instr = body[index]!;
    typing.index = index;
    typing.height = shape[3 * index]!;
    const fh = shape[3 * index + 1]! - 1;
    typing.frameHeight = fh >= 0 ? fh : undefined;
    const codes = shape[3 * index + 2]!;
    typing.unreachable = (codes & 1) === 1;
    const poppedCode = (codes >> 1) & 15;
    if (poppedCode === IN_SIGNATURE) {
      const info = opInfo(instr.op)!;
      typing.popped = info.params!;
      typing.pushed = info.results!;
    } else {
      const pushedCode = (codes >> 5) & 15;
      typing.popped = poppedCode === IN_ARRAYS ? r.popped[nextPopped++]! : LISTS[poppedCode]!;
      typing.pushed = pushedCode === IN_ARRAYS ? r.pushed[nextPushed++]! : LISTS[pushedCode]!;
    }
    visit(instr, typing);
  }
}

class FunctionChecker {
  private readonly ctx: ValidationContext;
  private readonly func: Func;
  private readonly type: FuncType;
  private readonly visit: InstrVisitor | undefined;
  private readonly vals: Slot[] = [];
  private readonly ctrls: Frame[] = [];
  private readonly flatLocals: ValType[] | undefined;
  private readonly runEnds: number[] = [];
  private readonly localTotal: number;

  /** Set by run() when there is no visitor: what it saw, for a later replay. */
  recording: Recording | undefined;

  /** What the current instruction consumed and produced, for the visitor. */
  private popped: readonly ValType[] = NONE;
  private pushed: readonly ValType[] = NONE;
  private frameHeight = -1;
  /** Whether the current instruction's types are its opcode's signature (then a recording need not keep them). */
  private fixedSignature = false;
  private instr!: Instr;

  constructor(ctx: ValidationContext, func: Func, visit: InstrVisitor | undefined) {
    this.ctx = ctx;
    this.func = func;
    this.visit = visit;
    const type = ctx.module.types[func.typeIndex];
    if (!type) throw invalid(`unknown type ${func.typeIndex}`, func.offset);
    this.type = type;
    let total = type.params.length;
    for (const run of func.locals) {
      total += run.count;
      this.runEnds.push(total);
    }
    this.localTotal = total;
    if (total <= FLAT_LOCALS_LIMIT) {
      const flat = [...type.params];
      for (const run of func.locals) for (let i = 0; i < run.count; i++) flat.push(run.type);
      this.flatLocals = flat;
    }
  }

  run(): void {
    const body = this.func.body;
    const visit = this.visit;
    this.ctrls.push({
      op: FUNCTION_FRAME,
      start: NONE,
      end: this.type.results,
      height: 0,
      unreachable: false,
      dead: false,
    });
    const typing: MutableTyping = { index: 0, height: 0, popped: NONE, pushed: NONE, unreachable: false, frameHeight: undefined };
    const n = body.length;
    const shape = visit ? undefined : recordingSpace(3 * n);
    const poppeds: (readonly ValType[])[] = [];
    const pusheds: (readonly ValType[])[] = [];
    for (let index = 0; index < n; index++) {
      const instr = body[index]!;
      this.instr = instr;
      if (this.ctrls.length === 0) throw invalid('instructions after the end of the function', instr.offset);
      const frame = this.ctrls[this.ctrls.length - 1]!;
      const height = this.vals.length;
      const unreachable = frame.unreachable || frame.dead;
      this.popped = NONE;
      this.pushed = NONE;
      this.frameHeight = -1;
      this.fixedSignature = false;
      this.step(instr);
      if (visit) {
        typing.index = index;
        typing.height = height;
        typing.popped = this.popped;
        typing.pushed = this.pushed;
        typing.unreachable = unreachable;
        typing.frameHeight = this.frameHeight >= 0 ? this.frameHeight : undefined;
        visit(instr, typing);
      } else {
        shape![3 * index] = height;
        shape![3 * index + 1] = this.frameHeight + 1;
        let codes = unreachable ? 1 : 0;
        if (this.fixedSignature) codes |= (IN_SIGNATURE << 1) | (IN_SIGNATURE << 5);
        else {
          const poppedCode = listCode(this.popped);
          const pushedCode = listCode(this.pushed);
          if (poppedCode === IN_ARRAYS) poppeds.push(this.popped);
          if (pushedCode === IN_ARRAYS) pusheds.push(this.pushed);
          codes |= (poppedCode << 1) | (pushedCode << 5);
        }
        shape![3 * index + 2] = codes;
      }
    }
    if (this.ctrls.length !== 0) {
      throw invalid('function body does not end with end', body.length ? body[body.length - 1]!.offset : this.func.offset);
    }
    if (!visit) {
      this.recording = {
        module: this.ctx.module, body, shape: shape!, popped: poppeds, pushed: pusheds,
      };
    }
  }

  // --- The spec's stack primitives ------------------------------------------------------------------------

  private error(reason: string): WasmError {
    return invalid(reason, this.instr.offset);
  }

  private mismatch(expected: string, actual: Slot | undefined): WasmError {
    const found = actual === undefined ? 'nothing' : actual;
    return this.error(`type mismatch: ${opName(this.instr.op)} expected ${expected} but found ${found}`);
  }

  private push(t: Slot): void {
    this.vals.push(t);
  }

  private pushAll(ts: readonly Slot[]): void {
    for (let i = 0; i < ts.length; i++) this.vals.push(ts[i]!);
  }

  /** Pops any value; Unknown when the frame is unreachable and empty. */
  private popAny(): Slot {
    const frame = this.ctrls[this.ctrls.length - 1]!;
    if (this.vals.length === frame.height) {
      if (frame.unreachable) return null;
      throw this.mismatch('a value', undefined);
    }
    return this.vals.pop()!;
  }

  private pop(expect: ValType): Slot {
    const frame = this.ctrls[this.ctrls.length - 1]!;
    if (this.vals.length === frame.height) {
      if (frame.unreachable) return null;
      throw this.mismatch(expect, undefined);
    }
    const actual = this.vals.pop()!;
    if (actual !== expect && actual !== null) throw this.mismatch(expect, actual);
    return actual;
  }

  private popAll(ts: readonly ValType[]): void {
    for (let i = ts.length - 1; i >= 0; i--) this.pop(ts[i]!);
  }

  /** Pops `ts` and returns the actual slot types (Unknown stays Unknown), bottom to top. */
  private popAllActual(ts: readonly ValType[]): Slot[] {
    const out: Slot[] = new Array(ts.length);
    for (let i = ts.length - 1; i >= 0; i--) out[i] = this.pop(ts[i]!);
    return out;
  }

  private pushCtrl(op: number, start: readonly ValType[], end: readonly ValType[]): void {
    const outer = this.ctrls[this.ctrls.length - 1]!;
    const height = this.vals.length;
    this.ctrls.push({ op, start, end, height, unreachable: false, dead: outer.unreachable || outer.dead });
    this.pushAll(start);
    this.frameHeight = height;
  }

  private popCtrl(): Frame {
    const frame = this.ctrls[this.ctrls.length - 1]!;
    this.popAll(frame.end);
    if (this.vals.length !== frame.height) {
      throw this.error(
        `type mismatch: block leaves ${this.vals.length - frame.height} extra value(s) on the stack at its end`,
      );
    }
    this.ctrls.pop();
    this.frameHeight = frame.height;
    return frame;
  }

  private labelTypes(frame: Frame): readonly ValType[] {
    return frame.op === Op.loop ? frame.start : frame.end;
  }

  private label(depth: number): Frame {
    if (depth >= this.ctrls.length) throw this.error(`unknown label ${depth}`);
    return this.ctrls[this.ctrls.length - 1 - depth]!;
  }

  private setUnreachable(): void {
    const frame = this.ctrls[this.ctrls.length - 1]!;
    this.vals.length = frame.height;
    frame.unreachable = true;
  }

  private localType(index: number): ValType {
    if (index >= this.localTotal) throw this.error(`unknown local ${index}`);
    if (this.flatLocals) return this.flatLocals[index]!;
    const params = this.type.params;
    if (index < params.length) return params[index]!;
    const ends = this.runEnds;
    let lo = 0;
    let hi = ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (index < ends[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return this.func.locals[lo]!.type;
  }

  // --- Immediate checks ---------------------------------------------------------------------------------

  private checkMemory(index: number): void {
    if (index >= this.ctx.spaces.memories.length) throw this.error(`unknown memory ${index}`);
  }

  private checkTable(index: number): ValType {
    const t = this.ctx.spaces.tables[index];
    if (!t) throw this.error(`unknown table ${index}`);
    return t.elemType;
  }

  private checkData(index: number): void {
    const count = this.ctx.module.dataCount;
    if (count === undefined || index >= count) throw this.error(`unknown data segment ${index}`);
  }

  private checkElem(index: number): ValType {
    const e = this.ctx.module.elems[index];
    if (!e) throw this.error(`unknown elem segment ${index}`);
    return e.elemType;
  }

  private funcType(index: number): FuncType {
    const ti = this.ctx.spaces.funcTypeIndices[index];
    const t = ti === undefined ? undefined : this.ctx.module.types[ti];
    if (!t) throw this.error(`unknown function ${index}`);
    return t;
  }

  private checkImmediates(info: OpInfo, instr: Instr): void {
    switch (info.imm) {
      case 'memarg':
      case 'memarg_lane': {
        this.checkMemory(0);
        const align = instr.align!;
        if (align >= 32 || 2 ** align > info.naturalAlign!) {
          throw this.error(`alignment must not be larger than natural (${info.name} with align 2^${align})`);
        }
        if (info.imm === 'memarg_lane' && instr.index! >= info.lanes!) throw this.error('invalid lane index');
        return;
      }
      case 'memory':
      case 'memory_copy':
        this.checkMemory(instr.index!);
        if (instr.index2 !== undefined) this.checkMemory(instr.index2);
        return;
      case 'memory_init':
        this.checkMemory(instr.index2!);
        this.checkData(instr.index!);
        return;
      case 'data':
        this.checkData(instr.index!);
        return;
      case 'elem':
        this.checkElem(instr.index!);
        return;
      case 'table':
        this.checkTable(instr.index!);
        return;
      case 'table_init': {
        const tableType = this.checkTable(instr.index2!);
        const elemType = this.checkElem(instr.index!);
        if (tableType !== elemType) throw this.mismatch(`an element segment of ${tableType}`, elemType);
        return;
      }
      case 'table_copy': {
        const dst = this.checkTable(instr.index!);
        const src = this.checkTable(instr.index2!);
        if (dst !== src) throw this.mismatch(`a source table of ${dst}`, src);
        return;
      }
      case 'lane':
        if (instr.index! >= info.lanes!) throw this.error('invalid lane index');
        return;
      case 'shuffle':
        for (const lane of instr.bytes!) if (lane >= 32) throw this.error('invalid lane index');
        return;
      default:
        return;
    }
  }

  // --- One instruction ----------------------------------------------------------------------------------

  private step(instr: Instr): void {
    const op = instr.op;
    const info = opInfo(op);
    if (!info) throw this.error(`unknown opcode ${opName(op)}`);
    if (info.params !== undefined) {
      this.checkImmediates(info, instr);
      this.popAll(info.params);
      this.pushAll(info.results!);
      this.fixedSignature = true;
      this.popped = info.params;
      this.pushed = info.results!;
      return;
    }
    switch (op) {
      case Op.unreachable:
        this.setUnreachable();
        return;
      case Op.block:
      case Op.loop: {
        const sig = blockTypeSignature(this.ctx.module, instr.blockType!, instr.offset);
        this.popAll(sig.params);
        this.popped = sig.params;
        this.pushed = sig.params;
        this.pushCtrl(op, sig.params, sig.results);
        return;
      }
      case Op.if: {
        const sig = blockTypeSignature(this.ctx.module, instr.blockType!, instr.offset);
        this.pop('i32');
        this.popAll(sig.params);
        this.popped = withI32(sig.params);
        this.pushed = sig.params;
        this.pushCtrl(op, sig.params, sig.results);
        return;
      }
      case Op.else: {
        const frame = this.ctrls[this.ctrls.length - 1]!;
        if (frame.op !== Op.if) throw this.error('else without a matching if');
        this.popCtrl();
        this.popped = frame.end;
        this.pushed = frame.start;
        this.pushCtrl(Op.else, frame.start, frame.end);
        this.frameHeight = frame.height;
        return;
      }
      case Op.end: {
        const frame = this.popCtrl();
        if (frame.op === Op.if && !sameTypes(frame.start, frame.end)) {
          throw this.error('type mismatch: if without else must leave its parameters as its results');
        }
        this.pushAll(frame.end);
        this.popped = frame.end;
        this.pushed = frame.end;
        return;
      }
      case Op.br: {
        const types = this.labelTypes(this.label(instr.index!));
        this.popAll(types);
        this.popped = types;
        this.setUnreachable();
        return;
      }
      case Op.br_if: {
        const types = this.labelTypes(this.label(instr.index!));
        this.pop('i32');
        this.popAll(types);
        this.pushAll(types);
        this.popped = withI32(types);
        this.pushed = types;
        return;
      }
      case Op.br_table: {
        this.pop('i32');
        const defaultTypes = this.labelTypes(this.label(instr.index!));
        const arity = defaultTypes.length;
        for (const depth of instr.labels!) {
          const types = this.labelTypes(this.label(depth));
          if (types.length !== arity) {
            throw this.error(`type mismatch: br_table targets have different arities (${types.length} vs ${arity})`);
          }
          this.pushAll(this.popAllActual(types));
        }
        this.popAll(defaultTypes);
        this.popped = withI32(defaultTypes);
        this.setUnreachable();
        return;
      }
      case Op.return: {
        const results = this.type.results;
        this.popAll(results);
        this.popped = results;
        this.setUnreachable();
        return;
      }
      case Op.call: {
        const t = this.funcType(instr.index!);
        this.popAll(t.params);
        this.pushAll(t.results);
        this.popped = t.params;
        this.pushed = t.results;
        return;
      }
      case Op.call_indirect: {
        const elemType = this.checkTable(instr.index2!);
        if (elemType !== 'funcref') throw this.mismatch('a funcref table', elemType);
        const t = this.ctx.module.types[instr.index!];
        if (!t) throw this.error(`unknown type ${instr.index}`);
        this.pop('i32');
        this.popAll(t.params);
        this.pushAll(t.results);
        this.popped = withI32(t.params);
        this.pushed = t.results;
        return;
      }
      case Op.drop: {
        const t = this.popAny();
        this.popped = one(t ?? 'i32');
        return;
      }
      case Op.select: {
        this.pop('i32');
        const t1 = this.popAny();
        const t2 = this.popAny();
        if (!((isNum(t1) && isNum(t2)) || (isVec(t1) && isVec(t2)))) {
          throw this.error(`type mismatch: select without a type needs numeric or vector operands, found ${t2} and ${t1}`);
        }
        if (t1 !== t2 && t1 !== null && t2 !== null) throw this.mismatch(String(t2), t1);
        const t = t1 ?? t2;
        this.push(t);
        const c = t ?? 'i32';
        this.popped = selectOperands(c);
        this.pushed = one(c);
        return;
      }
      case Op.select_t: {
        const types = instr.valTypes!;
        if (types.length !== 1) throw this.error('invalid result arity');
        const t = types[0]!;
        this.pop('i32');
        this.pop(t);
        this.pop(t);
        this.push(t);
        this.popped = selectOperands(t);
        this.pushed = one(t);
        return;
      }
      case Op.local_get: {
        const t = this.localType(instr.index!);
        this.push(t);
        this.pushed = one(t);
        return;
      }
      case Op.local_set: {
        const t = this.localType(instr.index!);
        this.pop(t);
        this.popped = one(t);
        return;
      }
      case Op.local_tee: {
        const t = this.localType(instr.index!);
        this.pop(t);
        this.push(t);
        this.popped = this.pushed = one(t);
        return;
      }
      case Op.global_get: {
        const g = this.ctx.spaces.globals[instr.index!];
        if (!g) throw this.error(`unknown global ${instr.index}`);
        this.push(g.type);
        this.pushed = one(g.type);
        return;
      }
      case Op.global_set: {
        const g = this.ctx.spaces.globals[instr.index!];
        if (!g) throw this.error(`unknown global ${instr.index}`);
        if (!g.mutable) throw this.error(`global is immutable: global.set of global ${instr.index}`);
        this.pop(g.type);
        this.popped = one(g.type);
        return;
      }
      case Op.table_get: {
        const t = this.checkTable(instr.index!);
        this.pop('i32');
        this.push(t);
        this.popped = I32;
        this.pushed = one(t);
        return;
      }
      case Op.table_set: {
        const t = this.checkTable(instr.index!);
        this.pop(t);
        this.pop('i32');
        this.popped = ['i32', t];
        return;
      }
      case Op.table_grow: {
        const t = this.checkTable(instr.index!);
        this.pop('i32');
        this.pop(t);
        this.push('i32');
        this.popped = [t, 'i32'];
        this.pushed = I32;
        return;
      }
      case Op.table_fill: {
        const t = this.checkTable(instr.index!);
        this.pop('i32');
        this.pop(t);
        this.pop('i32');
        this.popped = ['i32', t, 'i32'];
        return;
      }
      case Op.ref_null: {
        const t = instr.refType!;
        this.push(t);
        this.pushed = one(t);
        return;
      }
      case Op.ref_is_null: {
        const t = this.popAny();
        if (!isRef(t)) throw this.mismatch('a reference', t);
        this.push('i32');
        this.popped = one(t ?? 'funcref');
        this.pushed = I32;
        return;
      }
      case Op.ref_func: {
        const index = instr.index!;
        this.funcType(index);
        if (!this.ctx.declaredRefs.has(index)) throw this.error(`undeclared function reference ${index}`);
        this.push('funcref');
        this.pushed = one('funcref');
        return;
      }
      default:
        throw this.error(`unhandled instruction ${info.name}`);
    }
  }
}

function sameTypes(a: readonly ValType[], b: readonly ValType[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
