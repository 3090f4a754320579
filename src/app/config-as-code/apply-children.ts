import { ResourceNotFoundException } from "../../domain/errors.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import { buildClientSettings } from "../../domain/user-pool-client/client-defaults.js";
import { generateClientSecret } from "../../domain/user-pool-client/client-id.js";
import { checkCustomClientSecret } from "../../domain/user-pool-client/constraint-message.js";
import {
  fromStoredSettings,
  toStoredSettings,
  type UserPoolClient,
} from "../../domain/user-pool-client/user-pool-client.js";
import type { JsonObject, JsonValue } from "../../shared/json.js";
import type { AppDependencies } from "../dependencies.js";
import { sealClientSecret } from "../user-pools/client-secrets.js";
import { clientContextFor } from "../user-pools/user-pool-client-support.js";
import type { ConfigDependencies } from "./apply-pool.js";
import type { DeclaredClient } from "./declaration.js";
import { changedKeys, type PlannedChange, sameJson } from "./plan.js";

// App clients, groups, resource servers and the domain of one pool. Clients are compared on the settings
// UpdateUserPoolClient would store (it replaces, as in Cognito); GenerateSecret only applies at creation.
// Resource servers and domains go through their actions when this Cognate has them, else are skipped.

type Outcome = { change: PlannedChange; id?: string };

async function allClients(deps: ConfigDependencies, pool: UserPool): Promise<UserPoolClient[]> {
  const clients: UserPoolClient[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.storage.userPoolClients.listClients(
      pool.id,
      cursor ? { limit: 60, cursor } : { limit: 60 },
    );
    clients.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return clients;
}

async function createPinnedClient(
  deps: ConfigDependencies & Pick<AppDependencies, "random" | "secretBox">,
  pool: UserPool,
  declared: DeclaredClient,
  id: string,
): Promise<void> {
  const input: JsonObject = { ...declared.input, UserPoolId: pool.id };
  deps.actions.validate("CreateUserPoolClient", input);
  if (!/^[\w+]{1,128}$/.test(id)) throw new Error(`client id ${id} may hold only letters, digits, _ and +`);
  const given = typeof input.ClientSecret === "string" ? input.ClientSecret : undefined;
  if (given !== undefined) checkCustomClientSecret(given);
  const secret =
    given ?? (input.GenerateSecret === true ? generateClientSecret((n) => deps.random.bytes(n)) : undefined);
  const settings = buildClientSettings(
    input as never,
    clientContextFor(pool, "create", secret !== undefined),
  );
  const now = deps.clock.now();
  await deps.storage.userPoolClients.insertClient(
    {
      clientId: id,
      userPoolId: pool.id,
      settings: toStoredSettings(settings),
      createdAt: now,
      lastModifiedAt: now,
    },
    secret === undefined ? undefined : sealClientSecret(deps.secretBox, id, secret, now),
  );
}

export async function applyClients(
  deps: ConfigDependencies & Pick<AppDependencies, "random" | "secretBox">,
  pool: UserPool | undefined,
  poolName: string,
  declared: DeclaredClient[],
  dryRun: boolean,
): Promise<Outcome[]> {
  const existing = pool ? await allClients(deps, pool) : [];
  const outcomes: Outcome[] = [];
  for (const client of declared) {
    const name = `${poolName}/${client.name}`;
    const matches = existing.filter((candidate) => candidate.settings.ClientName === client.name);
    if (matches.length > 1)
      throw new Error(
        `pool ${poolName} has ${matches.length} app clients named ${client.name}; apply matches clients by name`,
      );
    const current = matches[0];
    if (!current || !pool) {
      const details: string[] = [];
      if (dryRun || !pool) {
        outcomes.push({ change: { action: "create", kind: "client", name, details } });
        continue;
      }
      let id = client.id;
      if (id === undefined) {
        const output = await deps.actions.call("CreateUserPoolClient", {
          ...client.input,
          UserPoolId: pool.id,
        });
        id = String((output.UserPoolClient as JsonObject | undefined)?.ClientId ?? "");
      } else {
        await createPinnedClient(deps, pool, client, id);
      }
      outcomes.push({
        change: { action: "create", kind: "client", name, details: [`id ${id}`] },
        id,
      });
      continue;
    }
    if (client.id !== undefined && client.id !== current.clientId) {
      throw new Error(`app client ${name} exists with id ${current.clientId}, not the pinned ${client.id}`);
    }
    const hasSecret = (await deps.storage.userPoolClients.listClientSecrets(current.clientId)).length > 0;
    const { GenerateSecret: _generate, ClientSecret: _secret, ...updatable } = client.input;
    const desired = toStoredSettings(
      buildClientSettings(updatable as never, {
        ...clientContextFor(pool, "update", hasSecret),
        previous: fromStoredSettings(current.settings),
      }),
    );
    // A client made from this very input is unchanged too: create and update default a few omitted
    // members differently (ExplicitAuthFlows), and the file has not changed since it was created.
    const asCreated = toStoredSettings(
      buildClientSettings(updatable as never, clientContextFor(pool, "create", hasSecret)),
    );
    const details = sameJson(current.settings, asCreated)
      ? []
      : changedKeys(current.settings as Record<string, JsonValue>, desired as Record<string, JsonValue>);
    if (client.input.GenerateSecret === true && !hasSecret)
      details.push("GenerateSecret (ignored: only at creation)");
    const changed = details.some((detail) => !detail.startsWith("GenerateSecret"));
    if (changed && !dryRun) {
      await deps.actions.call("UpdateUserPoolClient", {
        ...updatable,
        UserPoolId: pool.id,
        ClientId: current.clientId,
      });
    }
    outcomes.push({
      change: {
        action: changed ? "update" : "unchanged",
        kind: "client",
        name,
        details: changed ? details : [],
      },
      id: current.clientId,
    });
  }
  return outcomes;
}

const GROUP_FIELDS = ["Description", "Precedence", "RoleArn"] as const;

export async function applyGroups(
  deps: ConfigDependencies,
  pool: UserPool | undefined,
  poolName: string,
  declared: JsonObject[],
  dryRun: boolean,
): Promise<PlannedChange[]> {
  const changes: PlannedChange[] = [];
  for (const group of declared) {
    const groupName = String(group.GroupName ?? "");
    const name = `${poolName}/${groupName}`;
    const current = pool ? await deps.storage.groups.findGroup(pool.id, groupName) : undefined;
    if (!current || !pool) {
      if (pool && !dryRun) await deps.actions.call("CreateGroup", { ...group, UserPoolId: pool.id });
      changes.push({ action: "create", kind: "group", name, details: [] });
      continue;
    }
    const now = {
      Description: current.description,
      Precedence: current.precedence,
      RoleArn: current.roleArn,
    };
    const details = GROUP_FIELDS.filter(
      (field) => group[field] !== undefined && !sameJson(group[field], now[field]),
    );
    if (details.length > 0 && !dryRun)
      await deps.actions.call("UpdateGroup", { ...group, UserPoolId: pool.id });
    changes.push({
      action: details.length > 0 ? "update" : "unchanged",
      kind: "group",
      name,
      details: [...details],
    });
  }
  return changes;
}

const skipped = (kind: PlannedChange["kind"], name: string, action: string): PlannedChange => ({
  action: "skip",
  kind,
  name,
  details: [`${action} is not implemented by this Cognate yet; skipped (see docs/compatibility.md)`],
});

export async function applyResourceServers(
  deps: ConfigDependencies,
  pool: UserPool | undefined,
  poolName: string,
  declared: JsonObject[],
  dryRun: boolean,
): Promise<PlannedChange[]> {
  const changes: PlannedChange[] = [];
  for (const server of declared) {
    const name = `${poolName}/${String(server.Identifier ?? "")}`;
    if (!deps.actions.has("CreateResourceServer")) {
      changes.push(skipped("resourceServer", name, "CreateResourceServer"));
      continue;
    }
    let current: JsonObject | undefined;
    if (pool) {
      try {
        const output = await deps.actions.call("DescribeResourceServer", {
          UserPoolId: pool.id,
          Identifier: server.Identifier ?? "",
        });
        current = output.ResourceServer as JsonObject;
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
    }
    if (!current || !pool) {
      if (pool && !dryRun)
        await deps.actions.call("CreateResourceServer", { ...server, UserPoolId: pool.id });
      changes.push({ action: "create", kind: "resourceServer", name, details: [] });
      continue;
    }
    const details = ["Name", "Scopes"].filter(
      (field) =>
        !sameJson(
          server[field] ?? (field === "Scopes" ? [] : undefined),
          current[field] ?? (field === "Scopes" ? [] : undefined),
        ),
    );
    if (details.length > 0 && !dryRun)
      await deps.actions.call("UpdateResourceServer", { ...server, UserPoolId: pool.id });
    changes.push({
      action: details.length > 0 ? "update" : "unchanged",
      kind: "resourceServer",
      name,
      details,
    });
  }
  return changes;
}

export async function applyDomain(
  deps: ConfigDependencies,
  pool: UserPool | undefined,
  poolName: string,
  declared: JsonObject | undefined,
  dryRun: boolean,
): Promise<PlannedChange[]> {
  if (!declared) return [];
  const domain = String(declared.Domain ?? "");
  const name = `${poolName}/${domain}`;
  if (!deps.actions.has("CreateUserPoolDomain")) return [skipped("domain", name, "CreateUserPoolDomain")];
  const described = await deps.actions.call("DescribeUserPoolDomain", { Domain: domain });
  const owner = (described.DomainDescription as JsonObject | undefined)?.UserPoolId;
  if (owner !== undefined && owner === pool?.id)
    return [{ action: "unchanged", kind: "domain", name, details: [] }];
  if (owner !== undefined) {
    return [
      { action: "refuse", kind: "domain", name, details: [`the domain belongs to pool ${String(owner)}`] },
    ];
  }
  if (pool) {
    const current = await deps.actions.call("DescribeUserPool", { UserPoolId: pool.id });
    const other = (current.UserPool as JsonObject | undefined)?.Domain;
    if (typeof other === "string" && other !== "") {
      return [
        {
          action: "refuse",
          kind: "domain",
          name,
          details: [
            `the pool already has the domain ${other}; delete it (DeleteUserPoolDomain) to use another`,
          ],
        },
      ];
    }
    if (!dryRun) await deps.actions.call("CreateUserPoolDomain", { ...declared, UserPoolId: pool.id });
  }
  return [{ action: "create", kind: "domain", name, details: [] }];
}
