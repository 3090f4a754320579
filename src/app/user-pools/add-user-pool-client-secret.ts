import { InvalidParameterException, LimitExceededException } from "../../domain/errors.js";
import { clientSecretId, generateClientSecret } from "../../domain/user-pool-client/client-id.js";
import { checkCustomClientSecret } from "../../domain/user-pool-client/constraint-message.js";
import { MAX_CLIENT_SECRETS } from "../../domain/user-pool-client/user-pool-client.js";
import { DuplicateKeyError } from "../../ports/storage.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { sealClientSecret } from "./client-secrets.js";
import { findClientOrThrow } from "./user-pool-client-support.js";

export interface AddUserPoolClientSecretInput {
  UserPoolId: string;
  ClientId: string;
  /** A caller-chosen secret; generated when absent. */
  ClientSecret?: string;
}

export interface AddUserPoolClientSecretOutput {
  ClientSecretDescriptor: {
    ClientSecretId: string;
    /** Only for a secret Cognito generated; a caller-chosen secret is not echoed back. */
    ClientSecretValue?: string;
    ClientSecretCreateDate: Date;
  };
}

const limitExceeded = () =>
  new LimitExceededException(`An app client can have at most ${MAX_CLIENT_SECRETS} client secrets.`);

/**
 * Adds a second secret to a confidential client, for rotation. A public client (no secret) gets none:
 * Cognito documents the operation for "an existing confidential user pool app client".
 */
export const addUserPoolClientSecret =
  (
    deps: Pick<AppDependencies, "storage" | "clock" | "random" | "secretBox">,
  ): UseCase<AddUserPoolClientSecretInput, AddUserPoolClientSecretOutput> =>
  async (_context, input) => {
    const { client } = await findClientOrThrow(deps.storage, input.UserPoolId, input.ClientId);
    if (input.ClientSecret != null) checkCustomClientSecret(input.ClientSecret);
    const existing = await deps.storage.userPoolClients.listClientSecrets(client.clientId);
    if (existing.length === 0) {
      throw new InvalidParameterException(
        `App client ${client.clientId} has no client secret; secrets can only be added to a confidential client.`,
      );
    }
    if (existing.length >= MAX_CLIENT_SECRETS) throw limitExceeded();

    const value = input.ClientSecret ?? generateClientSecret((length) => deps.random.bytes(length));
    // Secret ids embed the creation time in milliseconds; step past an id already taken.
    const taken = new Set(existing.map((secret) => secret.secretId));
    let createdAt = deps.clock.now();
    for (let attempt = 1; ; attempt++) {
      while (taken.has(clientSecretId(client.clientId, createdAt)))
        createdAt = new Date(createdAt.getTime() + 1);
      const secret = sealClientSecret(deps.secretBox, client.clientId, value, createdAt);
      try {
        const result = await deps.storage.userPoolClients.addClientSecret(secret, MAX_CLIENT_SECRETS);
        if (result === "limit-reached") throw limitExceeded();
        const descriptor: AddUserPoolClientSecretOutput["ClientSecretDescriptor"] = {
          ClientSecretId: secret.secretId,
          ClientSecretCreateDate: createdAt,
        };
        if (input.ClientSecret == null) descriptor.ClientSecretValue = value;
        return { ClientSecretDescriptor: descriptor };
      } catch (error) {
        // A concurrent add took the same millisecond.
        if (!(error instanceof DuplicateKeyError) || attempt >= 3) throw error;
        taken.add(secret.secretId);
      }
    }
  };
