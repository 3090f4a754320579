import type { SigningKey } from "../../domain/tokens/signing-key.js";
import type { StorageRepositories } from "../../ports/storage.js";

// Pool settings, app client settings and secrets, resource servers (every client_credentials grant reads
// its scopes' servers), and (where every writer is seen) a pool's signing keys
// are read by nearly every request and written by rare admin actions, so reads are served from memory:
// - any write to them through this storage (transactions included) drops the whole cache, before and
//   after the write, and a read that overlapped a write is not kept;
// - SQLite: `externalVersion` (PRAGMA data_version) changes when another connection commits (the CLI,
//   another process on the same file), which drops every entry; nothing else expires;
// - PostgreSQL serves several nodes whose writes this node cannot see: entries live `ttlMs` (2 s), the
//   bound on how long another node's change to a pool or client can go unnoticed here. Signing keys are
//   not cached there (the app's SigningKeys has its own cache, and the JWKS must publish another node's
//   new key at once). A read past half an entry's life reloads it in the background, so a key in use is
//   refreshed before it expires and its readers never wait on the database together.
// Cached values are frozen: every caller shares them. Concurrent misses of one key share one load.

export interface ReadCacheOptions {
  /** How long an entry is served without reading again (Infinity: until a write or an external change). */
  ttlMs: number;
  /** A number that changes whenever another connection commits; absent where that cannot be seen. */
  externalVersion?: () => number;
  /** Cache signing-key lists too: only where externalVersion sees every other writer. */
  cacheSigningKeys: boolean;
  /** Monotonic milliseconds (default performance.now). */
  now?: () => number;
  /** Entries kept at most (default 10,000); the oldest go first. */
  maxEntries?: number;
}

interface Entry {
  value: unknown;
  at: number;
  generation: number;
  external: number;
}

interface Loading {
  promise: Promise<unknown>;
  generation: number;
  external: number;
}

export interface ReadCache {
  read<T>(key: string, load: () => Promise<T | undefined>): Promise<T | undefined>;
  /** Drops every entry: something cached was (or is being) written. */
  invalidate(): void;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}

export function createReadCache(options: ReadCacheOptions): ReadCache {
  const now = options.now ?? (() => performance.now());
  const maxEntries = options.maxEntries ?? 10_000;
  const external = options.externalVersion ?? (() => 0);
  const entries = new Map<string, Entry>();
  let generation = 0;
  const loading = new Map<string, Loading>();

  // One load per key at a time: otherwise every request that finds the entry missing or expired queries
  // too, and at thousands of requests/s that burst queues for the pool's few database connections. A
  // reader joins a load only if no write or external commit happened since the load started.
  const loadShared = <T>(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> => {
    const externalBefore = external();
    const generationBefore = generation;
    const pending = loading.get(key);
    if (pending && pending.generation === generationBefore && pending.external === externalBefore) {
      return pending.promise as Promise<T | undefined>;
    }
    const at = now();
    const ticket: Loading = {
      promise: Promise.resolve(),
      generation: generationBefore,
      external: externalBefore,
    };
    const promise = (async () => {
      try {
        const value = await load();
        // Shared by every joined reader, so frozen even when not kept.
        if (value === undefined) return value;
        const frozen = deepFreeze(value);
        // Not kept when a write here or another connection's commit may have overlapped the read.
        if (generation === generationBefore && external() === externalBefore) {
          entries.delete(key);
          entries.set(key, { value: frozen, at, generation: generationBefore, external: externalBefore });
          if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
        }
        return frozen;
      } finally {
        if (loading.get(key) === ticket) loading.delete(key);
      }
    })();
    ticket.promise = promise;
    loading.set(key, ticket);
    return promise;
  };

  return {
    async read<T>(key: string, load: () => Promise<T | undefined>) {
      const externalBefore = external();
      const at = now();
      const hit = entries.get(key);
      if (
        hit !== undefined &&
        hit.generation === generation &&
        hit.external === externalBefore &&
        at - hit.at < options.ttlMs
      ) {
        // Past half its life an entry is read again in the background, so a busy key never expires
        // under its readers; the bound on staleness stays ttlMs.
        if (at - hit.at >= options.ttlMs / 2) loadShared(key, load).catch(() => {});
        return hit.value as T;
      }
      return loadShared(key, load);
    },
    invalidate() {
      generation++;
      entries.clear();
    },
  };
}

type Repositories = Pick<
  StorageRepositories,
  "userPools" | "userPoolClients" | "signingKeys" | "resourceServers"
>;

/** Runs `write` with the cache dropped before and after it. */
function invalidating<A extends unknown[], R>(
  onWrite: () => void,
  write: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args) => {
    onWrite();
    try {
      return await write(...args);
    } finally {
      onWrite();
    }
  };
}

/**
 * The repositories with cached reads (`cacheReads`: the storage's own, not a transaction's, which must see
 * its own writes) and writes that call `onWrite`.
 */
export function withReadCache<T extends Repositories>(
  repositories: T,
  cache: ReadCache,
  options: { cacheReads: boolean; cacheSigningKeys: boolean; onWrite: () => void },
): T {
  const { userPools, userPoolClients, signingKeys, resourceServers } = repositories;
  const write = options.onWrite;
  const cached = options.cacheReads;
  return {
    ...repositories,
    userPools: {
      ...userPools,
      findUserPool: cached
        ? (id: string) => cache.read(`pool:${id}`, () => userPools.findUserPool(id))
        : userPools.findUserPool,
      insertUserPool: invalidating(write, userPools.insertUserPool),
      replaceUserPoolSettings: invalidating(write, userPools.replaceUserPoolSettings),
      deleteUserPool: invalidating(write, userPools.deleteUserPool),
    },
    userPoolClients: {
      ...userPoolClients,
      findClient: cached
        ? (poolId: string, clientId: string) =>
            cache.read(`client:${poolId}:${clientId}`, () => userPoolClients.findClient(poolId, clientId))
        : userPoolClients.findClient,
      findClientById: cached
        ? (clientId: string) =>
            cache.read(`client-by-id:${clientId}`, () => userPoolClients.findClientById(clientId))
        : userPoolClients.findClientById,
      listClientSecrets: cached
        ? async (clientId: string) =>
            (await cache.read(`secrets:${clientId}`, () => userPoolClients.listClientSecrets(clientId))) ?? []
        : userPoolClients.listClientSecrets,
      insertClient: invalidating(write, userPoolClients.insertClient),
      replaceClientSettings: invalidating(write, userPoolClients.replaceClientSettings),
      deleteClient: invalidating(write, userPoolClients.deleteClient),
      addClientSecret: invalidating(write, userPoolClients.addClientSecret),
      deleteClientSecret: invalidating(write, userPoolClients.deleteClientSecret),
    },
    resourceServers: {
      ...resourceServers,
      findResourceServer: cached
        ? (poolId: string, identifier: string) =>
            cache.read(`resource-server:${poolId}:${identifier}`, () =>
              resourceServers.findResourceServer(poolId, identifier),
            )
        : resourceServers.findResourceServer,
      insertResourceServer: invalidating(write, resourceServers.insertResourceServer),
      saveResourceServer: invalidating(write, resourceServers.saveResourceServer),
      deleteResourceServer: invalidating(write, resourceServers.deleteResourceServer),
    },
    signingKeys: {
      ...signingKeys,
      listSigningKeys:
        cached && options.cacheSigningKeys
          ? async (poolId: string, at: Date) => {
              const read = async () => ({ at, keys: await signingKeys.listSigningKeys(poolId, at) });
              const listed = await cache.read(`keys:${poolId}`, read);
              // A list read at an earlier time: keys that expired since are dropped here. A clock moved
              // back (tests) may need keys that list left out: read again.
              if (!listed || listed.at > at) return signingKeys.listSigningKeys(poolId, at);
              return listed.keys.filter((key: SigningKey) => key.expiresAt === null || key.expiresAt > at);
            }
          : signingKeys.listSigningKeys,
      insertSigningKey: invalidating(write, signingKeys.insertSigningKey),
      retireSigningKey: invalidating(write, signingKeys.retireSigningKey),
    },
  };
}
