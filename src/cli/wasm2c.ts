// `rlbox wasm2c in.wasm -o out.wasm.c [-n name]`: decode, validate and translate one module to C.

import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { decodeModule } from '../decode/index.js';
import { validateModule } from '../validate/index.js';
import { WasmError } from '../wasm/errors.js';
import { defaultModuleName, emitCSplit, UnsupportedFeatureError } from '../emit-c/index.js';

const USAGE = `usage: rlbox wasm2c <in.wasm> -o <out.wasm.c> [-n <module-name>]

Translates a WebAssembly module to C: writes <out.wasm.c> and the header next to it (<out>.wasm.h, or <out>.h
when the output does not end in .wasm.c). The module name defaults to the name section's module name
(with a leading $), else the input file's base name.

options:
  -o, --output <file>       the .c file to write (default: <in>.c)
  -n, --module-name <name>  the module name used in C symbols (w2c_<name>_...)
  --num-outputs <n>         split the C source into n files (<out>, <out>_1, ...) to compile in parallel
  -h, --help                show this help`;

interface Args {
  input?: string;
  output?: string;
  name?: string;
  outputs: number;
  help: boolean;
}

function parseArgs(argv: readonly string[]): Args | string {
  const args: Args = { help: false, outputs: 1 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === '-h' || a === '--help') args.help = true;
      else if (a === '-o' || a === '--output') args.output = value();
      else if (a.startsWith('--output=')) args.output = a.slice('--output='.length);
      else if (a === '-n' || a === '--module-name') args.name = value();
      else if (a.startsWith('--module-name=')) args.name = a.slice('--module-name='.length);
      else if (a === '--num-outputs' || a.startsWith('--num-outputs=')) {
        const v = a === '--num-outputs' ? value() : a.slice('--num-outputs='.length);
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1 || n > 1000) return `--num-outputs needs a whole number from 1 to 1000, not '${v}'`;
        args.outputs = n;
      } else if (a.startsWith('-') && a !== '-') return `unknown option '${a}'`;
      else if (args.input === undefined) args.input = a;
      else return `unexpected argument '${a}'`;
    } catch (e) {
      return (e as Error).message;
    }
  }
  return args;
}

/** The i-th output file of a split source: `x.wasm.c` -> `x_1.wasm.c` (the first one keeps its name). */
export function splitOutputPath(output: string, i: number): string {
  if (i === 0) return output;
  const m = /(\.wasm)?\.c$/.exec(output);
  return m ? `${output.slice(0, m.index)}_${i}${m[0]}` : `${output}_${i}`;
}

/** The header path for an output .c path: `x.wasm.c` -> `x.wasm.h`, `x.c` -> `x.h`. */
export function headerPathFor(output: string): string {
  return output.endsWith('.c') ? output.slice(0, -2) + '.h' : output + '.h';
}

export async function runWasm2c(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    console.error(`rlbox wasm2c: ${args} (try --help)`);
    return 1;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (args.input === undefined) {
    console.error('rlbox wasm2c: no input file (try --help)');
    return 1;
  }
  const input = args.input;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(input);
  } catch (e) {
    console.error(`rlbox wasm2c: ${input}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
    return 1;
  }
  const output = args.output ?? input.replace(/\.wasm$/, '') + '.wasm.c';
  const header = headerPathFor(output);
  try {
    const module = decodeModule(bytes);
    validateModule(module);
    const name = args.name ?? defaultModuleName(module, input);
    const { header: h, sources } = emitCSplit(module, { moduleName: name, headerName: basename(header), outputs: args.outputs });
    for (let i = 0; i < sources.length; i++) await writeFile(splitOutputPath(output, i), sources[i]!);
    await writeFile(header, h);
    return 0;
  } catch (e) {
    if (e instanceof WasmError) {
      console.error(`rlbox wasm2c: ${input}: ${e.kind}: ${e.reason} at 0x${e.offset.toString(16)}`);
      return 1;
    }
    if (e instanceof UnsupportedFeatureError) {
      console.error(`rlbox wasm2c: ${input}: unsupported: ${e.reason} at 0x${e.offset.toString(16)}`);
      return 1;
    }
    const errno = e as NodeJS.ErrnoException;
    if (typeof errno.code === 'string' && errno.path !== undefined) {
      console.error(`rlbox wasm2c: cannot write ${errno.path}: ${errno.code}`);
      return 1;
    }
    throw e;
  }
}
