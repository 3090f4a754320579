import { domainDescription, isDomainName } from "../../domain/oauth2/user-pool-domain.js";
import type { JsonObject } from "../../shared/json.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { servingHost } from "./user-pool-domain-support.js";

export interface DescribeUserPoolDomainInput {
  Domain: string;
}
export interface DescribeUserPoolDomainOutput {
  DomainDescription: JsonObject;
}

/** Like Cognito, an unknown domain is not an error: the description comes back empty. */
export const describeUserPoolDomain =
  (
    deps: Pick<AppDependencies, "storage" | "deployment">,
  ): UseCase<DescribeUserPoolDomainInput, DescribeUserPoolDomainOutput> =>
  async (_context, input) => {
    const domain = isDomainName(input.Domain)
      ? await deps.storage.userPoolDomains.findUserPoolDomain(input.Domain)
      : undefined;
    if (!domain) return { DomainDescription: {} };
    return {
      DomainDescription: domainDescription(domain, {
        accountId: deps.deployment.accountId,
        servingHost: servingHost(deps.deployment),
      }),
    };
  };
