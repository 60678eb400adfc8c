// Entry points shared by the CLI and the node:test files.

import { checkDecodeValidate } from './decode-validate.js';
import type { FileResult } from './report.js';
import { loadFrontEnd } from './stages.js';
import { convertWast } from './wast.js';

export async function runDecodeValidatePhase(wastPaths: readonly string[]): Promise<FileResult[]> {
  const front = await loadFrontEnd();
  return wastPaths.map((p) => {
    const wast = convertWast(p);
    return { file: wast.name, outcomes: checkDecodeValidate(front, wast) };
  });
}
