// Hand-run sanity check of the decoder/validator against the spec testsuite (the official runner lives in
// test/spec). Usage: npx tsx test/decode/selfcheck-spec.ts [name-filter...]
// Converts each .wast with wast2json into a temp dir, then checks: `module` commands decode and validate,
// binary assert_malformed modules fail decoding, binary assert_invalid modules decode and fail validation.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tryDecodeModule } from '../../src/decode/index.js';
import { tryValidateModule } from '../../src/validate/index.js';
import { checkTypingInvariants } from '../validate/typing-invariants.js';

const suite = '/work/shared/testsuite';
const filters = process.argv.slice(2);
const files = readdirSync(suite)
  .filter((f) => f.endsWith('.wast'))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
const tmp = mkdtempSync(join(tmpdir(), 'selfcheck-'));
interface Tally { ok: number; bad: number }
const totals = { simd: { ok: 0, bad: 0 } as Tally, other: { ok: 0, bad: 0 } as Tally };
let decodeMs = 0;
for (const f of files) {
  const dir = join(tmp, f);
  execFileSync('mkdir', ['-p', dir]);
  try {
    execFileSync('wast2json', ['--enable-all', join(suite, f), '-o', join(dir, 'x.json')], { stdio: 'pipe' });
  } catch (e) {
    console.log(`${f}: wast2json failed`);
    continue;
  }
  const json = JSON.parse(readFileSync(join(dir, 'x.json'), 'utf8')) as { commands: any[] };
  const tally = f.startsWith('simd') ? totals.simd : totals.other;
  const failures: string[] = [];
  for (const c of json.commands) {
    let expect: 'ok' | 'malformed' | 'invalid';
    const validKinds = ['module', 'assert_uninstantiable', 'assert_unlinkable'];
    if (validKinds.includes(c.type) && c.filename?.endsWith('.wasm') && c.module_type !== 'text') expect = 'ok';
    else if ((c.type === 'assert_malformed' || c.type === 'assert_invalid') && c.module_type === 'binary') {
      expect = c.type === 'assert_malformed' ? 'malformed' : 'invalid';
    } else continue;
    const bytes = readFileSync(join(dir, c.filename));
    const t0 = performance.now();
    const d = tryDecodeModule(bytes);
    let got: string;
    let why = '';
    if (!d.ok) {
      got = 'malformed';
      why = d.error.message;
    } else {
      const v = tryValidateModule(d.value);
      got = v.ok ? 'ok' : 'invalid';
      if (!v.ok) why = v.error.message;
      else {
        try {
          checkTypingInvariants(d.value);
        } catch (e) {
          got = 'typing-broken';
          why = (e as Error).message;
        }
      }
    }
    decodeMs += performance.now() - t0;
    if (got === expect) tally.ok++;
    else {
      tally.bad++;
      failures.push(`  line ${c.line}: expected ${expect}${c.text ? ` (${c.text})` : ''}, got ${got} ${why}`);
    }
  }
  if (failures.length) console.log(`${f}: ${failures.length} failures\n${failures.slice(0, 8).join('\n')}`);
}
rmSync(tmp, { recursive: true, force: true });
console.log(`non-SIMD: ${totals.other.ok} ok, ${totals.other.bad} bad; SIMD: ${totals.simd.ok} ok, ${totals.simd.bad} bad; ${decodeMs.toFixed(0)} ms`);
