import { type ResourceServerView, resourceServerView } from "../../domain/oauth2/resource-server.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { readPage } from "./page-token.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface ListResourceServersInput {
  UserPoolId: string;
  MaxResults?: number;
  NextToken?: string;
}
export interface ListResourceServersOutput {
  ResourceServers: ResourceServerView[];
  NextToken?: string;
}

/** The model bounds MaxResults to 1–50; without it a page holds the most Cognito allows. */
const DEFAULT_PAGE_SIZE = 50;

/** The pool's resource servers in identifier order. */
export const listResourceServers =
  (
    deps: Pick<AppDependencies, "storage" | "secretBox">,
  ): UseCase<ListResourceServersInput, ListResourceServersOutput> =>
  async (context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    const page = await readPage(
      deps.secretBox,
      {
        purpose: `cognito-idp:ListResourceServers:NextToken:${pool.id}`,
        limit: input.MaxResults ?? DEFAULT_PAGE_SIZE,
        nextToken: input.NextToken,
        requestId: context.requestId,
      },
      (request) => deps.storage.resourceServers.listResourceServers(pool.id, request),
    );
    const output: ListResourceServersOutput = { ResourceServers: page.items.map(resourceServerView) };
    if (page.nextToken !== undefined) output.NextToken = page.nextToken;
    return output;
  };
