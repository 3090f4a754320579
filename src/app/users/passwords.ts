import {
  assertPasswordConformsToPolicy,
  type CompromisedPasswordList,
  passwordPolicyOf,
} from "../../domain/auth/password-policy.js";
import type { SrpEngine } from "../../domain/auth/srp/index.js";
import { PasswordHistoryPolicyViolationException } from "../../domain/errors.js";
import type { PasswordCredentials, User } from "../../domain/user/user.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { Clock } from "../../ports/clock.js";
import type { ForeignPasswordHashes } from "../../ports/foreign-password-hashes.js";
import type { PasswordHasher } from "../../ports/password-hasher.js";
import type { RandomSource } from "../../ports/random.js";
import type { SecretBox } from "../../ports/secret-box.js";

// Setting a password: policy (and the breached list unless the pool opts out), history, then the argon2id
// hash and the SRP verifier together, so password and SRP sign-in always agree. The verifier is sealed.

export const SRP_VERIFIER_PURPOSE = "srp-verifier";
/** Pool tag that switches the breached-password check off (it is on by default). */
export const BREACHED_CHECK_TAG = "cognate:breached-password-check";

export interface PasswordDependencies {
  passwordHasher: PasswordHasher;
  srp: SrpEngine;
  secretBox: SecretBox;
  random: RandomSource;
  clock: Clock;
  compromisedPasswords: CompromisedPasswordList;
  /** Hashes brought in by `cognate import` (bcrypt, scrypt, PBKDF2); absent, only argon2 verifies. */
  foreignHashes?: ForeignPasswordHashes;
}

/** The part of the pool id after "_", which SRP mixes into x. */
export const srpPoolName = (userPoolId: string) => userPoolId.slice(userPoolId.indexOf("_") + 1);

function breachedCheckEnabled(pool: UserPool): boolean {
  const tags = pool.settings.UserPoolTags;
  const value =
    tags && typeof tags === "object" && !Array.isArray(tags) ? tags[BREACHED_CHECK_TAG] : undefined;
  return !(typeof value === "string" && /^(off|false|disabled)$/i.test(value));
}

function historySize(pool: UserPool): number {
  const policies = pool.settings.Policies;
  if (!policies || typeof policies !== "object" || Array.isArray(policies)) return 0;
  const policy = policies.PasswordPolicy;
  if (!policy || typeof policy !== "object" || Array.isArray(policy)) return 0;
  return typeof policy.PasswordHistorySize === "number" ? policy.PasswordHistorySize : 0;
}

export function createPasswords(deps: PasswordDependencies) {
  async function credentialsFor(
    pool: UserPool,
    username: string,
    password: string,
  ): Promise<PasswordCredentials> {
    const verifier = deps.srp.computeVerifier({
      poolName: srpPoolName(pool.id),
      userIdForSrp: username,
      password,
      salt: deps.random.bytes(16),
    });
    return {
      hash: await deps.passwordHasher.hash(password),
      srpSaltHex: verifier.saltHex,
      srpVerifierSealed: deps.secretBox.seal(verifier.verifierHex, SRP_VERIFIER_PURPOSE),
      changedAt: deps.clock.now(),
    };
  }

  /** Throws InvalidPasswordException when the password breaks the pool's policy or is known-breached. */
  function checkPolicy(pool: UserPool, password: string): void {
    assertPasswordConformsToPolicy(
      password,
      passwordPolicyOf(pool.settings),
      breachedCheckEnabled(pool) ? deps.compromisedPasswords : undefined,
    );
  }

  // A real hash to check against for unknown users, made once per instance on first use.
  let decoyHash: Promise<string> | undefined;

  return {
    checkPolicy,

    /** New credentials for `user`, after the policy and (for user-chosen passwords) history checks. */
    async newCredentials(
      pool: UserPool,
      user: Pick<User, "username" | "password" | "passwordHistory">,
      password: string,
      options: { checkHistory: boolean },
    ): Promise<{ password: PasswordCredentials; passwordHistory: string[] }> {
      checkPolicy(pool, password);
      const size = historySize(pool);
      const previous = [...(user.password ? [user.password.hash] : []), ...user.passwordHistory].slice(
        0,
        size,
      );
      if (options.checkHistory && size > 0) {
        for (const hash of previous) {
          if (await deps.passwordHasher.verify(hash, password)) {
            throw new PasswordHistoryPolicyViolationException(
              "The password you entered has been used recently. Choose a different password.",
            );
          }
        }
      }
      const credentials = await credentialsFor(pool, user.username, password);
      // The current password is kept apart, so the history holds the N-1 before it.
      return { password: credentials, passwordHistory: previous.slice(0, Math.max(size - 1, 0)) };
    },

    /** Checks a password; false when the user has none. */
    async verify(user: Pick<User, "password">, password: string): Promise<boolean> {
      if (!user.password) return false;
      const { hash } = user.password;
      if (!hash.startsWith("$argon2") && deps.foreignHashes?.formatOf(hash)) {
        return deps.foreignHashes.verify(hash, password);
      }
      return deps.passwordHasher.verify(hash, password);
    },

    /** True for an imported or outdated hash, or a missing SRP verifier: the next sign-in upgrades it. */
    needsUpgrade(user: Pick<User, "password">): boolean {
      const stored = user.password;
      if (!stored) return false;
      return !stored.srpVerifierSealed || !stored.srpSaltHex || deps.passwordHasher.needsRehash(stored.hash);
    },

    /** The same password as argon2id + SRP verifier (no policy check: the user did not choose it now). */
    async rehash(pool: UserPool, user: Pick<User, "username" | "password">, password: string) {
      const credentials = await credentialsFor(pool, user.username, password);
      return { ...credentials, changedAt: user.password?.changedAt ?? credentials.changedAt };
    },

    /** Spends the same effort as a real check, so unknown users cannot be told apart by timing. */
    async verifyAgainstNothing(password: string): Promise<false> {
      decoyHash ??= deps.passwordHasher.hash(`decoy-${Buffer.from(deps.random.bytes(16)).toString("hex")}`);
      await deps.passwordHasher.verify(await decoyHash, password);
      return false;
    },
  };
}

export type Passwords = ReturnType<typeof createPasswords>;
