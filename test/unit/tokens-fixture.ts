import { randomBytes, randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import Fastify, { type FastifyInstance } from "fastify";
import type { Deployment } from "../../src/app/dependencies.js";
import { createTokens, type TokenDependencies, type Tokens } from "../../src/app/tokens/tokens.js";
import type { Group } from "../../src/domain/group/group.js";
import type { User } from "../../src/domain/user/user.js";
import type { UserPool } from "../../src/domain/user-pool/user-pool.js";
import type {
  UserPoolClient,
  UserPoolClientSettings,
} from "../../src/domain/user-pool-client/user-pool-client.js";
import { registerWellKnownRoutes } from "../../src/http/oauth2/well-known.js";
import { createAesGcmSecretBox } from "../../src/integrations/crypto/aes-gcm-secret-box.js";
import { createNodeTokenSigner } from "../../src/integrations/crypto/node-token-signer.js";
import { cryptoRandom } from "../../src/integrations/system.js";
import type { Storage } from "../../src/ports/storage.js";
import { openSqliteStorage } from "../../src/storage/sqlite/open-sqlite-storage.js";

/** A clock tests move by hand; it starts at the real time so real verifiers accept fresh tokens. */
export interface FakeClock {
  now(): Date;
  advance(ms: number): void;
}

export function fakeClock(start = Date.now()): FakeClock {
  let current = start;
  return { now: () => new Date(current), advance: (ms) => (current += ms) };
}

export interface TokenFixture {
  storage: Storage;
  clock: FakeClock;
  deps: TokenDependencies;
  tokens: Tokens;
  deployment: Deployment;
  pool: UserPool;
  /** Base URL of a live server with the JWKS route (publicUrl is set to it). */
  url: string;
  addClient(settings?: Partial<UserPoolClientSettings>): Promise<UserPoolClient>;
  addUser(attributes?: Record<string, string>, username?: string): Promise<User>;
  addGroup(user: User, name: string, precedence: number | null, roleArn: string | null): Promise<Group>;
  /** A second Tokens over the same storage: another node with its own key cache. */
  anotherNode(): Tokens;
  close(): Promise<void>;
}

const poolIdSuffix = () => randomBytes(6).toString("hex").slice(0, 9);

export async function tokenFixture(options: { cacheTtlMs?: number } = {}): Promise<TokenFixture> {
  const storage = await openSqliteStorage({ filename: ":memory:", synchronous: "FULL" });
  const clock = fakeClock();
  const deployment: Deployment = { region: "us-east-1", accountId: "123456789012", publicUrl: "" };
  const deps: TokenDependencies = {
    storage,
    clock,
    random: cryptoRandom(),
    secretBox: createAesGcmSecretBox(randomBytes(32)),
    deployment,
    tokenSigner: createNodeTokenSigner(),
  };
  const tokens = createTokens(deps, options);

  const app: FastifyInstance = Fastify();
  registerWellKnownRoutes(app, tokens);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  deployment.publicUrl = url;

  const now = clock.now();
  const pool: UserPool = {
    id: `us-east-1_${poolIdSuffix()}`,
    settings: { PoolName: "tokens" },
    createdAt: now,
    lastModifiedAt: now,
  };
  await storage.userPools.insertUserPool(pool);

  return {
    storage,
    clock,
    deps,
    tokens,
    deployment,
    pool,
    url,
    async addClient(settings = {}) {
      const client: UserPoolClient = {
        clientId: randomBytes(13).toString("hex"),
        userPoolId: pool.id,
        settings: { ClientName: "app", RefreshTokenValidity: 30, TokenValidityUnits: {}, ...settings },
        createdAt: now,
        lastModifiedAt: now,
      };
      await storage.userPoolClients.insertClient(client);
      return client;
    },
    async addUser(attributes = {}, username = `user-${randomUUID().slice(0, 8)}`) {
      const user: User = {
        userPoolId: pool.id,
        sub: randomUUID(),
        username,
        status: "CONFIRMED",
        enabled: true,
        attributes,
        password: null,
        passwordHistory: [],
        temporaryPasswordExpiresAt: null,
        tokensRevokedAt: null,
        createdAt: now,
        lastModifiedAt: now,
      };
      await storage.users.insertUser({ user, usernameKey: username, aliases: [] });
      return user;
    },
    async addGroup(user, name, precedence, roleArn) {
      const group: Group = {
        userPoolId: pool.id,
        groupName: name,
        description: null,
        roleArn,
        precedence,
        createdAt: now,
        lastModifiedAt: now,
      };
      if (!(await storage.groups.findGroup(pool.id, name))) await storage.groups.insertGroup(group);
      await storage.groups.addUserToGroup(pool.id, name, user.sub, now);
      return group;
    },
    anotherNode: () => createTokens(deps, options),
    async close() {
      await app.close();
      await storage.close();
    },
  };
}

/** The payload of a JWT, without checking anything (assertions on claims). */
export function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split(".")[1] ?? "";
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
}

export function headerOf(token: string): Record<string, unknown> {
  const header = token.split(".")[0] ?? "";
  return JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as Record<string, unknown>;
}
