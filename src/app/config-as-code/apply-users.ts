import type { UserPool } from "../../domain/user-pool/user-pool.js";
import { findUserByIdentifier } from "../users/user-directory.js";
import type { ConfigDependencies } from "./apply-pool.js";
import type { SeedUser } from "./declaration.js";
import type { PlannedChange } from "./plan.js";

// Seed users. A missing user is created with AdminCreateUser (no invitation is sent) and, when the file
// gives a password, AdminSetUserPassword makes it permanent (CONFIRMED) unless `temporary: true`.
// An existing user's password is never touched again (it belongs to the person now); the declared
// attributes, the groups (exactly the list, when one is given) and `enabled` are kept in line.

export async function applyUsers(
  deps: ConfigDependencies,
  pool: UserPool | undefined,
  poolName: string,
  declared: SeedUser[],
  dryRun: boolean,
): Promise<PlannedChange[]> {
  const changes: PlannedChange[] = [];
  for (const seed of declared) {
    const name = `${poolName}/${seed.username}`;
    const user = pool ? await findUserByIdentifier(deps.storage.users, pool, seed.username) : undefined;
    if (!user || !pool) {
      const details = [
        ...(seed.password ? [seed.temporary ? "temporary password" : "password"] : []),
        ...(seed.groups ?? []).map((group) => `group ${group}`),
      ];
      changes.push({ action: "create", kind: "user", name, details });
      if (!pool || dryRun) continue;
      await deps.actions.call("AdminCreateUser", {
        UserPoolId: pool.id,
        Username: seed.username,
        MessageAction: "SUPPRESS",
        UserAttributes: Object.entries(seed.attributes).map(([Name, Value]) => ({ Name, Value })),
        ...(seed.password && seed.temporary ? { TemporaryPassword: seed.password } : {}),
      });
      if (seed.password && !seed.temporary) {
        await deps.actions.call("AdminSetUserPassword", {
          UserPoolId: pool.id,
          Username: seed.username,
          Password: seed.password,
          Permanent: true,
        });
      }
      for (const group of seed.groups ?? []) {
        await deps.actions.call("AdminAddUserToGroup", {
          UserPoolId: pool.id,
          Username: seed.username,
          GroupName: group,
        });
      }
      if (seed.enabled === false)
        await deps.actions.call("AdminDisableUser", { UserPoolId: pool.id, Username: seed.username });
      continue;
    }

    const details: string[] = [];
    const changedAttributes = Object.entries(seed.attributes).filter(
      ([attribute, value]) => user.attributes[attribute] !== value,
    );
    details.push(...changedAttributes.map(([attribute]) => attribute));
    const current = (await deps.storage.groups.groupsOfUser(pool.id, user.sub)).map(
      (group) => group.groupName,
    );
    const toAdd = (seed.groups ?? []).filter((group) => !current.includes(group));
    const toRemove = seed.groups ? current.filter((group) => !seed.groups?.includes(group)) : [];
    details.push(...toAdd.map((group) => `+ group ${group}`), ...toRemove.map((group) => `- group ${group}`));
    const toggle = seed.enabled !== undefined && seed.enabled !== user.enabled;
    if (toggle) details.push(seed.enabled ? "enable" : "disable");
    changes.push({ action: details.length > 0 ? "update" : "unchanged", kind: "user", name, details });
    if (dryRun || details.length === 0) continue;
    const target = { UserPoolId: pool.id, Username: seed.username };
    if (changedAttributes.length > 0) {
      await deps.actions.call("AdminUpdateUserAttributes", {
        ...target,
        UserAttributes: changedAttributes.map(([Name, Value]) => ({ Name, Value })),
      });
    }
    for (const group of toAdd)
      await deps.actions.call("AdminAddUserToGroup", { ...target, GroupName: group });
    for (const group of toRemove)
      await deps.actions.call("AdminRemoveUserFromGroup", { ...target, GroupName: group });
    if (toggle) await deps.actions.call(seed.enabled ? "AdminEnableUser" : "AdminDisableUser", target);
  }
  return changes;
}
