/**
 * Runs at most `limit` of the given tasks at a time, the rest in arrival order. CPU-bound work on the
 * libuv pool (argon2) runs no faster with more jobs than cores: the extra jobs only share the cores and
 * their caches, so every hash takes longer.
 */
export function limitConcurrency(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency limit ${limit} must be ≥ 1`);
  let running = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running < limit) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      release();
    }
  };
}
