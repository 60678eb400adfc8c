#!/usr/bin/env node
// The `rlbox` command. The TypeScript sources are compiled to dist/ by `npm ci` (the `prepare` script).
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`rlbox: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
