/**
 * The SQLite engine's methods made to fail as the PostgreSQL engine's do. better-sqlite3 throws
 * from wherever a statement is prepared or run, so rather than a try in every method the engine
 * hands out its store through this proxy.
 */
import { PeelError } from '../errors.js';
import type { PeelStore } from './store.js';

/**
 * The SQLite engine's failures (a full disk, a locked or damaged file) as one line naming the file,
 * the method and SQLite's reason, as the PostgreSQL engine's are: the log and the user's apology
 * get that line, never a driver's stack.
 */
export function oneLineErrors(store: PeelStore): PeelStore {
  // each method is wrapped once, on first use, not on every call
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function' || key === 'constructor') return value;
      if (!wrapped.has(key)) {
        wrapped.set(key, async (...args: unknown[]) => {
          try {
            return await (value as (...a: unknown[]) => unknown).apply(target, args);
          } catch (err) {
            if (err instanceof PeelError) throw err;
            throw new PeelError('STORE_FAILED', `Store: ${target.where}: ${String(key)} failed: ${(err as Error).message}`, { cause: err });
          }
        });
      }
      return wrapped.get(key);
    },
  });
}
