import { Tainted, type Sandbox, type SandboxPtr } from '../../../src/sandbox/index.js';
declare const sb: Sandbox;
declare const t: Tainted<number>;
void sb; void t;

// invoke() takes numbers, bigints, pointers, tainted values and callbacks, not strings (write them first).
// @expect TS2345
export const r = sb.invoke('echo', 'hi');
