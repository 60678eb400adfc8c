// Errors about a module's bytes or meaning. They carry the spec's category, a reason and the byte offset so a
// user (or the spec runner) can tell what is wrong and where, in one line.

/** `malformed`: the bytes do not decode. `invalid`: they decode but do not validate. */
export type WasmErrorKind = 'malformed' | 'invalid';

export class WasmError extends Error {
  readonly kind: WasmErrorKind;
  readonly reason: string;
  readonly offset: number;

  constructor(kind: WasmErrorKind, reason: string, offset: number) {
    super(`${kind}: ${reason} at 0x${offset.toString(16)}`);
    this.name = 'WasmError';
    this.kind = kind;
    this.reason = reason;
    this.offset = offset;
  }
}

export function malformed(reason: string, offset: number): WasmError {
  return new WasmError('malformed', reason, offset);
}

export function invalid(reason: string, offset: number): WasmError {
  return new WasmError('invalid', reason, offset);
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: WasmError };
