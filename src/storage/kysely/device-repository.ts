import type { Kysely, Selectable } from "kysely";
import type { Device } from "../../domain/device/device.js";
import type { DeviceRepository } from "../../ports/device-repository.js";
import { withWriteErrors } from "./errors.js";
import { keysetPage } from "./keyset-page.js";
import type { Database, DevicesTable } from "./schema.js";

function deviceFromRow(row: Selectable<DevicesTable>): Device {
  return {
    deviceKey: row.device_key,
    userPoolId: row.user_pool_id,
    sub: row.sub,
    deviceGroupKey: row.device_group_key,
    saltHex: row.salt_hex,
    verifierSealed: row.verifier_sealed,
    deviceName: row.device_name,
    rememberedStatus: Number(row.remembered) === 1 ? "remembered" : "not_remembered",
    lastIp: row.last_ip,
    createdAt: new Date(Number(row.created_at)),
    lastModifiedAt: new Date(Number(row.last_modified_at)),
    lastAuthenticatedAt:
      row.last_authenticated_at === null ? null : new Date(Number(row.last_authenticated_at)),
  };
}

export function kyselyDeviceRepository(db: Kysely<Database>): DeviceRepository {
  const ofUser = (userPoolId: string, sub: string, deviceKey: string) =>
    db
      .updateTable("devices")
      .where("user_pool_id", "=", userPoolId)
      .where("sub", "=", sub)
      .where("device_key", "=", deviceKey);
  return {
    async insertDevice(device) {
      await withWriteErrors(() =>
        db
          .insertInto("devices")
          .values({
            device_key: device.deviceKey,
            user_pool_id: device.userPoolId,
            sub: device.sub,
            device_group_key: device.deviceGroupKey,
            salt_hex: device.saltHex,
            verifier_sealed: device.verifierSealed,
            device_name: device.deviceName,
            remembered: device.rememberedStatus === "remembered" ? 1 : 0,
            last_ip: device.lastIp,
            created_at: device.createdAt.getTime(),
            last_modified_at: device.lastModifiedAt.getTime(),
            last_authenticated_at: device.lastAuthenticatedAt?.getTime() ?? null,
          })
          .execute(),
      );
    },

    async findDevice(userPoolId, sub, deviceKey) {
      const row = await db
        .selectFrom("devices")
        .selectAll()
        .where("device_key", "=", deviceKey)
        .where("user_pool_id", "=", userPoolId)
        .where("sub", "=", sub)
        .executeTakeFirst();
      return row ? deviceFromRow(row) : undefined;
    },

    listDevicesOfUser: (userPoolId, sub, page) =>
      keysetPage(
        db.selectFrom("devices").selectAll().where("user_pool_id", "=", userPoolId).where("sub", "=", sub),
        "device_key",
        page,
        deviceFromRow,
      ),

    async updateRememberedStatus(userPoolId, sub, deviceKey, status, at) {
      const result = await ofUser(userPoolId, sub, deviceKey)
        .set({ remembered: status === "remembered" ? 1 : 0, last_modified_at: at.getTime() })
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async recordDeviceSignIn(userPoolId, sub, deviceKey, at, ip) {
      await ofUser(userPoolId, sub, deviceKey)
        .set(
          ip === undefined
            ? { last_authenticated_at: at.getTime() }
            : { last_authenticated_at: at.getTime(), last_ip: ip },
        )
        .execute();
    },

    async deleteDevice(userPoolId, sub, deviceKey) {
      const result = await db
        .deleteFrom("devices")
        .where("user_pool_id", "=", userPoolId)
        .where("sub", "=", sub)
        .where("device_key", "=", deviceKey)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async listDevicesOfPool(userPoolId, subs) {
      if (subs?.length === 0) return [];
      let query = db.selectFrom("devices").selectAll().where("user_pool_id", "=", userPoolId);
      if (subs) query = query.where("sub", "in", [...subs]);
      const rows = await query.orderBy("created_at").orderBy("device_key").execute();
      return rows.map(deviceFromRow);
    },
  };
}
