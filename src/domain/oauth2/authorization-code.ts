// An authorization code as stored: only the SHA-256 of the value the browser carried, plus everything the
// token endpoint must check it against and everything it needs to mint the tokens.
// - Valid 5 minutes (Cognito: "a one time use code that is valid for five minutes").
// - Single use: consumption is one conditional write, so of concurrent redemptions exactly one wins.
// - familyId is chosen when the code is issued: the tokens of its redemption form that refresh-token
//   family, so a replay (a second redemption) can revoke exactly what the first one issued.

export const AUTHORIZATION_CODE_LIFETIME_MS = 5 * 60 * 1000;

export interface StoredAuthorizationCode {
  codeHash: string;
  userPoolId: string;
  clientId: string;
  sub: string;
  /** The redirect_uri of the authorization request; the token request must repeat it exactly. */
  redirectUri: string;
  scopes: string[];
  /** PKCE (S256 only); null when the request had none. */
  codeChallenge: string | null;
  nonce: string | null;
  authTime: Date;
  familyId: string;
  createdAt: Date;
  expiresAt: Date;
  consumedAt: Date | null;
  /** Set when a consumed code was presented again. */
  replayedAt: Date | null;
}
