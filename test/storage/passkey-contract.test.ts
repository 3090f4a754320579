import { beforeAll, describe, expect, it } from "vitest";
import type { Passkey } from "../../src/domain/passwordless/passkey.js";
import type { User } from "../../src/domain/user/user.js";
import type { Storage } from "../../src/ports/storage.js";
import { contractAdapters } from "./adapters.js";
import { contractSuite, contractUser } from "./contract-fixtures.js";

const adapters = await contractAdapters();
const POOL = "us-east-1_PasskeyT01";

const newUser = (username: string) => contractUser(POOL, username);

function passkey(user: User, credentialId: string, createdAt: number): Passkey {
  return {
    userPoolId: POOL,
    sub: user.sub,
    credentialId,
    publicKey: "pQECAyYgASFYIA",
    signCount: 0,
    transports: ["internal", "hybrid"],
    friendlyName: `key ${credentialId}`,
    relyingPartyId: "localhost",
    authenticatorAttachment: credentialId.endsWith("x") ? null : "platform",
    createdAt: new Date(createdAt),
  };
}

describe.each(adapters)("passkeys and their challenges on %s", (_name, factory) => {
  const suite = contractSuite(factory, { id: POOL, name: "passkeys" });
  let storage: Storage;
  let alice: User;
  let bob: User;

  beforeAll(async () => {
    storage = suite.storage();
    alice = await suite.insertUser(newUser("alice"));
    bob = await suite.insertUser(newUser("bob"));
  });

  it("stores passkeys with every field, pages them oldest first and enforces the per-user limit", async () => {
    expect(await storage.passkeys.insertPasskey(passkey(alice, "cred-b", 2_000), 3)).toBe("added");
    expect(await storage.passkeys.insertPasskey(passkey(alice, "cred-a", 2_000), 3)).toBe("added");
    expect(await storage.passkeys.insertPasskey(passkey(alice, "cred-0x", 1_000), 3)).toBe("added");
    expect(await storage.passkeys.insertPasskey(passkey(alice, "cred-c", 3_000), 3)).toBe("limit-reached");
    // The id is unique in the pool, whoever registers it.
    expect(await storage.passkeys.insertPasskey(passkey(bob, "cred-a", 4_000), 3)).toBe("duplicate");
    expect(await storage.passkeys.countPasskeysOfUser(POOL, alice.sub)).toBe(3);
    expect(await storage.passkeys.countPasskeysOfUser(POOL, bob.sub)).toBe(0);

    const first = await storage.passkeys.listPasskeysOfUser(POOL, alice.sub, { limit: 2 });
    expect(first.items.map((item) => item.credentialId)).toEqual(["cred-0x", "cred-a"]);
    expect(first.nextCursor).toBeDefined();
    const second = await storage.passkeys.listPasskeysOfUser(POOL, alice.sub, {
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(second.items.map((item) => item.credentialId)).toEqual(["cred-b"]);
    expect(second.nextCursor).toBeUndefined();

    const found = await storage.passkeys.findPasskey(POOL, "cred-a");
    expect(found).toEqual(passkey(alice, "cred-a", 2_000));
    expect((await storage.passkeys.findPasskey(POOL, "cred-0x"))?.authenticatorAttachment).toBeNull();
    expect(await storage.passkeys.findPasskey(POOL, "nope")).toBeUndefined();
    expect((await storage.passkeys.listPasskeysOfPool(POOL)).map((item) => item.credentialId)).toEqual([
      "cred-0x",
      "cred-a",
      "cred-b",
    ]);
  });

  it("updates the sign count and deletes only the owner's passkey", async () => {
    expect(await storage.passkeys.updateSignCount(POOL, "cred-a", 7)).toBe(true);
    expect((await storage.passkeys.findPasskey(POOL, "cred-a"))?.signCount).toBe(7);
    expect(await storage.passkeys.updateSignCount(POOL, "missing", 1)).toBe(false);
    expect(await storage.passkeys.deletePasskey(POOL, bob.sub, "cred-a")).toBe(false);
    expect(await storage.passkeys.deletePasskey(POOL, alice.sub, "cred-a")).toBe(true);
    expect(await storage.passkeys.deletePasskey(POOL, alice.sub, "cred-a")).toBe(false);
    expect(await storage.passkeys.countPasskeysOfUser(POOL, alice.sub)).toBe(2);
  });

  it("gives a challenge once, only to its user and purpose, and only while it lives", async () => {
    const now = new Date(1_800_000_000_000);
    const save = (hash: string, user: User, purpose: "registration" | "sign-in", ttl = 60_000) =>
      storage.passkeys.saveChallenge({
        challengeHash: hash,
        userPoolId: POOL,
        sub: user.sub,
        clientId: "client-1",
        purpose,
        createdAt: now,
        expiresAt: new Date(now.getTime() + ttl),
      });
    await save("h1", alice, "registration");
    const take = (hash: string, user: User, purpose: "registration" | "sign-in", at = now) =>
      storage.passkeys.consumeChallenge({
        userPoolId: POOL,
        sub: user.sub,
        purpose,
        challengeHash: hash,
        now: at,
      });
    expect(await take("h1", bob, "registration")).toBeUndefined();
    expect(await take("h1", alice, "sign-in")).toBeUndefined();
    const taken = await Promise.all([take("h1", alice, "registration"), take("h1", alice, "registration")]);
    expect(taken.filter((item) => item !== undefined)).toEqual([{ clientId: "client-1" }]);
    expect(await take("h1", alice, "registration")).toBeUndefined();

    await save("h2", alice, "sign-in", 1_000);
    expect(await take("h2", alice, "sign-in", new Date(now.getTime() + 1_000))).toBeUndefined();
  });

  it("forgets a user's passkeys and challenges with the user", async () => {
    await storage.passkeys.saveChallenge({
      challengeHash: "h3",
      userPoolId: POOL,
      sub: alice.sub,
      clientId: "client-1",
      purpose: "registration",
      createdAt: new Date(),
      expiresAt: new Date(Date.now() + 60_000),
    });
    await storage.users.deleteUser(POOL, alice.sub);
    expect(await storage.passkeys.countPasskeysOfUser(POOL, alice.sub)).toBe(0);
    expect(
      await storage.passkeys.consumeChallenge({
        userPoolId: POOL,
        sub: alice.sub,
        purpose: "registration",
        challengeHash: "h3",
        now: new Date(),
      }),
    ).toBeUndefined();
  });
});
