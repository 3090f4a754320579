import { createHash, createHmac, randomBytes } from "node:crypto";
import { SRP_G, SRP_K, SRP_N } from "../../src/domain/auth/srp/index.js";

// The client half of device SRP written out independently (bigint + node:crypto), as
// amazon-cognito-identity-js does it: registration for ConfirmDevice, then the DEVICE_SRP_AUTH /
// DEVICE_PASSWORD_VERIFIER answers. Only the public group constants come from the server's code.

const padHex = (value: bigint): string => {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  else if ("89abcdef".includes(hex[0] ?? "")) hex = `00${hex}`;
  return hex;
};
const hash = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const hexHash = (hex: string) => createHash("sha256").update(Buffer.from(hex, "hex")).digest("hex");
const big = (hex: string) => BigInt(`0x${hex}`);

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
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

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const two = (value: number) => String(value).padStart(2, "0");

/** TIMESTAMP as the clients write it: `ddd MMM D HH:mm:ss UTC YYYY` (day not zero-padded). */
function srpTimestamp(at = new Date()): string {
  const time = `${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())}`;
  return `${DAYS[at.getUTCDay()]} ${MONTHS[at.getUTCMonth()]} ${at.getUTCDate()} ${time} UTC ${at.getUTCFullYear()}`;
}

export interface DeviceSecret {
  deviceKey: string;
  deviceGroupKey: string;
  randomPassword: string;
}

/** What a client sends to ConfirmDevice, and what it keeps to authenticate the device later. */
export function registerDevice(deviceKey: string, deviceGroupKey: string) {
  const randomPassword = randomBytes(40).toString("base64");
  const salt = padHex(big(randomBytes(16).toString("hex")));
  const x = big(hexHash(salt + hash(`${deviceGroupKey}${deviceKey}:${randomPassword}`)));
  const verifier = modPow(SRP_G, x, SRP_N);
  return {
    secret: { deviceKey, deviceGroupKey, randomPassword } satisfies DeviceSecret,
    config: {
      Salt: Buffer.from(salt, "hex").toString("base64"),
      PasswordVerifier: Buffer.from(padHex(verifier), "hex").toString("base64"),
    },
  };
}

/** DEVICE_SRP_AUTH: a fresh a and SRP_A. */
export function startDeviceAuth() {
  const a = big(randomBytes(128).toString("hex")) % SRP_N;
  return { a, srpA: modPow(SRP_G, a, SRP_N).toString(16) };
}

/** DEVICE_PASSWORD_VERIFIER's answer for the challenge parameters (SRP_B, SALT, SECRET_BLOCK). */
export function proveDevice(
  secret: DeviceSecret,
  start: { a: bigint; srpA: string },
  parameters: Record<string, string>,
  password = secret.randomPassword,
): Record<string, string> {
  const B = big(parameters.SRP_B ?? "");
  const salt = padHex(big(parameters.SALT ?? ""));
  const A = big(start.srpA);
  const u = big(hexHash(padHex(A) + padHex(B)));
  const x = big(hexHash(salt + hash(`${secret.deviceGroupKey}${secret.deviceKey}:${password}`)));
  const base = (((B - SRP_K * modPow(SRP_G, x, SRP_N)) % SRP_N) + SRP_N) % SRP_N;
  const S = modPow(base, start.a + u * x, SRP_N);
  const prk = createHmac("sha256", Buffer.from(padHex(u), "hex"))
    .update(Buffer.from(padHex(S), "hex"))
    .digest();
  const key = createHmac("sha256", prk)
    .update(Buffer.concat([Buffer.from("Caldera Derived Key", "utf8"), Buffer.from([1])]))
    .digest()
    .subarray(0, 16);
  const timestamp = srpTimestamp();
  const signature = createHmac("sha256", key)
    .update(
      Buffer.concat([
        Buffer.from(secret.deviceGroupKey, "utf8"),
        Buffer.from(secret.deviceKey, "utf8"),
        Buffer.from(parameters.SECRET_BLOCK ?? "", "base64"),
        Buffer.from(timestamp, "utf8"),
      ]),
    )
    .digest("base64");
  return {
    DEVICE_KEY: secret.deviceKey,
    PASSWORD_CLAIM_SECRET_BLOCK: parameters.SECRET_BLOCK ?? "",
    PASSWORD_CLAIM_SIGNATURE: signature,
    TIMESTAMP: timestamp,
  };
}
