// The one test suite every backend runs. Backends that isolate (wasm2c, wasm) also run the misbehaviour tests;
// noop cannot survive them by design (a wild write or exit() there is the process's own).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import koffi from 'koffi';
import {
  createSandbox,
  createSandboxSync,
  Sandbox,
  SandboxArgumentError,
  SandboxBoundsError,
  SandboxTrapError,
  SandboxUnusableError,
  Tainted,
  type BackendFactory,
  type BackendOptions,
  type TrapKind,
} from '../../src/sandbox/index.js';
import { buildFixture, TESTLIB_FUNCTIONS } from './fixtures.js';

export interface SuiteConfig {
  readonly kind: 'noop' | 'wasm2c' | 'wasm';
  /** What the suite is called (default: `<kind> backend`). */
  readonly label?: string;
  /** Makes the backend factory for a build directory. */
  readonly backend: (dir: string, options: BackendOptions) => BackendFactory;
  /** True when the backend contains traps (everything but noop). */
  readonly isolating: boolean;
  /** Build directory to use instead of the default fixture build (e.g. one made by the build driver). */
  readonly dir?: string;
  /** Tests known to fail on this backend, by name fragment, with the reason (reported as TODO, not failure). */
  readonly knownGaps?: Readonly<Record<string, string>>;
}

const id = <T>(v: T): T => v;

export function sandboxSuite(cfg: SuiteConfig): void {
  const dir = cfg.dir ?? buildFixture('testlib');
  const todo = (name: string): { todo?: string } => {
    const hit = Object.entries(cfg.knownGaps ?? {}).find(([k]) => name.includes(k));
    return hit ? { todo: hit[1] } : {};
  };
  const open = (): Sandbox => createSandboxSync(cfg.backend(dir, { functions: TESTLIB_FUNCTIONS }));
  const using = (body: (sb: Sandbox) => void) => () => {
    const sb = open();
    try {
      body(sb);
    } finally {
      sb.destroy();
    }
  };

  describe(`sandbox API on the ${cfg.label ?? `${cfg.kind} backend`}`, () => {
    test('createSandbox (async) gives a working sandbox of the requested kind', async () => {
      const sb = await createSandbox(cfg.backend(dir, { functions: TESTLIB_FUNCTIONS }));
      assert.equal(sb.kind, cfg.kind);
      assert.equal(sb.invoke('add', 3, 4).copyAndVerify(id), 7);
      sb.destroy();
    });

    test('values of every type cross the boundary', using((sb) => {
      assert.equal(sb.invoke('add', 0xffffffff, 2).copyAndVerify(id), 1);
      assert.equal(sb.invoke('negate', 5).copyAndVerify(id), -5);
      assert.equal(sb.invoke<bigint>('mul64', 1n << 40n, 3).copyAndVerify(id), 3n << 40n);
      assert.equal(sb.invoke<bigint>('mul64', -7, 6n).copyAndVerify(id), -42n);
      assert.equal(sb.invoke<bigint>('max_u64').copyAndVerify(id), 2n ** 64n - 1n);
      assert.equal(sb.invoke('fadd', 1.5, 2.25).copyAndVerify(id), 3.75);
      assert.equal(sb.invoke('half', 5).copyAndVerify(id), 2.5);
      assert.equal(sb.invoke('big_u32').copyAndVerify(id), 4000000000);
      assert.equal(sb.invoke<undefined>('to_upper', sb.newString('x')).copyAndVerify(id), undefined);
    }));

    test('a Tainted result opens only through a verifier', using((sb) => {
      const t = sb.invoke('add', 3, 4);
      assert.ok(t instanceof Tainted);
      assert.throws(() => +(t as unknown as number), TypeError);
      assert.throws(() => `${t as unknown as string}`, TypeError);
      assert.throws(() => (t as unknown as number) < 10, TypeError);
      assert.throws(() => JSON.stringify({ t }), TypeError);
      assert.throws(() => String(t), TypeError);
      assert.throws(() => t.unverifiedSafeBecause(''), TypeError);
      assert.equal(t.unverifiedSafeBecause('the test only prints it'), 7);
      const verified = t.copyAndVerify((v) => {
        if (v >= 10) throw new Error('out of range');
        return v;
      });
      assert.equal(verified, 7);
      assert.throws(() => sb.invoke('add', 8, 4).copyAndVerify((v) => { if (v >= 10) throw new RangeError('too big'); return v; }), RangeError);
    }));

    test('bind() gives typed methods checked against the library', using((sb) => {
      const lib = sb.bind(TESTLIB_FUNCTIONS);
      assert.equal(lib.add(3, 4).copyAndVerify(id), 7);
      assert.equal(lib.big_u32().copyAndVerify(id), 4000000000);
      assert.equal(lib.mul64(6n, -7n).copyAndVerify(id), -42n);
      const p = sb.newString('bound');
      lib.to_upper(p);
      assert.equal(lib.dup_string(p).copyAndVerifyString(id, 10), 'BOUND');
      const cb = sb.registerCallback((x) => x.copyAndVerify(id) + 1, ['i32', ['i32']]);
      assert.equal(lib.call_int_cb(cb, 1).copyAndVerify(id), 3);
      assert.throws(() => (lib.add as (...a: unknown[]) => unknown)(1), SandboxArgumentError);
      assert.throws(() => sb.bind({ add: ['i64', ['u32', 'u32']] }), (e: unknown) => e instanceof SandboxArgumentError && /does not agree/.test(e.message));
      assert.throws(() => sb.bind({ add: ['u32', ['u32']] }), SandboxArgumentError);
      assert.throws(() => sb.bind({ nope: ['void', []] }), (e: unknown) => e instanceof SandboxArgumentError && /no function 'nope'/.test(e.message));
    }));

    test('wrong arguments are refused before the call, and the sandbox stays usable', using((sb) => {
      assert.throws(() => sb.invoke('add', 1), (e: unknown) => e instanceof SandboxArgumentError && /takes 2 arguments/.test(e.message));
      assert.throws(() => sb.invoke('add', 1, 'x' as unknown as number), SandboxArgumentError);
      assert.throws(() => sb.invoke('add', 1, 2 ** 32), SandboxArgumentError);
      assert.throws(() => sb.invoke('add', 1, 1.5), SandboxArgumentError);
      assert.throws(() => sb.invoke('add', 1, 2n), SandboxArgumentError);
      assert.throws(() => sb.invoke('half', 1n), SandboxArgumentError);
      assert.throws(() => sb.invoke('mul64', 2n ** 64n, 1n), SandboxArgumentError);
      assert.throws(() => sb.invoke('str_len', -1), SandboxArgumentError);
      assert.throws(() => sb.invoke('no_such_function'), (e: unknown) => e instanceof SandboxArgumentError && /no function 'no_such_function'/.test(e.message));
      assert.throws(() => sb.invoke('call_int_cb', ((x: number) => x) as never, 1), SandboxArgumentError);
      assert.equal(sb.invoke('add', 1, 2).copyAndVerify(id), 3);
    }));

    test('strings go in with newString/writeString/strncpy and come out with copyAndVerifyString', using((sb) => {
      const p = sb.newString('héllo wörld');
      assert.equal(sb.invoke('str_len', p).copyAndVerify(id), 13);
      sb.invoke('to_upper', p);
      assert.equal(sb.read(p, 'ptr').unverifiedSafeBecause('read back only to compare'), sb.read(p, 'ptr').unverifiedSafeBecause('same'));
      const buf = sb.mallocInSandbox<'char'>(8);
      assert.equal(sb.writeString(buf, 'abc', 8), 4);
      assert.throws(() => sb.writeString(buf, 'too long for eight', 8), SandboxBoundsError);
      assert.equal(sb.strncpy(buf, 'abcdefghijk', 8), 8);
      assert.equal(sb.invoke('str_len', buf).copyAndVerify(id), 7);
      assert.equal(sb.strncpy(buf, 'ééééé', 8), 7); // cut at a character boundary
      const back = sb.invoke('dup_string', buf);
      assert.equal(back.copyAndVerifyString(id, 100), 'ééé');
      sb.freeInSandbox(back);
      assert.equal(sb.invoke('greeting').copyAndVerifyString((s) => s.toUpperCase(), 64), 'HELLO, HOST');
      assert.throws(() => sb.invoke('greeting').copyAndVerifyString(id, 5), SandboxBoundsError);
      assert.throws(() => sb.invoke('not_terminated').copyAndVerifyString(id, 10), SandboxBoundsError);
      sb.freeInSandbox(buf);
      sb.freeInSandbox(p);
    }));

    test('arrays: memcpy in, copyAndVerifyRange out, typed reads and writes', using((sb) => {
      const n = 6;
      const arr = sb.mallocInSandbox<'int'>(4 * n);
      sb.memcpy(arr, new Int32Array([1, 2, 3, 4, 5, -6]));
      assert.equal(sb.invoke('sum_array', arr, n).copyAndVerify(id), 9);
      sb.invoke('fill_squares', arr, n);
      const squares = sb.read(arr, 'ptr'); // any tainted pointer-sized value works as a pointer argument too
      void squares;
      const copy = sb.readBytes(arr, 4 * n).copyAndVerify((b) => [...new Int32Array(b.buffer)]);
      assert.deepEqual(copy, [0, 1, 4, 9, 16, 25]);
      const viaPtr = sb.invoke('dup_string', sb.newString('xyz'));
      assert.deepEqual(viaPtr.copyAndVerifyRange((b) => [...b], 4), [120, 121, 122, 0]);
      sb.write(arr, 'i32', -2);
      sb.write(arr + 4, 'u16', 0xbeef);
      sb.write(arr + 8, 'f64', 0.25);
      assert.equal(sb.read(arr, 'i32').copyAndVerify(id), -2);
      assert.equal(sb.read(arr, 'u32').copyAndVerify(id), 0xfffffffe);
      assert.equal(sb.read(arr + 4, 'u16').copyAndVerify(id), 0xbeef);
      assert.equal(sb.read(arr + 8, 'f64').copyAndVerify(id), 0.25);
      sb.write(arr + 16, 'u64', 2n ** 63n);
      assert.equal(sb.read(arr + 16, 'u64').copyAndVerify(id), 2n ** 63n);
      assert.equal(sb.read(arr + 16, 'i64').copyAndVerify(id), -(2n ** 63n));
      const range = sb.invoke('dup_string', sb.newString('abcd'));
      assert.deepEqual([...range.copyAndVerifyRange(id, 2, 'u16')], [0x6261, 0x6463]);
      assert.throws(() => sb.write(arr, 'u8', 256), SandboxArgumentError);
      assert.throws(() => sb.read(0, 'i32'), SandboxBoundsError);
      assert.throws(() => sb.memcpy(0, new Uint8Array(1)), SandboxBoundsError);
      sb.freeInSandbox(arr);
    }));

    test('callbacks receive Tainted arguments and their results go back in', using((sb) => {
      let seen: unknown;
      const cb = sb.registerCallback((x) => {
        seen = x;
        return x.copyAndVerify((v) => v * 10);
      }, ['i32', ['i32']]);
      assert.equal(sb.invoke('call_int_cb', cb, 4).copyAndVerify(id), 41);
      assert.ok(seen instanceof Tainted);
      assert.equal(sb.invoke('call_twice', cb, 3).copyAndVerify(id), 300);

      const got: string[] = [];
      const strCb = sb.registerCallback((s) => {
        got.push(s.copyAndVerifyString((v) => v, 100));
      }, ['void', ['ptr']]);
      sb.invoke('call_str_cb', strCb);
      assert.deepEqual(got, ['from the sandbox']);

      const wide = sb.registerCallback((a, d) => a.copyAndVerify(id) + BigInt(d.copyAndVerify((v) => v * 4)), ['i64', ['i64', 'f64']]);
      assert.equal(sb.invoke<bigint>('call_i64_cb', wide, 1n << 40n).copyAndVerify(id), ((1n << 40n) + 2n) * 2n);

      const made: number[] = [];
      const ptrCb = sb.registerCallback((n) => {
        const p = sb.newString('#'.repeat(n.copyAndVerify(id)));
        made.push(p);
        return p;
      }, ['ptr', ['i32']]);
      assert.equal(sb.invoke('call_ptr_cb', ptrCb).copyAndVerifyString(id, 10), '#####');
      for (const p of made) sb.freeInSandbox(p);
    }));

    test('a callback may call back into the sandbox (re-entrancy)', using((sb) => {
      const cb = sb.registerCallback((x) => {
        const inner = sb.registerCallback((y) => y.copyAndVerify(id) * 2, ['i32', ['i32']]);
        const r = sb.invoke('call_int_cb', inner, x.copyAndVerify(id)).copyAndVerify(id);
        inner.unregister();
        return sb.invoke('add', r, 100).copyAndVerify(id);
      }, ['i32', ['i32']]);
      // call_int_cb(cb, 5) = cb(5) + 1 = (call_int_cb(inner, 5) + 100) + 1 = (10 + 1 + 100) + 1
      assert.equal(sb.invoke('call_int_cb', cb, 5).copyAndVerify(id), 112);
    }));

    test('deep but finite recursion works, also from inside a callback', using((sb) => {
      assert.equal(sb.invoke('depth_sum', 3000).copyAndVerify(id), 4501500);
      const cb = sb.registerCallback((n) => sb.invoke('depth_sum', n.copyAndVerify(id)).copyAndVerify(id), ['i32', ['i32']]);
      assert.equal(sb.invoke('call_int_cb', cb, 2000).copyAndVerify(id), 2001001);
    }));

    test('unregister() frees the slot for reuse and makes the handle unusable', using((sb) => {
      const a = sb.registerCallback((x) => x.copyAndVerify(id), ['i32', ['i32']]);
      assert.equal(sb.invoke('call_int_cb', a, 1).copyAndVerify(id), 2);
      a.unregister();
      assert.equal(a.registered, false);
      assert.throws(() => sb.invoke('call_int_cb', a, 1), (e: unknown) => e instanceof SandboxArgumentError && /unregistered/.test(e.message));
      const b = sb.registerCallback((x) => x.copyAndVerify(id) + 1, ['i32', ['i32']]);
      assert.equal(sb.invoke('call_int_cb', b, 1).copyAndVerify(id), 3);
      for (let i = 0; i < 50; i++) sb.registerCallback((x) => x.copyAndVerify(id), ['i32', ['i32']]).unregister();
      const other = open();
      const foreign = other.registerCallback((x) => x.copyAndVerify(id), ['i32', ['i32']]);
      assert.throws(() => sb.invoke('call_int_cb', foreign, 1), (e: unknown) => e instanceof SandboxArgumentError && /different sandbox/.test(e.message));
      other.destroy();
    }));

    test('a callback may unregister itself while it runs (one-shot callbacks)', using((sb) => {
      let calls = 0;
      const once = sb.registerCallback((x) => {
        calls++;
        once.unregister();
        return x.copyAndVerify(id) * 3;
      }, ['i32', ['i32']]);
      assert.equal(sb.invoke('call_int_cb', once, 5).copyAndVerify(id), 16);
      assert.equal(calls, 1);
      assert.equal(once.registered, false);
      const next = sb.registerCallback((x) => x.copyAndVerify(id), ['i32', ['i32']]);
      assert.equal(sb.invoke('call_twice', next, 9).copyAndVerify(id), 9);
    }));

    test('a callback that throws ends the call with a callback_error trap carrying the error', () => {
      const sb = open();
      const boom = new Error('boom');
      const cb = sb.registerCallback(() => {
        throw boom;
      }, ['i32', ['i32']]);
      assert.throws(
        () => sb.invoke('call_int_cb', cb, 1),
        (e: unknown) => e instanceof SandboxTrapError && e.kind === 'callback_error' && e.cause === boom && /boom/.test(e.message),
      );
      assert.equal(sb.poisoned, true);
      assert.throws(() => sb.invoke('add', 1, 2), SandboxUnusableError);
      sb.destroy();
    });

    test('a Tainted value from one sandbox cannot be passed to another', () => {
      const a = open();
      const b = open();
      const pa = a.invoke('greeting');
      assert.throws(() => b.invoke('str_len', pa), (e: unknown) => e instanceof SandboxArgumentError && /different sandbox/.test(e.message));
      assert.throws(() => b.writeString(pa, 'x'), SandboxArgumentError);
      assert.equal(a.invoke('str_len', pa).copyAndVerify(id), 11);
      a.destroy();
      b.destroy();
    });

    test('the host sees memory the library grows', using((sb) => {
      const big = 8 * 1024 * 1024;
      const p = sb.mallocInSandbox(big);
      sb.write(p + big - 4, 'u32', 0xdeadbeef);
      assert.equal(sb.read(p + big - 4, 'u32').copyAndVerify(id), 0xdeadbeef);
      sb.freeInSandbox(p);
    }));

    test('destroy() releases the callbacks still registered', () => {
      const before = koffi.stats().callbacks;
      const sb = open();
      const cbs = Array.from({ length: 20 }, () => sb.registerCallback((x) => x.copyAndVerify(id), ['i32', ['i32']]));
      sb.destroy();
      assert.ok(cbs.every((c) => !c.registered));
      assert.equal(koffi.stats().callbacks, before);
    });

    test('destroy() is idempotent and ends all use', () => {
      const sb = open();
      const cb = sb.registerCallback((x) => x.copyAndVerify(id), ['i32', ['i32']]);
      sb.destroy();
      sb.destroy();
      assert.equal(cb.registered, false);
      assert.throws(() => sb.invoke('add', 1, 2), (e: unknown) => e instanceof SandboxUnusableError && /destroyed/.test(e.message));
      assert.throws(() => sb.mallocInSandbox(4), SandboxUnusableError);
    });

    test('missing build output is a clear load error', async () => {
      await assert.rejects(createSandbox(cfg.backend('/nonexistent/build', {})), /does not exist/);
    });

    if (!cfg.isolating) return;

    test('host reads and writes are bounds-checked against the sandbox memory', using((sb) => {
      assert.throws(() => sb.read(0x7ffffff0, 'u8'), SandboxBoundsError);
      assert.throws(() => sb.memcpy(0xfffffff0, new Uint8Array(32)), SandboxBoundsError);
      assert.throws(() => sb.writeString(0xffffffff, 'x'), SandboxBoundsError);
      const p = sb.mallocInSandbox(4);
      assert.throws(() => sb.readBytes(p, 2 ** 31).copyAndVerify(id), SandboxBoundsError);
      assert.equal(sb.invoke('add', 1, 1).copyAndVerify(id), 2);
    }));

    test('two sandboxes have separate memories', () => {
      const a = open();
      const b = open();
      const pa = a.newString('in a');
      const pb = b.newString('in b');
      assert.equal(pa, pb, 'same allocator, same first address');
      a.invoke('to_upper', pa);
      assert.equal(b.invoke('dup_string', pb).copyAndVerifyString(id, 10), 'in b');
      a.destroy();
      b.destroy();
    });

    test('the library cannot open files', using((sb) => {
      assert.equal(sb.invoke('open_passwd').copyAndVerify(id), 0);
    }));

    const traps: ReadonlyArray<readonly [string, readonly number[], readonly TrapKind[]]> = [
      ['oob_write', [], ['oob']],
      ['oob_read_far', [], ['oob']],
      ['recurse', [0], ['exhaustion', 'oob']],
      ['do_abort', [], ['unreachable']],
      ['call_null', [], ['call_indirect']],
      ['div_by', [1, 0], ['div_by_zero']],
      ['do_exit', [3], ['exit']],
    ];
    for (const [fn, args, kinds] of traps) {
      test(`${fn}() traps as ${kinds.join('/')}; the host survives and the sandbox is poisoned`, todo(fn), () => {
        const sb = open();
        let trap: SandboxTrapError | undefined;
        try {
          sb.invoke(fn, ...args);
        } catch (e) {
          if (!(e instanceof SandboxTrapError)) throw e;
          trap = e;
        }
        assert.ok(trap, `${fn}() returned instead of trapping`);
        assert.ok(kinds.includes(trap.kind), `kind ${trap.kind}`);
        assert.equal(trap.functionName, fn);
        assert.match(trap.message, /unusable.*createSandbox/);
        if (fn === 'do_exit') assert.equal(trap.exitCode, 3);
        assert.equal(sb.poisoned, true);
        assert.throws(() => sb.invoke('add', 1, 2), (e: unknown) => e instanceof SandboxUnusableError && e.trap === trap);
        assert.throws(() => sb.newString('x'), SandboxUnusableError);
        sb.destroy();
        const fresh = open();
        assert.equal(fresh.invoke('add', 2, 2).copyAndVerify(id), 4);
        fresh.destroy();
      });
    }

    test('a callback of the wrong type traps as call_indirect when the library calls it', () => {
      const sb = open();
      const wrong = sb.registerCallback((x) => x.copyAndVerify(id), ['i32', ['i32']]);
      assert.throws(() => sb.invoke('call_str_cb', wrong), (e: unknown) => e instanceof SandboxTrapError && e.kind === 'call_indirect');
      sb.destroy();
    });

    test('a trap inside a re-entrant call poisons the sandbox and ends the outer call too', using((sb) => {
      const cb = sb.registerCallback(() => sb.invoke('div_by', 1, 0).copyAndVerify(id), ['i32', ['i32']]);
      assert.throws(() => sb.invoke('call_int_cb', cb, 1), (e: unknown) => e instanceof SandboxTrapError && e.kind === 'div_by_zero');
      assert.equal(sb.poisoned, true);
      const sb2 = open();
      const swallow = sb2.registerCallback(() => {
        try {
          sb2.invoke('do_abort');
        } catch {
          /* the callback hides the trap, but the outer call must still end */
        }
        return 0;
      }, ['i32', ['i32']]);
      assert.throws(() => sb2.invoke('call_int_cb', swallow, 1), (e: unknown) => e instanceof SandboxTrapError && e.kind === 'unreachable');
      sb2.destroy();
      const sb3 = open(); // a fault (signal) rather than an explicit trap, two entries deep
      const faulty = sb3.registerCallback(() => sb3.invoke('oob_write').copyAndVerify(() => 0), ['i32', ['i32']]);
      assert.throws(() => sb3.invoke('call_int_cb', faulty, 1), (e: unknown) => e instanceof SandboxTrapError && e.kind === 'oob');
      sb3.destroy();
      const after = open();
      assert.equal(after.invoke('add', 1, 1).copyAndVerify(id), 2);
      after.destroy();
    }));
  });
}
