import { tagsOf } from "../../domain/user-pool/tags.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { requireUserPoolByArn } from "./user-pool-lookup.js";

export interface ListTagsForResourceInput {
  ResourceArn: string;
}
export interface ListTagsForResourceOutput {
  Tags: Record<string, string>;
}

export const listTagsForResource =
  (
    deps: Pick<AppDependencies, "storage" | "deployment">,
  ): UseCase<ListTagsForResourceInput, ListTagsForResourceOutput> =>
  async (_context, input) => {
    const pool = await requireUserPoolByArn(deps.storage.userPools, deps.deployment, input.ResourceArn);
    return { Tags: tagsOf(pool.settings) };
  };
