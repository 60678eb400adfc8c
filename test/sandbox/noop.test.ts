import { sandboxSuite } from './suite.js';
import { noop } from '../../src/sandbox/index.js';

sandboxSuite({ kind: 'noop', isolating: false, backend: noop });
