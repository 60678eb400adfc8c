// The WebAssembly 2.0 instruction set as data: every opcode's text name, the immediates it carries, and, for
// instructions whose operand types are fixed, their signature. The decoder uses the immediate kind, the
// validator and the emitter use the signatures, so adding an instruction is one line here.

import type { ValType } from './ir.js';

/** Which immediates follow the opcode in the binary, and so which `Instr` fields the decoder fills in. */
export type ImmKind =
  | 'none'
  | 'blocktype' // blockType
  | 'label' // index = label depth
  | 'br_table' // labels + index (default)
  | 'func' // index = function
  | 'call_indirect' // index = type, index2 = table
  | 'local' // index
  | 'global' // index
  | 'table' // index = table
  | 'memarg' // align, memOffset
  | 'memory' // index = memory (a reserved zero byte in 2.0)
  | 'i32' // value: number
  | 'i64' // value: bigint
  | 'f32' // value: raw bits (number)
  | 'f64' // value: raw bits (bigint)
  | 'select_t' // valTypes
  | 'reftype' // refType
  | 'memory_init' // index = data segment, index2 = memory (zero byte)
  | 'data' // index = data segment
  | 'memory_copy' // index = destination memory, index2 = source memory (zero bytes)
  | 'table_init' // index = element segment, index2 = table
  | 'elem' // index = element segment
  | 'table_copy' // index = destination table, index2 = source table
  | 'v128' // bytes (16)
  | 'shuffle' // bytes (16 lane indices)
  | 'lane' // index = lane
  | 'memarg_lane'; // align, memOffset, index = lane

export interface OpInfo {
  readonly op: number;
  /** The text-format name, e.g. `i32.add`, `v128.load8_lane`. */
  readonly name: string;
  readonly imm: ImmKind;
  /**
   * Operand and result types when they depend on nothing but the opcode (numeric, comparison, conversion,
   * load/store, SIMD lane-wise, bulk memory...). Absent for polymorphic or index-dependent instructions
   * (control, locals, globals, calls, select, drop, table ops, ref.*).
   */
  readonly params?: readonly ValType[];
  readonly results?: readonly ValType[];
  /** Loads/stores: the access size in bytes, which bounds the alignment immediate (2^align <= natural). */
  readonly naturalAlign?: number;
  /** SIMD lane instructions: the number of lanes, which bounds the lane immediate. */
  readonly lanes?: number;
}

const table = new Map<number, OpInfo>();

type Sig = readonly [readonly ValType[], readonly ValType[]];

function def(op: number, name: string, imm: ImmKind, sig?: Sig, extra?: { naturalAlign?: number; lanes?: number }) {
  const info: OpInfo = {
    op,
    name,
    imm,
    ...(sig ? { params: sig[0], results: sig[1] } : {}),
    ...(extra ?? {}),
  };
  table.set(op, info);
}

const I32 = 'i32', I64 = 'i64', F32 = 'f32', F64 = 'f64', V128 = 'v128';
const sig = (params: ValType[], results: ValType[]): Sig => [params, results];

// --- Control and parametric --------------------------------------------------------------------------------
def(0x00, 'unreachable', 'none');
def(0x01, 'nop', 'none', sig([], []));
def(0x02, 'block', 'blocktype');
def(0x03, 'loop', 'blocktype');
def(0x04, 'if', 'blocktype');
def(0x05, 'else', 'none');
def(0x0b, 'end', 'none');
def(0x0c, 'br', 'label');
def(0x0d, 'br_if', 'label');
def(0x0e, 'br_table', 'br_table');
def(0x0f, 'return', 'none');
def(0x10, 'call', 'func');
def(0x11, 'call_indirect', 'call_indirect');
def(0x1a, 'drop', 'none');
def(0x1b, 'select', 'none');
def(0x1c, 'select', 'select_t');
def(0x20, 'local.get', 'local');
def(0x21, 'local.set', 'local');
def(0x22, 'local.tee', 'local');
def(0x23, 'global.get', 'global');
def(0x24, 'global.set', 'global');
def(0x25, 'table.get', 'table');
def(0x26, 'table.set', 'table');

// --- Memory ------------------------------------------------------------------------------------------------
function load(op: number, name: string, t: ValType, bytes: number) {
  def(op, name, 'memarg', sig([I32], [t]), { naturalAlign: bytes });
}
function store(op: number, name: string, t: ValType, bytes: number) {
  def(op, name, 'memarg', sig([I32, t], []), { naturalAlign: bytes });
}
load(0x28, 'i32.load', I32, 4);
load(0x29, 'i64.load', I64, 8);
load(0x2a, 'f32.load', F32, 4);
load(0x2b, 'f64.load', F64, 8);
load(0x2c, 'i32.load8_s', I32, 1);
load(0x2d, 'i32.load8_u', I32, 1);
load(0x2e, 'i32.load16_s', I32, 2);
load(0x2f, 'i32.load16_u', I32, 2);
load(0x30, 'i64.load8_s', I64, 1);
load(0x31, 'i64.load8_u', I64, 1);
load(0x32, 'i64.load16_s', I64, 2);
load(0x33, 'i64.load16_u', I64, 2);
load(0x34, 'i64.load32_s', I64, 4);
load(0x35, 'i64.load32_u', I64, 4);
store(0x36, 'i32.store', I32, 4);
store(0x37, 'i64.store', I64, 8);
store(0x38, 'f32.store', F32, 4);
store(0x39, 'f64.store', F64, 8);
store(0x3a, 'i32.store8', I32, 1);
store(0x3b, 'i32.store16', I32, 2);
store(0x3c, 'i64.store8', I64, 1);
store(0x3d, 'i64.store16', I64, 2);
store(0x3e, 'i64.store32', I64, 4);
def(0x3f, 'memory.size', 'memory', sig([], [I32]));
def(0x40, 'memory.grow', 'memory', sig([I32], [I32]));

// --- Numeric -----------------------------------------------------------------------------------------------
def(0x41, 'i32.const', 'i32', sig([], [I32]));
def(0x42, 'i64.const', 'i64', sig([], [I64]));
def(0x43, 'f32.const', 'f32', sig([], [F32]));
def(0x44, 'f64.const', 'f64', sig([], [F64]));

function group(first: number, prefix: string, names: string[], s: Sig) {
  names.forEach((n, i) => def(first + i, `${prefix}.${n}`, 'none', s));
}
const intCmp = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
const floatCmp = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];
const intUn = ['clz', 'ctz', 'popcnt'];
const intBin = ['add', 'sub', 'mul', 'div_s', 'div_u', 'rem_s', 'rem_u', 'and', 'or', 'xor', 'shl', 'shr_s', 'shr_u', 'rotl', 'rotr'];
const floatUn = ['abs', 'neg', 'ceil', 'floor', 'trunc', 'nearest', 'sqrt'];
const floatBin = ['add', 'sub', 'mul', 'div', 'min', 'max', 'copysign'];

def(0x45, 'i32.eqz', 'none', sig([I32], [I32]));
group(0x46, 'i32', intCmp, sig([I32, I32], [I32]));
def(0x50, 'i64.eqz', 'none', sig([I64], [I32]));
group(0x51, 'i64', intCmp, sig([I64, I64], [I32]));
group(0x5b, 'f32', floatCmp, sig([F32, F32], [I32]));
group(0x61, 'f64', floatCmp, sig([F64, F64], [I32]));
group(0x67, 'i32', intUn, sig([I32], [I32]));
group(0x6a, 'i32', intBin, sig([I32, I32], [I32]));
group(0x79, 'i64', intUn, sig([I64], [I64]));
group(0x7c, 'i64', intBin, sig([I64, I64], [I64]));
group(0x8b, 'f32', floatUn, sig([F32], [F32]));
group(0x92, 'f32', floatBin, sig([F32, F32], [F32]));
group(0x99, 'f64', floatUn, sig([F64], [F64]));
group(0xa0, 'f64', floatBin, sig([F64, F64], [F64]));

function cvt(op: number, name: string, from: ValType, to: ValType) {
  def(op, name, 'none', sig([from], [to]));
}
cvt(0xa7, 'i32.wrap_i64', I64, I32);
cvt(0xa8, 'i32.trunc_f32_s', F32, I32);
cvt(0xa9, 'i32.trunc_f32_u', F32, I32);
cvt(0xaa, 'i32.trunc_f64_s', F64, I32);
cvt(0xab, 'i32.trunc_f64_u', F64, I32);
cvt(0xac, 'i64.extend_i32_s', I32, I64);
cvt(0xad, 'i64.extend_i32_u', I32, I64);
cvt(0xae, 'i64.trunc_f32_s', F32, I64);
cvt(0xaf, 'i64.trunc_f32_u', F32, I64);
cvt(0xb0, 'i64.trunc_f64_s', F64, I64);
cvt(0xb1, 'i64.trunc_f64_u', F64, I64);
cvt(0xb2, 'f32.convert_i32_s', I32, F32);
cvt(0xb3, 'f32.convert_i32_u', I32, F32);
cvt(0xb4, 'f32.convert_i64_s', I64, F32);
cvt(0xb5, 'f32.convert_i64_u', I64, F32);
cvt(0xb6, 'f32.demote_f64', F64, F32);
cvt(0xb7, 'f64.convert_i32_s', I32, F64);
cvt(0xb8, 'f64.convert_i32_u', I32, F64);
cvt(0xb9, 'f64.convert_i64_s', I64, F64);
cvt(0xba, 'f64.convert_i64_u', I64, F64);
cvt(0xbb, 'f64.promote_f32', F32, F64);
cvt(0xbc, 'i32.reinterpret_f32', F32, I32);
cvt(0xbd, 'i64.reinterpret_f64', F64, I64);
cvt(0xbe, 'f32.reinterpret_i32', I32, F32);
cvt(0xbf, 'f64.reinterpret_i64', I64, F64);
cvt(0xc0, 'i32.extend8_s', I32, I32);
cvt(0xc1, 'i32.extend16_s', I32, I32);
cvt(0xc2, 'i64.extend8_s', I64, I64);
cvt(0xc3, 'i64.extend16_s', I64, I64);
cvt(0xc4, 'i64.extend32_s', I64, I64);

// --- Reference ---------------------------------------------------------------------------------------------
def(0xd0, 'ref.null', 'reftype');
def(0xd1, 'ref.is_null', 'none');
def(0xd2, 'ref.func', 'func');

// --- 0xFC: saturating truncation, bulk memory, tables ------------------------------------------------------
const FC = 0xfc << 16;
cvt(FC | 0, 'i32.trunc_sat_f32_s', F32, I32);
cvt(FC | 1, 'i32.trunc_sat_f32_u', F32, I32);
cvt(FC | 2, 'i32.trunc_sat_f64_s', F64, I32);
cvt(FC | 3, 'i32.trunc_sat_f64_u', F64, I32);
cvt(FC | 4, 'i64.trunc_sat_f32_s', F32, I64);
cvt(FC | 5, 'i64.trunc_sat_f32_u', F32, I64);
cvt(FC | 6, 'i64.trunc_sat_f64_s', F64, I64);
cvt(FC | 7, 'i64.trunc_sat_f64_u', F64, I64);
def(FC | 8, 'memory.init', 'memory_init', sig([I32, I32, I32], []));
def(FC | 9, 'data.drop', 'data', sig([], []));
def(FC | 10, 'memory.copy', 'memory_copy', sig([I32, I32, I32], []));
def(FC | 11, 'memory.fill', 'memory', sig([I32, I32, I32], []));
def(FC | 12, 'table.init', 'table_init', sig([I32, I32, I32], []));
def(FC | 13, 'elem.drop', 'elem', sig([], []));
def(FC | 14, 'table.copy', 'table_copy', sig([I32, I32, I32], []));
def(FC | 15, 'table.grow', 'table');
def(FC | 16, 'table.size', 'table', sig([], [I32]));
def(FC | 17, 'table.fill', 'table');

// --- 0xFD: SIMD (decoded and validated; not every backend implements them) ---------------------------------
const FD = 0xfd << 16;
const vUn = sig([V128], [V128]);
const vBin = sig([V128, V128], [V128]);
const vTest = sig([V128], [I32]);
const vShift = sig([V128, I32], [V128]);
function vload(sub: number, name: string, bytes: number) {
  def(FD | sub, name, 'memarg', sig([I32], [V128]), { naturalAlign: bytes });
}
function v(sub: number, name: string, s: Sig) {
  def(FD | sub, name, 'none', s);
}
vload(0, 'v128.load', 16);
vload(1, 'v128.load8x8_s', 8);
vload(2, 'v128.load8x8_u', 8);
vload(3, 'v128.load16x4_s', 8);
vload(4, 'v128.load16x4_u', 8);
vload(5, 'v128.load32x2_s', 8);
vload(6, 'v128.load32x2_u', 8);
vload(7, 'v128.load8_splat', 1);
vload(8, 'v128.load16_splat', 2);
vload(9, 'v128.load32_splat', 4);
vload(10, 'v128.load64_splat', 8);
def(FD | 11, 'v128.store', 'memarg', sig([I32, V128], []), { naturalAlign: 16 });
def(FD | 12, 'v128.const', 'v128', sig([], [V128]));
def(FD | 13, 'i8x16.shuffle', 'shuffle', vBin);
v(14, 'i8x16.swizzle', vBin);
v(15, 'i8x16.splat', sig([I32], [V128]));
v(16, 'i16x8.splat', sig([I32], [V128]));
v(17, 'i32x4.splat', sig([I32], [V128]));
v(18, 'i64x2.splat', sig([I64], [V128]));
v(19, 'f32x4.splat', sig([F32], [V128]));
v(20, 'f64x2.splat', sig([F64], [V128]));
function lane(sub: number, name: string, s: Sig, lanes: number) {
  def(FD | sub, name, 'lane', s, { lanes });
}
lane(21, 'i8x16.extract_lane_s', sig([V128], [I32]), 16);
lane(22, 'i8x16.extract_lane_u', sig([V128], [I32]), 16);
lane(23, 'i8x16.replace_lane', sig([V128, I32], [V128]), 16);
lane(24, 'i16x8.extract_lane_s', sig([V128], [I32]), 8);
lane(25, 'i16x8.extract_lane_u', sig([V128], [I32]), 8);
lane(26, 'i16x8.replace_lane', sig([V128, I32], [V128]), 8);
lane(27, 'i32x4.extract_lane', sig([V128], [I32]), 4);
lane(28, 'i32x4.replace_lane', sig([V128, I32], [V128]), 4);
lane(29, 'i64x2.extract_lane', sig([V128], [I64]), 2);
lane(30, 'i64x2.replace_lane', sig([V128, I64], [V128]), 2);
lane(31, 'f32x4.extract_lane', sig([V128], [F32]), 4);
lane(32, 'f32x4.replace_lane', sig([V128, F32], [V128]), 4);
lane(33, 'f64x2.extract_lane', sig([V128], [F64]), 2);
lane(34, 'f64x2.replace_lane', sig([V128, F64], [V128]), 2);
function vgroup(first: number, prefix: string, names: string[], s: Sig) {
  names.forEach((n, i) => v(first + i, `${prefix}.${n}`, s));
}
vgroup(35, 'i8x16', intCmp, vBin);
vgroup(45, 'i16x8', intCmp, vBin);
vgroup(55, 'i32x4', intCmp, vBin);
vgroup(65, 'f32x4', floatCmp, vBin);
vgroup(71, 'f64x2', floatCmp, vBin);
v(77, 'v128.not', vUn);
v(78, 'v128.and', vBin);
v(79, 'v128.andnot', vBin);
v(80, 'v128.or', vBin);
v(81, 'v128.xor', vBin);
v(82, 'v128.bitselect', sig([V128, V128, V128], [V128]));
v(83, 'v128.any_true', vTest);
function vlane(sub: number, name: string, isStore: boolean, bytes: number) {
  def(FD | sub, name, 'memarg_lane', isStore ? sig([I32, V128], []) : sig([I32, V128], [V128]), {
    naturalAlign: bytes,
    lanes: 16 / bytes,
  });
}
vlane(84, 'v128.load8_lane', false, 1);
vlane(85, 'v128.load16_lane', false, 2);
vlane(86, 'v128.load32_lane', false, 4);
vlane(87, 'v128.load64_lane', false, 8);
vlane(88, 'v128.store8_lane', true, 1);
vlane(89, 'v128.store16_lane', true, 2);
vlane(90, 'v128.store32_lane', true, 4);
vlane(91, 'v128.store64_lane', true, 8);
vload(92, 'v128.load32_zero', 4);
vload(93, 'v128.load64_zero', 8);
v(94, 'f32x4.demote_f64x2_zero', vUn);
v(95, 'f64x2.promote_low_f32x4', vUn);
v(96, 'i8x16.abs', vUn);
v(97, 'i8x16.neg', vUn);
v(98, 'i8x16.popcnt', vUn);
v(99, 'i8x16.all_true', vTest);
v(100, 'i8x16.bitmask', vTest);
v(101, 'i8x16.narrow_i16x8_s', vBin);
v(102, 'i8x16.narrow_i16x8_u', vBin);
v(103, 'f32x4.ceil', vUn);
v(104, 'f32x4.floor', vUn);
v(105, 'f32x4.trunc', vUn);
v(106, 'f32x4.nearest', vUn);
v(107, 'i8x16.shl', vShift);
v(108, 'i8x16.shr_s', vShift);
v(109, 'i8x16.shr_u', vShift);
v(110, 'i8x16.add', vBin);
v(111, 'i8x16.add_sat_s', vBin);
v(112, 'i8x16.add_sat_u', vBin);
v(113, 'i8x16.sub', vBin);
v(114, 'i8x16.sub_sat_s', vBin);
v(115, 'i8x16.sub_sat_u', vBin);
v(116, 'f64x2.ceil', vUn);
v(117, 'f64x2.floor', vUn);
v(118, 'i8x16.min_s', vBin);
v(119, 'i8x16.min_u', vBin);
v(120, 'i8x16.max_s', vBin);
v(121, 'i8x16.max_u', vBin);
v(122, 'f64x2.trunc', vUn);
v(123, 'i8x16.avgr_u', vBin);
v(124, 'i16x8.extadd_pairwise_i8x16_s', vUn);
v(125, 'i16x8.extadd_pairwise_i8x16_u', vUn);
v(126, 'i32x4.extadd_pairwise_i16x8_s', vUn);
v(127, 'i32x4.extadd_pairwise_i16x8_u', vUn);
v(128, 'i16x8.abs', vUn);
v(129, 'i16x8.neg', vUn);
v(130, 'i16x8.q15mulr_sat_s', vBin);
v(131, 'i16x8.all_true', vTest);
v(132, 'i16x8.bitmask', vTest);
v(133, 'i16x8.narrow_i32x4_s', vBin);
v(134, 'i16x8.narrow_i32x4_u', vBin);
v(135, 'i16x8.extend_low_i8x16_s', vUn);
v(136, 'i16x8.extend_high_i8x16_s', vUn);
v(137, 'i16x8.extend_low_i8x16_u', vUn);
v(138, 'i16x8.extend_high_i8x16_u', vUn);
v(139, 'i16x8.shl', vShift);
v(140, 'i16x8.shr_s', vShift);
v(141, 'i16x8.shr_u', vShift);
v(142, 'i16x8.add', vBin);
v(143, 'i16x8.add_sat_s', vBin);
v(144, 'i16x8.add_sat_u', vBin);
v(145, 'i16x8.sub', vBin);
v(146, 'i16x8.sub_sat_s', vBin);
v(147, 'i16x8.sub_sat_u', vBin);
v(148, 'f64x2.nearest', vUn);
v(149, 'i16x8.mul', vBin);
v(150, 'i16x8.min_s', vBin);
v(151, 'i16x8.min_u', vBin);
v(152, 'i16x8.max_s', vBin);
v(153, 'i16x8.max_u', vBin);
v(155, 'i16x8.avgr_u', vBin);
v(156, 'i16x8.extmul_low_i8x16_s', vBin);
v(157, 'i16x8.extmul_high_i8x16_s', vBin);
v(158, 'i16x8.extmul_low_i8x16_u', vBin);
v(159, 'i16x8.extmul_high_i8x16_u', vBin);
v(160, 'i32x4.abs', vUn);
v(161, 'i32x4.neg', vUn);
v(163, 'i32x4.all_true', vTest);
v(164, 'i32x4.bitmask', vTest);
v(167, 'i32x4.extend_low_i16x8_s', vUn);
v(168, 'i32x4.extend_high_i16x8_s', vUn);
v(169, 'i32x4.extend_low_i16x8_u', vUn);
v(170, 'i32x4.extend_high_i16x8_u', vUn);
v(171, 'i32x4.shl', vShift);
v(172, 'i32x4.shr_s', vShift);
v(173, 'i32x4.shr_u', vShift);
v(174, 'i32x4.add', vBin);
v(177, 'i32x4.sub', vBin);
v(181, 'i32x4.mul', vBin);
v(182, 'i32x4.min_s', vBin);
v(183, 'i32x4.min_u', vBin);
v(184, 'i32x4.max_s', vBin);
v(185, 'i32x4.max_u', vBin);
v(186, 'i32x4.dot_i16x8_s', vBin);
v(188, 'i32x4.extmul_low_i16x8_s', vBin);
v(189, 'i32x4.extmul_high_i16x8_s', vBin);
v(190, 'i32x4.extmul_low_i16x8_u', vBin);
v(191, 'i32x4.extmul_high_i16x8_u', vBin);
v(192, 'i64x2.abs', vUn);
v(193, 'i64x2.neg', vUn);
v(195, 'i64x2.all_true', vTest);
v(196, 'i64x2.bitmask', vTest);
v(199, 'i64x2.extend_low_i32x4_s', vUn);
v(200, 'i64x2.extend_high_i32x4_s', vUn);
v(201, 'i64x2.extend_low_i32x4_u', vUn);
v(202, 'i64x2.extend_high_i32x4_u', vUn);
v(203, 'i64x2.shl', vShift);
v(204, 'i64x2.shr_s', vShift);
v(205, 'i64x2.shr_u', vShift);
v(206, 'i64x2.add', vBin);
v(209, 'i64x2.sub', vBin);
v(213, 'i64x2.mul', vBin);
vgroup(214, 'i64x2', ['eq', 'ne', 'lt_s', 'gt_s', 'le_s', 'ge_s'], vBin);
v(220, 'i64x2.extmul_low_i32x4_s', vBin);
v(221, 'i64x2.extmul_high_i32x4_s', vBin);
v(222, 'i64x2.extmul_low_i32x4_u', vBin);
v(223, 'i64x2.extmul_high_i32x4_u', vBin);
v(224, 'f32x4.abs', vUn);
v(225, 'f32x4.neg', vUn);
v(227, 'f32x4.sqrt', vUn);
vgroup(228, 'f32x4', ['add', 'sub', 'mul', 'div', 'min', 'max', 'pmin', 'pmax'], vBin);
v(236, 'f64x2.abs', vUn);
v(237, 'f64x2.neg', vUn);
v(239, 'f64x2.sqrt', vUn);
vgroup(240, 'f64x2', ['add', 'sub', 'mul', 'div', 'min', 'max', 'pmin', 'pmax'], vBin);
v(248, 'i32x4.trunc_sat_f32x4_s', vUn);
v(249, 'i32x4.trunc_sat_f32x4_u', vUn);
v(250, 'f32x4.convert_i32x4_s', vUn);
v(251, 'f32x4.convert_i32x4_u', vUn);
v(252, 'i32x4.trunc_sat_f64x2_s_zero', vUn);
v(253, 'i32x4.trunc_sat_f64x2_u_zero', vUn);
v(254, 'f64x2.convert_low_i32x4_s', vUn);
v(255, 'f64x2.convert_low_i32x4_u', vUn);

// Single-byte opcodes are looked up through a dense array: this is on the decoder's hot path.
const byteTable: (OpInfo | undefined)[] = new Array(256);
for (const [op, info] of table) if (op < 256) byteTable[op] = info;

/** The description of an opcode, or undefined for an opcode that WebAssembly 2.0 does not define. */
export function opInfo(op: number): OpInfo | undefined {
  return op < 256 ? byteTable[op] : table.get(op);
}

/** The text name of an opcode, or a hex spelling for unknown ones (for diagnostics). */
export function opName(op: number): string {
  const info = opInfo(op);
  if (info) return info.name;
  return op < 256 ? `<0x${op.toString(16)}>` : `<0x${(op >>> 16).toString(16)} ${op & 0xffff}>`;
}

/** Every defined opcode, in numeric order. */
export function allOps(): readonly OpInfo[] {
  return [...table.values()].sort((a, b) => a.op - b.op);
}


/** Opcode values by text name (`.` and `/` become `_`), e.g. `Op.i32_add`, `Op.memory_init`. */
export const Op = {
  unreachable: 0x00,
  nop: 0x01,
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  br_if: 0x0d,
  br_table: 0x0e,
  return: 0x0f,
  call: 0x10,
  call_indirect: 0x11,
  drop: 0x1a,
  select: 0x1b,
  select_t: 0x1c,
  local_get: 0x20,
  local_set: 0x21,
  local_tee: 0x22,
  global_get: 0x23,
  global_set: 0x24,
  table_get: 0x25,
  table_set: 0x26,
  i32_load: 0x28,
  i64_load: 0x29,
  f32_load: 0x2a,
  f64_load: 0x2b,
  i32_load8_s: 0x2c,
  i32_load8_u: 0x2d,
  i32_load16_s: 0x2e,
  i32_load16_u: 0x2f,
  i64_load8_s: 0x30,
  i64_load8_u: 0x31,
  i64_load16_s: 0x32,
  i64_load16_u: 0x33,
  i64_load32_s: 0x34,
  i64_load32_u: 0x35,
  i32_store: 0x36,
  i64_store: 0x37,
  f32_store: 0x38,
  f64_store: 0x39,
  i32_store8: 0x3a,
  i32_store16: 0x3b,
  i64_store8: 0x3c,
  i64_store16: 0x3d,
  i64_store32: 0x3e,
  memory_size: 0x3f,
  memory_grow: 0x40,
  i32_const: 0x41,
  i64_const: 0x42,
  f32_const: 0x43,
  f64_const: 0x44,
  i32_eqz: 0x45,
  i32_eq: 0x46,
  i32_ne: 0x47,
  i32_lt_s: 0x48,
  i32_lt_u: 0x49,
  i32_gt_s: 0x4a,
  i32_gt_u: 0x4b,
  i32_le_s: 0x4c,
  i32_le_u: 0x4d,
  i32_ge_s: 0x4e,
  i32_ge_u: 0x4f,
  i64_eqz: 0x50,
  i64_eq: 0x51,
  i64_ne: 0x52,
  i64_lt_s: 0x53,
  i64_lt_u: 0x54,
  i64_gt_s: 0x55,
  i64_gt_u: 0x56,
  i64_le_s: 0x57,
  i64_le_u: 0x58,
  i64_ge_s: 0x59,
  i64_ge_u: 0x5a,
  f32_eq: 0x5b,
  f32_ne: 0x5c,
  f32_lt: 0x5d,
  f32_gt: 0x5e,
  f32_le: 0x5f,
  f32_ge: 0x60,
  f64_eq: 0x61,
  f64_ne: 0x62,
  f64_lt: 0x63,
  f64_gt: 0x64,
  f64_le: 0x65,
  f64_ge: 0x66,
  i32_clz: 0x67,
  i32_ctz: 0x68,
  i32_popcnt: 0x69,
  i32_add: 0x6a,
  i32_sub: 0x6b,
  i32_mul: 0x6c,
  i32_div_s: 0x6d,
  i32_div_u: 0x6e,
  i32_rem_s: 0x6f,
  i32_rem_u: 0x70,
  i32_and: 0x71,
  i32_or: 0x72,
  i32_xor: 0x73,
  i32_shl: 0x74,
  i32_shr_s: 0x75,
  i32_shr_u: 0x76,
  i32_rotl: 0x77,
  i32_rotr: 0x78,
  i64_clz: 0x79,
  i64_ctz: 0x7a,
  i64_popcnt: 0x7b,
  i64_add: 0x7c,
  i64_sub: 0x7d,
  i64_mul: 0x7e,
  i64_div_s: 0x7f,
  i64_div_u: 0x80,
  i64_rem_s: 0x81,
  i64_rem_u: 0x82,
  i64_and: 0x83,
  i64_or: 0x84,
  i64_xor: 0x85,
  i64_shl: 0x86,
  i64_shr_s: 0x87,
  i64_shr_u: 0x88,
  i64_rotl: 0x89,
  i64_rotr: 0x8a,
  f32_abs: 0x8b,
  f32_neg: 0x8c,
  f32_ceil: 0x8d,
  f32_floor: 0x8e,
  f32_trunc: 0x8f,
  f32_nearest: 0x90,
  f32_sqrt: 0x91,
  f32_add: 0x92,
  f32_sub: 0x93,
  f32_mul: 0x94,
  f32_div: 0x95,
  f32_min: 0x96,
  f32_max: 0x97,
  f32_copysign: 0x98,
  f64_abs: 0x99,
  f64_neg: 0x9a,
  f64_ceil: 0x9b,
  f64_floor: 0x9c,
  f64_trunc: 0x9d,
  f64_nearest: 0x9e,
  f64_sqrt: 0x9f,
  f64_add: 0xa0,
  f64_sub: 0xa1,
  f64_mul: 0xa2,
  f64_div: 0xa3,
  f64_min: 0xa4,
  f64_max: 0xa5,
  f64_copysign: 0xa6,
  i32_wrap_i64: 0xa7,
  i32_trunc_f32_s: 0xa8,
  i32_trunc_f32_u: 0xa9,
  i32_trunc_f64_s: 0xaa,
  i32_trunc_f64_u: 0xab,
  i64_extend_i32_s: 0xac,
  i64_extend_i32_u: 0xad,
  i64_trunc_f32_s: 0xae,
  i64_trunc_f32_u: 0xaf,
  i64_trunc_f64_s: 0xb0,
  i64_trunc_f64_u: 0xb1,
  f32_convert_i32_s: 0xb2,
  f32_convert_i32_u: 0xb3,
  f32_convert_i64_s: 0xb4,
  f32_convert_i64_u: 0xb5,
  f32_demote_f64: 0xb6,
  f64_convert_i32_s: 0xb7,
  f64_convert_i32_u: 0xb8,
  f64_convert_i64_s: 0xb9,
  f64_convert_i64_u: 0xba,
  f64_promote_f32: 0xbb,
  i32_reinterpret_f32: 0xbc,
  i64_reinterpret_f64: 0xbd,
  f32_reinterpret_i32: 0xbe,
  f64_reinterpret_i64: 0xbf,
  i32_extend8_s: 0xc0,
  i32_extend16_s: 0xc1,
  i64_extend8_s: 0xc2,
  i64_extend16_s: 0xc3,
  i64_extend32_s: 0xc4,
  ref_null: 0xd0,
  ref_is_null: 0xd1,
  ref_func: 0xd2,
  i32_trunc_sat_f32_s: 0xfc0000,
  i32_trunc_sat_f32_u: 0xfc0001,
  i32_trunc_sat_f64_s: 0xfc0002,
  i32_trunc_sat_f64_u: 0xfc0003,
  i64_trunc_sat_f32_s: 0xfc0004,
  i64_trunc_sat_f32_u: 0xfc0005,
  i64_trunc_sat_f64_s: 0xfc0006,
  i64_trunc_sat_f64_u: 0xfc0007,
  memory_init: 0xfc0008,
  data_drop: 0xfc0009,
  memory_copy: 0xfc000a,
  memory_fill: 0xfc000b,
  table_init: 0xfc000c,
  elem_drop: 0xfc000d,
  table_copy: 0xfc000e,
  table_grow: 0xfc000f,
  table_size: 0xfc0010,
  table_fill: 0xfc0011,
  v128_load: 0xfd0000,
  v128_load8x8_s: 0xfd0001,
  v128_load8x8_u: 0xfd0002,
  v128_load16x4_s: 0xfd0003,
  v128_load16x4_u: 0xfd0004,
  v128_load32x2_s: 0xfd0005,
  v128_load32x2_u: 0xfd0006,
  v128_load8_splat: 0xfd0007,
  v128_load16_splat: 0xfd0008,
  v128_load32_splat: 0xfd0009,
  v128_load64_splat: 0xfd000a,
  v128_store: 0xfd000b,
  v128_const: 0xfd000c,
  i8x16_shuffle: 0xfd000d,
  i8x16_swizzle: 0xfd000e,
  i8x16_splat: 0xfd000f,
  i16x8_splat: 0xfd0010,
  i32x4_splat: 0xfd0011,
  i64x2_splat: 0xfd0012,
  f32x4_splat: 0xfd0013,
  f64x2_splat: 0xfd0014,
  i8x16_extract_lane_s: 0xfd0015,
  i8x16_extract_lane_u: 0xfd0016,
  i8x16_replace_lane: 0xfd0017,
  i16x8_extract_lane_s: 0xfd0018,
  i16x8_extract_lane_u: 0xfd0019,
  i16x8_replace_lane: 0xfd001a,
  i32x4_extract_lane: 0xfd001b,
  i32x4_replace_lane: 0xfd001c,
  i64x2_extract_lane: 0xfd001d,
  i64x2_replace_lane: 0xfd001e,
  f32x4_extract_lane: 0xfd001f,
  f32x4_replace_lane: 0xfd0020,
  f64x2_extract_lane: 0xfd0021,
  f64x2_replace_lane: 0xfd0022,
  i8x16_eq: 0xfd0023,
  i8x16_ne: 0xfd0024,
  i8x16_lt_s: 0xfd0025,
  i8x16_lt_u: 0xfd0026,
  i8x16_gt_s: 0xfd0027,
  i8x16_gt_u: 0xfd0028,
  i8x16_le_s: 0xfd0029,
  i8x16_le_u: 0xfd002a,
  i8x16_ge_s: 0xfd002b,
  i8x16_ge_u: 0xfd002c,
  i16x8_eq: 0xfd002d,
  i16x8_ne: 0xfd002e,
  i16x8_lt_s: 0xfd002f,
  i16x8_lt_u: 0xfd0030,
  i16x8_gt_s: 0xfd0031,
  i16x8_gt_u: 0xfd0032,
  i16x8_le_s: 0xfd0033,
  i16x8_le_u: 0xfd0034,
  i16x8_ge_s: 0xfd0035,
  i16x8_ge_u: 0xfd0036,
  i32x4_eq: 0xfd0037,
  i32x4_ne: 0xfd0038,
  i32x4_lt_s: 0xfd0039,
  i32x4_lt_u: 0xfd003a,
  i32x4_gt_s: 0xfd003b,
  i32x4_gt_u: 0xfd003c,
  i32x4_le_s: 0xfd003d,
  i32x4_le_u: 0xfd003e,
  i32x4_ge_s: 0xfd003f,
  i32x4_ge_u: 0xfd0040,
  f32x4_eq: 0xfd0041,
  f32x4_ne: 0xfd0042,
  f32x4_lt: 0xfd0043,
  f32x4_gt: 0xfd0044,
  f32x4_le: 0xfd0045,
  f32x4_ge: 0xfd0046,
  f64x2_eq: 0xfd0047,
  f64x2_ne: 0xfd0048,
  f64x2_lt: 0xfd0049,
  f64x2_gt: 0xfd004a,
  f64x2_le: 0xfd004b,
  f64x2_ge: 0xfd004c,
  v128_not: 0xfd004d,
  v128_and: 0xfd004e,
  v128_andnot: 0xfd004f,
  v128_or: 0xfd0050,
  v128_xor: 0xfd0051,
  v128_bitselect: 0xfd0052,
  v128_any_true: 0xfd0053,
  v128_load8_lane: 0xfd0054,
  v128_load16_lane: 0xfd0055,
  v128_load32_lane: 0xfd0056,
  v128_load64_lane: 0xfd0057,
  v128_store8_lane: 0xfd0058,
  v128_store16_lane: 0xfd0059,
  v128_store32_lane: 0xfd005a,
  v128_store64_lane: 0xfd005b,
  v128_load32_zero: 0xfd005c,
  v128_load64_zero: 0xfd005d,
  f32x4_demote_f64x2_zero: 0xfd005e,
  f64x2_promote_low_f32x4: 0xfd005f,
  i8x16_abs: 0xfd0060,
  i8x16_neg: 0xfd0061,
  i8x16_popcnt: 0xfd0062,
  i8x16_all_true: 0xfd0063,
  i8x16_bitmask: 0xfd0064,
  i8x16_narrow_i16x8_s: 0xfd0065,
  i8x16_narrow_i16x8_u: 0xfd0066,
  f32x4_ceil: 0xfd0067,
  f32x4_floor: 0xfd0068,
  f32x4_trunc: 0xfd0069,
  f32x4_nearest: 0xfd006a,
  i8x16_shl: 0xfd006b,
  i8x16_shr_s: 0xfd006c,
  i8x16_shr_u: 0xfd006d,
  i8x16_add: 0xfd006e,
  i8x16_add_sat_s: 0xfd006f,
  i8x16_add_sat_u: 0xfd0070,
  i8x16_sub: 0xfd0071,
  i8x16_sub_sat_s: 0xfd0072,
  i8x16_sub_sat_u: 0xfd0073,
  f64x2_ceil: 0xfd0074,
  f64x2_floor: 0xfd0075,
  i8x16_min_s: 0xfd0076,
  i8x16_min_u: 0xfd0077,
  i8x16_max_s: 0xfd0078,
  i8x16_max_u: 0xfd0079,
  f64x2_trunc: 0xfd007a,
  i8x16_avgr_u: 0xfd007b,
  i16x8_extadd_pairwise_i8x16_s: 0xfd007c,
  i16x8_extadd_pairwise_i8x16_u: 0xfd007d,
  i32x4_extadd_pairwise_i16x8_s: 0xfd007e,
  i32x4_extadd_pairwise_i16x8_u: 0xfd007f,
  i16x8_abs: 0xfd0080,
  i16x8_neg: 0xfd0081,
  i16x8_q15mulr_sat_s: 0xfd0082,
  i16x8_all_true: 0xfd0083,
  i16x8_bitmask: 0xfd0084,
  i16x8_narrow_i32x4_s: 0xfd0085,
  i16x8_narrow_i32x4_u: 0xfd0086,
  i16x8_extend_low_i8x16_s: 0xfd0087,
  i16x8_extend_high_i8x16_s: 0xfd0088,
  i16x8_extend_low_i8x16_u: 0xfd0089,
  i16x8_extend_high_i8x16_u: 0xfd008a,
  i16x8_shl: 0xfd008b,
  i16x8_shr_s: 0xfd008c,
  i16x8_shr_u: 0xfd008d,
  i16x8_add: 0xfd008e,
  i16x8_add_sat_s: 0xfd008f,
  i16x8_add_sat_u: 0xfd0090,
  i16x8_sub: 0xfd0091,
  i16x8_sub_sat_s: 0xfd0092,
  i16x8_sub_sat_u: 0xfd0093,
  f64x2_nearest: 0xfd0094,
  i16x8_mul: 0xfd0095,
  i16x8_min_s: 0xfd0096,
  i16x8_min_u: 0xfd0097,
  i16x8_max_s: 0xfd0098,
  i16x8_max_u: 0xfd0099,
  i16x8_avgr_u: 0xfd009b,
  i16x8_extmul_low_i8x16_s: 0xfd009c,
  i16x8_extmul_high_i8x16_s: 0xfd009d,
  i16x8_extmul_low_i8x16_u: 0xfd009e,
  i16x8_extmul_high_i8x16_u: 0xfd009f,
  i32x4_abs: 0xfd00a0,
  i32x4_neg: 0xfd00a1,
  i32x4_all_true: 0xfd00a3,
  i32x4_bitmask: 0xfd00a4,
  i32x4_extend_low_i16x8_s: 0xfd00a7,
  i32x4_extend_high_i16x8_s: 0xfd00a8,
  i32x4_extend_low_i16x8_u: 0xfd00a9,
  i32x4_extend_high_i16x8_u: 0xfd00aa,
  i32x4_shl: 0xfd00ab,
  i32x4_shr_s: 0xfd00ac,
  i32x4_shr_u: 0xfd00ad,
  i32x4_add: 0xfd00ae,
  i32x4_sub: 0xfd00b1,
  i32x4_mul: 0xfd00b5,
  i32x4_min_s: 0xfd00b6,
  i32x4_min_u: 0xfd00b7,
  i32x4_max_s: 0xfd00b8,
  i32x4_max_u: 0xfd00b9,
  i32x4_dot_i16x8_s: 0xfd00ba,
  i32x4_extmul_low_i16x8_s: 0xfd00bc,
  i32x4_extmul_high_i16x8_s: 0xfd00bd,
  i32x4_extmul_low_i16x8_u: 0xfd00be,
  i32x4_extmul_high_i16x8_u: 0xfd00bf,
  i64x2_abs: 0xfd00c0,
  i64x2_neg: 0xfd00c1,
  i64x2_all_true: 0xfd00c3,
  i64x2_bitmask: 0xfd00c4,
  i64x2_extend_low_i32x4_s: 0xfd00c7,
  i64x2_extend_high_i32x4_s: 0xfd00c8,
  i64x2_extend_low_i32x4_u: 0xfd00c9,
  i64x2_extend_high_i32x4_u: 0xfd00ca,
  i64x2_shl: 0xfd00cb,
  i64x2_shr_s: 0xfd00cc,
  i64x2_shr_u: 0xfd00cd,
  i64x2_add: 0xfd00ce,
  i64x2_sub: 0xfd00d1,
  i64x2_mul: 0xfd00d5,
  i64x2_eq: 0xfd00d6,
  i64x2_ne: 0xfd00d7,
  i64x2_lt_s: 0xfd00d8,
  i64x2_gt_s: 0xfd00d9,
  i64x2_le_s: 0xfd00da,
  i64x2_ge_s: 0xfd00db,
  i64x2_extmul_low_i32x4_s: 0xfd00dc,
  i64x2_extmul_high_i32x4_s: 0xfd00dd,
  i64x2_extmul_low_i32x4_u: 0xfd00de,
  i64x2_extmul_high_i32x4_u: 0xfd00df,
  f32x4_abs: 0xfd00e0,
  f32x4_neg: 0xfd00e1,
  f32x4_sqrt: 0xfd00e3,
  f32x4_add: 0xfd00e4,
  f32x4_sub: 0xfd00e5,
  f32x4_mul: 0xfd00e6,
  f32x4_div: 0xfd00e7,
  f32x4_min: 0xfd00e8,
  f32x4_max: 0xfd00e9,
  f32x4_pmin: 0xfd00ea,
  f32x4_pmax: 0xfd00eb,
  f64x2_abs: 0xfd00ec,
  f64x2_neg: 0xfd00ed,
  f64x2_sqrt: 0xfd00ef,
  f64x2_add: 0xfd00f0,
  f64x2_sub: 0xfd00f1,
  f64x2_mul: 0xfd00f2,
  f64x2_div: 0xfd00f3,
  f64x2_min: 0xfd00f4,
  f64x2_max: 0xfd00f5,
  f64x2_pmin: 0xfd00f6,
  f64x2_pmax: 0xfd00f7,
  i32x4_trunc_sat_f32x4_s: 0xfd00f8,
  i32x4_trunc_sat_f32x4_u: 0xfd00f9,
  f32x4_convert_i32x4_s: 0xfd00fa,
  f32x4_convert_i32x4_u: 0xfd00fb,
  i32x4_trunc_sat_f64x2_s_zero: 0xfd00fc,
  i32x4_trunc_sat_f64x2_u_zero: 0xfd00fd,
  f64x2_convert_low_i32x4_s: 0xfd00fe,
  f64x2_convert_low_i32x4_u: 0xfd00ff,
} as const;

export type OpName = keyof typeof Op;
