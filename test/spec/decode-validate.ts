// Phase 1 of the spec runner: every module the testsuite gives in binary form is decoded and validated.
// `module` (and the modules of assert_unlinkable / assert_uninstantiable, which are valid) must pass both;
// binary assert_malformed must throw WasmError 'malformed'; binary assert_invalid must throw WasmError 'invalid'.
// Actions and assertions on running code belong to the execution phase.

import { WasmError } from '../../src/wasm/errors.js';
import type { FrontEnd } from './stages.js';
import type { Outcome } from './report.js';
import { readModuleBytes, type ConvertedWast, type WastCommand } from './wast.js';

function describeError(e: unknown): string {
  if (e instanceof WasmError) return `WasmError ${e.kind}: ${e.reason} at 0x${e.offset.toString(16)}`;
  if (e instanceof Error) return `${e.name}: ${e.message.split('\n')[0]}`;
  return `thrown ${String(e)}`;
}

/** Decodes and validates; returns undefined on success, else the error. */
function decodeAndValidate(front: FrontEnd, bytes: Uint8Array): unknown {
  try {
    front.validateModule(front.decodeModule(bytes));
    return undefined;
  } catch (e) {
    return e ?? new Error('undefined thrown');
  }
}

/**
 * wast2json writes some assert_invalid modules (e.g. memory_init.wast `(data.drop 0)` without data segments)
 * without the data count section that the binary format requires before memory.init/data.drop: as binaries
 * they are malformed, and a decoder that says so is right (the script meant the text module, which is invalid).
 */
function missingDataCountIsMalformed(err: unknown): boolean {
  return err instanceof WasmError && err.kind === 'malformed' && /data ?count/i.test(err.reason);
}

function checkCommand(front: FrontEnd, wast: ConvertedWast, c: WastCommand): Outcome | undefined {
  const base = { line: c.line, command: c.type };
  switch (c.type) {
    case 'module':
    case 'assert_unlinkable':
    case 'assert_uninstantiable': {
      if (c.type !== 'module' && c.module_type === 'text') return { ...base, status: 'skip', reason: 'text module' };
      const err = decodeAndValidate(front, readModuleBytes(wast, c.filename));
      if (err === undefined) return { ...base, status: 'pass' };
      return { ...base, status: 'fail', reason: `valid module rejected: ${describeError(err)}` };
    }
    case 'assert_malformed':
    case 'assert_invalid': {
      if (c.module_type === 'text') {
        return { ...base, status: 'skip-text', reason: `text module (${c.text})` };
      }
      const want = c.type === 'assert_malformed' ? 'malformed' : 'invalid';
      const err = decodeAndValidate(front, readModuleBytes(wast, c.filename));
      if (err === undefined) return { ...base, status: 'fail', reason: `accepted; expected ${want} "${c.text}"` };
      if (err instanceof WasmError && err.kind === want) return { ...base, status: 'pass' };
      if (c.type === 'assert_invalid' && missingDataCountIsMalformed(err)) return { ...base, status: 'pass' };
      return { ...base, status: 'fail', reason: `expected ${want} "${c.text}", got ${describeError(err)}` };
    }
    default:
      return undefined;
  }
}

/** The decode/validate outcome of every module-carrying command of one converted script. */
export function checkDecodeValidate(front: FrontEnd, wast: ConvertedWast): Outcome[] {
  const out: Outcome[] = [];
  for (const c of wast.commands) {
    const o = checkCommand(front, wast, c);
    if (o !== undefined) out.push(o);
  }
  return out;
}
