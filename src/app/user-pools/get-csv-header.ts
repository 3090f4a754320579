import { csvHeaderFor } from "../../domain/user-import/csv-user.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { schemaOf } from "../users/new-user.js";
import { requireUserPool } from "./user-pool-lookup.js";

export interface GetCsvHeaderInput {
  UserPoolId: string;
}
export interface GetCsvHeaderOutput {
  UserPoolId: string;
  CSVHeader: string[];
}

/** The columns of the pool's import CSV: its schema attributes (custom ones too), then the cognito: columns. */
export const getCsvHeader =
  (deps: Pick<AppDependencies, "storage">): UseCase<GetCsvHeaderInput, GetCsvHeaderOutput> =>
  async (_context, input) => {
    const pool = await requireUserPool(deps.storage.userPools, input.UserPoolId);
    return { UserPoolId: pool.id, CSVHeader: csvHeaderFor(schemaOf(pool)) };
  };
