import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001-user-pools-and-clients.js";
import * as m0002 from "./0002-users.js";
import * as m0003 from "./0003-groups-codes-tokens-keys.js";
import * as m0004 from "./0004-oauth2.js";
import * as m0005 from "./0005-hosted-ui.js";
import * as m0006 from "./0006-user-pending-attributes.js";
import * as m0007 from "./0007-import-jobs.js";
import * as m0008 from "./0008-mfa.js";
import * as m0009 from "./0009-devices.js";
import * as m0010 from "./0010-webauthn.js";
import * as m0011 from "./0011-audit-log.js";

/** Every migration, in order. Names never change once released. */
const MIGRATIONS: Record<string, Migration> = {
  "0001-user-pools-and-clients": m0001,
  "0002-users": m0002,
  "0003-groups-codes-tokens-keys": m0003,
  "0004-oauth2": m0004,
  "0005-hosted-ui": m0005,
  "0006-user-pending-attributes": m0006,
  "0007-import-jobs": m0007,
  "0008-mfa": m0008,
  "0009-devices": m0009,
  "0010-webauthn": m0010,
  "0011-audit-log": m0011,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
