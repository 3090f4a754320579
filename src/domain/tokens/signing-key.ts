/** Cognito signs ID and access tokens with different keys; each pool has its own. */
export type SigningKeyUse = "id" | "access";

export interface SigningKey {
  kid: string;
  userPoolId: string;
  use: SigningKeyUse;
  algorithm: "RS256";
  /** Private JWK, sealed with the master key. */
  privateKeySealed: string;
  /** Public JWK as published in the JWKS. */
  publicJwk: Record<string, string>;
  createdAt: Date;
  /** After this the key no longer signs; it stays in the JWKS until `expiresAt`. */
  retiredAt: Date | null;
  /** Removed from the JWKS after this (retirement + the longest token lifetime). */
  expiresAt: Date | null;
}
