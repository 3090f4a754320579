import type { AppDependencies } from "../dependencies.js";
import { applyClients, applyDomain, applyGroups, applyResourceServers } from "./apply-children.js";
import { applyPool, type ConfigDependencies } from "./apply-pool.js";
import { applyUsers } from "./apply-users.js";
import { describeError } from "./cognito-actions.js";
import { readDeclaration } from "./declaration.js";
import { ApplyError, type ApplyResult, type PlannedChange } from "./plan.js";

// `cognate apply FILE` (and COGNATE_CONFIG at start): brings the instance in line with the declaration.
// - Idempotent: what already matches is left alone, so a second apply changes nothing; an edited file
//   applies only the difference. Nothing undeclared is deleted.
// - dryRun reads only, and reports what an apply would do (children of a pool still to be created are
//   all "create").
// - Each write is the Cognito action itself (validation and rules included); the first failure stops the
//   run with ApplyError naming the item, and the changes made before it are reported with it.

export type ApplyDependencies = ConfigDependencies & Pick<AppDependencies, "random" | "secretBox">;

export async function applyConfiguration(
  deps: ApplyDependencies,
  document: unknown,
  options: { dryRun: boolean },
): Promise<ApplyResult> {
  const declared = readDeclaration(document);
  const result: ApplyResult = { dryRun: options.dryRun, changes: [], ids: [] };
  const record = (...changes: PlannedChange[]) => result.changes.push(...changes);
  for (const poolDeclaration of declared) {
    let stage = `${poolDeclaration.path} (${poolDeclaration.name})`;
    try {
      const { pool, change, refusals } = await applyPool(deps, poolDeclaration, options.dryRun);
      record(change, ...refusals);
      if (pool) result.ids.push({ kind: "userPool", name: pool.settings.PoolName, id: pool.id });
      // Resource servers first: a client may only name the custom scopes they define.
      stage = `${poolDeclaration.path}.resourceServers`;
      record(
        ...(await applyResourceServers(
          deps,
          pool,
          poolDeclaration.name,
          poolDeclaration.resourceServers,
          options.dryRun,
        )),
      );
      stage = `${poolDeclaration.path}.clients`;
      for (const outcome of await applyClients(
        deps,
        pool,
        poolDeclaration.name,
        poolDeclaration.clients,
        options.dryRun,
      )) {
        record(outcome.change);
        if (outcome.id) result.ids.push({ kind: "client", name: outcome.change.name, id: outcome.id });
      }
      stage = `${poolDeclaration.path}.groups`;
      record(
        ...(await applyGroups(deps, pool, poolDeclaration.name, poolDeclaration.groups, options.dryRun)),
      );
      stage = `${poolDeclaration.path}.domain`;
      record(
        ...(await applyDomain(deps, pool, poolDeclaration.name, poolDeclaration.domain, options.dryRun)),
      );
      stage = `${poolDeclaration.path}.users`;
      record(...(await applyUsers(deps, pool, poolDeclaration.name, poolDeclaration.users, options.dryRun)));
    } catch (error) {
      throw new ApplyError(`${stage}: ${describeError(error)}`, result.changes);
    }
  }
  return result;
}
