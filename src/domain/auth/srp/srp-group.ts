// The SRP-6a group and encodings exactly as amazon-cognito-identity-js and Amplify compute them:
// - N is the RFC 3526 3072-bit MODP prime, g = 2, k = H(padHex(N) ‖ padHex(g)) (a constant; the tests
//   recompute it and compare with the client's).
// - padHex is Java BigInteger.toByteArray() in hex (even length, a leading 00 when the top bit is set),
//   not RFC 5054 fixed-width padding; every hash input goes through it.

const N_HEX =
  "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD" +
  "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED" +
  "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F" +
  "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B" +
  "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510" +
  "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7" +
  "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C" +
  "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF";

export const SRP_N: bigint = BigInt(`0x${N_HEX}`);
export const SRP_G = 2n;
export const SRP_K: bigint = 0x538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6n;

/** Hex of a non-negative integer in Java BigInteger.toByteArray() style. */
export function padHex(value: bigint): string {
  if (value < 0n) throw new RangeError("padHex expects a non-negative integer");
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  return /^[89a-f]/.test(hex) ? `00${hex}` : hex;
}

export function bigIntFromHex(hex: string): bigint {
  return hex.length === 0 ? 0n : BigInt(`0x${hex}`);
}

export function bigIntFromBytes(bytes: Uint8Array): bigint {
  return bigIntFromHex(Buffer.from(bytes).toString("hex"));
}

/** Minimal big-endian bytes (empty for zero), as OpenSSL takes a BIGNUM. */
export function bytesFromBigInt(value: bigint): Uint8Array {
  if (value === 0n) return new Uint8Array(0);
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 === 1 ? `0${hex}` : hex, "hex");
}
