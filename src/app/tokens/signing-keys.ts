// A pool's signing keys: one RS256 key for ID tokens and another for access tokens (different kids).
// - Created on first use (first token, or first JWKS request), only for pools that exist. Two nodes racing
//   to create them both succeed: kids are unique, and signers always take the newest active key per use.
// - Rotation adds new keys and retires the active ones; a retired key stops signing but stays in the JWKS
//   until retirement + the longest token lifetime (1 day) + the cache TTL, so every token it signed can
//   still be verified.
// - Private JWKs are stored sealed ("signing-key" purpose). Parsed keys are cached in the instance that
//   `createSigningKeys` returns. Signing re-reads a pool's key list at most once per TTL (default 5 s), so
//   the signing hot path does no database work; another node's rotation reaches it within the TTL.
// - The JWKS always reads the list (one indexed query; clients cache the document), so it publishes keys
//   that other nodes just created. Verification re-reads the list when it meets a kid it does not know.

import type { SigningKey, SigningKeyUse } from "../../domain/tokens/signing-key.js";
import { userPoolNotFound } from "../../domain/user-pool/user-pool.js";
import type { JwtSigner, JwtVerifier, PublicJwk, TokenSigner } from "../../ports/token-signer.js";
import type { AppDependencies, UseCase } from "../dependencies.js";

export const SIGNING_KEY_PURPOSE = "signing-key";
/** ID and access tokens live at most a day; refresh tokens are not JWTs. */
export const MAX_TOKEN_LIFETIME_MS = 86_400_000;
const DEFAULT_CACHE_TTL_MS = 5_000;
const USES: readonly SigningKeyUse[] = ["id", "access"];

export interface SigningKeysDependencies extends Pick<AppDependencies, "storage" | "clock" | "secretBox"> {
  tokenSigner: TokenSigner;
}

export interface SigningKeysOptions {
  /** How long a node trusts its cached list of a pool's keys (default 5 s). */
  cacheTtlMs?: number;
}

export interface Jwks {
  keys: PublicJwk[];
}

export interface KeyRotation {
  created: string[];
  retired: string[];
}

export interface SigningKeys {
  /** The key that signs `use` tokens now; creates the pool's keys on first use. Unknown pool: throws. */
  signer(userPoolId: string, use: SigningKeyUse): Promise<JwtSigner>;
  /** The published key with this kid, if the pool has one. */
  verifier(userPoolId: string, kid: string): Promise<JwtVerifier | undefined>;
  /** Every key still published, newest first; undefined when the pool does not exist. */
  jwks(userPoolId: string): Promise<Jwks | undefined>;
  /** New keys for both uses; the old ones retire (and this node's cache forgets the pool). */
  rotate(userPoolId: string): Promise<KeyRotation>;
}

interface PoolKeys {
  keys: SigningKey[];
  loadedAt: number;
}

const isLive = (key: SigningKey, now: Date) => key.expiresAt === null || key.expiresAt > now;
const activeKey = (keys: readonly SigningKey[], use: SigningKeyUse, now: Date) =>
  keys.find((key) => key.use === use && key.retiredAt === null && isLive(key, now));

async function newSigningKey(
  deps: SigningKeysDependencies,
  userPoolId: string,
  use: SigningKeyUse,
  now: Date,
): Promise<SigningKey> {
  const pair = await deps.tokenSigner.generateKeyPair();
  return {
    kid: pair.kid,
    userPoolId,
    use,
    algorithm: "RS256",
    privateKeySealed: deps.secretBox.seal(pair.privateJwk, SIGNING_KEY_PURPOSE),
    publicJwk: { ...pair.publicJwk },
    createdAt: now,
    retiredAt: null,
    expiresAt: null,
  };
}

async function rotatePoolKeys(
  deps: SigningKeysDependencies,
  userPoolId: string,
  retireMarginMs: number,
): Promise<KeyRotation> {
  const now = deps.clock.now();
  if (!(await deps.storage.userPools.findUserPool(userPoolId))) throw userPoolNotFound(userPoolId);
  const created = await Promise.all(USES.map((use) => newSigningKey(deps, userPoolId, use, now)));
  const retiring = (await deps.storage.signingKeys.listSigningKeys(userPoolId, now)).filter(
    (key) => key.retiredAt === null,
  );
  const expiresAt = new Date(now.getTime() + MAX_TOKEN_LIFETIME_MS + retireMarginMs);
  // New keys first, in the same transaction: the pool never has a moment without an active key.
  await deps.storage.transaction(async (repositories) => {
    for (const key of created) await repositories.signingKeys.insertSigningKey(key);
    for (const key of retiring) await repositories.signingKeys.retireSigningKey(key.kid, now, expiresAt);
  });
  return { created: created.map((key) => key.kid), retired: retiring.map((key) => key.kid) };
}

/** `cognate keys rotate`: new signing keys for a pool; tokens signed by the old ones stay verifiable. */
export const rotateSigningKeys =
  (deps: SigningKeysDependencies): UseCase<{ userPoolId: string }, KeyRotation> =>
  (_context, input) =>
    rotatePoolKeys(deps, input.userPoolId, DEFAULT_CACHE_TTL_MS);

export function createSigningKeys(
  deps: SigningKeysDependencies,
  options: SigningKeysOptions = {},
): SigningKeys {
  const ttlMs = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
  const pools = new Map<string, PoolKeys>();
  const loading = new Map<string, Promise<PoolKeys | undefined>>();
  const signers = new Map<string, Promise<JwtSigner>>();
  const verifiers = new Map<string, Promise<JwtVerifier>>();
  // Parsed keys are cached by kid; which pool each kid belongs to lets a reload prune the ones gone.
  const poolOfKid = new Map<string, string>();

  /** Reads the pool's keys and, when `create` is set, adds the missing active keys (pool must exist). */
  async function load(userPoolId: string, create: boolean): Promise<PoolKeys | undefined> {
    const now = deps.clock.now();
    let keys = await deps.storage.signingKeys.listSigningKeys(userPoolId, now);
    const missing = create ? USES.filter((use) => !activeKey(keys, use, now)) : [];
    if (missing.length > 0) {
      if (!(await deps.storage.userPools.findUserPool(userPoolId))) return undefined;
      const fresh = await Promise.all(missing.map((use) => newSigningKey(deps, userPoolId, use, now)));
      await deps.storage.transaction(async (repositories) => {
        for (const key of fresh) await repositories.signingKeys.insertSigningKey(key);
      });
      keys = await deps.storage.signingKeys.listSigningKeys(userPoolId, now);
    }
    const entry = { keys, loadedAt: now.getTime() };
    if (keys.length === 0) pools.delete(userPoolId);
    else pools.set(userPoolId, entry);
    const known = new Set(keys.map((key) => key.kid));
    for (const [kid, pool] of poolOfKid) {
      if (pool !== userPoolId || known.has(kid)) continue;
      signers.delete(kid);
      verifiers.delete(kid);
      poolOfKid.delete(kid);
    }
    return keys.length === 0 ? undefined : entry;
  }

  function loadOnce(userPoolId: string, create: boolean): Promise<PoolKeys | undefined> {
    const flight = `${create ? "create" : "read"}:${userPoolId}`;
    let pending = loading.get(flight);
    if (!pending) {
      pending = load(userPoolId, create).finally(() => loading.delete(flight));
      loading.set(flight, pending);
    }
    return pending;
  }

  async function poolKeys(userPoolId: string, create: boolean): Promise<PoolKeys | undefined> {
    const cached = pools.get(userPoolId);
    const now = deps.clock.now();
    const fresh = cached !== undefined && now.getTime() - cached.loadedAt < ttlMs;
    if (fresh && (!create || USES.every((use) => activeKey(cached.keys, use, now)))) return cached;
    return loadOnce(userPoolId, create);
  }

  function cachedParse<T>(cache: Map<string, Promise<T>>, key: SigningKey, parse: () => Promise<T>) {
    let parsed = cache.get(key.kid);
    if (!parsed) {
      parsed = parse();
      parsed.catch(() => cache.delete(key.kid));
      cache.set(key.kid, parsed);
      poolOfKid.set(key.kid, key.userPoolId);
    }
    return parsed;
  }

  return {
    async signer(userPoolId, use) {
      const entry = await poolKeys(userPoolId, true);
      const key = entry && activeKey(entry.keys, use, deps.clock.now());
      if (!key) throw userPoolNotFound(userPoolId);
      return cachedParse(signers, key, () =>
        deps.tokenSigner.importSigner(
          key.kid,
          deps.secretBox.open(key.privateKeySealed, SIGNING_KEY_PURPOSE),
        ),
      );
    },

    async verifier(userPoolId, kid) {
      const now = deps.clock.now();
      const cached = pools.get(userPoolId);
      let entry = await poolKeys(userPoolId, false);
      let key = entry?.keys.find((candidate) => candidate.kid === kid && isLive(candidate, now));
      // A kid missing from a list read earlier may be another node's new key: read once more.
      if (!key && entry !== undefined && entry === cached) {
        entry = await loadOnce(userPoolId, false);
        key = entry?.keys.find((candidate) => candidate.kid === kid && isLive(candidate, now));
      }
      if (!key) return undefined;
      const publicJwk = toPublicJwk(key);
      return cachedParse(verifiers, key, () => deps.tokenSigner.importVerifier(publicJwk));
    },

    async jwks(userPoolId) {
      const entry = await loadOnce(userPoolId, true);
      if (!entry) return undefined;
      const now = deps.clock.now();
      return { keys: entry.keys.filter((key) => isLive(key, now)).map((key) => toPublicJwk(key)) };
    },

    async rotate(userPoolId) {
      const rotation = await rotatePoolKeys(deps, userPoolId, ttlMs);
      pools.delete(userPoolId);
      return rotation;
    },
  };
}

/** Exactly Cognito's JWKS members, in its order. */
function toPublicJwk(key: SigningKey): PublicJwk {
  const jwk = key.publicJwk;
  return { alg: "RS256", e: jwk.e ?? "", kid: key.kid, kty: "RSA", n: jwk.n ?? "", use: "sig" };
}
