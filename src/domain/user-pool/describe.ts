import type { JsonValue } from "../../shared/json.js";
import { objectField } from "./json-fields.js";
import { userPoolArn } from "./pool-id.js";
import { MFA_ONLY_FIELDS, type UserPool } from "./user-pool.js";

// How a stored pool reads on the wire (UserPoolType and UserPoolDescriptionType). Settings are stored
// normalised, so this only adds the server-owned fields and hides what DescribeUserPool does not show.

export interface PoolLocation {
  region: string;
  accountId: string;
}

/** A UserPoolType; dates stay Date objects for the protocol layer to serialise. */
export type UserPoolDescription = { [key: string]: JsonValue | Date };

const NOT_DESCRIBED = new Set(["PoolName", ...MFA_ONLY_FIELDS]);

export function describeUserPool(
  pool: UserPool,
  location: PoolLocation,
  estimatedNumberOfUsers: number,
): UserPoolDescription {
  const description: UserPoolDescription = {
    Id: pool.id,
    Name: pool.settings.PoolName,
    Arn: userPoolArn(location.region, location.accountId, pool.id),
    CreationDate: pool.createdAt,
    LastModifiedDate: pool.lastModifiedAt,
    EstimatedNumberOfUsers: estimatedNumberOfUsers,
  };
  for (const [key, value] of Object.entries(pool.settings)) {
    if (!NOT_DESCRIBED.has(key)) description[key] = value;
  }
  // Cognito leaves UserPoolTags out of the description of an untagged pool.
  const tags = objectField(pool.settings, "UserPoolTags");
  if (!tags || Object.keys(tags).length === 0) delete description.UserPoolTags;
  return description;
}

/** The short form ListUserPools returns. */
export function summarizeUserPool(pool: UserPool): UserPoolDescription {
  return {
    Id: pool.id,
    Name: pool.settings.PoolName,
    LambdaConfig: objectField(pool.settings, "LambdaConfig") ?? {},
    CreationDate: pool.createdAt,
    LastModifiedDate: pool.lastModifiedAt,
  };
}
