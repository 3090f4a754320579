import { describe, expect, it } from "vitest";
import { createReadCache } from "../../src/storage/kysely/read-cache.js";

// The cache rules on their own (storage/kysely/read-cache.ts); the storage contract suites run every
// repository behaviour through it on both engines (test/storage/*contract*).

function counter<T>(values: T[]) {
  let reads = 0;
  return {
    load: async () => values[Math.min(reads++, values.length - 1)],
    reads: () => reads,
  };
}

describe("read cache", () => {
  it("serves a value until its TTL passes, and never keeps a miss", async () => {
    let now = 0;
    const cache = createReadCache({ ttlMs: 2_000, cacheSigningKeys: false, now: () => now });
    const source = counter([{ v: 1 }, { v: 2 }]);
    expect(await cache.read("k", source.load)).toEqual({ v: 1 });
    now = 999;
    expect(await cache.read("k", source.load)).toEqual({ v: 1 });
    expect(source.reads()).toBe(1);
    now = 2_000;
    expect(await cache.read("k", source.load)).toEqual({ v: 2 });
    expect(source.reads()).toBe(2);
    const missing = counter<undefined>([undefined]);
    await cache.read("gone", missing.load);
    await cache.read("gone", missing.load);
    expect(missing.reads()).toBe(2);
  });

  it("reads a busy entry again in the background past half its TTL, so it never expires under readers", async () => {
    let now = 0;
    const cache = createReadCache({ ttlMs: 2_000, cacheSigningKeys: false, now: () => now });
    const source = counter([{ v: 1 }, { v: 2 }, { v: 3 }]);
    expect(await cache.read("k", source.load)).toEqual({ v: 1 });
    now = 1_500;
    // Still the cached value (no wait), while the next one loads.
    expect(await cache.read("k", source.load)).toEqual({ v: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(source.reads()).toBe(2);
    now = 2_400; // past the first entry's TTL, early in the refreshed one's
    expect(await cache.read("k", source.load)).toEqual({ v: 2 });
    expect(source.reads()).toBe(2);
    now = 5_000; // nobody read in between: the refreshed entry expired, so this read waits for the source
    expect(await cache.read("k", source.load)).toEqual({ v: 3 });
    expect(source.reads()).toBe(3);
  });

  it("makes one load for concurrent readers of a missing key, but none joins a load a write overlapped", async () => {
    const cache = createReadCache({ ttlMs: 2_000, cacheSigningKeys: false, now: () => 0 });
    let loads = 0;
    const releases: Array<() => void> = [];
    const load = () =>
      new Promise<{ n: number }>((resolve) => {
        const n = ++loads;
        releases.push(() => resolve({ n }));
      });
    const first = [cache.read("k", load), cache.read("k", load), cache.read("k", load)];
    expect(loads).toBe(1);
    cache.invalidate(); // a write: later readers must not get the load that started before it
    const after = cache.read("k", load);
    expect(loads).toBe(2);
    for (const release of releases) release();
    expect(await Promise.all(first)).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }]);
    expect(await after).toEqual({ n: 2 });
    expect(await cache.read("k", load)).toEqual({ n: 2 });
    expect(loads).toBe(2);
  });

  it("drops everything on a write and on another connection's commit", async () => {
    let version = 7;
    const cache = createReadCache({
      ttlMs: Number.POSITIVE_INFINITY,
      externalVersion: () => version,
      cacheSigningKeys: true,
    });
    const source = counter([{ v: 1 }, { v: 2 }, { v: 3 }]);
    expect(await cache.read("k", source.load)).toEqual({ v: 1 });
    expect(await cache.read("k", source.load)).toEqual({ v: 1 });
    cache.invalidate();
    expect(await cache.read("k", source.load)).toEqual({ v: 2 });
    version = 8;
    expect(await cache.read("k", source.load)).toEqual({ v: 3 });
    expect(await cache.read("k", source.load)).toEqual({ v: 3 });
    expect(source.reads()).toBe(3);
  });

  it("does not keep a read that a write overlapped", async () => {
    const cache = createReadCache({ ttlMs: Number.POSITIVE_INFINITY, cacheSigningKeys: false });
    let release: () => void = () => {};
    const slow = cache.read("k", async () => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return { v: "old" };
    });
    cache.invalidate(); // a write starts while the read is in flight
    release();
    expect(await slow).toEqual({ v: "old" });
    expect(await cache.read("k", async () => ({ v: "new" }))).toEqual({ v: "new" });
  });

  it("freezes what it shares, and evicts the oldest entry past its bound", async () => {
    const cache = createReadCache({
      ttlMs: Number.POSITIVE_INFINITY,
      cacheSigningKeys: false,
      maxEntries: 2,
    });
    const value = await cache.read("a", async () => ({ settings: { list: [1] } }));
    expect(Object.isFrozen(value?.settings.list)).toBe(true);
    expect(() => value?.settings.list.push(2)).toThrow(TypeError);
    await cache.read("b", async () => ({ v: "b" }));
    await cache.read("c", async () => ({ v: "c" }));
    const again = counter([{ settings: { list: [9] } }]);
    expect(await cache.read("a", again.load)).toEqual({ settings: { list: [9] } });
    expect(again.reads()).toBe(1);
  });
});
