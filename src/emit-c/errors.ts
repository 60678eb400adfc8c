// Errors of the emitter itself: valid modules that use something the C backend cannot translate yet.

export class UnsupportedFeatureError extends Error {
  readonly offset: number;
  readonly reason: string;

  constructor(reason: string, offset: number) {
    super(`unsupported: ${reason} at 0x${offset.toString(16)}`);
    this.name = 'UnsupportedFeatureError';
    this.reason = reason;
    this.offset = offset;
  }
}

export function simdUnsupported(offset: number, what = 'v128'): UnsupportedFeatureError {
  return new UnsupportedFeatureError(`SIMD is not supported yet (${what})`, offset);
}
