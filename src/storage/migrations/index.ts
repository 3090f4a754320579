import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001-user-pools-and-clients.js";
import * as m0002 from "./0002-users.js";
import * as m0003 from "./0003-groups-codes-tokens-keys.js";
import * as m0004 from "./0004-oauth2.js";
import * as m0005 from "./0005-hosted-ui.js";
import * as m0006 from "./0006-user-pending-attributes.js";
import * as m0007 from "./0007-import-jobs.js";

/** Every migration, in order. Names never change once released. */
const MIGRATIONS: Record<string, Migration> = {
  "0001-user-pools-and-clients": m0001,
  "0002-users": m0002,
  "0003-groups-codes-tokens-keys": m0003,
  "0004-oauth2": m0004,
  "0005-hosted-ui": m0005,
  "0006-user-pending-attributes": m0006,
  "0007-import-jobs": m0007,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
