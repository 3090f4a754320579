import type { UserPool, UserPoolSettings } from "../domain/user-pool/user-pool.js";
import type {
  StoredClientSecret,
  UserPoolClient,
  UserPoolClientSettings,
} from "../domain/user-pool-client/user-pool-client.js";
import type { AuditLogRepository } from "./audit-log.js";
import type { DeviceRepository } from "./device-repository.js";
import type { SsoSessionRepository, UiCustomizationRepository } from "./hosted-ui-repositories.js";
import type { MfaRepository } from "./mfa-repository.js";
import type {
  AuthorizationCodeRepository,
  ResourceServerRepository,
  UserPoolDomainRepository,
} from "./oauth2-repositories.js";
import type { PasskeyRepository } from "./passkey-repository.js";
import type {
  GroupRepository,
  OneTimeCodeRepository,
  RefreshTokenRepository,
  SigningKeyRepository,
} from "./session-repositories.js";
import type { UserImportJobRepository } from "./user-import-jobs.js";
import type { UserRepository } from "./user-repository.js";

/** A page of results plus an opaque cursor for the next page (absent on the last page). */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface PageRequest {
  limit: number;
  cursor?: string;
}

export interface UserPoolRepository {
  /** Fails with a DuplicateKey storage error only if the id is taken (ids are random, so practically never). */
  insertUserPool(pool: UserPool): Promise<void>;
  findUserPool(userPoolId: string): Promise<UserPool | undefined>;
  /** Pools ordered by creation, oldest first; cursor is opaque to callers. */
  listUserPools(page: PageRequest): Promise<Page<UserPool>>;
  /** Returns false when the pool does not exist. */
  replaceUserPoolSettings(
    userPoolId: string,
    settings: UserPoolSettings,
    lastModifiedAt: Date,
  ): Promise<boolean>;
  /** Deletes the pool and, by cascade, everything in it. Returns false when it did not exist. */
  deleteUserPool(userPoolId: string): Promise<boolean>;
  countUserPools(): Promise<number>;
}

export interface UserPoolClientRepository {
  /** Inserts the client and its first secret (if any) atomically. */
  insertClient(client: UserPoolClient, initialSecret?: StoredClientSecret): Promise<void>;
  findClient(userPoolId: string, clientId: string): Promise<UserPoolClient | undefined>;
  /** Looks a client up by id alone (public flows carry only ClientId). */
  findClientById(clientId: string): Promise<UserPoolClient | undefined>;
  listClients(userPoolId: string, page: PageRequest): Promise<Page<UserPoolClient>>;
  replaceClientSettings(
    userPoolId: string,
    clientId: string,
    settings: UserPoolClientSettings,
    lastModifiedAt: Date,
  ): Promise<boolean>;
  deleteClient(userPoolId: string, clientId: string): Promise<boolean>;
  /** Adds a secret unless the client already has `maxSecrets`; the check and insert are atomic. */
  addClientSecret(secret: StoredClientSecret, maxSecrets: number): Promise<"added" | "limit-reached">;
  /** Oldest first. */
  listClientSecrets(clientId: string): Promise<StoredClientSecret[]>;
  deleteClientSecret(clientId: string, secretId: string): Promise<boolean>;
}

/** Everything the app layer may touch in storage. */
export interface StorageRepositories {
  userPools: UserPoolRepository;
  userPoolClients: UserPoolClientRepository;
  users: UserRepository;
  groups: GroupRepository;
  oneTimeCodes: OneTimeCodeRepository;
  refreshTokens: RefreshTokenRepository;
  signingKeys: SigningKeyRepository;
  ssoSessions: SsoSessionRepository;
  uiCustomizations: UiCustomizationRepository;
  userImportJobs: UserImportJobRepository;
  authorizationCodes: AuthorizationCodeRepository;
  resourceServers: ResourceServerRepository;
  userPoolDomains: UserPoolDomainRepository;
  devices: DeviceRepository;
  mfa: MfaRepository;
  passkeys: PasskeyRepository;
  auditLog: AuditLogRepository;
}

export interface Storage extends StorageRepositories {
  readonly dialect: "sqlite" | "postgres";
  /** Runs `work` in one transaction; everything it writes commits or rolls back together. */
  transaction<T>(work: (repositories: StorageRepositories) => Promise<T>): Promise<T>;
  /** Cheap round trip for /health/ready. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Thrown by adapters when a unique constraint rejects a write; use cases translate it. */
export class DuplicateKeyError extends Error {
  constructor(readonly constraint: string) {
    super(`duplicate key for ${constraint}`);
    this.name = "DuplicateKeyError";
  }
}

/** Thrown by adapters when a pagination cursor was not one they issued; use cases answer InvalidParameterException. */
export class InvalidCursorError extends Error {
  constructor() {
    super("invalid pagination cursor");
    this.name = "InvalidCursorError";
  }
}
