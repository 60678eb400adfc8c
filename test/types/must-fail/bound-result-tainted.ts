import { Tainted, type Sandbox, type SandboxPtr } from '../../../src/sandbox/index.js';
declare const sb: Sandbox;
declare const t: Tainted<number>;
void sb; void t;
const lib = sb.bind({ add: ['u32', ['u32', 'u32']], echo: ['void', ['ptr']], wide: ['i64', ['i64']] });
export type Unused = SandboxPtr;

// A bound function's result is Tainted, like invoke's.
// @expect TS2322
export const n: number = lib.add(1, 2);
