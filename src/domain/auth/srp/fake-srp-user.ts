import { bigIntFromBytes, padHex } from "./srp-group.js";
import type { SrpPrimitives } from "./srp-primitives.js";

// With PreventUserExistenceErrors=ENABLED an unknown username must get a PASSWORD_VERIFIER challenge
// that looks like a real one and stays the same on every attempt. Rules:
// - everything is an HMAC of (pool id, username) under a server secret, so it is stable across calls and
//   restarts and unguessable without the secret;
// - the salt has the same form as computeVerifier's (padHex of 16 bytes) and the verifier is g^x for a
//   256-bit x, like a real one, so SALT and SRP_B have the real distributions;
// - USER_ID_FOR_SRP is UUID-shaped (version 4 layout), as for pools whose usernames are generated subs.
// No password matches the fake verifier's x in practice, so the proof step then fails as it should.

export interface FakeSrpUser {
  userIdForSrp: string;
  saltHex: string;
  verifierHex: string;
}

function uuidFromBytes(bytes: Uint8Array): string {
  const b = Buffer.from(bytes.subarray(0, 16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = b.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function fakeSrpUser(
  primitives: SrpPrimitives,
  input: { serverSecret: Uint8Array; poolId: string; username: string },
): FakeSrpUser {
  const { serverSecret, poolId, username } = input;
  if (serverSecret.length < 16) throw new RangeError("the server secret must have at least 16 bytes");
  // JSON keeps the fields unambiguous whatever characters they contain.
  const derive = (label: string) =>
    primitives.hmacSha256(
      serverSecret,
      Buffer.from(JSON.stringify(["cognate-fake-srp-user", label, poolId, username]), "utf8"),
    );
  const x = bigIntFromBytes(derive("verifier"));
  return {
    userIdForSrp: uuidFromBytes(derive("user-id")),
    saltHex: padHex(bigIntFromBytes(derive("salt").subarray(0, 16))),
    verifierHex: padHex(primitives.powG(x)),
  };
}
