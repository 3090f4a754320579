import { createHash, getDiffieHellman, randomBytes } from "node:crypto";
import * as identity from "amazon-cognito-identity-js";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createSrpEngine,
  formatSrpTimestamp,
  parseSrpA,
  parseSrpTimestamp,
  SRP_G,
  SRP_K,
  SRP_N,
} from "../../src/domain/auth/srp/index.js";
import { bigIntFromHex, padHex } from "../../src/domain/auth/srp/srp-group.js";
import { createOpenSslSrpPrimitives, modPowN, powG } from "../../src/integrations/crypto/modexp.js";

const { computeVerifier, fakeSrpUser, startServerSession, verifyClientProof } = createSrpEngine(
  createOpenSslSrpPrimitives(),
);

// The client library ships AuthenticationHelper and DateHelper without typings; these are the parts used.
interface ClientBigInteger {
  toString(radix: number): string;
}
interface ClientHelper {
  N: ClientBigInteger;
  k: ClientBigInteger;
  padHex(value: ClientBigInteger): string;
}
const sdk = identity as unknown as {
  AuthenticationHelper: new (poolName: string) => ClientHelper;
  DateHelper: new () => { getNowString(): string };
};
const clientHelper = new sdk.AuthenticationHelper("Pool");
const ClientBigInteger = (
  clientHelper.N as unknown as { constructor: new (hex: string, radix: number) => ClientBigInteger }
).constructor;

/** Plain square-and-multiply, the slow reference the OpenSSL path is checked against. */
function referenceModPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = ((base % modulus) + modulus) % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

const randomBigInt = (bytes: number) => bigIntFromHex(randomBytes(bytes).toString("hex"));

describe("SRP group constants", () => {
  it("k is SHA256(0x00‖N‖0x02), the value every Cognito client uses", () => {
    const computed = createHash("sha256")
      .update(Buffer.from(padHex(SRP_N) + padHex(SRP_G), "hex"))
      .digest("hex");
    expect(SRP_K.toString(16)).toBe(computed);
    expect(SRP_K.toString(16)).toBe("538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6");
    expect(clientHelper.k.toString(16)).toBe(SRP_K.toString(16));
  });

  it("N is the RFC 3526 3072-bit MODP prime, as in the client", () => {
    expect(SRP_N.toString(16)).toBe(clientHelper.N.toString(16).toLowerCase());
    expect(SRP_N.toString(16)).toBe(getDiffieHellman("modp15").getPrime("hex").replace(/^0+/, ""));
    expect(SRP_N.toString(2)).toHaveLength(3072);
  });
});

describe("padHex", () => {
  it("pads like Java BigInteger.toByteArray", () => {
    expect(padHex(0n)).toBe("00");
    expect(padHex(0x14n)).toBe("14");
    expect(padHex(0xecn)).toBe("00ec");
    expect(padHex(0x123n)).toBe("0123");
    expect(padHex(0x7fffn)).toBe("7fff");
    expect(padHex(0x8000n)).toBe("008000");
    expect(() => padHex(-1n)).toThrow(RangeError);
  });

  it("agrees with the client's padHex on random values", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: SRP_N }), (value) => {
        const clientValue = new ClientBigInteger(value.toString(16), 16);
        expect(padHex(value)).toBe(clientHelper.padHex(clientValue).toLowerCase());
      }),
      { numRuns: 300 },
    );
  });
});

describe("modular exponentiation through OpenSSL", () => {
  it("matches square-and-multiply for random bases and exponents", () => {
    for (let i = 0; i < 12; i++) {
      const base = randomBigInt(384) % SRP_N;
      const exponent = randomBigInt(32);
      expect(modPowN(base, exponent)).toBe(referenceModPow(base, exponent, SRP_N));
      expect(powG(exponent)).toBe(referenceModPow(2n, exponent, SRP_N));
    }
  });

  it("handles the bases and exponents OpenSSL refuses", () => {
    const e = randomBigInt(32) | 1n; // odd
    expect(modPowN(0n, e)).toBe(0n);
    expect(modPowN(1n, e)).toBe(1n);
    expect(modPowN(SRP_N, e)).toBe(0n);
    expect(modPowN(SRP_N - 1n, e)).toBe(SRP_N - 1n);
    expect(modPowN(SRP_N - 1n, e + 1n)).toBe(1n);
    expect(modPowN(SRP_N + 5n, 3n)).toBe(125n);
    expect(modPowN(12345n, 0n)).toBe(1n);
    expect(powG(0n)).toBe(1n);
    expect(powG(1n)).toBe(2n);
    expect(() => modPowN(3n, -1n)).toThrow(RangeError);
  });
});

describe("SRP_A parsing", () => {
  it("accepts 1..N-1 in hex of either case and rejects everything else", () => {
    expect(parseSrpA("1")).toBe(1n);
    expect(parseSrpA("AbC")).toBe(0xabcn);
    expect(parseSrpA((SRP_N - 1n).toString(16))).toBe(SRP_N - 1n);
    for (const bad of [
      "",
      "0",
      "000",
      "xyz",
      "-1",
      "0x10",
      " 1",
      SRP_N.toString(16),
      (SRP_N + 1n).toString(16),
    ]) {
      expect(parseSrpA(bad)).toBeUndefined();
    }
    expect(parseSrpA("1".repeat(1025))).toBeUndefined();
  });
});

describe("TIMESTAMP", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("parses the client format with an unpadded or padded day", () => {
    const expected = new Date(Date.UTC(2024, 0, 1, 9, 5, 7));
    expect(parseSrpTimestamp("Mon Jan 1 09:05:07 UTC 2024")).toEqual(expected);
    expect(parseSrpTimestamp("Mon Jan 01 09:05:07 UTC 2024")).toEqual(expected);
    expect(parseSrpTimestamp("Sat Feb 29 23:59:59 UTC 2020")).toEqual(
      new Date(Date.UTC(2020, 1, 29, 23, 59, 59)),
    );
  });

  it("rejects malformed and impossible timestamps", () => {
    for (const bad of [
      "",
      "Mon Jan 1 09:05:07 GMT 2024",
      "Mon Jan 1 09:05:07 2024",
      "Mon January 1 09:05:07 UTC 2024",
      "Xyz Jan 1 09:05:07 UTC 2024",
      "Mon Jan 32 09:05:07 UTC 2024",
      "Mon Jan 0 09:05:07 UTC 2024",
      "Fri Feb 30 09:05:07 UTC 2024",
      "Mon Jan 1 24:00:00 UTC 2024",
      "Mon Jan 1 09:60:07 UTC 2024",
      "Mon Jan 1 09:05:60 UTC 2024",
      "Mon Jan 1 09:05:07 UTC 2024 ",
      "2024-01-01T09:05:07Z",
    ]) {
      expect(parseSrpTimestamp(bad), bad).toBeUndefined();
    }
  });

  it("formats exactly like the client's DateHelper", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    for (const iso of ["2024-01-01T09:05:07Z", "2025-12-31T23:59:59Z", "2026-07-04T00:00:00Z"]) {
      vi.setSystemTime(new Date(iso));
      const clientString = new sdk.DateHelper().getNowString();
      expect(formatSrpTimestamp(new Date(iso))).toBe(clientString);
      expect(parseSrpTimestamp(clientString)).toEqual(new Date(iso));
    }
  });
});

describe("server session", () => {
  it("refuses a private b shorter than 32 bytes", () => {
    const { verifierHex } = computeVerifier({
      poolName: "P",
      userIdForSrp: "u",
      password: "pw",
      salt: randomBytes(16),
    });
    expect(() => startServerSession({ verifierHex, b: randomBytes(31) })).toThrow(RangeError);
    const session = startServerSession({ verifierHex, b: randomBytes(32) });
    expect(bigIntFromHex(session.srpB)).toBeLessThan(SRP_N);
    expect(bigIntFromHex(session.srpB)).toBeGreaterThan(0n);
  });
});

describe("fake SRP user for unknown usernames", () => {
  const serverSecret = Buffer.alloc(32, 7);

  it("is stable per (pool, username) and differs otherwise", () => {
    const first = fakeSrpUser({ serverSecret, poolId: "us-east-1_abc", username: "nobody" });
    expect(fakeSrpUser({ serverSecret, poolId: "us-east-1_abc", username: "nobody" })).toEqual(first);
    const others = [
      fakeSrpUser({ serverSecret, poolId: "us-east-1_abc", username: "nobody2" }),
      fakeSrpUser({ serverSecret, poolId: "us-east-1_abd", username: "nobody" }),
      fakeSrpUser({ serverSecret: Buffer.alloc(32, 8), poolId: "us-east-1_abc", username: "nobody" }),
    ];
    for (const other of others) {
      expect(other.userIdForSrp).not.toBe(first.userIdForSrp);
      expect(other.saltHex).not.toBe(first.saltHex);
      expect(other.verifierHex).not.toBe(first.verifierHex);
    }
  });

  it("looks like a real user: UUID id, 16-byte salt, verifier in range", () => {
    const fake = fakeSrpUser({ serverSecret, poolId: "us-east-1_abc", username: "ghost@example.com" });
    expect(fake.userIdForSrp).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(padHex(bigIntFromHex(fake.saltHex))).toBe(fake.saltHex);
    expect(bigIntFromHex(fake.saltHex)).toBeLessThan(1n << 128n);
    const v = bigIntFromHex(fake.verifierHex);
    expect(v > 1n && v < SRP_N).toBe(true);
    const session = startServerSession({ verifierHex: fake.verifierHex, b: randomBytes(128) });
    expect(session.srpB).toMatch(/^[0-9a-f]+$/);
  });

  it("never accepts a proof, whatever password the caller tries", () => {
    const fake = fakeSrpUser({ serverSecret, poolId: "us-east-1_abc", username: "ghost" });
    const session = startServerSession({ verifierHex: fake.verifierHex, b: randomBytes(128) });
    const now = new Date();
    expect(
      verifyClientProof({
        state: session.state,
        srpA: powG(randomBigInt(128)).toString(16),
        poolName: "abc",
        userIdForSrp: fake.userIdForSrp,
        secretBlock: randomBytes(32).toString("base64"),
        timestamp: formatSrpTimestamp(now),
        signature: randomBytes(32).toString("base64"),
        now,
      }),
    ).toBe(false);
  });

  it("refuses a short server secret", () => {
    expect(() => fakeSrpUser({ serverSecret: Buffer.alloc(8), poolId: "p", username: "u" })).toThrow(
      RangeError,
    );
  });
});
