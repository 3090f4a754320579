import { applyMfaConfig, mfaConfigOf } from "../../domain/user-pool/mfa-config.js";
import { checkPoolName } from "../../domain/user-pool/pool-name.js";
import { createUserPoolSettings, updateUserPoolSettings } from "../../domain/user-pool/pool-settings.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { JsonObject, JsonValue } from "../../shared/json.js";
import type { AppDependencies } from "../dependencies.js";
import type { CognitoActions } from "./cognito-actions.js";
import type { DeclaredPool } from "./declaration.js";
import { changedKeys, type PlannedChange, sameJson } from "./plan.js";

// A declared pool against the stored one:
// - missing: CreateUserPool (or, with a pinned `id`, the same settings inserted under that id), then
//   SetUserPoolMfaConfig for the MFA-only members (SoftwareTokenMfaConfiguration & co.);
// - present: UpdateUserPool when the settings it would store differ (UpdateUserPool replaces, so members
//   left out of the file return to Cognito's defaults); new custom attributes go through AddCustomAttributes;
//   what Cognito never changes after creation (UsernameAttributes, AliasAttributes, UsernameConfiguration,
//   existing schema attributes) is refused with a message saying to recreate the pool.

export type ConfigDependencies = Pick<AppDependencies, "storage" | "clock" | "deployment"> & {
  actions: CognitoActions;
};

const MFA_MEMBERS = [
  "SoftwareTokenMfaConfiguration",
  "EmailMfaConfiguration",
  "WebAuthnConfiguration",
  "SmsMfaConfiguration",
];
const CREATE_ONLY = ["UsernameAttributes", "AliasAttributes", "UsernameConfiguration"];

function splitMfa(input: JsonObject): { pool: JsonObject; mfa: JsonObject | undefined } {
  const pool: JsonObject = {};
  const mfa: JsonObject = {};
  for (const [key, value] of Object.entries(input)) {
    if (MFA_MEMBERS.includes(key)) mfa[key] = value;
    else pool[key] = value;
  }
  return { pool, mfa: Object.keys(mfa).length > 0 ? mfa : undefined };
}

export async function findPoolByName(deps: ConfigDependencies, name: string): Promise<UserPool | undefined> {
  let cursor: string | undefined;
  const found: UserPool[] = [];
  do {
    const page = await deps.storage.userPools.listUserPools(cursor ? { limit: 60, cursor } : { limit: 60 });
    found.push(...page.items.filter((pool) => pool.settings.PoolName === name));
    cursor = page.nextCursor;
  } while (cursor);
  if (found.length > 1) {
    throw new Error(
      `${found.length} user pools are named ${name} (${found.map((pool) => pool.id).join(", ")}); apply matches pools by name, so rename or delete the extra ones`,
    );
  }
  return found[0];
}

async function createPool(
  deps: ConfigDependencies,
  declared: DeclaredPool,
  input: JsonObject,
): Promise<string> {
  if (declared.id === undefined) {
    const output = await deps.actions.call("CreateUserPool", input);
    return String((output.UserPool as JsonObject | undefined)?.Id ?? "");
  }
  const region = deps.deployment.region;
  if (!new RegExp(`^${region}_[0-9A-Za-z]{1,40}$`).test(declared.id)) {
    throw new Error(
      `${declared.path}.id must look like ${region}_<letters and digits> (the region is COGNATE_REGION)`,
    );
  }
  deps.actions.validate("CreateUserPool", input);
  checkPoolName(input.PoolName);
  const now = deps.clock.now();
  await deps.storage.userPools.insertUserPool({
    id: declared.id,
    settings: createUserPoolSettings(input, region),
    createdAt: now,
    lastModifiedAt: now,
  });
  return declared.id;
}

/** Reconciles one pool; returns its id (undefined in a dry run of a new pool) and the change made. */
export async function applyPool(
  deps: ConfigDependencies,
  declared: DeclaredPool,
  dryRun: boolean,
): Promise<{ pool: UserPool | undefined; change: PlannedChange; refusals: PlannedChange[] }> {
  const { pool: input, mfa } = splitMfa(declared.input);
  const region = deps.deployment.region;
  const existing = await findPoolByName(deps, declared.name);
  const name = declared.name;
  if (!existing) {
    // Settings are built here too so that a dry run reports an invalid pool before anything is written.
    createUserPoolSettings(input, region);
    const details: string[] = [];
    if (dryRun)
      return { pool: undefined, change: { action: "create", kind: "userPool", name, details }, refusals: [] };
    const id = await createPool(deps, declared, input);
    if (mfa) await deps.actions.call("SetUserPoolMfaConfig", { ...mfa, UserPoolId: id });
    return {
      pool: await deps.storage.userPools.findUserPool(id),
      change: { action: "create", kind: "userPool", name, details: [`id ${id}`] },
      refusals: [],
    };
  }
  if (declared.id !== undefined && declared.id !== existing.id) {
    throw new Error(
      `${declared.path}: pool ${name} exists with id ${existing.id}, not the pinned ${declared.id}`,
    );
  }

  const refusals: PlannedChange[] = [];
  const asCreated = createUserPoolSettings(input, region);
  const immutable = CREATE_ONLY.filter((key) => !sameJson(existing.settings[key], asCreated[key]));
  const currentSchema = (existing.settings.SchemaAttributes ?? []) as JsonObject[];
  const declaredSchema = (asCreated.SchemaAttributes ?? []) as JsonObject[];
  const newAttributes = declaredSchema.filter(
    (attribute) => !currentSchema.some((c) => c.Name === attribute.Name),
  );
  const changedAttributes = declaredSchema.filter((attribute) =>
    currentSchema.some((c) => c.Name === attribute.Name && !sameJson(c, attribute)),
  );
  for (const key of [...immutable, ...changedAttributes.map((a) => `schema attribute ${String(a.Name)}`)]) {
    refusals.push({
      action: "refuse",
      kind: "userPool",
      name,
      details: [
        `${key} cannot change after a pool is created; delete the pool (or give it a new PoolName) to recreate it`,
      ],
    });
  }

  const desired = updateUserPoolSettings(existing.settings, { ...input, UserPoolId: existing.id }, region);
  const details = changedKeys(
    existing.settings as Record<string, JsonValue>,
    desired as Record<string, JsonValue>,
  );
  const mfaDetails = mfa
    ? changedKeys(
        mfaConfigOf(existing.settings) as Record<string, JsonValue>,
        mfaConfigOf(applyMfaConfig(existing.settings, mfa, region)) as Record<string, JsonValue>,
      )
    : [];
  const allDetails = [
    ...details,
    ...mfaDetails.filter((key) => !details.includes(key)),
    ...newAttributes.map((attribute) => `+ ${String(attribute.Name)}`),
  ];
  if (allDetails.length === 0) {
    return { pool: existing, change: { action: "unchanged", kind: "userPool", name, details: [] }, refusals };
  }
  if (!dryRun) {
    if (details.length > 0) await deps.actions.call("UpdateUserPool", { ...input, UserPoolId: existing.id });
    if (mfaDetails.length > 0 && mfa)
      await deps.actions.call("SetUserPoolMfaConfig", { ...mfa, UserPoolId: existing.id });
    if (newAttributes.length > 0) {
      const custom = ((declared.input.Schema ?? []) as JsonObject[]).filter((entry) =>
        newAttributes.some((attribute) => String(attribute.Name).endsWith(`custom:${String(entry.Name)}`)),
      );
      await deps.actions.call("AddCustomAttributes", { UserPoolId: existing.id, CustomAttributes: custom });
    }
  }
  const pool = dryRun ? existing : ((await deps.storage.userPools.findUserPool(existing.id)) ?? existing);
  return { pool, change: { action: "update", kind: "userPool", name, details: allDetails }, refusals };
}
