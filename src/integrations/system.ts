import { randomBytes, randomUUID } from "node:crypto";
import type { Clock } from "../ports/clock.js";
import type { RandomSource } from "../ports/random.js";

export const systemClock = (): Clock => ({ now: () => new Date() });

export const cryptoRandom = (): RandomSource => ({
  bytes: (length) => new Uint8Array(randomBytes(length)),
  uuid: () => randomUUID(),
});
