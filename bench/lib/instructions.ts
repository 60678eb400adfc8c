// Instruction counts: a load-independent view of the generated code's cost. On a shared machine (30% spread
// from run to run is common) timings need many rounds; the number of instructions executed inside bench_run,
// counted by valgrind's callgrind, is exact and repeatable. It is not time (a load from a segment register,
// a mispredicted branch and a cache miss all count as one), so it complements the timed table, never replaces it.
import { exec } from './exec.js';
import type { BuiltVariant, VariantId } from './variants.js';
import type { Sizes } from './workloads.js';

/** The C symbol each host calls, so that only the library's own work is counted. */
function entrySymbol(v: BuiltVariant, workload: string): string | null {
  if (v.id === 'native-gcc' || v.id === 'native-clang') return 'bench_run';
  if (v.id === 'wabt') return 'Z_benchZ_bench_run';
  if (v.id === 'node') return null;  // JIT-compiled code: valgrind cannot attribute it
  return `w2c_${workload}_bench_run`;
}

async function collected(v: BuiltVariant, symbol: string, size: number, warmup: number): Promise<number> {
  const r = await exec([
    'valgrind', '--tool=callgrind', `--toggle-collect=${symbol}`, '--callgrind-out-file=/dev/null',
    ...v.command, String(size), String(warmup),
  ]);
  // "==pid== Collected : 123456" is the count of the toggled region.
  const m = /Collected\s*:\s*(\d+)/.exec(r.stderr);
  if (!m) throw new Error(`${v.id}: callgrind printed no instruction count:\n${r.stderr.slice(-2000)}`);
  return Number(m[1]);
}

/**
 * Instructions executed by bench_run(size) beyond bench_run(1), or null when not measurable: the count inside
 * both calls (warm-up, then size) minus the same with size 1, so that one-time work of the first call
 * (generating the input document, say) and the fixed cost of a call cancel out.
 */
export async function countInstructions(v: BuiltVariant, workload: string, sizes: Sizes): Promise<number | null> {
  const symbol = entrySymbol(v, workload);
  if (symbol === null) return null;
  const full = await collected(v, symbol, sizes.size, sizes.warmup);
  const empty = await collected(v, symbol, 1, sizes.warmup);
  return full - empty;
}

export type InstructionCounts = Partial<Record<VariantId, number>>;
