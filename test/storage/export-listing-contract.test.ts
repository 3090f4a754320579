import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyMfaState } from "../../src/domain/mfa/user-mfa.js";
import type { User } from "../../src/domain/user/user.js";
import type { Storage } from "../../src/ports/storage.js";
import { type Adapter, contractAdapters } from "./adapters.js";

// What `cognate export` reads per page of users: MFA states, recovery code hashes, devices and passkeys of
// just those users (subs), on both engines.

const adapters = await contractAdapters();
const POOL = "us-east-1_ExportList1";
const at = new Date(1_700_000_000_000);

const user = (n: number): User => ({
  userPoolId: POOL,
  sub: `00000000-0000-4000-8000-00000000000${n}`,
  username: `user${n}`,
  status: "CONFIRMED",
  enabled: true,
  attributes: {},
  password: null,
  passwordHistory: [],
  temporaryPasswordExpiresAt: null,
  tokensRevokedAt: null,
  createdAt: at,
  lastModifiedAt: at,
});

describe.each(adapters)("export listings by user on %s", (_name, factory) => {
  let adapter: Adapter;
  let storage: Storage;
  const [one, two, three] = [user(1), user(2), user(3)];

  beforeAll(async () => {
    adapter = factory();
    storage = await adapter.open();
    await storage.userPools.insertUserPool({
      id: POOL,
      settings: { PoolName: "x" },
      createdAt: at,
      lastModifiedAt: at,
    });
    for (const item of [one, two, three]) {
      await storage.users.insertUser({ user: item, usernameKey: item.username, aliases: [] });
      await storage.mfa.saveMfa({ ...emptyMfaState(POOL, item.sub, at), totpDeviceName: item.username });
      await storage.mfa.replaceRecoveryCodes(
        POOL,
        item.sub,
        [`h-${item.username}-b`, `h-${item.username}-a`],
        at,
      );
      await storage.devices.insertDevice({
        deviceKey: `us-east-1_device-${item.username}`,
        userPoolId: POOL,
        sub: item.sub,
        deviceGroupKey: "-group",
        saltHex: "00",
        verifierSealed: "sealed",
        deviceName: null,
        rememberedStatus: "not_remembered",
        lastIp: null,
        createdAt: at,
        lastModifiedAt: at,
        lastAuthenticatedAt: null,
      });
      await storage.passkeys.insertPasskey(
        {
          userPoolId: POOL,
          sub: item.sub,
          credentialId: `cred-${item.username}`,
          publicKey: "pk",
          signCount: 0,
          transports: [],
          friendlyName: null,
          relyingPartyId: "localhost",
          authenticatorAttachment: null,
          createdAt: at,
        },
        20,
      );
    }
  });
  afterAll(async () => {
    await storage.close();
    await adapter.cleanup();
  });

  it("lists only the given users' records, and nothing for no users", async () => {
    const subs = [one?.sub ?? "", three?.sub ?? ""];
    expect((await storage.mfa.listMfaOfPool(POOL, subs)).map((state) => state.totpDeviceName)).toEqual([
      "user1",
      "user3",
    ]);
    expect(await storage.mfa.listRecoveryCodesOfUsers(POOL, subs)).toEqual([
      { sub: subs[0], codeHash: "h-user1-a", createdAt: at },
      { sub: subs[0], codeHash: "h-user1-b", createdAt: at },
      { sub: subs[1], codeHash: "h-user3-a", createdAt: at },
      { sub: subs[1], codeHash: "h-user3-b", createdAt: at },
    ]);
    expect((await storage.devices.listDevicesOfPool(POOL, subs)).map((device) => device.deviceKey)).toEqual([
      "us-east-1_device-user1",
      "us-east-1_device-user3",
    ]);
    expect((await storage.passkeys.listPasskeysOfPool(POOL, subs)).map((key) => key.credentialId)).toEqual([
      "cred-user1",
      "cred-user3",
    ]);
    expect(await storage.mfa.listMfaOfPool(POOL, [])).toEqual([]);
    expect(await storage.mfa.listRecoveryCodesOfUsers(POOL, [])).toEqual([]);
    expect(await storage.devices.listDevicesOfPool(POOL, [])).toEqual([]);
    expect(await storage.passkeys.listPasskeysOfPool(POOL, [])).toEqual([]);
    expect(await storage.mfa.listMfaOfPool(POOL)).toHaveLength(3);
  });
});
