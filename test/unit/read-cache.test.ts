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
    now = 1_999;
    expect(await cache.read("k", source.load)).toEqual({ v: 1 });
    expect(source.reads()).toBe(1);
    now = 2_000;
    expect(await cache.read("k", source.load)).toEqual({ v: 2 });
    const missing = counter<undefined>([undefined]);
    await cache.read("gone", missing.load);
    await cache.read("gone", missing.load);
    expect(missing.reads()).toBe(2);
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
