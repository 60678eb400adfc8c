// Test helper: assemble WebAssembly text with wabt's wat2wasm (on PATH) into a module binary.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function wat(text: string, options: { check?: boolean } = {}): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'wat-'));
  try {
    const input = join(dir, 'm.wat');
    const output = join(dir, 'm.wasm');
    writeFileSync(input, text);
    const args = [input, '-o', output];
    if (options.check === false) args.push('--no-check');
    execFileSync('wat2wasm', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    return new Uint8Array(readFileSync(output));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A minimal module binary from raw section bytes: header + the given bytes. */
export function moduleBytes(...sections: number[][]): Uint8Array {
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...sections.flat()]);
}
