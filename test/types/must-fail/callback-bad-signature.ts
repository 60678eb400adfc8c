import { Tainted, type Sandbox, type SandboxPtr } from '../../../src/sandbox/index.js';
declare const sb: Sandbox;
declare const t: Tainted<number>;
void sb; void t;

// Signatures are data with a fixed vocabulary of types.
// @expect TS2322
export const cb = sb.registerCallback(() => 0, ['i32', ['int']]);
