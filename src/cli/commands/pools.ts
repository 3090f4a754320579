import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { Storage } from "../../ports/storage.js";
import { CliError } from "../context.js";

/** `--pool` takes a pool id or a PoolName (what `cognate apply` files use). */
export async function resolvePool(storage: Storage, idOrName: string): Promise<UserPool> {
  const byId = await storage.userPools.findUserPool(idOrName);
  if (byId) return byId;
  const matches: UserPool[] = [];
  let cursor: string | undefined;
  do {
    const page = await storage.userPools.listUserPools(cursor ? { limit: 60, cursor } : { limit: 60 });
    matches.push(...page.items.filter((pool) => pool.settings.PoolName === idOrName));
    cursor = page.nextCursor;
  } while (cursor);
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length > 1) {
    throw new CliError(
      `${matches.length} pools are named ${idOrName}: ${matches.map((pool) => pool.id).join(", ")}`,
      "Pass the pool id with --pool instead of the name.",
    );
  }
  throw new CliError(
    `no user pool has the id or name ${idOrName}`,
    "Create it with `cognate apply FILE`, or list pools with `aws cognito-idp list-user-pools --max-results 60 --endpoint-url …`.",
  );
}
