import { beforeAll, describe, expect, it } from "vitest";
import { emptyMfaState } from "../../src/domain/mfa/user-mfa.js";
import type { Storage } from "../../src/ports/storage.js";
import { contractAdapters } from "./adapters.js";
import { contractSuite, contractUser } from "./contract-fixtures.js";

// The MFA repository on both engines: state round trip, the atomic "newer TOTP step only" acceptance
// (a code is accepted once, even under concurrency), recovery codes used once, and challenge counting.

const adapters = await contractAdapters();
const POOL = "us-east-1_MfaContrct1";

const newUser = (username: string) => contractUser(POOL, username);

describe.each(adapters)("MFA state on %s", (_name, factory) => {
  const suite = contractSuite(factory, { id: POOL, name: "mfa" });
  let storage: Storage;
  const insertUser = suite.insertUser;
  beforeAll(() => {
    storage = suite.storage();
  });

  it("stores and replaces a user's MFA state without clobbering the accepted step", async () => {
    const user = await insertUser(newUser("stateful"));
    expect(await storage.mfa.findMfa(POOL, user.sub)).toBeUndefined();
    const state = {
      ...emptyMfaState(POOL, user.sub, new Date(1_700_000_000_000)),
      totpSecretSealed: "sealed-secret",
      totpDeviceName: "phone",
      totpLastStep: 100,
      enabled: { SMS_MFA: true, SOFTWARE_TOKEN_MFA: true, EMAIL_OTP: false },
      preferred: "SOFTWARE_TOKEN_MFA" as const,
    };
    await storage.mfa.saveMfa(state);
    expect(await storage.mfa.findMfa(POOL, user.sub)).toEqual(state);
    expect(await storage.mfa.acceptTotpStep(POOL, user.sub, 101)).toBe(true);
    // A settings write with a stale step keeps the accepted one…
    await storage.mfa.saveMfa({ ...state, preferred: null, totpLastStep: 50 });
    const kept = await storage.mfa.findMfa(POOL, user.sub);
    expect(kept?.totpLastStep).toBe(101);
    expect(kept?.preferred).toBeNull();
    // …unless the secret changes.
    await storage.mfa.saveMfa({ ...state, totpLastStep: 7 }, { resetTotpStep: true });
    expect((await storage.mfa.findMfa(POOL, user.sub))?.totpLastStep).toBe(7);
    expect((await storage.mfa.listMfaOfPool(POOL)).map((item) => item.sub)).toContain(user.sub);
    await storage.mfa.deleteMfa(POOL, user.sub);
    expect(await storage.mfa.findMfa(POOL, user.sub)).toBeUndefined();
  });

  it("accepts a TOTP time-step at most once, even when ten callers race", async () => {
    const user = await insertUser(newUser("racer"));
    await storage.mfa.saveMfa(emptyMfaState(POOL, user.sub, new Date()));
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => storage.mfa.acceptTotpStep(POOL, user.sub, 500)),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(await storage.mfa.acceptTotpStep(POOL, user.sub, 499)).toBe(false);
    expect(await storage.mfa.acceptTotpStep(POOL, user.sub, 501)).toBe(true);
  });

  it("uses each recovery code once", async () => {
    const user = await insertUser(newUser("recovering"));
    await storage.mfa.replaceRecoveryCodes(POOL, user.sub, ["h1", "h2", "h3"], new Date());
    expect(await storage.mfa.countRecoveryCodes(POOL, user.sub)).toBe(3);
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => storage.mfa.consumeRecoveryCode(POOL, user.sub, "h2")),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(await storage.mfa.countRecoveryCodes(POOL, user.sub)).toBe(2);
    await storage.mfa.replaceRecoveryCodes(POOL, user.sub, ["h9"], new Date());
    expect(await storage.mfa.consumeRecoveryCode(POOL, user.sub, "h1")).toBe(false);
    expect(await storage.mfa.consumeRecoveryCode(POOL, user.sub, "h9")).toBe(true);
  });

  it("counts wrong codes per challenge and per day, and closes a challenge once", async () => {
    const user = await insertUser(newUser("challenged"));
    const now = new Date(1_800_000_000_000);
    const expires = new Date(now.getTime() + 180_000);
    expect(await storage.mfa.findChallenge("c1")).toBeUndefined();
    expect(await storage.mfa.recordChallengeFailure("c1", user.sub, expires, now)).toEqual({
      failures: 1,
      closed: false,
    });
    expect(await storage.mfa.recordChallengeFailure("c1", user.sub, expires, now)).toEqual({
      failures: 2,
      closed: false,
    });
    await storage.mfa.recordChallengeFailure("c2", user.sub, expires, now);
    expect(
      await storage.mfa.countRecentChallengeFailures(user.sub, new Date(now.getTime() - 86_400_000)),
    ).toBe(3);
    expect(await storage.mfa.countRecentChallengeFailures(user.sub, expires)).toBe(0);
    const closes = await Promise.all(
      Array.from({ length: 5 }, () => storage.mfa.closeChallenge("c1", user.sub, expires)),
    );
    expect(closes.filter(Boolean)).toHaveLength(1);
    expect(await storage.mfa.findChallenge("c1")).toEqual({ failures: 2, closed: true });
    expect(await storage.mfa.closeChallenge("c3", user.sub, expires)).toBe(true);
    await storage.mfa.deleteMfa(POOL, user.sub);
    expect(await storage.mfa.findChallenge("c2")).toBeUndefined();
  });
});
