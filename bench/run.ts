// `npm run bench`: builds every workload in every variant, times them round by round, checks that all
// variants computed the same checksums, and prints the table (also written as JSON under bench/results/).
//   npm run bench -- [--smoke] [--rounds N] [--workloads a,b] [--variants a,b] [--no-boundary] [--no-tools]
//                    [--instructions] [--fresh] [--jobs N] [--results DIR]
// --instructions also counts the instructions executed inside bench_run under valgrind (exact, load-free).
// `npm run bench:smoke` is the tiny mode: small sizes, one round, the quick workloads; it checks that
// everything builds, runs and agrees, and its figures mean nothing.
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBoundaryBench, boundaryMarkdown, type BoundaryResults } from './lib/boundary.js';
import { countInstructions, type InstructionCounts } from './lib/instructions.js';
import { machineInfo } from './lib/machine.js';
import { checksumGroups, measure, summarize, type VariantSummary } from './lib/measure.js';
import { geomeanRow, instructionsMarkdown, markdownTable, withRatios, type WorkloadResult } from './lib/report.js';
import { measureToolCosts, toolCostsMarkdown, type ToolCosts } from './lib/tool-costs.js';
import { buildVariants, EXPERIMENTS, VARIANTS, type VariantId, type WorkloadBuild } from './lib/variants.js';
import { resolveWorkload, SMOKE_WORKLOADS, WORKLOADS } from './lib/workloads.js';

const benchDir = dirname(fileURLToPath(import.meta.url));
const cacheDir = join(benchDir, '.cache');

interface Options {
  smoke: boolean;
  rounds: number;
  workloads: string[];
  variants: VariantId[];
  boundary: boolean;
  tools: boolean;
  instructions: boolean;
  fresh: boolean;
  jobs: number;
  resultsDir: string;
}

const USAGE = `usage: npm run bench -- [--smoke] [--rounds N] [--workloads ${WORKLOADS.map((w) => w.name).join(',')}]
       [--variants ${[...VARIANTS, ...EXPERIMENTS].join(',')}] [--no-boundary] [--no-tools] [--instructions] [--fresh] [--jobs N]
       [--results DIR]`;

function parseArgs(argv: readonly string[]): Options {
  const smoke = argv.includes('--smoke');
  const o: Options = {
    smoke,
    rounds: smoke ? 1 : 5,
    workloads: smoke ? [...SMOKE_WORKLOADS] : WORKLOADS.map((w) => w.name),
    variants: [...VARIANTS],
    boundary: true,
    tools: !smoke,
    instructions: false,
    fresh: false,
    jobs: availableParallelism(),
    // Smoke figures mean nothing: keep them out of the committed results.
    resultsDir: smoke ? join(cacheDir, 'results') : join(benchDir, 'results'),
  };
  const list = (s: string | undefined, what: string, allowed: readonly string[]) => {
    if (s === undefined) throw new Error(`${what} needs a value`);
    const xs = s.split(',').filter((x) => x !== '');
    for (const x of xs) if (!allowed.includes(x)) throw new Error(`unknown ${what} '${x}' (one of ${allowed.join(', ')})`);
    return xs;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--smoke') continue;
    else if (a === '--rounds') o.rounds = Number(argv[++i]);
    else if (a === '--workloads') o.workloads = list(argv[++i], 'workload', WORKLOADS.map((w) => w.name));
    else if (a === '--variants') o.variants = list(argv[++i], 'variant', [...VARIANTS, ...EXPERIMENTS]) as VariantId[];
    else if (a === '--no-boundary') o.boundary = false;
    else if (a === '--no-tools') o.tools = false;
    else if (a === '--tools') o.tools = true;
    else if (a === '--instructions') o.instructions = true;
    else if (a === '--fresh') o.fresh = true;
    else if (a === '--jobs') o.jobs = Number(argv[++i]);
    else if (a === '--results') o.resultsDir = argv[++i] ?? '';
    else if (a === '-h' || a === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option '${a}'\n${USAGE}`);
  }
  if (!Number.isInteger(o.rounds) || o.rounds < 1) throw new Error('--rounds must be a positive integer');
  if (!Number.isInteger(o.jobs) || o.jobs < 1) throw new Error('--jobs must be a positive integer');
  // The ratio column is relative to native gcc: always measure it.
  if (!o.variants.includes('native-gcc')) o.variants.unshift('native-gcc');
  return o;
}

const log = (line: string) => process.stderr.write(line + '\n');

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const machine = await machineInfo();
  log(`rlbox-ts bench${o.smoke ? ' (smoke: tiny sizes, figures meaningless)' : ''}: ${o.workloads.join(', ')}; ` +
      `${o.rounds} round(s); ${machine.cpu}, ${machine.cores} cores, load ${machine.loadAverage.join(' ')}`);

  const results: WorkloadResult[] = [];
  const builds = new Map<string, WorkloadBuild>();
  let failures = 0;
  for (const name of o.workloads) {
    const w = WORKLOADS.find((x) => x.name === name)!;
    try {
      log(`${name}: fetching sources and building ${o.variants.length} variants`);
      const resolved = await resolveWorkload(w, benchDir, cacheDir);
      const build = await buildVariants(
        { benchDir, workDir: join(cacheDir, 'build', name), jobs: o.jobs, log },
        resolved, o.variants, o.fresh,
      );
      builds.set(name, build);
      const sizes = o.smoke ? w.smoke : w.full;
      log(`${name}: timing bench_run(${sizes.size}) after bench_run(${sizes.warmup}), ${o.rounds} round(s)`);
      const samples = await measure(build.variants, sizes, o.rounds, (s) =>
        log(`  round ${s.round + 1} ${s.variant.padEnd(12)} ${s.seconds.toFixed(3)} s (cpu ${s.cpuSeconds.toFixed(3)} s)  ${s.checksum}`),
      );
      const groups = checksumGroups(samples);
      const agree = groups.size === 1;
      if (!agree) {
        failures++;
        log(`${name}: CHECKSUMS DISAGREE: ${[...groups].map(([k, ids]) => `${k} from ${[...ids].join(',')}`).join('; ')}`);
      }
      const summaries: Partial<Record<VariantId, VariantSummary>> = {};
      const cpuSummaries: Partial<Record<VariantId, VariantSummary>> = {};
      for (const id of o.variants) {
        summaries[id] = summarize(samples, id, 'seconds');
        cpuSummaries[id] = summarize(samples, id, 'cpuSeconds');
      }
      let instructions: InstructionCounts | undefined;
      if (o.instructions) {
        instructions = {};
        const isizes = o.smoke ? w.smoke : w.instructions;
        for (const v of build.variants) {
          const n = await countInstructions(v, name, isizes);
          if (n !== null) instructions[v.id] = n;
          log(`  instructions ${v.id.padEnd(12)} ${n === null ? 'n/a' : n.toLocaleString('en-US')} in bench_run(${isizes.size})`);
        }
      }
      results.push({
        name, description: w.description, size: sizes.size, warmup: sizes.warmup,
        checksum: samples[0]!.checksum, checksumsAgree: agree, variants: withRatios(summaries), cpu: withRatios(cpuSummaries),
        ...(instructions ? { instructions } : {}),
      });
    } catch (e) {
      // One broken workload must not throw away the others' figures: report it and go on.
      failures++;
      log(`${name}: FAILED: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  let boundary: BoundaryResults | null = null;
  if (o.boundary) {
    log('boundary costs: building bench/boundary/boundary.c');
    try {
      boundary = await runBoundaryBench({ benchDir, cacheDir, smoke: o.smoke, rounds: o.rounds, log });
    } catch (e) {
      failures++;
      log(`boundary costs: FAILED: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  let tools: ToolCosts | null = null;
  const sqliteBuild = builds.get('sqlite');
  if (o.tools && sqliteBuild) {
    log('tool costs: translating and compiling sqlite.wasm');
    try {
      tools = await measureToolCosts({ benchDir, cacheDir, wasm: sqliteBuild.wasm, build: sqliteBuild, rounds: o.smoke ? 1 : 3, log });
    } catch (e) {
      failures++;
      log(`tool costs: FAILED: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  const table = markdownTable(results, o.variants);
  const command = `npm run bench${process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''}`;
  const minutes = (performance.now() - started) / 60000;
  const out = [
    `## rlbox-ts benchmarks, ${machine.date.slice(0, 16).replace('T', ' ')} UTC${o.smoke ? ' (SMOKE: tiny sizes, not figures)' : ''}`,
    '',
    `\`${command}\` on ${machine.cpu} (${machine.cores} cores), load average ${machine.loadAverage.join(' ')} at start, ` +
      `${loadavg().map((x) => x.toFixed(2)).join(' ')} at end; ${machine.gcc}; ${machine.clang}; ${machine.wabt}; Node ${machine.node}.`,
    `Median of ${o.rounds} round(s) of seconds per timed call (ratio to native gcc), ± half the min-max spread. ` +
      'Wall-clock first (what the issue asks for), then CPU time of the same calls (on a loaded machine it leaves out ' +
      'the waits for a core).',
    '',
    table,
    '',
    markdownTable(results, o.variants, 'cpu'),
    ...(o.instructions ? ['', instructionsMarkdown(results, o.variants)] : []),
    ...(boundary ? ['', boundaryMarkdown(boundary)] : []),
    ...(tools ? ['', toolCostsMarkdown(tools)] : []),
    '',
    `Total time ${minutes.toFixed(1)} min.`,
  ].join('\n');
  console.log(out);

  await mkdir(o.resultsDir, { recursive: true });
  const stamp = machine.date.replace(/[:]/g, '-').replace(/\..*$/, '');
  const json = {
    command, smoke: o.smoke, rounds: o.rounds, machine, loadAverageAtEnd: loadavg(), minutes,
    workloads: results, geomean: geomeanRow(results, o.variants), geomeanCpu: geomeanRow(results, o.variants, 'cpu'),
    boundary, tools,
  };
  const base = join(o.resultsDir, `${o.smoke ? 'smoke-' : ''}${stamp}`);
  await writeFile(`${base}.json`, JSON.stringify(json, null, 2) + '\n');
  await writeFile(`${base}.md`, out + '\n');
  log(`results written to ${base}.json and .md`);
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
