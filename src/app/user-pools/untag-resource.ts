import { withoutTags } from "../../domain/user-pool/tags.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { requireUserPoolByArn } from "./user-pool-lookup.js";

export interface UntagResourceInput {
  ResourceArn: string;
  TagKeys: string[];
}
export type UntagResourceOutput = Record<string, never>;

/** Removes tags by key; keys the pool does not carry are ignored. */
export const untagResource =
  (deps: Pick<AppDependencies, "storage" | "deployment">): UseCase<UntagResourceInput, UntagResourceOutput> =>
  async (_context, input) => {
    await deps.storage.transaction(async ({ userPools }) => {
      const pool = await requireUserPoolByArn(userPools, deps.deployment, input.ResourceArn);
      await userPools.replaceUserPoolSettings(
        pool.id,
        withoutTags(pool.settings, input.TagKeys ?? []),
        pool.lastModifiedAt,
      );
    });
    return {};
  };
