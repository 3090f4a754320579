import { NotAuthorizedException } from "../../domain/errors.js";
import { refreshFailureError } from "../../domain/tokens/token-errors.js";
import type { UserPoolClient } from "../../domain/user-pool-client/user-pool-client.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import type { AuthenticationResult } from "../tokens/mint-tokens.js";
import { preTokenGenerationCustomizer } from "../triggers/pre-token-generation.js";
import { requirePublicClient } from "../users/public-client.js";
import { verifyClientSecret } from "./client-secrets.js";

export interface GetTokensFromRefreshTokenInput {
  RefreshToken: string;
  ClientId: string;
  ClientSecret?: string;
  DeviceKey?: string;
  ClientMetadata?: Record<string, string>;
}

// GetTokensFromRefreshToken: new ID and access tokens from a refresh token of this client.
// - A client with a secret must send it as ClientSecret (NotAuthorizedException), checked before the
//   token is even looked at, so nobody without the secret can rotate (and so burn) a token.
// - RefreshTokenRotation Feature ENABLED: the answer carries a new refresh token and the presented one is
//   replaced. Presented again within RetryGracePeriodSeconds (0–60, default 0) it still works (a client
//   retry); later, it is reuse: the whole family is revoked (every token of that sign-in, the new one
//   included) and the answer is RefreshTokenReuseException. Of many concurrent rotations of one token
//   at most one succeeds when the grace period is 0.
// - Rotation off: no refresh token in the answer; the presented one stays valid.
// - Refused tokens: NotAuthorizedException "Invalid Refresh Token" / "Refresh Token has expired" /
//   "Refresh Token has been revoked" / "User is disabled." (refresh-tokens.ts).
// - A refresh token issued with a device key (pools that track devices) needs that DeviceKey, else
//   "Invalid Refresh Token"; a forgotten device's tokens are revoked (ForgetDevice).

function rotationOf(client: UserPoolClient): { enabled: boolean; graceSeconds: number } {
  const rotation = client.settings.RefreshTokenRotation;
  if (!rotation || typeof rotation !== "object" || Array.isArray(rotation)) {
    return { enabled: false, graceSeconds: 0 };
  }
  const grace = rotation.RetryGracePeriodSeconds;
  return {
    enabled: rotation.Feature === "ENABLED",
    graceSeconds: typeof grace === "number" ? Math.min(Math.max(grace, 0), 60) : 0,
  };
}

export const getTokensFromRefreshToken =
  (
    deps: Pick<AppDependencies, "storage" | "secretBox" | "tokens" | "triggers">,
  ): UseCase<GetTokensFromRefreshTokenInput, { AuthenticationResult: AuthenticationResult }> =>
  async (_context, input) => {
    const { client, pool, hasSecret } = await requirePublicClient(deps.storage, input.ClientId);
    if (hasSecret) {
      if (input.ClientSecret === undefined) {
        throw new NotAuthorizedException(
          `Client ${client.clientId} is configured with secret but ClientSecret was not received`,
        );
      }
      if (!(await verifyClientSecret(deps)(client.clientId, input.ClientSecret))) {
        throw new NotAuthorizedException(`Unable to verify secret for client ${client.clientId}`);
      }
    }
    // PreTokenGeneration (TokenGeneration_RefreshTokens) gets this action's ClientMetadata, as in Cognito.
    const customizeClaims = preTokenGenerationCustomizer(deps, {
      pool,
      client,
      source: "TokenGeneration_RefreshTokens",
      clientMetadata: input.ClientMetadata,
    });
    const refreshed = await deps.tokens.refreshTokens({
      refreshToken: input.RefreshToken,
      client,
      rotate: rotationOf(client),
      device: { key: input.DeviceKey },
      ...(customizeClaims ? { customizeClaims } : {}),
    });
    if (!refreshed.ok) throw refreshFailureError(refreshed.reason);
    return { AuthenticationResult: refreshed.result };
  };
