import {
  buildClientSettings,
  type ClientConfigurationInput,
} from "../../domain/user-pool-client/client-defaults.js";
import {
  describeClient,
  type UserPoolClientDescription,
} from "../../domain/user-pool-client/client-description.js";
import {
  fromStoredSettings,
  toStoredSettings,
  userPoolClientNotFound,
} from "../../domain/user-pool-client/user-pool-client.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { openClientSecret } from "./client-secrets.js";
import { clientContextFor, customScopesOfPool, findClientOrThrow } from "./user-pool-client-support.js";

export interface UpdateUserPoolClientInput extends ClientConfigurationInput {
  UserPoolId: string;
  ClientId: string;
}

export interface UpdateUserPoolClientOutput {
  UserPoolClient: UserPoolClientDescription;
}

/**
 * Replaces the client's configuration, as Cognito does: members the request leaves out go back to their
 * defaults (see domain/user-pool-client/client-defaults.ts for the few that are kept).
 */
export const updateUserPoolClient =
  (
    deps: Pick<AppDependencies, "storage" | "clock" | "secretBox">,
  ): UseCase<UpdateUserPoolClientInput, UpdateUserPoolClientOutput> =>
  async (_context, input) => {
    const { pool, client } = await findClientOrThrow(deps.storage, input.UserPoolId, input.ClientId);
    const secrets = await deps.storage.userPoolClients.listClientSecrets(client.clientId);
    const settings = buildClientSettings(input, {
      ...clientContextFor(pool, "update", secrets.length > 0),
      knownCustomScopes: await customScopesOfPool(deps.storage, pool.id),
      previous: fromStoredSettings(client.settings),
    });
    const stored = toStoredSettings(settings);
    const now = deps.clock.now();
    const replaced = await deps.storage.userPoolClients.replaceClientSettings(
      pool.id,
      client.clientId,
      stored,
      now,
    );
    if (!replaced) throw userPoolClientNotFound(client.clientId);
    const [oldest] = secrets;
    const secret = oldest ? openClientSecret(deps.secretBox, oldest) : undefined;
    return { UserPoolClient: describeClient({ ...client, settings: stored, lastModifiedAt: now }, secret) };
  };
