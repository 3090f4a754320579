import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Device } from "../../src/domain/device/device.js";
import type { User } from "../../src/domain/user/user.js";
import { DuplicateKeyError, type Storage } from "../../src/ports/storage.js";
import { contractAdapters } from "./adapters.js";
import { contractSuite, contractUser } from "./contract-fixtures.js";

const adapters = await contractAdapters();
const POOL = "us-east-1_DevicesT01";

const newUser = (username: string) => contractUser(POOL, username);

function device(user: User, createdAt: number, overrides: Partial<Device> = {}): Device {
  return {
    deviceKey: `us-east-1_${randomUUID()}`,
    userPoolId: POOL,
    sub: user.sub,
    deviceGroupKey: "-AbCdEfGhI",
    saltHex: "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
    verifierSealed: "sealed-verifier",
    deviceName: "Test browser",
    rememberedStatus: "remembered",
    lastIp: "192.0.2.1",
    createdAt: new Date(createdAt),
    lastModifiedAt: new Date(createdAt),
    lastAuthenticatedAt: null,
    ...overrides,
  };
}

describe.each(adapters)("devices on %s", (_name, factory) => {
  const suite = contractSuite(factory, { id: POOL, name: "devices" });
  let storage: Storage;
  const insertUser = suite.insertUser;
  beforeAll(() => {
    storage = suite.storage();
  });

  it("stores a device exactly, scoped to its owner, and refuses a duplicate key", async () => {
    const owner = await insertUser(newUser("owner"));
    const stranger = await insertUser(newUser("stranger"));
    const stored = device(owner, 1_700_000_100_000, { deviceName: null, lastIp: null });
    await storage.devices.insertDevice(stored);
    expect(await storage.devices.findDevice(POOL, owner.sub, stored.deviceKey)).toEqual(stored);
    expect(await storage.devices.findDevice(POOL, stranger.sub, stored.deviceKey)).toBeUndefined();
    await expect(storage.devices.insertDevice({ ...stored, sub: stranger.sub })).rejects.toBeInstanceOf(
      DuplicateKeyError,
    );
  });

  it("pages a user's devices oldest first", async () => {
    const user = await insertUser(newUser("pager"));
    const devices = [3, 1, 2, 2].map((offset, index) =>
      device(user, 1_700_000_000_000 + offset * 1000, { deviceName: `d${index}` }),
    );
    for (const item of devices) await storage.devices.insertDevice(item);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await storage.devices.listDevicesOfUser(POOL, user.sub, {
        limit: 3,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.items.map((item) => item.deviceKey));
      cursor = page.nextCursor;
    } while (cursor);
    const expected = [...devices]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.deviceKey.localeCompare(b.deviceKey))
      .map((item) => item.deviceKey);
    expect(seen).toEqual(expected);
    expect((await storage.devices.listDevicesOfPool(POOL)).length).toBeGreaterThanOrEqual(4);
  });

  it("updates the remembered status, records sign-ins, and deletes only the owner's device", async () => {
    const user = await insertUser(newUser("status"));
    const other = await insertUser(newUser("status-other"));
    const stored = device(user, 1_700_000_000_000);
    await storage.devices.insertDevice(stored);
    const later = new Date(1_700_000_500_000);
    expect(
      await storage.devices.updateRememberedStatus(POOL, user.sub, stored.deviceKey, "not_remembered", later),
    ).toBe(true);
    expect(
      await storage.devices.updateRememberedStatus(POOL, other.sub, stored.deviceKey, "remembered", later),
    ).toBe(false);
    const signedIn = new Date(1_700_000_900_000);
    await storage.devices.recordDeviceSignIn(POOL, user.sub, stored.deviceKey, signedIn, "198.51.100.7");
    expect(await storage.devices.findDevice(POOL, user.sub, stored.deviceKey)).toMatchObject({
      rememberedStatus: "not_remembered",
      lastModifiedAt: later,
      lastAuthenticatedAt: signedIn,
      lastIp: "198.51.100.7",
    });
    expect(await storage.devices.deleteDevice(POOL, other.sub, stored.deviceKey)).toBe(false);
    expect(await storage.devices.deleteDevice(POOL, user.sub, stored.deviceKey)).toBe(true);
    expect(await storage.devices.findDevice(POOL, user.sub, stored.deviceKey)).toBeUndefined();
  });

  it("revokes only the refresh-token families bound to a forgotten device", async () => {
    const user = await insertUser(newUser("revoker"));
    const deviceKey = `us-east-1_${randomUUID()}`;
    const families = { bound: randomUUID(), other: randomUUID() };
    for (const [kind, familyId] of Object.entries(families)) {
      const now = Date.now();
      await storage.refreshTokens.insertRefreshToken(
        {
          tokenHash: randomUUID(),
          familyId,
          userPoolId: POOL,
          clientId: "client0000000000000000000a",
          sub: user.sub,
          scopes: ["aws.cognito.signin.user.admin"],
          deviceKey: kind === "bound" ? deviceKey : null,
          authTime: new Date(now),
          createdAt: new Date(now),
          expiresAt: new Date(now + 86_400_000),
          rotatedAt: null,
        },
        {
          familyId,
          userPoolId: POOL,
          clientId: "client0000000000000000000a",
          sub: user.sub,
          revokedAt: null,
        },
      );
    }
    await storage.refreshTokens.revokeFamiliesOfDevice(POOL, user.sub, deviceKey, new Date());
    expect(await storage.refreshTokens.isFamilyRevoked(families.bound)).toBe(true);
    expect(await storage.refreshTokens.isFamilyRevoked(families.other)).toBe(false);
  });

  it("drops a user's devices with the user", async () => {
    const user = await insertUser(newUser("leaver"));
    const stored = device(user, 1_700_000_000_000);
    await storage.devices.insertDevice(stored);
    await storage.users.deleteUser(POOL, user.sub);
    expect(await storage.devices.findDevice(POOL, user.sub, stored.deviceKey)).toBeUndefined();
  });
});
