import { sandboxSuite } from './suite.js';
import { wasm } from '../../src/sandbox/index.js';

// The library's prints are captured so they do not mix with the test reporter's output.
sandboxSuite({ kind: 'wasm', isolating: true, backend: (dir, o) => wasm(dir, { ...o, stdout: () => {}, stderr: () => {} }) });
