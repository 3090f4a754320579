import type { User } from "../../domain/user/user.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { UserPoolClient } from "../../domain/user-pool-client/user-pool-client.js";

// The contract between the OAuth engine (app/oauth2) and the hosted UI (http/hosted-ui):
// the UI never decides OAuth rules; it asks the engine to validate an /oauth2/authorize request, shows
// its pages, and once a person has signed in asks the engine to finish the authorization.

/** A validated /oauth2/authorize request. */
export interface AuthorizationRequest {
  pool: UserPool;
  client: UserPoolClient;
  responseType: "code" | "token";
  /** Exactly one of the client's registered CallbackURLs. */
  redirectUri: string;
  scopes: string[];
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: "S256";
  prompt?: "none" | "login";
  identityProvider?: string;
  idpIdentifier?: string;
  lang?: string;
  loginHint?: string;
}

/**
 * What validation yields. `redirect` errors may be sent to the (already verified) redirect_uri;
 * `page` errors must be shown on an error page: a bad client or redirect_uri is never redirected to.
 */
export type AuthorizationValidation =
  | { ok: true; request: AuthorizationRequest }
  | { ok: false; kind: "page"; status: number; message: string }
  | { ok: false; kind: "redirect"; location: string };

/** Finishing: the URL to send the browser to (with ?code=… or #access_token=…, plus state). */
export interface AuthorizationCompletion {
  location: string;
}

export interface AuthorizationEngine {
  /** Parses and checks the query of /oauth2/authorize for the pool the request reached. */
  validate(userPoolId: string, query: Record<string, string | undefined>): Promise<AuthorizationValidation>;
  /** Issues the code (or implicit tokens) for a user who has just signed in (or has an SSO session). */
  complete(request: AuthorizationRequest, user: User, authTime: Date): Promise<AuthorizationCompletion>;
  /** The redirect for prompt=none when nobody is signed in: error=login_required. */
  loginRequired(request: AuthorizationRequest): string;
}
