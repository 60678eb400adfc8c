import { Tainted, type Sandbox, type SandboxPtr } from '../../../src/sandbox/index.js';
declare const sb: Sandbox;
declare const t: Tainted<number>;
void sb; void t;

// copyAndVerifyString is only for tainted pointers (numbers), not for other tainted values.
declare const s: Tainted<string>;
// @expect TS2684
export const str = s.copyAndVerifyString((v) => v, 10);
