import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { RequestContext } from "../../src/app/request-context.js";
import { adminAddUserToGroup } from "../../src/app/user-pools/admin-add-user-to-group.js";
import { adminListGroupsForUser } from "../../src/app/user-pools/admin-list-groups-for-user.js";
import { adminRemoveUserFromGroup } from "../../src/app/user-pools/admin-remove-user-from-group.js";
import { createGroup } from "../../src/app/user-pools/create-group.js";
import { deleteGroup } from "../../src/app/user-pools/delete-group.js";
import { getGroup } from "../../src/app/user-pools/get-group.js";
import { listGroups } from "../../src/app/user-pools/list-groups.js";
import { listUsersInGroup } from "../../src/app/user-pools/list-users-in-group.js";
import { updateGroup } from "../../src/app/user-pools/update-group.js";
import type { User } from "../../src/domain/user/user.js";
import { createAesGcmSecretBox } from "../../src/integrations/crypto/aes-gcm-secret-box.js";
import type { Storage } from "../../src/ports/storage.js";
import { openSqliteStorage } from "../../src/storage/sqlite/open-sqlite-storage.js";
import { fakeClock } from "./tokens-fixture.js";

// The group use cases against real SQLite storage, with users inserted directly (the user-creating
// actions are written elsewhere).

export const context: RequestContext = { requestId: "req-groups", sourceIp: "127.0.0.1", signed: true };
export const ROLE = "arn:aws:iam::123456789012:role/GroupRole";
export const clock = fakeClock(1_700_000_000_000);

function useCases(storage: Storage) {
  const deps = { storage, clock, secretBox: createAesGcmSecretBox(randomBytes(32)) };
  return {
    create: createGroup(deps),
    get: getGroup(deps),
    update: updateGroup(deps),
    remove: deleteGroup(deps),
    list: listGroups(deps),
    add: adminAddUserToGroup(deps),
    removeMember: adminRemoveUserFromGroup(deps),
    groupsOf: adminListGroupsForUser(deps),
    members: listUsersInGroup(deps),
  };
}

export async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error("expected a failure");
}

export const groupNotFound = { name: "ResourceNotFoundException", message: "Group not found." };
export const userNotFound = { name: "UserNotFoundException", message: "User does not exist." };

/**
 * A SQLite storage for the tests of the file, opened before them and removed after. `uc` holds the group
 * use cases once the storage is open.
 */
export function useGroupStorage() {
  let dir: string;
  let storage: Storage;
  const uc = {} as ReturnType<typeof useCases>;
  let poolCounter = 0;

  async function newPool(): Promise<string> {
    poolCounter += 1;
    const id = `us-east-1_Group${String(poolCounter).padStart(4, "0")}`;
    const now = clock.now();
    await storage.userPools.insertUserPool({
      id,
      settings: { PoolName: id },
      createdAt: now,
      lastModifiedAt: now,
    });
    return id;
  }

  async function newUser(userPoolId: string, username: string): Promise<User> {
    clock.advance(1_000);
    const at = clock.now();
    const user: User = {
      userPoolId,
      sub: randomUUID(),
      username,
      status: "CONFIRMED",
      enabled: true,
      attributes: { email: `${username}@example.com` },
      password: null,
      passwordHistory: [],
      temporaryPasswordExpiresAt: null,
      tokensRevokedAt: null,
      createdAt: at,
      lastModifiedAt: at,
    };
    await storage.users.insertUser({ user, usernameKey: username, aliases: [] });
    return user;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "cognate-groups-"));
    storage = await openSqliteStorage({ filename: join(dir, "cognate.db"), synchronous: "NORMAL" });
    Object.assign(uc, useCases(storage));
  });
  afterAll(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  return {
    uc,
    get storage() {
      return storage;
    },
    newPool,
    newUser,
  };
}
