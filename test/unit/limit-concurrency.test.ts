import { describe, expect, it } from "vitest";
import { limitConcurrency } from "../../src/shared/limit-concurrency.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("limitConcurrency", () => {
  it("runs at most `limit` tasks at once, the waiting ones in arrival order", async () => {
    const inTurn = limitConcurrency(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 7 }, (_, index) =>
        inTurn(async () => {
          started.push(index);
          running++;
          most = Math.max(most, running);
          await tick();
          running--;
          return index * 10;
        }),
      ),
    );
    expect(results).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("frees the slot of a task that fails", async () => {
    const inTurn = limitConcurrency(1);
    const failing = inTurn(async () => {
      await tick();
      throw new Error("boom");
    });
    const next = inTurn(async () => "ran");
    await expect(failing).rejects.toThrow("boom");
    await expect(next).resolves.toBe("ran");
    await expect(inTurn(async () => "again")).resolves.toBe("again");
  });

  it("refuses a limit below one", () => {
    expect(() => limitConcurrency(0)).toThrow(RangeError);
    expect(() => limitConcurrency(1.5)).toThrow(RangeError);
  });
});
