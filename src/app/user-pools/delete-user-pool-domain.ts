import { isDomainName, noSuchDomain } from "../../domain/oauth2/user-pool-domain.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface DeleteUserPoolDomainInput {
  Domain: string;
  UserPoolId: string;
}

/** The domain stops answering at once; the pool's issuer-path endpoints keep working. */
export const deleteUserPoolDomain =
  (deps: Pick<AppDependencies, "storage">): UseCase<DeleteUserPoolDomainInput, object> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    if (!isDomainName(input.Domain)) throw noSuchDomain();
    if (!(await deps.storage.userPoolDomains.deleteUserPoolDomain(pool.id, input.Domain)))
      throw noSuchDomain();
    return {};
  };
