/** A refresh token as stored: only its hash, plus what a refresh needs to mint the same session again. */
export interface StoredRefreshToken {
  tokenHash: string;
  /** The token family (origin_jti): every token descended from one sign-in shares it. */
  familyId: string;
  userPoolId: string;
  clientId: string;
  sub: string;
  scopes: string[];
  deviceKey: string | null;
  /** The original authentication time, carried unchanged into every refreshed token. */
  authTime: Date;
  createdAt: Date;
  expiresAt: Date;
  /** Set when rotation replaced this token; reuse after the grace period revokes the family. */
  rotatedAt: Date | null;
}

export interface RefreshTokenFamily {
  familyId: string;
  userPoolId: string;
  clientId: string;
  sub: string;
  revokedAt: Date | null;
}
