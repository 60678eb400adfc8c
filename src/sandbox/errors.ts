// Errors of the sandbox API. Each says what happened and what to do about it.

/**
 * How a sandboxed call went wrong. Kinds mirror the wasm2c runtime's trap codes; `exit` is the library calling
 * `exit()`/`proc_exit`, `callback_error` a host callback that threw while the library was running.
 */
export type TrapKind =
  | 'oob'
  | 'unreachable'
  | 'exhaustion'
  | 'exit'
  | 'call_indirect'
  | 'int_overflow'
  | 'div_by_zero'
  | 'invalid_conversion'
  | 'null_ref'
  | 'unaligned'
  | 'uncaught_exception'
  | 'callback_error'
  | 'oom'
  | 'unknown';

const TRAP_TEXT: Readonly<Record<TrapKind, string>> = {
  oob: 'out-of-bounds memory or table access',
  unreachable: 'unreachable code executed (abort() or a failed check in the library)',
  exhaustion: 'call stack exhausted (runaway recursion)',
  exit: 'the library called exit()',
  call_indirect: 'indirect call through a null or mistyped function pointer',
  int_overflow: 'integer overflow',
  div_by_zero: 'integer division by zero',
  invalid_conversion: 'invalid conversion of a float to an integer',
  null_ref: 'null reference',
  unaligned: 'unaligned atomic access',
  uncaught_exception: 'uncaught wasm exception',
  callback_error: 'a host callback threw while the library was running',
  oom: 'the host could not give the sandbox the memory or table space it asked for',
  unknown: 'unknown trap',
};

/** Base class of every error the sandbox API throws on purpose. */
export class SandboxError extends Error {
  override name = 'SandboxError';
}

/**
 * The library trapped (or exited) during a call. The host is unharmed, but the library's state is unknown, so
 * the sandbox refuses further use: destroy it and create a new one.
 */
export class SandboxTrapError extends SandboxError {
  override name = 'SandboxTrapError';
  /** What went wrong. */
  readonly kind: TrapKind;
  /** For `kind === 'exit'`: the status the library passed to exit(). */
  readonly exitCode: number | undefined;
  /** The sandbox function that was running (the outermost call). */
  readonly functionName: string;

  constructor(kind: TrapKind, functionName: string, opts: { exitCode?: number; cause?: unknown; detail?: string } = {}) {
    const what = kind === 'exit' ? `the library called exit(${opts.exitCode ?? '?'})` : TRAP_TEXT[kind];
    const detail = opts.detail ? ` (${opts.detail})` : '';
    super(
      `sandbox trapped in ${functionName}(): ${what}${detail}. The sandbox is now unusable: ` +
        `destroy() it and create a new one with createSandbox().`,
      opts.cause !== undefined ? { cause: opts.cause } : undefined,
    );
    this.kind = kind;
    this.exitCode = opts.exitCode;
    this.functionName = functionName;
  }
}

/** The sandbox was destroyed, or trapped earlier; it cannot be used any more. */
export class SandboxUnusableError extends SandboxError {
  override name = 'SandboxUnusableError';
  /** The trap that poisoned the sandbox, when that is the reason. */
  readonly trap: SandboxTrapError | undefined;
  constructor(operation: string, trap?: SandboxTrapError) {
    super(
      trap
        ? `cannot ${operation}: the sandbox trapped earlier (${trap.kind} in ${trap.functionName}()) and is ` +
            `unusable; destroy() it and create a new one with createSandbox().`
        : `cannot ${operation}: the sandbox was destroyed; create a new one with createSandbox().`,
    );
    this.trap = trap;
  }
}

/** The host tried to read or write outside the sandbox's memory (an untrusted pointer, or a length too large). */
export class SandboxBoundsError extends SandboxError {
  override name = 'SandboxBoundsError';
}

/** Wrong arguments for a sandbox function or API call (count, type, range), detected before anything ran. */
export class SandboxArgumentError extends TypeError {
  override name = 'SandboxArgumentError';
}

/** The build directory does not hold what a backend needs, or the library could not be loaded. */
export class SandboxLoadError extends SandboxError {
  override name = 'SandboxLoadError';
}
