import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001-user-pools-and-clients.js";
import * as m0002 from "./0002-users.js";

/** Every migration, in order. Names never change once released. */
const MIGRATIONS: Record<string, Migration> = {
  "0001-user-pools-and-clients": m0001,
  "0002-users": m0002,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
