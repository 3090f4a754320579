import {
  checkCustomDomain,
  checkPrefixDomain,
  domainAlreadyTaken,
  poolAlreadyHasDomain,
  type UserPoolDomain,
} from "../../domain/oauth2/user-pool-domain.js";
import { DuplicateKeyError } from "../../ports/storage.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import {
  checkManagedLoginVersion,
  type DomainChangeOutput,
  domainChangeOutput,
  storedCustomDomainConfig,
} from "./user-pool-domain-support.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface CreateUserPoolDomainInput {
  Domain: string;
  UserPoolId: string;
  ManagedLoginVersion?: number;
  CustomDomainConfig?: { CertificateArn: string; SecurityPolicy?: string };
}

// A prefix domain (no CustomDomainConfig) or a custom domain (with one). See domain/oauth2/user-pool-domain.
// The unique constraints decide races: of two pools creating one domain, one wins.

export const createUserPoolDomain =
  (
    deps: Pick<AppDependencies, "storage" | "clock" | "deployment">,
  ): UseCase<CreateUserPoolDomainInput, DomainChangeOutput> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const kind = input.CustomDomainConfig === undefined ? "prefix" : "custom";
    if (kind === "prefix") checkPrefixDomain(input.Domain);
    else checkCustomDomain(input.Domain);
    const now = deps.clock.now();
    const domain: UserPoolDomain = {
      domain: input.Domain,
      userPoolId: pool.id,
      kind,
      managedLoginVersion: checkManagedLoginVersion(input.ManagedLoginVersion),
      customDomainConfig: input.CustomDomainConfig
        ? storedCustomDomainConfig(input.CustomDomainConfig)
        : null,
      createdAt: now,
      lastModifiedAt: now,
    };
    const taken = async () => {
      const owner = await deps.storage.userPoolDomains.findUserPoolDomain(input.Domain);
      if (owner && owner.userPoolId !== pool.id) return domainAlreadyTaken();
      if (owner || (await deps.storage.userPoolDomains.findUserPoolDomainOfPool(pool.id, kind))) {
        return poolAlreadyHasDomain();
      }
      return undefined;
    };
    const conflict = await taken();
    if (conflict) throw conflict;
    try {
      await deps.storage.userPoolDomains.insertUserPoolDomain(domain);
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw (await taken()) ?? domainAlreadyTaken();
      throw error;
    }
    return domainChangeOutput(domain, deps.deployment);
  };
