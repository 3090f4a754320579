/**
 * The cryptographic building blocks the SRP engine needs. The domain imports no modules, so these are
 * passed in; integrations/crypto/modexp.ts implements them with OpenSSL (node:crypto).
 */
export interface SrpPrimitives {
  sha256(data: Uint8Array): Uint8Array;
  hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array;
  /** g^exponent mod N (g = 2, N the 3072-bit group prime). */
  powG(exponent: bigint): bigint;
  /** base^exponent mod N, for any base (it is reduced mod N first). */
  modPowN(base: bigint, exponent: bigint): bigint;
  /** Constant-time equality; false when the lengths differ. */
  equalBytes(a: Uint8Array, b: Uint8Array): boolean;
}
