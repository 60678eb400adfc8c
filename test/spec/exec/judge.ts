// Compares what the harness printed for a command with what the script expects.

import type { FuncType, GlobalType } from '../../../src/wasm/ir.js';
import type { ActionCommand } from '../wast.js';
import type { HarnessResult, Judges } from './plan.js';
import { TrapCode, acceptableTraps, compareValue, parsePrinted, trapName } from './values.js';

function describe(r: HarnessResult): string {
  switch (r.kind) {
    case 'ok':
      return 'success';
    case 'trap':
      return `trap ${trapName(r.code)}`;
    case 'vals':
      return `results [${r.tokens.join(' ')}]`;
    case 'unlinkable':
      return `unlinkable (${r.reason})`;
    case 'noinstance':
      return 'its module instance is not there (instantiation failed earlier)';
    case 'lost':
      return r.reason;
  }
}

function checkTrap(r: HarnessResult, text: string, exhaustion: boolean): string | undefined {
  if (r.kind !== 'trap') return `expected trap "${text}", got ${describe(r)}`;
  const ok = exhaustion ? [TrapCode.EXHAUSTION] : acceptableTraps(text);
  if (ok === undefined || ok.includes(r.code as never)) return undefined;
  return `expected trap "${text}" (${ok.map(trapName).join(' or ')}), got trap ${trapName(r.code)}`;
}

export const judges: Judges = {
  instantiate(expect, text) {
    return (r) => {
      if (expect === 'ok') return r.kind === 'ok' ? undefined : `instantiation: ${describe(r)}`;
      if (expect === 'unlinkable') return r.kind === 'unlinkable' ? undefined : `expected unlinkable "${text}", got ${describe(r)}`;
      return checkTrap(r, text ?? '', false);
    };
  },
  action(c: ActionCommand, _type: FuncType | GlobalType) {
    return (r) => {
      switch (c.type) {
        case 'action':
          return r.kind === 'vals' || r.kind === 'ok' ? undefined : describe(r);
        case 'assert_trap':
          return checkTrap(r, c.text ?? '', false);
        case 'assert_exhaustion':
          return checkTrap(r, c.text ?? '', true);
        case 'assert_return': {
          const expected = c.expected ?? [];
          const tokens = r.kind === 'vals' ? r.tokens : r.kind === 'ok' ? [] : undefined;
          if (tokens === undefined) return `expected results, got ${describe(r)}`;
          if (tokens.length !== expected.length) return `expected ${expected.length} results, got ${tokens.length}`;
          const reasons = expected
            .map((e, i) => compareValue(e, parsePrinted(tokens[i]!)))
            .map((why, i) => (why === undefined ? undefined : expected.length > 1 ? `result ${i}: ${why}` : why))
            .filter((x) => x !== undefined);
          return reasons.length === 0 ? undefined : reasons.join('; ');
        }
      }
    };
  },
};
