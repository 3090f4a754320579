import { describe, expect, it } from "vitest";
import {
  CLIENT_ID_LENGTH,
  CLIENT_SECRET_LENGTH,
  clientSecretId,
  generateClientId,
  generateClientSecret,
  randomLowerAlphanumeric,
} from "../../src/domain/user-pool-client/client-id.js";

/** Replays the given bytes, then zeros. */
const scripted = (bytes: number[]) => {
  let position = 0;
  return (length: number) => {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = bytes[position++] ?? 0;
    return out;
  };
};

describe("app client id and secret generation", () => {
  it("maps bytes onto [a-z0-9] and rejects the bytes that would bias it", () => {
    // 252..255 are rejected (252 = 7 × 36); 0 → a, 25 → z, 26 → 0, 35 → 9, 36 → a, 251 → 9.
    const value = randomLowerAlphanumeric(scripted([252, 0, 255, 25, 26, 35, 36, 251]), 6);
    expect(value).toBe("az09a9");
  });

  it("client ids are 26 and secrets 51 lowercase alphanumerics", () => {
    const random = (length: number) => Uint8Array.from({ length }, () => Math.floor(Math.random() * 256));
    for (let i = 0; i < 50; i++) {
      expect(generateClientId(random)).toMatch(/^[a-z0-9]{26}$/);
      expect(generateClientSecret(random)).toMatch(/^[a-z0-9]{51}$/);
    }
    expect(CLIENT_ID_LENGTH).toBe(26);
    expect(CLIENT_SECRET_LENGTH).toBe(51);
  });

  it("keeps asking for bytes while too many are rejected", () => {
    const rejected = Array.from({ length: 100 }, () => 255);
    expect(randomLowerAlphanumeric(scripted(rejected), 3)).toBe("aaa");
  });

  it("uses every character about equally often", () => {
    const random = (length: number) => Uint8Array.from({ length }, () => Math.floor(Math.random() * 256));
    const counts = new Map<string, number>();
    const text = randomLowerAlphanumeric(random, 36_000);
    for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
    expect(counts.size).toBe(36);
    for (const count of counts.values()) expect(count).toBeGreaterThan(700);
  });

  it("names a secret after its client and creation time", () => {
    expect(clientSecretId("abc", new Date(1_700_000_000_123))).toBe("abc--1700000000123");
  });
});
