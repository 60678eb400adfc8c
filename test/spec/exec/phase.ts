// Phase 2 (execution through our wasm2c): placeholder until the harness generator lands.
import type { FileResult } from '../report.js';

export interface ExecOptions {
  readonly progress?: (line: string) => void;
}

export async function runExecPhase(_wastPaths: readonly string[], _opts: ExecOptions = {}): Promise<FileResult[]> {
  return [];
}
