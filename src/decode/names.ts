// The `name` custom section (module, function and local names). The spec makes this section advisory: a
// malformed one must not reject the module, so any decoding problem just drops the names.

import { WasmError } from '../wasm/errors.js';
import type { NameSection } from '../wasm/ir.js';
import { Reader } from './reader.js';

const SUB_MODULE = 0;
const SUB_FUNCTIONS = 1;
const SUB_LOCALS = 2;

export function decodeNameSection(bytes: Uint8Array): NameSection | undefined {
  try {
    return readNames(new Reader(bytes));
  } catch (e) {
    if (e instanceof WasmError) return undefined;
    throw e;
  }
}

function readNames(r: Reader): NameSection {
  let module: string | undefined;
  let functions = new Map<number, string>();
  const locals = new Map<number, Map<number, string>>();
  while (!r.atEnd()) {
    const id = r.u8();
    const size = r.length();
    const end = r.pos + size;
    const s = new Reader(r.bytes, r.pos, end);
    if (id === SUB_MODULE) module = s.name();
    else if (id === SUB_FUNCTIONS) functions = readNameMap(s);
    else if (id === SUB_LOCALS) {
      const n = s.u32();
      for (let i = 0; i < n; i++) {
        const func = s.u32();
        locals.set(func, readNameMap(s));
      }
    } else s.pos = end;
    if (s.pos !== end) throw new WasmError('malformed', 'name subsection size mismatch', s.pos);
    r.pos = end;
  }
  return module !== undefined ? { module, functions, locals } : { functions, locals };
}

function readNameMap(r: Reader): Map<number, string> {
  const map = new Map<number, string>();
  const n = r.u32();
  for (let i = 0; i < n; i++) {
    const index = r.u32();
    map.set(index, r.name());
  }
  return map;
}
