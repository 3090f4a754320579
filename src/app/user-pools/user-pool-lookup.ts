import { ResourceNotFoundException } from "../../domain/errors.js";
import { parseUserPoolArn } from "../../domain/user-pool/pool-id.js";
import { type UserPool, userPoolNotFound } from "../../domain/user-pool/user-pool.js";
import type { StorageRepositories, UserPoolRepository } from "../../ports/storage.js";
import type { Deployment } from "../dependencies.js";

// Shared look-ups for the user-pool actions.

/** DescribeUserPool's EstimatedNumberOfUsers: an exact count (one indexed query). */
export const estimatedNumberOfUsers = (storage: Pick<StorageRepositories, "users">, userPoolId: string) =>
  storage.users.countUsers(userPoolId);

export async function requireUserPool(pools: UserPoolRepository, userPoolId: string): Promise<UserPool> {
  const pool = await pools.findUserPool(userPoolId);
  if (!pool) throw userPoolNotFound(userPoolId);
  return pool;
}

/** The pool an ARN names; an ARN of another service, region or account names nothing here. */
export async function requireUserPoolByArn(
  pools: UserPoolRepository,
  deployment: Deployment,
  arn: string,
): Promise<UserPool> {
  const parsed = parseUserPoolArn(arn);
  if (!parsed || parsed.region !== deployment.region || parsed.accountId !== deployment.accountId) {
    throw new ResourceNotFoundException(`Resource ${arn} does not exist.`);
  }
  return requireUserPool(pools, parsed.userPoolId);
}

/** A modification time that always moves forward, even when the clock has not ticked since the last write. */
export const nextModificationTime = (now: Date, previous: Date) =>
  now.getTime() > previous.getTime() ? now : new Date(previous.getTime() + 1);
