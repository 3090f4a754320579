import type { JsonObject } from "../../shared/json.js";

/**
 * A user pool's configuration, with Cognito's own field names (PascalCase), so what CreateUserPool stores
 * is what DescribeUserPool returns. Server-owned fields (Id, Arn, dates, counts) are kept outside it.
 * The user-pool use cases own the shape; storage keeps it as an opaque JSON document.
 */
export type UserPoolSettings = JsonObject & { PoolName: string };

export interface UserPool {
  id: string;
  settings: UserPoolSettings;
  createdAt: Date;
  lastModifiedAt: Date;
}
