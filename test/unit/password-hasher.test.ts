import { describe, expect, it } from "vitest";
import {
  createArgon2PasswordHasher,
  OWASP_ARGON2ID,
} from "../../src/integrations/crypto/argon2-password-hasher.js";

const hasher = createArgon2PasswordHasher();

describe("argon2id password hasher", () => {
  it("produces a salted argon2id PHC string with the OWASP parameters", async () => {
    const first = await hasher.hash("Correct-Horse-1");
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    const second = await hasher.hash("Correct-Horse-1");
    expect(second).not.toBe(first);
  });

  it("verifies the right password and rejects a wrong one", async () => {
    const phc = await hasher.hash("Correct-Horse-1");
    expect(await hasher.verify(phc, "Correct-Horse-1")).toBe(true);
    expect(await hasher.verify(phc, "Correct-Horse-2")).toBe(false);
    expect(await hasher.verify(phc, "correct-horse-1")).toBe(false);
    expect(await hasher.verify(phc, "")).toBe(false);
  });

  it("handles unicode passwords byte for byte (no normalisation)", async () => {
    const composed = "pässwörd-日本語-🔐";
    const decomposed = composed.normalize("NFD");
    expect(decomposed).not.toBe(composed);
    const phc = await hasher.hash(composed);
    expect(await hasher.verify(phc, composed)).toBe(true);
    expect(await hasher.verify(phc, decomposed)).toBe(false);
  });

  it("handles the longest password Cognito accepts (256 characters)", async () => {
    const longest = "aB3$".repeat(64);
    expect(longest).toHaveLength(256);
    const phc = await hasher.hash(longest);
    expect(await hasher.verify(phc, longest)).toBe(true);
    expect(await hasher.verify(phc, longest.slice(0, 255))).toBe(false);
  });

  it("does not truncate: passwords equal in their first 72 bytes still differ", async () => {
    const prefix = "x".repeat(72);
    const phc = await hasher.hash(`${prefix}-one`);
    expect(await hasher.verify(phc, `${prefix}-one`)).toBe(true);
    expect(await hasher.verify(phc, `${prefix}-two`)).toBe(false);
    expect(await hasher.verify(phc, prefix)).toBe(false);
  });

  it("refuses hashes it does not understand instead of matching them", async () => {
    expect(await hasher.verify("$2b$10$abcdefghijklmnopqrstuuJ8n3y1rEJ3J0Vwq7fsb2f5a3nq5Qhq", "x")).toBe(
      false,
    );
    expect(await hasher.verify("plaintext", "plaintext")).toBe(false);
    expect(await hasher.verify("", "")).toBe(false);
  });

  it("says when a stored hash was made with other parameters", async () => {
    const phc = await hasher.hash("Correct-Horse-1");
    expect(hasher.needsRehash(phc)).toBe(false);

    const stronger = createArgon2PasswordHasher({ ...OWASP_ARGON2ID, memoryCost: 47104, timeCost: 1 });
    expect(stronger.needsRehash(phc)).toBe(true);
    expect(createArgon2PasswordHasher({ ...OWASP_ARGON2ID, timeCost: 3 }).needsRehash(phc)).toBe(true);
    expect(createArgon2PasswordHasher({ ...OWASP_ARGON2ID, parallelism: 2 }).needsRehash(phc)).toBe(true);

    // An old hash still verifies under the new parameters; the caller re-hashes it.
    expect(await stronger.verify(phc, "Correct-Horse-1")).toBe(true);
    const rehashed = await stronger.hash("Correct-Horse-1");
    expect(rehashed).toContain("$m=47104,t=1,p=1$");
    expect(stronger.needsRehash(rehashed)).toBe(false);
    expect(hasher.needsRehash(rehashed)).toBe(true);
  });

  it("asks to re-hash anything that is not an argon2id hash", () => {
    expect(hasher.needsRehash("$2b$10$abcdefghijklmnopqrstuuJ8n3y1rEJ3J0Vwq7fsb2f5a3nq5Qhq")).toBe(true);
    expect(
      hasher.needsRehash(
        "$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
      ),
    ).toBe(true);
    expect(hasher.needsRehash("garbage")).toBe(true);
  });
});
