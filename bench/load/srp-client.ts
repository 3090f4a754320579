import { createHmac } from "node:crypto";
import * as identity from "amazon-cognito-identity-js";
import { modPowN, powG } from "../../src/integrations/crypto/modexp.js";

// The client half of USER_SRP_AUTH, computed by amazon-cognito-identity-js's AuthenticationHelper (u, x,
// the HKDF and the padding rules are the library's). Two things are moved off its pure-JS BigInteger,
// which needs ~95 ms per 3072-bit modexp and would make the load process the bottleneck:
// - the ephemeral pairs (a, A = g^a) are made before the measured loop, a few helpers reused in turn
//   (the server cannot tell, and its work per sign-in is unchanged);
// - S = (B − k·g^x)^(a + u·x) is computed with OpenSSL (the same formula, via calculateS), g^x cached
//   per user.

interface ClientBigInteger {
  toString(radix: number): string;
}
interface Helper {
  k: ClientBigInteger;
  smallAValue: ClientBigInteger;
  UValue: ClientBigInteger;
  getLargeAValue(callback: (error: unknown, value: ClientBigInteger) => void): void;
  getPasswordAuthenticationKey(
    username: string,
    password: string,
    serverB: ClientBigInteger,
    salt: ClientBigInteger,
    callback: (error: unknown, key: Uint8Array) => void,
  ): void;
  calculateS(
    x: ClientBigInteger,
    serverB: ClientBigInteger,
    callback: (error: unknown, s: ClientBigInteger) => void,
  ): void;
}
const sdk = identity as unknown as {
  AuthenticationHelper: new (poolName: string) => Helper & { N: ClientBigInteger };
  DateHelper: new () => { getNowString(): string };
};

const toBig = (value: ClientBigInteger) => BigInt(`0x${value.toString(16)}`);

export interface SrpChallenge {
  SALT: string;
  SRP_B: string;
  SECRET_BLOCK: string;
  USER_ID_FOR_SRP: string;
}

export interface SrpClient {
  /** SRP_A of the next sign-in, and the function that answers its PASSWORD_VERIFIER challenge. */
  start(): {
    srpA: string;
    answer(challenge: SrpChallenge, password: string): Record<string, string>;
  };
}

export function createSrpClient(poolId: string, helpers: number): SrpClient {
  const poolName = poolId.slice(poolId.indexOf("_") + 1);
  const probe = new sdk.AuthenticationHelper(poolName);
  const BigInteger = (
    probe.N as unknown as { constructor: new (hex: string, radix: number) => ClientBigInteger }
  ).constructor;
  const N = toBig(probe.N);
  const gx = new Map<string, bigint>();

  const pool = Array.from({ length: helpers }, (_, index) => {
    const helper = index === 0 ? probe : new sdk.AuthenticationHelper(poolName);
    let largeA = "";
    helper.getLargeAValue((error, value) => {
      if (error) throw error;
      largeA = value.toString(16);
    });
    const a = toBig(helper.smallAValue);
    const k = toBig(helper.k);
    helper.calculateS = (x, serverB, callback) => {
      const xHex = x.toString(16);
      const xValue = BigInt(`0x${xHex}`);
      let gToX = gx.get(xHex);
      if (gToX === undefined) {
        gToX = powG(xValue);
        gx.set(xHex, gToX);
      }
      const base = (((toBig(serverB) - k * gToX) % N) + N) % N;
      const s = modPowN(base, a + toBig(helper.UValue) * xValue);
      callback(null, new BigInteger(s.toString(16), 16));
    };
    return { helper, largeA };
  });

  let turn = 0;
  return {
    start() {
      const { helper, largeA } = pool[turn++ % pool.length]!;
      return {
        srpA: largeA,
        answer(challenge, password) {
          let key: Uint8Array | undefined;
          // Synchronous: calculateS above calls back at once, so no other sign-in can interleave.
          helper.getPasswordAuthenticationKey(
            challenge.USER_ID_FOR_SRP,
            password,
            new BigInteger(challenge.SRP_B, 16),
            new BigInteger(challenge.SALT, 16),
            (error, value) => {
              if (error) throw error;
              key = value;
            },
          );
          if (!key) throw new Error("the SRP key was not computed synchronously");
          const timestamp = new sdk.DateHelper().getNowString();
          const message = Buffer.concat([
            Buffer.from(poolName, "utf8"),
            Buffer.from(challenge.USER_ID_FOR_SRP, "utf8"),
            Buffer.from(challenge.SECRET_BLOCK, "base64"),
            Buffer.from(timestamp, "utf8"),
          ]);
          return {
            USERNAME: challenge.USER_ID_FOR_SRP,
            PASSWORD_CLAIM_SECRET_BLOCK: challenge.SECRET_BLOCK,
            TIMESTAMP: timestamp,
            PASSWORD_CLAIM_SIGNATURE: createHmac("sha256", key).update(message).digest("base64"),
          };
        },
      };
    },
  };
}
