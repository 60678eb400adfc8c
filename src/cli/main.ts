// The rlbox command line: thin argument parsing over the library's stages.

export async function main(argv: readonly string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
    console.log('usage: rlbox <command> [options]\n\ncommands:\n  build    build a sandboxed library from C sources\n  wasm2c   translate a .wasm module to C');
    return 0;
  }
  console.error(`rlbox: unknown command '${argv[0]}' (try --help)`);
  return 1;
}
