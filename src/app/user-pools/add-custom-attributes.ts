import { arrayField } from "../../domain/user-pool/json-fields.js";
import {
  type SchemaAttribute,
  addCustomAttributes as withCustomAttributes,
} from "../../domain/user-pool/schema-attributes.js";
import type { JsonObject } from "../../shared/json.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { nextModificationTime, requireUserPool } from "./user-pool-lookup.js";

export type AddCustomAttributesInput = JsonObject & { UserPoolId: string };
export type AddCustomAttributesOutput = Record<string, never>;

/** Adds custom attributes to the pool's schema; all are added or, on any rejection, none. */
export const addCustomAttributes =
  (
    deps: Pick<AppDependencies, "storage" | "clock">,
  ): UseCase<AddCustomAttributesInput, AddCustomAttributesOutput> =>
  async (_context, input) => {
    await deps.storage.transaction(async ({ userPools }) => {
      const pool = await requireUserPool(userPools, input.UserPoolId);
      const schema = (arrayField(pool.settings, "SchemaAttributes") ?? []) as SchemaAttribute[];
      const updated = withCustomAttributes(schema, arrayField(input, "CustomAttributes") ?? []);
      await userPools.replaceUserPoolSettings(
        pool.id,
        { ...pool.settings, SchemaAttributes: updated },
        nextModificationTime(deps.clock.now(), pool.lastModifiedAt),
      );
    });
    return {};
  };
