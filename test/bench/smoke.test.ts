// The benchmark's smoke mode: every variant of the quick workloads builds, runs, and computes the same
// checksums; the boundary measurements run on every backend. Nothing here is timed or compared against a
// threshold (figures from a shared machine with tiny sizes mean nothing).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..', '..');

interface SmokeJson {
  smoke: boolean;
  workloads: { name: string; checksumsAgree: boolean; variants: Record<string, { median: number }> }[];
  boundary: { backends: Record<string, { callNs: number; callbackNs: number; createDestroyUs: number }> } | null;
}

test('npm run bench:smoke builds and runs every variant with agreeing checksums', { timeout: 15 * 60 * 1000 }, () => {
  const results = mkdtempSync(join(tmpdir(), 'rlbox-bench-smoke-'));
  try {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke', '--jobs', '1', '--results', results], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, `bench --smoke failed:\n${r.stderr}\n${r.stdout}`);
    const file = readdirSync(results).find((f) => f.endsWith('.json'));
    assert.ok(file, 'a JSON result file was written');
    const json = JSON.parse(readFileSync(join(results, file), 'utf8')) as SmokeJson;
    assert.equal(json.smoke, true);
    assert.ok(json.workloads.length >= 2);
    for (const w of json.workloads) {
      assert.ok(w.checksumsAgree, `${w.name}: checksums agree`);
      for (const id of ['native-gcc', 'native-clang', 'rlbox-gcc', 'rlbox-clang', 'rlbox-bounds', 'wabt', 'node']) {
        assert.ok(w.variants[id] && w.variants[id].median > 0, `${w.name}: variant ${id} ran`);
      }
    }
    assert.ok(json.boundary, 'boundary costs were measured');
    for (const b of ['noop', 'wasm2c', 'wasm']) {
      const c = json.boundary.backends[b]!;
      assert.ok(c.callNs > 0 && c.callbackNs > 0 && c.createDestroyUs > 0, `boundary figures for ${b}`);
    }
    assert.match(r.stdout, /\| \*\*geomean\*\* \|/, 'the markdown table has a geomean row');
  } finally {
    rmSync(results, { recursive: true, force: true });
  }
});
