// Runs the rlbox command from the TypeScript sources (`node --import tsx src/cli/rlbox.ts ...`), as
// bin/rlbox.js does from dist/: used by the tests and during development without a build.
import { main } from './main.js';

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`rlbox: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
