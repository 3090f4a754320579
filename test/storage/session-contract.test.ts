import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Group } from "../../src/domain/group/group.js";
import { emptyMfaState, type UserMfaState } from "../../src/domain/mfa/user-mfa.js";
import type { RefreshTokenFamily, StoredRefreshToken } from "../../src/domain/tokens/refresh-token.js";
import type { User } from "../../src/domain/user/user.js";
import { DuplicateKeyError, type Storage } from "../../src/ports/storage.js";
import { cachedContractAdapters, contractAdapters } from "./adapters.js";
import { contractSuite, contractUser } from "./contract-fixtures.js";

const adapters = [...(await contractAdapters()), ...(await cachedContractAdapters())];
const POOL = "us-east-1_SessionT01";

const newUser = (username: string, createdAt = Date.now()) => contractUser(POOL, username, createdAt);

function group(name: string, precedence: number | null): Group {
  const at = new Date(1_700_000_000_000);
  return {
    userPoolId: POOL,
    groupName: name,
    description: `${name} group`,
    roleArn: null,
    precedence,
    createdAt: at,
    lastModifiedAt: at,
  };
}

function refreshToken(user: User, familyId: string, now: number): StoredRefreshToken {
  return {
    tokenHash: randomUUID(),
    familyId,
    userPoolId: POOL,
    clientId: "client0000000000000000000a",
    sub: user.sub,
    scopes: ["aws.cognito.signin.user.admin"],
    deviceKey: null,
    authTime: new Date(1_700_000_000_000),
    createdAt: new Date(now),
    expiresAt: new Date(now + 30 * 86_400_000),
    rotatedAt: null,
  };
}

function familyOf(user: User, familyId: string): RefreshTokenFamily {
  return {
    familyId,
    userPoolId: POOL,
    clientId: "client0000000000000000000a",
    sub: user.sub,
    revokedAt: null,
  };
}

describe.each(adapters)("groups, codes, refresh tokens and keys on %s", (_name, factory) => {
  const suite = contractSuite(factory, { id: POOL, name: "sessions" });
  let storage: Storage;
  const insertUser = suite.insertUser;
  beforeAll(() => {
    storage = suite.storage();
  });

  it("keeps groups unique, ordered, and memberships idempotent", async () => {
    for (const item of [group("admins", 1), group("readers", null), group("editors", 5)])
      await storage.groups.insertGroup(item);
    await expect(storage.groups.insertGroup(group("admins", 9))).rejects.toBeInstanceOf(DuplicateKeyError);
    const first = await storage.groups.listGroups(POOL, { limit: 2 });
    const second = await storage.groups.listGroups(POOL, { limit: 2, cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((item) => item.groupName)).toEqual([
      "admins",
      "editors",
      "readers",
    ]);
    expect(second.nextCursor).toBeUndefined();

    const user = await insertUser(newUser("member"));
    const other = await insertUser(newUser("other"));
    const at = new Date();
    for (const name of ["readers", "editors", "admins", "admins"])
      await storage.groups.addUserToGroup(POOL, name, user.sub, at);
    await storage.groups.addUserToGroup(POOL, "admins", other.sub, at);
    expect((await storage.groups.groupsOfUser(POOL, user.sub)).map((item) => item.groupName)).toEqual([
      "admins",
      "editors",
      "readers",
    ]);
    const members = await storage.groups.listUsersInGroup(POOL, "admins", { limit: 10 });
    expect(members.items.map((item) => item.username).sort()).toEqual(["member", "other"]);
    await storage.groups.removeUserFromGroup(POOL, "admins", user.sub);
    const page = await storage.groups.listGroupsForUser(POOL, user.sub, { limit: 1 });
    expect(page.items.map((item) => item.groupName)).toEqual(["editors"]);
    expect(
      (await storage.groups.listGroupsForUser(POOL, user.sub, { limit: 1, cursor: page.nextCursor })).items[0]
        ?.groupName,
    ).toBe("readers");

    expect(
      await storage.groups.saveGroup({
        ...group("editors", 0),
        description: "changed",
        roleArn: "arn:aws:iam::000000000000:role/e",
      }),
    ).toBe(true);
    expect(await storage.groups.findGroup(POOL, "editors")).toMatchObject({
      description: "changed",
      precedence: 0,
    });
    expect(await storage.groups.deleteGroup(POOL, "editors")).toBe(true);
    expect((await storage.groups.groupsOfUser(POOL, user.sub)).map((item) => item.groupName)).toEqual([
      "readers",
    ]);
  });

  it("consumes a code exactly once under concurrency, and counts wrong guesses", async () => {
    const user = await insertUser(newUser("coder"));
    const now = new Date(1_700_000_000_000);
    const code = {
      userPoolId: POOL,
      sub: user.sub,
      purpose: "confirm-sign-up" as const,
      codeHash: "right",
      expiresAt: new Date(now.getTime() + 60_000),
      createdAt: now,
    };
    await storage.oneTimeCodes.saveCode(code);
    const attempt = (codeHash: string, at = now) =>
      storage.oneTimeCodes.consumeCode({
        userPoolId: POOL,
        sub: user.sub,
        purpose: "confirm-sign-up",
        codeHash,
        now: at,
        maxAttempts: 3,
      });
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => attempt("right")));
    expect(outcomes.filter((outcome) => outcome === "consumed")).toHaveLength(1);
    expect(
      outcomes.filter((outcome) => outcome !== "consumed").every((outcome) => outcome === "missing"),
    ).toBe(true);

    await storage.oneTimeCodes.saveCode(code);
    expect(await attempt("wrong")).toBe("mismatch");
    expect(await attempt("wrong")).toBe("mismatch");
    expect(await attempt("wrong")).toBe("too-many-attempts");
    expect(await attempt("right")).toBe("missing");

    await storage.oneTimeCodes.saveCode(code);
    expect(await attempt("right", new Date(now.getTime() + 60_000))).toBe("expired");
    await storage.oneTimeCodes.saveCode({ ...code, codeHash: "newer" });
    expect(await attempt("right")).toBe("mismatch");
    expect(await attempt("newer")).toBe("consumed");
  });

  it("rotates a refresh token at most once among 50 concurrent uses, then detects reuse", async () => {
    const user = await insertUser(newUser("refresher"));
    const familyId = randomUUID();
    const now = 1_700_000_000_000;
    const original = refreshToken(user, familyId, now);
    await storage.refreshTokens.insertRefreshToken(original, {
      familyId,
      userPoolId: POOL,
      clientId: original.clientId,
      sub: user.sub,
      revokedAt: null,
    });
    expect((await storage.refreshTokens.findRefreshToken(original.tokenHash))?.token).toEqual(original);
    expect(await storage.refreshTokens.isFamilyRevoked(familyId)).toBe(false);

    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () =>
        storage.refreshTokens.rotateRefreshToken(
          original.tokenHash,
          refreshToken(user, familyId, now + 1),
          new Date(now + 1),
          0,
        ),
      ),
    );
    expect(outcomes.filter((item) => item.outcome === "rotated")).toHaveLength(1);
    expect(outcomes.filter((item) => item.outcome === "within-grace")).toHaveLength(0);
    expect(await storage.refreshTokens.isFamilyRevoked(familyId)).toBe(true);
  });

  it("honours the grace period, and revokes the family on reuse after it", async () => {
    const user = await insertUser(newUser("graceful"));
    const familyId = randomUUID();
    const now = 1_700_000_000_000;
    const original = refreshToken(user, familyId, now);
    await storage.refreshTokens.insertRefreshToken(original, {
      familyId,
      userPoolId: POOL,
      clientId: original.clientId,
      sub: user.sub,
      revokedAt: null,
    });
    const rotate = (at: number) =>
      storage.refreshTokens.rotateRefreshToken(
        original.tokenHash,
        refreshToken(user, familyId, at),
        new Date(at),
        10_000,
      );
    expect((await rotate(now + 1)).outcome).toBe("rotated");
    expect((await rotate(now + 5_000)).outcome).toBe("within-grace");
    expect(await storage.refreshTokens.isFamilyRevoked(familyId)).toBe(false);
    expect((await rotate(now + 20_000)).outcome).toBe("reuse-detected");
    expect((await storage.refreshTokens.findRefreshToken(original.tokenHash))?.family.revokedAt).toEqual(
      new Date(now + 20_000),
    );
  });

  it("writes a new family and its first token together, or neither", async () => {
    const user = await insertUser(newUser("atomic"));
    const family = (familyId: string) => familyOf(user, familyId);
    const first = randomUUID();
    const token = refreshToken(user, first, 1_700_000_000_000);
    await storage.refreshTokens.insertRefreshToken(token, family(first));
    expect(await storage.refreshTokens.isFamilyRevoked(first)).toBe(false);
    const second = randomUUID();
    // The same token hash again: the token insert fails, so the family must not stay behind.
    await expect(
      storage.refreshTokens.insertRefreshToken({ ...token, familyId: second }, family(second)),
    ).rejects.toThrow();
    expect(await storage.users.findTokenHolder(POOL, user.sub, second)).toEqual({
      user,
      familyLive: false,
    });
  });

  it("reads a refresh token with its family, its user and the user's groups in one call", async () => {
    const user = await insertUser(newUser("token-reader"));
    const familyId = randomUUID();
    const token = { ...refreshToken(user, familyId, 1_700_000_000_000), deviceKey: "us-east-1_dev" };
    await storage.refreshTokens.insertRefreshToken(token, familyOf(user, familyId));
    const plain = await storage.refreshTokens.findRefreshToken(token.tokenHash);
    expect(await storage.refreshTokens.findRefreshTokenWithHolder(token.tokenHash)).toStrictEqual({
      ...plain,
      user,
      groups: [],
    });
    // Token order: precedence first (none last), then name; a description with JSON-special characters.
    const memberOf = [
      { ...group("holder-z", null), description: 'quote " and \\ slash' },
      group("holder-b", 3),
      group("holder-a", 3),
      group("holder-c", 1),
    ];
    for (const item of memberOf) {
      await storage.groups.insertGroup(item);
      await storage.groups.addUserToGroup(POOL, item.groupName, user.sub, new Date(1_700_000_000_000));
    }
    const withHolder = await storage.refreshTokens.findRefreshTokenWithHolder(token.tokenHash);
    expect(withHolder?.groups).toStrictEqual(await storage.groups.groupsOfUser(POOL, user.sub));
    expect(withHolder?.groups.map((item) => item.groupName)).toEqual([
      "holder-c",
      "holder-a",
      "holder-b",
      "holder-z",
    ]);
    expect(withHolder?.groups[3]).toStrictEqual(memberOf[0]);
    expect(withHolder?.token).toEqual(token);
    await storage.refreshTokens.revokeFamily(familyId, new Date(1_700_000_002_000));
    expect(
      (await storage.refreshTokens.findRefreshTokenWithHolder(token.tokenHash))?.family.revokedAt,
    ).toEqual(new Date(1_700_000_002_000));
    expect(await storage.refreshTokens.findRefreshTokenWithHolder(randomUUID())).toBeUndefined();
    await storage.users.deleteUser(POOL, user.sub);
    expect(await storage.refreshTokens.findRefreshTokenWithHolder(token.tokenHash)).toBeUndefined();
  });

  it("reads a user with its family's liveness and MFA state: live, revoked, unknown; no user, nothing", async () => {
    const user = await insertUser(newUser("holder"));
    const familyId = randomUUID();
    await storage.refreshTokens.insertRefreshToken(
      refreshToken(user, familyId, 1_700_000_000_000),
      familyOf(user, familyId),
    );
    expect(await storage.users.findTokenHolder(POOL, user.sub, familyId)).toStrictEqual({
      user,
      familyLive: true,
      mfa: undefined,
    });
    const mfa: UserMfaState = {
      ...emptyMfaState(POOL, user.sub, new Date(1_700_000_000_500)),
      totpSecretSealed: "v1.totp",
      totpDeviceName: "phone",
      totpLastStep: 42,
      enabled: { SMS_MFA: false, SOFTWARE_TOKEN_MFA: true, EMAIL_OTP: true },
      preferred: "SOFTWARE_TOKEN_MFA",
    };
    await storage.mfa.saveMfa(mfa, { resetTotpStep: true });
    expect(await storage.mfa.findMfa(POOL, user.sub)).toEqual(mfa);
    expect(await storage.users.findTokenHolder(POOL, user.sub, randomUUID())).toStrictEqual({
      user,
      familyLive: false,
      mfa,
    });
    await storage.refreshTokens.revokeFamily(familyId, new Date(1_700_000_001_000));
    expect((await storage.users.findTokenHolder(POOL, user.sub, familyId))?.familyLive).toBe(false);
    expect(await storage.users.findTokenHolder(POOL, randomUUID(), familyId)).toBeUndefined();
    expect(await storage.users.findTokenHolder("us-east-1_Elsewhere1", user.sub, familyId)).toBeUndefined();
  });

  it("revokes every family of a user at once", async () => {
    const user = await insertUser(newUser("signout"));
    const families = [randomUUID(), randomUUID()];
    for (const familyId of families) {
      const token = refreshToken(user, familyId, Date.now());
      await storage.refreshTokens.insertRefreshToken(token, {
        familyId,
        userPoolId: POOL,
        clientId: token.clientId,
        sub: user.sub,
        revokedAt: null,
      });
    }
    await storage.refreshTokens.revokeFamiliesOfUser(POOL, user.sub, new Date());
    for (const familyId of families) expect(await storage.refreshTokens.isFamilyRevoked(familyId)).toBe(true);
    expect(await storage.refreshTokens.isFamilyRevoked("never-issued")).toBe(true);
  });

  it("lists live signing keys newest first and drops expired ones", async () => {
    const key = (kid: string, createdAt: number) => ({
      kid,
      userPoolId: POOL,
      use: "access" as const,
      algorithm: "RS256" as const,
      privateKeySealed: "v1.sealed",
      publicJwk: { kty: "RSA", n: "abc", e: "AQAB", kid },
      createdAt: new Date(createdAt),
      retiredAt: null,
      expiresAt: null,
    });
    await storage.signingKeys.insertSigningKey(key("old", 1_000));
    await storage.signingKeys.insertSigningKey(key("new", 2_000));
    expect(
      (await storage.signingKeys.listSigningKeys(POOL, new Date(3_000))).map((item) => item.kid),
    ).toEqual(["new", "old"]);
    await storage.signingKeys.retireSigningKey("old", new Date(3_000), new Date(5_000));
    const live = await storage.signingKeys.listSigningKeys(POOL, new Date(4_000));
    expect(live.find((item) => item.kid === "old")?.retiredAt).toEqual(new Date(3_000));
    expect(
      (await storage.signingKeys.listSigningKeys(POOL, new Date(5_000))).map((item) => item.kid),
    ).toEqual(["new"]);
  });
});
