import { fakeSrpUser } from "./fake-srp-user.js";
import { bigIntFromBytes, bigIntFromHex, padHex, SRP_K, SRP_N } from "./srp-group.js";
import type { SrpPrimitives } from "./srp-primitives.js";
import { parseSrpTimestamp } from "./srp-timestamp.js";

// The server half of Cognito's SRP (reference §4). Rules:
// - x = H(padHex(salt) ‖ H(poolName ‖ userIdForSrp ‖ ":" ‖ password)), v = g^x; the salt is sent as hex.
// - B = (k·v + g^b) mod N with b chosen by the caller (randomness stays outside the domain).
// - SRP_A must satisfy 0 < A < N (clients never send more; A mod N = 0 would force S = 0).
// - u = H(padHex(A) ‖ padHex(B)) must not be 0; S = (A·v^u)^b; K = HKDF(salt = padHex(u), ikm = padHex(S),
//   info = "Caldera Derived Key")[0..16].
// - signature = HMAC(K, poolName ‖ userIdForSrp ‖ secretBlock bytes ‖ TIMESTAMP), compared in constant time.
// - TIMESTAMP must parse and lie within maxClockSkewSeconds of now.
// Device SRP is the same math with poolName → DeviceGroupKey and userIdForSrp → DeviceKey.

const DERIVED_KEY_INFO = Buffer.concat([Buffer.from("Caldera Derived Key", "utf8"), Buffer.from([1])]);
const MIN_PRIVATE_B_BYTES = 32;
const MAX_SRP_A_HEX_DIGITS = 1024;
export const DEFAULT_SRP_CLOCK_SKEW_SECONDS = 15 * 60;

export interface SrpVerifier {
  /** The SALT challenge parameter (hex). */
  saltHex: string;
  /** The verifier v to store (sealed) with the user or device. */
  verifierHex: string;
}

/** Whatever the server must remember between issuing SRP_B and checking the proof (seal it). */
export interface SrpServerState {
  verifierHex: string;
  privateBHex: string;
  /** B; absent in a resumed session, which carries u instead. */
  publicBHex?: string;
  /**
   * u = H(padHex(A) ‖ padHex(B)), computed when B was issued for that A (startServerSession with srpA):
   * remembering it (32 bytes) spares recomputing B, a full modexp, when the proof arrives.
   */
  scramblerHex?: string;
}

export interface SrpServerSession {
  /** The SRP_B challenge parameter (hex, unpadded as the clients send SRP_A). */
  srpB: string;
  state: SrpServerState;
}

export type SrpProofCheck =
  | "ok"
  | "invalid-srp-a"
  | "invalid-timestamp"
  | "stale-timestamp"
  | "bad-signature";

interface ProofFields {
  state: SrpServerState;
  /** SRP_A as the client sent it (hex). */
  srpA: string;
  /** PASSWORD_CLAIM_SECRET_BLOCK as received (base64); the caller checks it is the block it issued. */
  secretBlock: string;
  /** TIMESTAMP as received. */
  timestamp: string;
  /** PASSWORD_CLAIM_SIGNATURE as received (base64). */
  signature: string;
  now: Date;
  maxClockSkewSeconds?: number;
}

export interface UserProofInput extends ProofFields {
  /** The part of the pool id after "_". */
  poolName: string;
  userIdForSrp: string;
}

export interface DeviceProofInput extends ProofFields {
  deviceGroupKey: string;
  deviceKey: string;
}

export interface SrpEngine {
  /** v for a password, computed whenever the server sees the plaintext (sign-up, password changes). */
  computeVerifier(input: {
    poolName: string;
    userIdForSrp: string;
    password: string;
    salt: Uint8Array;
  }): SrpVerifier;
  /**
   * B for a stored verifier; `b` is the caller's random private value (≥ 32 bytes, 128 usual). With the
   * client's `srpA` (when valid), the state also carries u for resumeServerSession.
   */
  startServerSession(input: { verifierHex: string; b: Uint8Array; srpA?: string }): SrpServerSession;
  /** The state again from what startServerSession gave (b and u, kept sealed by the caller): no modexp. */
  resumeServerSession(input: { verifierHex: string; b: Uint8Array; scramblerHex: string }): SrpServerState;
  /** PASSWORD_VERIFIER: "ok", or why the proof fails (for logs; the client only learns it failed). */
  checkClientProof(input: UserProofInput): SrpProofCheck;
  verifyClientProof(input: UserProofInput): boolean;
  /** DEVICE_PASSWORD_VERIFIER: "ok", or why the proof fails. */
  checkDeviceProof(input: DeviceProofInput): SrpProofCheck;
  verifyDeviceProof(input: DeviceProofInput): boolean;
  /** The stable simulated user for an unknown username (PreventUserExistenceErrors). */
  fakeSrpUser(input: { serverSecret: Uint8Array; poolId: string; username: string }): SrpVerifier & {
    userIdForSrp: string;
  };
}

/** SRP_A as a number, or undefined when it is not hex or not in 1..N-1. */
export function parseSrpA(srpA: string): bigint | undefined {
  if (srpA.length > MAX_SRP_A_HEX_DIGITS || !/^[0-9a-fA-F]+$/.test(srpA)) return undefined;
  const a = bigIntFromHex(srpA);
  return a > 0n && a < SRP_N ? a : undefined;
}

/**
 * Reads ConfirmDevice's DeviceSecretVerifierConfig (base64 Salt and PasswordVerifier, computed by the
 * client). Returns undefined when either is empty or the verifier is not in 1..N-1.
 */
export function deviceVerifierFromConfig(config: {
  salt: string;
  passwordVerifier: string;
}): SrpVerifier | undefined {
  const salt = Buffer.from(config.salt, "base64");
  const verifier = bigIntFromBytes(Buffer.from(config.passwordVerifier, "base64"));
  if (salt.length === 0 || verifier <= 0n || verifier >= SRP_N) return undefined;
  return { saltHex: salt.toString("hex"), verifierHex: padHex(verifier) };
}

export function createSrpEngine(primitives: SrpPrimitives): SrpEngine {
  const { sha256, hmacSha256, powG, modPowN, equalBytes } = primitives;
  const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
  const hash = (text: string) => hex(sha256(Buffer.from(text, "utf8")));
  const hexHash = (hexText: string) => hex(sha256(Buffer.from(hexText, "hex")));

  const scrambler = (a: bigint, publicB: bigint) => bigIntFromHex(hexHash(padHex(a) + padHex(publicB)));

  function deriveKey(s: bigint, u: bigint): Uint8Array {
    const prk = hmacSha256(Buffer.from(padHex(u), "hex"), Buffer.from(padHex(s), "hex"));
    return hmacSha256(prk, DERIVED_KEY_INFO).subarray(0, 16);
  }

  function checkProof(fields: ProofFields, saltName: string, userName: string): SrpProofCheck {
    const issuedAt = parseSrpTimestamp(fields.timestamp);
    if (!issuedAt) return "invalid-timestamp";
    const skewMs = (fields.maxClockSkewSeconds ?? DEFAULT_SRP_CLOCK_SKEW_SECONDS) * 1000;
    if (Math.abs(fields.now.getTime() - issuedAt.getTime()) > skewMs) return "stale-timestamp";

    const a = parseSrpA(fields.srpA);
    if (a === undefined) return "invalid-srp-a";
    const { publicBHex, scramblerHex } = fields.state;
    const u =
      publicBHex !== undefined
        ? scrambler(a, bigIntFromHex(publicBHex))
        : scramblerHex !== undefined
          ? bigIntFromHex(scramblerHex)
          : 0n;
    if (u === 0n) return "invalid-srp-a";

    const v = bigIntFromHex(fields.state.verifierHex);
    const s = modPowN((a * modPowN(v, u)) % SRP_N, bigIntFromHex(fields.state.privateBHex));
    const message = Buffer.concat([
      Buffer.from(saltName, "utf8"),
      Buffer.from(userName, "utf8"),
      Buffer.from(fields.secretBlock, "base64"),
      Buffer.from(fields.timestamp, "utf8"),
    ]);
    const expected = hmacSha256(deriveKey(s, u), message);
    return equalBytes(Buffer.from(fields.signature, "base64"), expected) ? "ok" : "bad-signature";
  }

  const engine: SrpEngine = {
    computeVerifier({ poolName, userIdForSrp, password, salt }) {
      const saltHex = padHex(bigIntFromBytes(salt));
      const x = bigIntFromHex(hexHash(saltHex + hash(`${poolName}${userIdForSrp}:${password}`)));
      return { saltHex, verifierHex: padHex(powG(x)) };
    },
    startServerSession({ verifierHex, b: privateB, srpA }) {
      if (privateB.length < MIN_PRIVATE_B_BYTES) {
        throw new RangeError(`b must have at least ${MIN_PRIVATE_B_BYTES} bytes`);
      }
      const b = bigIntFromBytes(privateB);
      const publicB = (SRP_K * bigIntFromHex(verifierHex) + powG(b)) % SRP_N;
      // Probability ~2^-256 or less; the caller retries with another b.
      if (b === 0n || publicB === 0n) throw new RangeError("b yields an unusable B; draw another");
      const a = srpA === undefined ? undefined : parseSrpA(srpA);
      const u = a === undefined ? 0n : scrambler(a, publicB);
      return {
        srpB: publicB.toString(16),
        state: {
          verifierHex,
          privateBHex: padHex(b),
          publicBHex: padHex(publicB),
          ...(u === 0n ? {} : { scramblerHex: padHex(u) }),
        },
      };
    },
    resumeServerSession({ verifierHex, b, scramblerHex }) {
      if (b.length < MIN_PRIVATE_B_BYTES)
        throw new RangeError(`b must have at least ${MIN_PRIVATE_B_BYTES} bytes`);
      return { verifierHex, privateBHex: padHex(bigIntFromBytes(b)), scramblerHex };
    },
    checkClientProof: (input) => checkProof(input, input.poolName, input.userIdForSrp),
    verifyClientProof: (input) => engine.checkClientProof(input) === "ok",
    checkDeviceProof: (input) => checkProof(input, input.deviceGroupKey, input.deviceKey),
    verifyDeviceProof: (input) => engine.checkDeviceProof(input) === "ok",
    fakeSrpUser: (input) => fakeSrpUser(primitives, input),
  };
  return engine;
}
