// Calling koffi functions from the backends.

export type KoffiFn = (...args: unknown[]) => unknown;

/** Calls without spreading for the common arities (spreading into a koffi function costs about 100 ns). */
export function callSpread(f: KoffiFn, args: readonly unknown[], first?: unknown): unknown {
  if (first === undefined) {
    switch (args.length) {
      case 0: return f();
      case 1: return f(args[0]);
      case 2: return f(args[0], args[1]);
      case 3: return f(args[0], args[1], args[2]);
      case 4: return f(args[0], args[1], args[2], args[3]);
      default: return f(...args);
    }
  }
  switch (args.length) {
    case 0: return f(first);
    case 1: return f(first, args[0]);
    case 2: return f(first, args[0], args[1]);
    case 3: return f(first, args[0], args[1], args[2]);
    case 4: return f(first, args[0], args[1], args[2], args[3]);
    default: return f(first, ...args);
  }
}
