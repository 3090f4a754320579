import { createHash } from "node:crypto";
import type { User } from "../../domain/user/user.js";
import type { AppDependencies } from "../dependencies.js";

// The hosted UI's single sign-on session: after a sign-in the browser holds a random 256-bit id in a cookie,
// and a later /oauth2/authorize for the same pool skips the form while the session lives.
// - Only the SHA-256 of the id is stored, so a database leak yields no usable cookie.
// - Every sign-in starts a NEW session (the id rotates) and ends the one the browser held before.
// - Lifetime: 1 hour from sign-in, as Cognito's hosted-UI cookie; it does not slide.
// - A session stops counting when the user is gone, disabled, not CONFIRMED, or had every session revoked
//   (GlobalSignOut, password reset) after it began.

export const DEFAULT_SSO_SESSION_SECONDS = 3600;
const ID_BYTES = 32;

export interface ResumedSession {
  user: User;
  authTime: Date;
}

export interface SsoSessions {
  /** Starts a session for a user who just signed in; ends `previousId` (the browser's old session). */
  start(input: { user: User; authTime: Date; previousId?: string }): Promise<{ id: string; expiresAt: Date }>;
  /** The signed-in user behind `id` for this pool, if the session is still good. */
  resume(id: string, userPoolId: string): Promise<ResumedSession | undefined>;
  end(id: string): Promise<void>;
}

const hashId = (id: string) => createHash("sha256").update(id, "utf8").digest("base64url");
const looksLikeId = (id: string) => /^[A-Za-z0-9_-]{43}$/.test(id);

export function createSsoSessions(
  deps: Pick<AppDependencies, "storage" | "clock" | "random">,
  lifetimeSeconds = DEFAULT_SSO_SESSION_SECONDS,
): SsoSessions {
  const end = async (id: string) => {
    if (looksLikeId(id)) await deps.storage.ssoSessions.deleteSsoSession(hashId(id));
  };
  return {
    async start({ user, authTime, previousId }) {
      if (previousId) await end(previousId);
      const id = Buffer.from(deps.random.bytes(ID_BYTES)).toString("base64url");
      const now = deps.clock.now();
      const expiresAt = new Date(now.getTime() + lifetimeSeconds * 1000);
      await deps.storage.ssoSessions.insertSsoSession({
        idHash: hashId(id),
        userPoolId: user.userPoolId,
        sub: user.sub,
        authTime,
        createdAt: now,
        expiresAt,
      });
      // Opportunistic housekeeping keeps the table small without a scheduler.
      if (deps.random.bytes(1)[0] === 0) await deps.storage.ssoSessions.deleteExpiredSsoSessions(now);
      return { id, expiresAt };
    },

    async resume(id, userPoolId) {
      if (!looksLikeId(id)) return undefined;
      const session = await deps.storage.ssoSessions.findSsoSession(hashId(id), deps.clock.now());
      if (!session || session.userPoolId !== userPoolId) return undefined;
      const user = await deps.storage.users.findUserBySub(userPoolId, session.sub);
      if (!user?.enabled || user.status !== "CONFIRMED") return undefined;
      if (user.tokensRevokedAt !== null && user.tokensRevokedAt >= session.createdAt) return undefined;
      return { user, authTime: session.authTime };
    },

    end,
  };
}
