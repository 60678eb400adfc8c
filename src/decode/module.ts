// Decoding of a whole module: header, sections in their required order, and the cross-section consistency
// rules that the spec classifies as malformed (function/code counts, data count).

import { malformed, WasmError, type Result } from '../wasm/errors.js';
import type {
  ConstExpr,
  CustomSection,
  DataSegment,
  ElemSegment,
  Export,
  ExternKind,
  Func,
  FuncType,
  Global,
  Import,
  ImportDesc,
  Instr,
  LocalRun,
  MemoryType,
  Module,
  NameSection,
  RefType,
  TableType,
  ValType,
} from '../wasm/ir.js';
import { Op } from '../wasm/opcodes.js';
import { decodeExpr } from './instructions.js';
import { decodeNameSection } from './names.js';
import { Reader } from './reader.js';
import { readGlobalType, readMemoryType, readRefType, readTableType, readValType } from './types.js';

const SECTION_CUSTOM = 0;
const SECTION_TYPE = 1;
const SECTION_IMPORT = 2;
const SECTION_FUNCTION = 3;
const SECTION_TABLE = 4;
const SECTION_MEMORY = 5;
const SECTION_GLOBAL = 6;
const SECTION_EXPORT = 7;
const SECTION_START = 8;
const SECTION_ELEMENT = 9;
const SECTION_CODE = 10;
const SECTION_DATA = 11;
const SECTION_DATACOUNT = 12;

/** Position of each section id in the required order (the data count section sits between element and code). */
const SECTION_RANK: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10];

const MAX_LOCALS = 0xffffffff;

interface Builder {
  types: FuncType[];
  imports: Import[];
  funcTypeIndices: number[];
  funcs: Func[];
  tables: TableType[];
  memories: MemoryType[];
  globals: Global[];
  exports: Export[];
  start?: number;
  elems: ElemSegment[];
  datas: DataSegment[];
  dataCount?: number;
  customs: CustomSection[];
  names?: NameSection;
  sawCode: boolean;
  sawData: boolean;
  /** Offset of the first memory.init/data.drop seen in code while no data count section was present. */
  firstDataUse?: number;
}

/** Decodes a module binary; throws a WasmError of kind 'malformed' pointing at the offending byte. */
export function decodeModule(bytes: Uint8Array): Module {
  const r = new Reader(bytes);
  readHeader(r);
  const b: Builder = {
    types: [],
    imports: [],
    funcTypeIndices: [],
    funcs: [],
    tables: [],
    memories: [],
    globals: [],
    exports: [],
    elems: [],
    datas: [],
    customs: [],
    sawCode: false,
    sawData: false,
  };
  let lastRank = 0;
  while (r.pos < bytes.length) {
    const idAt = r.pos;
    const id = r.u8();
    if (id > SECTION_DATACOUNT) throw malformed('malformed section id', idAt);
    const size = r.length();
    const start = r.pos;
    const end = start + size;
    if (id !== SECTION_CUSTOM) {
      const rank = SECTION_RANK[id]!;
      if (rank <= lastRank) throw malformed('unexpected content after last section', idAt);
      lastRank = rank;
    }
    const s = new Reader(bytes, start, end);
    decodeSection(id, s, b);
    if (s.pos !== end) throw malformed('section size mismatch', s.pos);
    r.pos = end;
  }
  if (!b.sawCode && b.funcTypeIndices.length !== 0) {
    throw malformed('function and code section have inconsistent lengths', bytes.length);
  }
  // The spec makes data indices in code without a data count section malformed. When the module has no data
  // section at all, every data index is out of range anyway; that case is left to the validator ("unknown
  // data segment"), which is what the spec's own text-format tests expect of such modules (wast2json writes
  // them without a data count section).
  if (b.firstDataUse !== undefined && b.sawData) {
    throw malformed('data count section required', b.firstDataUse);
  }
  if (b.dataCount !== undefined && !b.sawData && b.dataCount !== 0) {
    throw malformed('data count and data section have inconsistent lengths', bytes.length);
  }
  const module: Module = {
    types: b.types,
    imports: b.imports,
    funcs: b.funcs,
    tables: b.tables,
    memories: b.memories,
    globals: b.globals,
    exports: b.exports,
    ...(b.start !== undefined ? { start: b.start } : {}),
    elems: b.elems,
    datas: b.datas,
    ...(b.dataCount !== undefined ? { dataCount: b.dataCount } : {}),
    customs: b.customs,
    ...(b.names !== undefined ? { names: b.names } : {}),
  };
  return module;
}

/** Like decodeModule, but returns the error instead of throwing it. */
export function tryDecodeModule(bytes: Uint8Array): Result<Module> {
  try {
    return { ok: true, value: decodeModule(bytes) };
  } catch (e) {
    if (e instanceof WasmError) return { ok: false, error: e };
    throw e;
  }
}

function readHeader(r: Reader): void {
  const bytes = r.bytes;
  if (bytes.length < 4) throw malformed('unexpected end', bytes.length);
  if (bytes[0] !== 0x00 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    throw malformed('magic header not detected', 0);
  }
  if (bytes.length < 8) throw malformed('unexpected end', bytes.length);
  if (bytes[4] !== 1 || bytes[5] !== 0 || bytes[6] !== 0 || bytes[7] !== 0) {
    throw malformed('unknown binary version', 4);
  }
  r.pos = 8;
}

function decodeSection(id: number, r: Reader, b: Builder): void {
  switch (id) {
    case SECTION_CUSTOM: return decodeCustom(r, b);
    case SECTION_TYPE: return decodeTypes(r, b);
    case SECTION_IMPORT: return decodeImports(r, b);
    case SECTION_FUNCTION: return vec(r, () => b.funcTypeIndices.push(r.u32()));
    case SECTION_TABLE: return vec(r, () => b.tables.push(readTableType(r)));
    case SECTION_MEMORY: return vec(r, () => b.memories.push(readMemoryType(r)));
    case SECTION_GLOBAL: return decodeGlobals(r, b);
    case SECTION_EXPORT: return decodeExports(r, b);
    case SECTION_START:
      b.start = r.u32();
      return;
    case SECTION_ELEMENT: return vec(r, () => b.elems.push(decodeElem(r)));
    case SECTION_DATACOUNT:
      b.dataCount = r.u32();
      return;
    case SECTION_CODE: return decodeCode(r, b);
    case SECTION_DATA: return decodeData(r, b);
  }
}

function vec(r: Reader, item: () => void): void {
  const n = r.u32();
  for (let i = 0; i < n; i++) item();
}

function decodeCustom(r: Reader, b: Builder): void {
  const offset = r.pos;
  const name = r.name();
  const bytes = r.take(r.end - r.pos);
  b.customs.push({ name, bytes, offset });
  if (name === 'name' && b.names === undefined) b.names = decodeNameSection(bytes);
}

function decodeTypes(r: Reader, b: Builder): void {
  vec(r, () => {
    const at = r.pos;
    if (r.u8() !== 0x60) throw malformed('malformed function type', at);
    const params = readValTypes(r);
    const results = readValTypes(r);
    b.types.push({ params, results });
  });
}

function readValTypes(r: Reader): ValType[] {
  const n = r.u32();
  if (n > r.end - r.pos) throw r.eof(r.end);
  const out: ValType[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = readValType(r);
  return out;
}

function decodeImports(r: Reader, b: Builder): void {
  vec(r, () => {
    const offset = r.pos;
    const module = r.name();
    const name = r.name();
    const kindAt = r.pos;
    const kind = r.u8();
    let desc: ImportDesc;
    switch (kind) {
      case 0x00: desc = { kind: 'func', typeIndex: r.u32() }; break;
      case 0x01: desc = { kind: 'table', type: readTableType(r) }; break;
      case 0x02: desc = { kind: 'memory', type: readMemoryType(r) }; break;
      case 0x03: desc = { kind: 'global', type: readGlobalType(r) }; break;
      default: throw malformed('malformed import kind', kindAt);
    }
    b.imports.push({ module, name, desc, offset });
  });
}

function readConstExpr(r: Reader): ConstExpr {
  const out: Instr[] = [];
  decodeExpr(r, out, false);
  return out;
}

function decodeGlobals(r: Reader, b: Builder): void {
  vec(r, () => {
    const offset = r.pos;
    const type = readGlobalType(r);
    b.globals.push({ type, init: readConstExpr(r), offset });
  });
}

const EXPORT_KINDS: readonly ExternKind[] = ['func', 'table', 'memory', 'global'];

function decodeExports(r: Reader, b: Builder): void {
  vec(r, () => {
    const offset = r.pos;
    const name = r.name();
    const kindAt = r.pos;
    const kind = EXPORT_KINDS[r.u8()];
    if (kind === undefined) throw malformed('malformed export kind', kindAt);
    b.exports.push({ name, kind, index: r.u32(), offset });
  });
}

function readElemKind(r: Reader): RefType {
  const at = r.pos;
  if (r.u8() !== 0x00) throw malformed('malformed element kind', at);
  return 'funcref';
}

function readFuncIndexItems(r: Reader): ConstExpr[] {
  const n = r.u32();
  if (n > r.end - r.pos) throw r.eof(r.end);
  const items: ConstExpr[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const offset = r.pos;
    items[i] = [{ op: 0xd2, offset, index: r.u32() }];
  }
  return items;
}

function readExprItems(r: Reader): ConstExpr[] {
  const n = r.u32();
  if (n > r.end - r.pos) throw r.eof(r.end);
  const items: ConstExpr[] = new Array(n);
  for (let i = 0; i < n; i++) items[i] = readConstExpr(r);
  return items;
}

/** The eight element segment encodings: bit 0 = passive/declarative, bit 1 = explicit table or declarative, bit 2 = expressions. */
function decodeElem(r: Reader): ElemSegment {
  const offset = r.pos;
  const flags = r.u32();
  switch (flags) {
    case 0: {
      const offsetExpr = readConstExpr(r);
      return { mode: 'active', table: 0, offsetExpr, elemType: 'funcref', items: readFuncIndexItems(r), offset };
    }
    case 1: {
      const elemType = readElemKind(r);
      return { mode: 'passive', table: 0, elemType, items: readFuncIndexItems(r), offset };
    }
    case 2: {
      const table = r.u32();
      const offsetExpr = readConstExpr(r);
      const elemType = readElemKind(r);
      return { mode: 'active', table, offsetExpr, elemType, items: readFuncIndexItems(r), offset };
    }
    case 3: {
      const elemType = readElemKind(r);
      return { mode: 'declarative', table: 0, elemType, items: readFuncIndexItems(r), offset };
    }
    case 4: {
      const offsetExpr = readConstExpr(r);
      return { mode: 'active', table: 0, offsetExpr, elemType: 'funcref', items: readExprItems(r), offset };
    }
    case 5: {
      const elemType = readRefType(r);
      return { mode: 'passive', table: 0, elemType, items: readExprItems(r), offset };
    }
    case 6: {
      const table = r.u32();
      const offsetExpr = readConstExpr(r);
      const elemType = readRefType(r);
      return { mode: 'active', table, offsetExpr, elemType, items: readExprItems(r), offset };
    }
    case 7: {
      const elemType = readRefType(r);
      return { mode: 'declarative', table: 0, elemType, items: readExprItems(r), offset };
    }
    default:
      throw malformed('malformed elements segment kind', offset);
  }
}

function decodeCode(r: Reader, b: Builder): void {
  b.sawCode = true;
  const countAt = r.pos;
  const n = r.u32();
  if (n !== b.funcTypeIndices.length) {
    throw malformed('function and code section have inconsistent lengths', countAt);
  }
  const sectionEnd = r.end;
  for (let i = 0; i < n; i++) {
    const offset = r.pos;
    const size = r.length();
    const bodyEnd = r.pos + size;
    r.end = bodyEnd;
    const locals = readLocals(r);
    const body: Instr[] = [];
    const usesDataIndex = decodeExpr(r, body, true);
    if (usesDataIndex && b.dataCount === undefined && b.firstDataUse === undefined) {
      b.firstDataUse = body.find((x) => x.op === Op.memory_init || x.op === Op.data_drop)?.offset ?? offset;
    }
    if (r.pos !== bodyEnd) throw malformed('section size mismatch', r.pos);
    r.end = sectionEnd;
    b.funcs.push({ typeIndex: b.funcTypeIndices[i]!, locals, body, offset });
  }
}

function readLocals(r: Reader): LocalRun[] {
  const n = r.u32();
  if (n > r.end - r.pos) throw r.eof(r.end);
  const runs: LocalRun[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const at = r.pos;
    const count = r.u32();
    total += count;
    if (total > MAX_LOCALS) throw malformed('too many locals', at);
    const type = readValType(r);
    runs.push({ count, type });
  }
  return runs;
}

function decodeData(r: Reader, b: Builder): void {
  b.sawData = true;
  const countAt = r.pos;
  const n = r.u32();
  if (b.dataCount !== undefined && n !== b.dataCount) {
    throw malformed('data count and data section have inconsistent lengths', countAt);
  }
  for (let i = 0; i < n; i++) {
    const offset = r.pos;
    const flags = r.u32();
    switch (flags) {
      case 0: {
        const offsetExpr = readConstExpr(r);
        b.datas.push({ mode: 'active', memory: 0, offsetExpr, bytes: r.take(r.length()), offset });
        break;
      }
      case 1:
        b.datas.push({ mode: 'passive', memory: 0, bytes: r.take(r.length()), offset });
        break;
      case 2: {
        const memory = r.u32();
        const offsetExpr = readConstExpr(r);
        b.datas.push({ mode: 'active', memory, offsetExpr, bytes: r.take(r.length()), offset });
        break;
      }
      default:
        throw malformed('malformed data segment kind', offset);
    }
  }
}
