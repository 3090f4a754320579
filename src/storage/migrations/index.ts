import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001-user-pools-and-clients.js";

/** Every migration, in order. Names never change once released. */
const MIGRATIONS: Record<string, Migration> = {
  "0001-user-pools-and-clients": m0001,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
