import { createDiffieHellman, createHash, createHmac, timingSafeEqual } from "node:crypto";
import { bigIntFromBytes, bytesFromBigInt, SRP_G, SRP_N } from "../../domain/auth/srp/srp-group.js";
import type { SrpPrimitives } from "../../domain/auth/srp/srp-primitives.js";

// The SRP engine's primitives on OpenSSL. Modular exponentiation goes through a DiffieHellman object over
// (N, g): with the exponent as its private key, generateKeys() gives g^e and computeSecret(base) gives
// base^e (OpenSSL's constant-time Montgomery code; about 6x faster than a BigInt square-and-multiply
// loop here, and that loop would leak timing).
// OpenSSL refuses the public values 0, 1 and N-1 (and anything ≥ N-1), so those bases are answered
// here; every other base is reduced mod N first.

const N_BYTES = bytesFromBigInt(SRP_N);
const G_BYTES = bytesFromBigInt(SRP_G);

function groupWithExponent(exponent: bigint) {
  if (exponent < 0n) throw new RangeError("the exponent must be non-negative");
  const group = createDiffieHellman(N_BYTES, G_BYTES);
  group.setPrivateKey(bytesFromBigInt(exponent));
  return group;
}

export function powG(exponent: bigint): bigint {
  if (exponent === 0n) return 1n;
  return bigIntFromBytes(groupWithExponent(exponent).generateKeys());
}

export function modPowN(base: bigint, exponent: bigint): bigint {
  const reduced = ((base % SRP_N) + SRP_N) % SRP_N;
  if (exponent === 0n) return 1n;
  if (reduced === 0n || reduced === 1n) return reduced;
  if (reduced === SRP_N - 1n) return exponent % 2n === 0n ? 1n : reduced;
  return bigIntFromBytes(groupWithExponent(exponent).computeSecret(bytesFromBigInt(reduced)));
}

export function createOpenSslSrpPrimitives(): SrpPrimitives {
  return {
    sha256: (data) => createHash("sha256").update(data).digest(),
    hmacSha256: (key, data) => createHmac("sha256", key).update(data).digest(),
    powG,
    modPowN,
    equalBytes: (a, b) => a.length === b.length && timingSafeEqual(a, b),
  };
}
