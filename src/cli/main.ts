// The rlbox command line: thin argument parsing over the library's stages.
import { readFileSync } from 'node:fs';
import { runBuild } from './build.js';

const USAGE = `usage: rlbox <command> [options]

commands:
  build    build a sandboxed library from C sources (rlbox build --help)
  wasm2c   translate a .wasm module to C (rlbox wasm2c --help)

options:
  -h, --help     show this help
  -V, --version  print the rlbox-ts version`;

function version(): string {
  const pkg = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      console.log(USAGE);
      return 0;
    case '-V':
    case '--version':
      console.log(`rlbox-ts ${version()}`);
      return 0;
    case 'build':
      return runBuild(rest);
    case 'wasm2c':
      return (await import('./wasm2c.js')).runWasm2c([...rest]);
    default:
      console.error(command.startsWith('-') ? `rlbox: unknown option '${command}' (see rlbox --help)` : `rlbox: unknown command '${command}' (see rlbox --help)`);
      return 2;
  }
}
