import { withTags } from "../../domain/user-pool/tags.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { requireUserPoolByArn } from "./user-pool-lookup.js";

export interface TagResourceInput {
  ResourceArn: string;
  Tags: Record<string, string>;
}
export type TagResourceOutput = Record<string, never>;

/** Adds or overwrites tags on a user pool; tagging is not a configuration change, so LastModifiedDate stays. */
export const tagResource =
  (deps: Pick<AppDependencies, "storage" | "deployment">): UseCase<TagResourceInput, TagResourceOutput> =>
  async (_context, input) => {
    await deps.storage.transaction(async ({ userPools }) => {
      const pool = await requireUserPoolByArn(userPools, deps.deployment, input.ResourceArn);
      await userPools.replaceUserPoolSettings(
        pool.id,
        withTags(pool.settings, input.Tags ?? {}),
        pool.lastModifiedAt,
      );
    });
    return {};
  };
