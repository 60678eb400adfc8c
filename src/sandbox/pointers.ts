// Pointer arithmetic on branded sandbox pointers (the result is bounds-checked when it is used, not here).
import type { SandboxPtr } from './types.js';

/** `ptr + bytes`, keeping the pointer brand. */
export function ptrAdd<P extends string>(ptr: SandboxPtr<P>, bytes: number): SandboxPtr<P> {
  return (ptr + bytes) as SandboxPtr<P>;
}
