import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, matchingStep, timeStep, totpCode } from "../../src/app/mfa/totp.js";

// RFC 6238 Appendix B (SHA-1 seed "12345678901234567890"), truncated to Cognito's 6 digits.

const SECRET = base32Encode(Buffer.from("12345678901234567890", "ascii"));

describe("TOTP (RFC 6238, SHA-1, 30 s, 6 digits)", () => {
  it("matches the RFC 6238 test vectors", () => {
    const vectors: Array<[number, string]> = [
      [59, "287082"],
      [1111111109, "081804"],
      [1111111111, "050471"],
      [1234567890, "005924"],
      [2000000000, "279037"],
      [20000000000, "353130"],
    ];
    for (const [seconds, code] of vectors)
      expect(totpCode(SECRET, timeStep(new Date(seconds * 1000)))).toBe(code);
  });

  it("accepts the current step and one step either way, nothing further", () => {
    const now = new Date(1_234_567_890_000);
    const step = timeStep(now);
    for (const offset of [-1, 0, 1])
      expect(matchingStep(SECRET, totpCode(SECRET, step + offset), now)).toBe(step + offset);
    expect(matchingStep(SECRET, totpCode(SECRET, step + 2), now)).toBeUndefined();
    expect(matchingStep(SECRET, totpCode(SECRET, step - 2), now)).toBeUndefined();
    expect(matchingStep(SECRET, "12345", now)).toBeUndefined();
    expect(matchingStep(SECRET, "abcdef", now)).toBeUndefined();
  });

  it("round-trips base32", () => {
    expect(SECRET).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(base32Decode(SECRET).toString("ascii")).toBe("12345678901234567890");
  });
});
