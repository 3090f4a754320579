// Storage for the hosted UI: single sign-on sessions (the browser cookie holds a random id; only its hash is
// stored) and the classic UI customization of Get/SetUICustomization (per pool, or per app client).

export interface SsoSession {
  /** SHA-256 of the cookie value; the value itself is never stored. */
  idHash: string;
  userPoolId: string;
  sub: string;
  /** When the person proved who they are (auth_time of the tokens issued through the session). */
  authTime: Date;
  createdAt: Date;
  expiresAt: Date;
}

export interface SsoSessionRepository {
  insertSsoSession(session: SsoSession): Promise<void>;
  /** The session if it exists and has not expired at `now`. */
  findSsoSession(idHash: string, now: Date): Promise<SsoSession | undefined>;
  /** Idempotent. */
  deleteSsoSession(idHash: string): Promise<void>;
  /** Housekeeping: removes sessions expired before `now`; returns how many. */
  deleteExpiredSsoSessions(now: Date): Promise<number>;
}

/** `clientKey` is an app client id, or "ALL" for the pool-wide default. */
export interface UiCustomization {
  userPoolId: string;
  clientKey: string;
  css: string | null;
  /** The logo as base64, and its media type (image/png or image/jpeg). */
  imageBase64: string | null;
  imageType: string | null;
  /** Changes with every Set call; it versions the CSS and the image URL. */
  version: string;
  createdAt: Date;
  lastModifiedAt: Date;
}

export interface UiCustomizationRepository {
  /** Inserts or replaces the customization of (pool, clientKey); keeps the first createdAt. */
  saveUiCustomization(customization: UiCustomization): Promise<void>;
  findUiCustomization(userPoolId: string, clientKey: string): Promise<UiCustomization | undefined>;
}
