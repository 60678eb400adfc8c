import { Tainted, type Sandbox, type SandboxPtr } from '../../../src/sandbox/index.js';
declare const sb: Sandbox;
declare const t: Tainted<number>;
void sb; void t;

// Callback arguments arrive Tainted: a callback typed as taking a plain number is refused.
// @expect TS2345
export const cb = sb.registerCallback((x: number) => x, ['i32', ['i32']]);
