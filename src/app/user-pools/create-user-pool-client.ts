import { InvalidParameterException } from "../../domain/errors.js";
import {
  buildClientSettings,
  type ClientConfigurationInput,
} from "../../domain/user-pool-client/client-defaults.js";
import {
  describeClient,
  type UserPoolClientDescription,
} from "../../domain/user-pool-client/client-description.js";
import { generateClientId, generateClientSecret } from "../../domain/user-pool-client/client-id.js";
import { checkCustomClientSecret } from "../../domain/user-pool-client/constraint-message.js";
import { toStoredSettings, type UserPoolClient } from "../../domain/user-pool-client/user-pool-client.js";
import { DuplicateKeyError } from "../../ports/storage.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { sealClientSecret } from "./client-secrets.js";
import { clientContextFor, customScopesOfPool, findUserPoolOrThrow } from "./user-pool-client-support.js";

export interface CreateUserPoolClientInput extends ClientConfigurationInput {
  UserPoolId: string;
  ClientName: string;
  GenerateSecret?: boolean;
  /** A caller-chosen secret instead of a generated one. */
  ClientSecret?: string;
}

export interface CreateUserPoolClientOutput {
  UserPoolClient: UserPoolClientDescription;
}

/** Client ids are random; a clash with an existing id is retried with a fresh one. */
const ID_ATTEMPTS = 3;

export const createUserPoolClient =
  (
    deps: Pick<AppDependencies, "storage" | "clock" | "random" | "secretBox">,
  ): UseCase<CreateUserPoolClientInput, CreateUserPoolClientOutput> =>
  async (_context, input) => {
    const pool = await findUserPoolOrThrow(deps.storage, input.UserPoolId);
    if (input.GenerateSecret === true && input.ClientSecret != null) {
      throw new InvalidParameterException("GenerateSecret cannot be true when a ClientSecret is provided.");
    }
    if (input.ClientSecret != null) checkCustomClientSecret(input.ClientSecret);
    const randomBytes = (length: number) => deps.random.bytes(length);
    const secretValue =
      input.ClientSecret ?? (input.GenerateSecret === true ? generateClientSecret(randomBytes) : undefined);
    const settings = buildClientSettings(input, {
      ...clientContextFor(pool, "create", secretValue !== undefined),
      knownCustomScopes: await customScopesOfPool(deps.storage, pool.id),
    });
    const now = deps.clock.now();

    for (let attempt = 1; ; attempt++) {
      const client: UserPoolClient = {
        clientId: generateClientId(randomBytes),
        userPoolId: pool.id,
        settings: toStoredSettings(settings),
        createdAt: now,
        lastModifiedAt: now,
      };
      const secret =
        secretValue === undefined
          ? undefined
          : sealClientSecret(deps.secretBox, client.clientId, secretValue, now);
      try {
        await deps.storage.userPoolClients.insertClient(client, secret);
        return { UserPoolClient: describeClient(client, secretValue) };
      } catch (error) {
        if (!(error instanceof DuplicateKeyError) || attempt >= ID_ATTEMPTS) throw error;
      }
    }
  };
