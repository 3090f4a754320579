import type { Kysely, Selectable } from "kysely";
import type { UserPoolDomain, UserPoolDomainKind } from "../../domain/oauth2/user-pool-domain.js";
import type { UserPoolDomainRepository } from "../../ports/oauth2-repositories.js";
import type { JsonObject } from "../../shared/json.js";
import { withWriteErrors } from "./errors.js";
import type { Database, UserPoolDomainsTable } from "./schema.js";

function domainFromRow(row: Selectable<UserPoolDomainsTable>): UserPoolDomain {
  return {
    domain: row.domain,
    userPoolId: row.user_pool_id,
    kind: row.kind === "custom" ? "custom" : "prefix",
    managedLoginVersion: Number(row.managed_login_version),
    customDomainConfig:
      row.custom_domain_config_json === null
        ? null
        : (JSON.parse(row.custom_domain_config_json) as JsonObject),
    createdAt: new Date(Number(row.created_at)),
    lastModifiedAt: new Date(Number(row.last_modified_at)),
  };
}

const configJson = (domain: UserPoolDomain) =>
  domain.customDomainConfig === null ? null : JSON.stringify(domain.customDomainConfig);

export function kyselyUserPoolDomainRepository(db: Kysely<Database>): UserPoolDomainRepository {
  return {
    async insertUserPoolDomain(domain) {
      await withWriteErrors(() =>
        db
          .insertInto("user_pool_domains")
          .values({
            domain: domain.domain,
            user_pool_id: domain.userPoolId,
            kind: domain.kind,
            managed_login_version: domain.managedLoginVersion,
            custom_domain_config_json: configJson(domain),
            created_at: domain.createdAt.getTime(),
            last_modified_at: domain.lastModifiedAt.getTime(),
          })
          .execute(),
      );
    },

    async findUserPoolDomain(domain) {
      const row = await db
        .selectFrom("user_pool_domains")
        .selectAll()
        .where("domain", "=", domain)
        .executeTakeFirst();
      return row ? domainFromRow(row) : undefined;
    },

    async findUserPoolDomainOfPool(userPoolId, kind: UserPoolDomainKind) {
      const row = await db
        .selectFrom("user_pool_domains")
        .selectAll()
        .where("user_pool_id", "=", userPoolId)
        .where("kind", "=", kind)
        .executeTakeFirst();
      return row ? domainFromRow(row) : undefined;
    },

    async saveUserPoolDomain(domain) {
      const result = await db
        .updateTable("user_pool_domains")
        .set({
          managed_login_version: domain.managedLoginVersion,
          custom_domain_config_json: configJson(domain),
          last_modified_at: domain.lastModifiedAt.getTime(),
        })
        .where("domain", "=", domain.domain)
        .where("user_pool_id", "=", domain.userPoolId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async deleteUserPoolDomain(userPoolId, domain) {
      const result = await db
        .deleteFrom("user_pool_domains")
        .where("domain", "=", domain)
        .where("user_pool_id", "=", userPoolId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
