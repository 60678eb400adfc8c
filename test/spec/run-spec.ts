// The WebAssembly spec-testsuite runner: `npm run spec -- [options]`.
//
//   --filter <substr>   only the .wast files whose name contains <substr> (repeatable)
//   --verbose           print every failure/skip with its .wast line and the reason
//   --phase <p>         decode (decode/validate every module), exec (run every command through our wasm2c),
//                       or all (default)
//   --json <path>       where to write the JSON report (default test/spec/.out/report.json)
//   --cflags "<flags>"  extra cc flags for the runtime, generated code and harness (also $RLBOX_SPEC_CFLAGS)
//   --bounds-check      shorthand for --cflags -DWASM_RT_MEMCHECK_BOUNDS_CHECK=1 (the non-guard-page mode)
//   $CC                 the C compiler (default cc)
//
// The testsuite folder is $RLBOX_TESTSUITE or ../shared/testsuite. Exit status 1 when anything failed.

import { join } from 'node:path';
import { runDecodeValidatePhase } from './phases.js';
import { allPassed, buildJsonReport, formatFailures, formatTable, tally, addTally, writeJson, type FileResult, type Tally } from './report.js';
import { listWastFiles, outDir } from './wast.js';

interface Options {
  filters: string[];
  verbose: boolean;
  phase: 'decode' | 'exec' | 'all';
  json: string;
  cflags: string[];
}

function parseArgs(argv: readonly string[]): Options {
  const opts: Options = { filters: [], verbose: false, phase: 'all', json: join(outDir, 'report.json'), cflags: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--filter') opts.filters.push(value());
    else if (a === '--verbose' || a === '-v') opts.verbose = true;
    else if (a === '--phase') {
      const p = value();
      if (p !== 'decode' && p !== 'exec' && p !== 'all') throw new Error(`--phase must be decode, exec or all, not ${p}`);
      opts.phase = p;
    } else if (a === '--json') opts.json = value();
    else if (a === '--cflags') opts.cflags.push(value());
    else if (a === '--bounds-check') opts.cflags.push('-DWASM_RT_MEMCHECK_BOUNDS_CHECK=1');
    else if (a === '--help' || a === '-h') {
      console.log('usage: npm run spec -- [--filter <substr>]... [--verbose] [--phase decode|exec|all] [--json <path>] [--cflags <flags>] [--bounds-check]');
      process.exit(0);
    } else throw new Error(`unknown option ${a} (try --help)`);
  }
  return opts;
}

function selectFiles(filters: readonly string[]): string[] {
  const all = listWastFiles();
  return filters.length === 0 ? all : all.filter((f) => filters.some((s) => f.slice(f.lastIndexOf('/') + 1).includes(s)));
}

function summarize(title: string, results: readonly FileResult[], verbose: boolean): Tally {
  if (verbose) {
    const failures = formatFailures(results);
    if (failures !== '') console.log(`${title}: failures\n${failures}\n`);
  }
  console.log(formatTable(title, results));
  console.log('');
  return results.map((r) => tally(r.outcomes)).reduce(addTally, { passed: 0, failed: 0, skipped: 0, skippedText: 0 });
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.cflags.length > 0) process.env.RLBOX_SPEC_CFLAGS = [process.env.RLBOX_SPEC_CFLAGS ?? '', ...opts.cflags].join(' ').trim();
  const files = selectFiles(opts.filters);
  if (files.length === 0) {
    console.error('no .wast file matched');
    return 1;
  }
  const reports: unknown[] = [];
  let ok = true;
  if (opts.phase === 'decode' || opts.phase === 'all') {
    const results = await runDecodeValidatePhase(files);
    const t = summarize('decode/validate (binary modules)', results, opts.verbose);
    ok &&= allPassed(t);
    reports.push(buildJsonReport('decode-validate', results));
  }
  if (opts.phase === 'exec' || opts.phase === 'all') {
    const { runExecPhase } = await import('./exec/phase.js');
    const results = await runExecPhase(files, { progress: (line) => console.log(line) });
    const extra = process.env.RLBOX_SPEC_CFLAGS ? `, extra cflags: ${process.env.RLBOX_SPEC_CFLAGS}` : '';
    const t = summarize(`execution (non-SIMD files, our wasm2c + runtime${extra})`, results, opts.verbose);
    ok &&= allPassed(t);
    reports.push(buildJsonReport('exec', results));
  }
  writeJson(opts.json, reports);
  console.log(`JSON report: ${opts.json}`);
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  },
);
