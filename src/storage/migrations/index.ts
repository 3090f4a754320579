import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001-user-pools-and-clients.js";
import * as m0002 from "./0002-users.js";
import * as m0003 from "./0003-groups-codes-tokens-keys.js";
import * as m0006 from "./0006-user-pending-attributes.js";

/** Every migration, in order. Names never change once released. */
const MIGRATIONS: Record<string, Migration> = {
  "0001-user-pools-and-clients": m0001,
  "0002-users": m0002,
  "0003-groups-codes-tokens-keys": m0003,
  "0006-user-pending-attributes": m0006,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
