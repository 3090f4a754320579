import { oauthError } from "../../domain/oauth2/oauth-error.js";
import type { UserPoolClient } from "../../domain/user-pool-client/user-pool-client.js";
import { verifyClientSecret } from "../user-pools/client-secrets.js";
import type { OAuth2Dependencies } from "./oauth2-support.js";

// Client authentication at the token, revocation and introspection endpoints (RFC 6749 §2.3, Cognito's
// token endpoint): client_secret_basic (Authorization: Basic) or client_secret_post (client_id and
// client_secret in the body); a client without a secret names itself with client_id alone.
// - Two mechanisms at once (Basic and a body secret), or a body client_id that differs from Basic's:
//   invalid_request.
// - No client_id anywhere: invalid_client.
// - Unknown client, a client of another pool, a client with a secret that sent none or a wrong one (either
//   active secret works during a rotation): invalid_client. A secret sent by a client that has none:
//   invalid_client too.

export interface PresentedClient {
  /** From Authorization: Basic, already decoded. */
  basic?: { clientId: string; clientSecret: string };
  /** From the form body. */
  clientId?: string;
  clientSecret?: string;
}

export interface AuthenticatedClient {
  client: UserPoolClient;
  hasSecret: boolean;
}

export function authenticateClient(deps: Pick<OAuth2Dependencies, "storage" | "secretBox">) {
  const verify = verifyClientSecret(deps);
  return async (userPoolId: string, presented: PresentedClient): Promise<AuthenticatedClient> => {
    if (presented.basic && presented.clientSecret !== undefined) {
      throw oauthError("invalid_request", "Use one client authentication method, not two.");
    }
    if (
      presented.basic &&
      presented.clientId !== undefined &&
      presented.clientId !== presented.basic.clientId
    ) {
      throw oauthError("invalid_request", "client_id does not match the Authorization header.");
    }
    const clientId = presented.basic?.clientId ?? presented.clientId;
    if (!clientId) throw oauthError("invalid_client", "Client authentication is required.");
    const secret = presented.basic?.clientSecret ?? presented.clientSecret;
    const client = await deps.storage.userPoolClients.findClient(userPoolId, clientId);
    if (!client) throw oauthError("invalid_client", "Client authentication failed.");
    const secrets = await deps.storage.userPoolClients.listClientSecrets(clientId);
    const hasSecret = secrets.length > 0;
    if (
      hasSecret
        ? secret === undefined || !(await verify(clientId, secret))
        : secret !== undefined && secret !== ""
    ) {
      throw oauthError("invalid_client", "Client authentication failed.");
    }
    return { client, hasSecret };
  };
}
