import { randomUUID } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import type { StoredAuthorizationCode } from "../../src/domain/oauth2/authorization-code.js";
import type { ResourceServer } from "../../src/domain/oauth2/resource-server.js";
import type { UserPoolDomain } from "../../src/domain/oauth2/user-pool-domain.js";
import type { User } from "../../src/domain/user/user.js";
import type { Storage } from "../../src/ports/storage.js";
import type { Adapter } from "./adapters.js";

export const POOL = "us-east-1_OAuthCtr01";
export const OTHER_POOL = "us-east-1_OAuthCtr02";
export const T0 = 1_700_000_000_000;

export function newUser(username: string): User {
  return {
    userPoolId: POOL,
    sub: randomUUID(),
    username,
    status: "CONFIRMED",
    enabled: true,
    attributes: {},
    password: null,
    passwordHistory: [],
    temporaryPasswordExpiresAt: null,
    tokensRevokedAt: null,
    createdAt: new Date(T0),
    lastModifiedAt: new Date(T0),
  };
}

export function code(user: User, overrides: Partial<StoredAuthorizationCode> = {}): StoredAuthorizationCode {
  return {
    codeHash: randomUUID(),
    userPoolId: POOL,
    clientId: "client0000000000000000000a",
    sub: user.sub,
    redirectUri: "https://app.example.com/callback?x=1",
    scopes: ["email", "openid", "rs/read"],
    codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    nonce: "n-0S6_WzA2Mj",
    authTime: new Date(T0),
    familyId: randomUUID(),
    createdAt: new Date(T0),
    expiresAt: new Date(T0 + 300_000),
    consumedAt: null,
    replayedAt: null,
    ...overrides,
  };
}

export function server(identifier: string, pool = POOL): ResourceServer {
  return {
    userPoolId: pool,
    identifier,
    name: `server ${identifier}`,
    scopes: [
      { ScopeName: "read", ScopeDescription: "Read things" },
      { ScopeName: "write", ScopeDescription: "Write things" },
    ],
    createdAt: new Date(T0),
    lastModifiedAt: new Date(T0),
  };
}

export function domain(name: string, kind: UserPoolDomain["kind"], pool = POOL): UserPoolDomain {
  return {
    domain: name,
    userPoolId: pool,
    kind,
    managedLoginVersion: 1,
    customDomainConfig:
      kind === "custom" ? { CertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x" } : null,
    createdAt: new Date(T0),
    lastModifiedAt: new Date(T0),
  };
}

/** Storage from `factory` for the enclosing describe block, with the pools POOL and OTHER_POOL and the user alice. */
export function useOAuthStorage(factory: () => Adapter) {
  let adapter: Adapter;
  let storage: Storage;
  let user: User;

  beforeAll(async () => {
    adapter = factory();
    storage = await adapter.open();
    for (const id of [POOL, OTHER_POOL]) {
      await storage.userPools.insertUserPool({
        id,
        settings: { PoolName: id },
        createdAt: new Date(T0),
        lastModifiedAt: new Date(T0),
      });
    }
    user = newUser("alice");
    await storage.users.insertUser({ user, usernameKey: "alice", aliases: [] });
  });
  afterAll(async () => {
    await storage.close();
    await adapter.cleanup();
  });

  return {
    get storage() {
      return storage;
    },
    /** alice, of POOL. */
    get user() {
      return user;
    },
  };
}
