import { Tainted, type Sandbox, type SandboxPtr } from '../../../src/sandbox/index.js';
declare const sb: Sandbox;
declare const t: Tainted<number>;
void sb; void t;
const lib = sb.bind({ add: ['u32', ['u32', 'u32']], echo: ['void', ['ptr']], wide: ['i64', ['i64']] });
export type Unused = SandboxPtr;

// A bound function's parameters are typed by its signature.
// @expect TS2345
export const r = lib.add('3', 4);
