import { availableParallelism } from "node:os";
import { hash, parseOptions, verify } from "@node-rs/argon2";
import type { PasswordHasher } from "../../ports/password-hasher.js";
import { limitConcurrency } from "../../shared/limit-concurrency.js";

// argon2id with OWASP's first recommended setting (19 MiB, 2 passes, 1 lane) unless configured otherwise.
// The password is hashed as its UTF-8 bytes with no normalisation and no truncation (argon2 takes any
// length), the same bytes the SRP verifier is built from.

export interface Argon2Parameters {
  /** KiB. */
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

export const OWASP_ARGON2ID: Argon2Parameters = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

// @node-rs/argon2 declares these as const enums, which isolatedModules cannot read (and the runtime
// object is empty), so the numeric values are spelled out.
const ARGON2ID = 2;
const VERSION_0X13 = 1;
const OUTPUT_BYTES = 32;

/**
 * `maxConcurrentHashes` defaults to the cores this process may run on (availableParallelism follows the
 * CPU affinity): more concurrent hashes than cores make each one slower (bench: +13% per hash with 4 on
 * one core) and take libuv pool threads the rest of the server needs.
 */
export function createArgon2PasswordHasher(
  parameters: Argon2Parameters = OWASP_ARGON2ID,
  maxConcurrentHashes = availableParallelism(),
): PasswordHasher {
  const options = { ...parameters, algorithm: ARGON2ID, version: VERSION_0X13, outputLen: OUTPUT_BYTES };
  const inTurn = limitConcurrency(maxConcurrentHashes);
  return {
    hash: (password) => inTurn(() => hash(password, options)),
    async verify(phc, password) {
      if (!phc.startsWith("$argon2")) return false;
      return inTurn(() => verify(phc, password));
    },
    needsRehash(phc) {
      try {
        const stored = parseOptions(phc);
        return (
          stored.algorithm !== ARGON2ID ||
          stored.version !== VERSION_0X13 ||
          stored.memoryCost !== parameters.memoryCost ||
          stored.timeCost !== parameters.timeCost ||
          stored.parallelism !== parameters.parallelism ||
          stored.outputLen !== OUTPUT_BYTES
        );
      } catch {
        return true;
      }
    },
  };
}
