// The module IR shared by every stage: the decoder produces it, the validator checks it, the emitter reads it.
// It mirrors the binary format closely (index spaces, flat instruction lists with block/loop/if/else/end
// markers) so each stage can point back to a byte offset when it has something to say.

export type NumType = 'i32' | 'i64' | 'f32' | 'f64';
export type VecType = 'v128';
export type RefType = 'funcref' | 'externref';
export type ValType = NumType | VecType | RefType;

export interface FuncType {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}

/** Limits of a memory (in 64 KiB pages) or a table (in elements). `max` is absent when unbounded. */
export interface Limits {
  readonly min: number;
  readonly max?: number;
}

export interface MemoryType {
  readonly limits: Limits;
}

export interface TableType {
  readonly elemType: RefType;
  readonly limits: Limits;
}

export interface GlobalType {
  readonly type: ValType;
  readonly mutable: boolean;
}

export type ImportDesc =
  | { readonly kind: 'func'; readonly typeIndex: number }
  | { readonly kind: 'table'; readonly type: TableType }
  | { readonly kind: 'memory'; readonly type: MemoryType }
  | { readonly kind: 'global'; readonly type: GlobalType };

export interface Import {
  readonly module: string;
  readonly name: string;
  readonly desc: ImportDesc;
  readonly offset: number;
}

export type ExternKind = 'func' | 'table' | 'memory' | 'global';

export interface Export {
  readonly name: string;
  readonly kind: ExternKind;
  readonly index: number;
  readonly offset: number;
}

/**
 * Block type of block/loop/if: no value, one result value, or a type-section index (multi-value and params).
 */
export type BlockType =
  | { readonly kind: 'empty' }
  | { readonly kind: 'value'; readonly type: ValType }
  | { readonly kind: 'func'; readonly typeIndex: number };

/**
 * One decoded instruction. `op` is the opcode: single-byte opcodes are their byte (0x00-0xFF); prefixed
 * opcodes are `(prefix << 16) | subopcode`, e.g. `0xFC0008` for memory.init and `0xFD000C` for v128.const.
 * Only the immediates the opcode has are present (see src/wasm/opcodes.ts for which ones each has).
 */
export interface Instr {
  readonly op: number;
  /** Byte offset of the instruction's first byte in the module binary. */
  readonly offset: number;

  /** block / loop / if */
  readonly blockType?: BlockType;
  /**
   * The one index immediate: label depth (br, br_if), function (call, ref.func), local, global, type
   * (call_indirect), table (table.get/set/size/grow/fill), element segment (elem.drop, table.init),
   * data segment (data.drop, memory.init), memory (memory.size/grow/fill), lane (SIMD lane ops).
   */
  readonly index?: number;
  /**
   * A second index: call_indirect's table; table.init's table; memory.init's memory; table.copy's and
   * memory.copy's source (with `index` the destination).
   */
  readonly index2?: number;
  /** br_table: the label depths; `index` holds the default label. */
  readonly labels?: readonly number[];
  /** Loads and stores: alignment exponent and constant offset of the memory argument. */
  readonly align?: number;
  readonly memOffset?: number;
  /**
   * Constants: i32.const -> number (signed 32-bit), i64.const -> bigint (signed 64-bit),
   * f32.const -> number holding the raw IEEE bits as an unsigned 32-bit integer,
   * f64.const -> bigint holding the raw IEEE bits as an unsigned 64-bit integer. Raw bits keep NaN payloads.
   */
  readonly value?: number | bigint;
  /** v128.const (16 bytes, little-endian) and i8x16.shuffle (16 lane indices). */
  readonly bytes?: Uint8Array;
  /** Typed select's result types; ref.null's type is `refType`. */
  readonly valTypes?: readonly ValType[];
  readonly refType?: RefType;
}

/** A constant expression (global initializers, segment offsets, element items), without the final `end`. */
export type ConstExpr = readonly Instr[];

export interface Global {
  readonly type: GlobalType;
  readonly init: ConstExpr;
  readonly offset: number;
}

export interface LocalRun {
  readonly count: number;
  readonly type: ValType;
}

export interface Func {
  readonly typeIndex: number;
  /** Local declarations as they appear in the binary (run-length), parameters not included. */
  readonly locals: readonly LocalRun[];
  /** The body's instructions including the final `end` (op 0x0B). */
  readonly body: readonly Instr[];
  /** Byte offset of the function body (its size field) in the code section. */
  readonly offset: number;
}

export type SegmentMode = 'active' | 'passive' | 'declarative';

export interface ElemSegment {
  readonly mode: SegmentMode;
  /** Table index for active segments (0 otherwise). */
  readonly table: number;
  /** Offset expression for active segments. */
  readonly offsetExpr?: ConstExpr;
  readonly elemType: RefType;
  /** Every item as a constant expression; the function-index forms become `[ref.func i]`. */
  readonly items: readonly ConstExpr[];
  readonly offset: number;
}

export interface DataSegment {
  readonly mode: 'active' | 'passive';
  readonly memory: number;
  readonly offsetExpr?: ConstExpr;
  readonly bytes: Uint8Array;
  readonly offset: number;
}

export interface CustomSection {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly offset: number;
}

/** What the `name` custom section says, when present and well-formed (a broken one is ignored, per spec). */
export interface NameSection {
  readonly module?: string;
  readonly functions: ReadonlyMap<number, string>;
  readonly locals: ReadonlyMap<number, ReadonlyMap<number, string>>;
}

export interface Module {
  readonly types: readonly FuncType[];
  readonly imports: readonly Import[];
  /** Defined functions only; function index = number of imported functions + position here. */
  readonly funcs: readonly Func[];
  /** Defined tables only (imported ones come first in the table index space). */
  readonly tables: readonly TableType[];
  readonly memories: readonly MemoryType[];
  readonly globals: readonly Global[];
  readonly exports: readonly Export[];
  readonly start?: number;
  readonly elems: readonly ElemSegment[];
  readonly datas: readonly DataSegment[];
  /** The data count section's value, when present. */
  readonly dataCount?: number;
  readonly customs: readonly CustomSection[];
  readonly names?: NameSection;
}
