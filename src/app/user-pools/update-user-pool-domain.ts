import { InvalidParameterException } from "../../domain/errors.js";
import { isDomainName, noSuchDomain } from "../../domain/oauth2/user-pool-domain.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import {
  checkManagedLoginVersion,
  type DomainChangeOutput,
  domainChangeOutput,
  storedCustomDomainConfig,
} from "./user-pool-domain-support.js";
import { nextModificationTime, requireUserPool } from "./user-pool-lookup.js";

export interface UpdateUserPoolDomainInput {
  Domain: string;
  UserPoolId: string;
  ManagedLoginVersion?: number;
  CustomDomainConfig?: { CertificateArn: string; SecurityPolicy?: string };
}

// Changes the branding version and (custom domains) the certificate; the name itself never changes
// (Cognito: delete and create again). Members left out keep their values.

export const updateUserPoolDomain =
  (
    deps: Pick<AppDependencies, "storage" | "clock" | "deployment">,
  ): UseCase<UpdateUserPoolDomainInput, DomainChangeOutput> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    if (!isDomainName(input.Domain)) throw noSuchDomain();
    const existing = await deps.storage.userPoolDomains.findUserPoolDomain(input.Domain);
    if (!existing || existing.userPoolId !== pool.id) throw noSuchDomain();
    if (input.CustomDomainConfig !== undefined && existing.kind !== "custom") {
      throw new InvalidParameterException("CustomDomainConfig applies only to custom domains.");
    }
    const domain = {
      ...existing,
      managedLoginVersion: checkManagedLoginVersion(input.ManagedLoginVersion, existing.managedLoginVersion),
      customDomainConfig: input.CustomDomainConfig
        ? storedCustomDomainConfig(input.CustomDomainConfig)
        : existing.customDomainConfig,
      lastModifiedAt: nextModificationTime(deps.clock.now(), existing.lastModifiedAt),
    };
    if (!(await deps.storage.userPoolDomains.saveUserPoolDomain(domain))) throw noSuchDomain();
    return domainChangeOutput(domain, deps.deployment);
  };
