import { Tainted, type Sandbox, type SandboxPtr } from '../../../src/sandbox/index.js';
declare const sb: Sandbox;
declare const t: Tainted<number>;
void sb; void t;
export type Unused = SandboxPtr;

// valueOf() exists only to throw; calling it explicitly does not type-check either.
// @expect TS2684
export const n: number = t.valueOf();
