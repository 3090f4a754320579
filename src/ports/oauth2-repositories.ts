import type { StoredAuthorizationCode } from "../domain/oauth2/authorization-code.js";
import type { ResourceServer } from "../domain/oauth2/resource-server.js";
import type { UserPoolDomain, UserPoolDomainKind } from "../domain/oauth2/user-pool-domain.js";
import type { Page, PageRequest } from "./storage.js";

export interface AuthorizationCodeRepository {
  insertAuthorizationCode(code: StoredAuthorizationCode): Promise<void>;
  findAuthorizationCode(codeHash: string): Promise<StoredAuthorizationCode | undefined>;
  /**
   * Marks the code consumed if it is unconsumed and unexpired at `now`, in one conditional write: of any
   * number of concurrent calls exactly one gets true.
   */
  consumeAuthorizationCode(codeHash: string, now: Date): Promise<boolean>;
  /**
   * Records that a consumed code was presented again and returns its family (to revoke); undefined when
   * the code is unknown or was never consumed. One conditional write, so it serialises with
   * consumption and with `wasAuthorizationCodeReplayed`.
   */
  recordAuthorizationCodeReplay(codeHash: string, now: Date): Promise<string | undefined>;
  wasAuthorizationCodeReplayed(codeHash: string): Promise<boolean>;
  /** Removes codes that expired before `before`; returns how many. */
  deleteExpiredAuthorizationCodes(before: Date): Promise<number>;
}

export interface ResourceServerRepository {
  /**
   * Adds the server unless the pool already has `maxPerPool`; the count and the insert are atomic.
   * DuplicateKeyError when the identifier is taken in the pool.
   */
  insertResourceServer(server: ResourceServer, maxPerPool: number): Promise<"created" | "limit-reached">;
  findResourceServer(userPoolId: string, identifier: string): Promise<ResourceServer | undefined>;
  /** Identifier order. */
  listResourceServers(userPoolId: string, page: PageRequest): Promise<Page<ResourceServer>>;
  /** Replaces name and scopes; false when the server does not exist. */
  saveResourceServer(server: ResourceServer): Promise<boolean>;
  deleteResourceServer(userPoolId: string, identifier: string): Promise<boolean>;
}

export interface UserPoolDomainRepository {
  /**
   * DuplicateKeyError when the domain is taken (by any pool) or the pool already has a domain of that
   * kind; both are unique constraints, so concurrent creates cannot both win.
   */
  insertUserPoolDomain(domain: UserPoolDomain): Promise<void>;
  findUserPoolDomain(domain: string): Promise<UserPoolDomain | undefined>;
  findUserPoolDomainOfPool(userPoolId: string, kind: UserPoolDomainKind): Promise<UserPoolDomain | undefined>;
  /** Replaces ManagedLoginVersion and CustomDomainConfig; false when the pool has no such domain. */
  saveUserPoolDomain(domain: UserPoolDomain): Promise<boolean>;
  deleteUserPoolDomain(userPoolId: string, domain: string): Promise<boolean>;
}
