import type { CodeDeliveryDetails } from "../../domain/messages/delivery-destination.js";
import { maskEmail, maskPhoneNumber } from "../../domain/messages/mask-destination.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { UserPoolClient } from "../../domain/user-pool-client/user-pool-client.js";
import type { SecretHasher } from "../../ports/secret-hasher.js";

// PreventUserExistenceErrors=ENABLED: answers for unknown users must look exactly like answers for real
// ones. Simulated delivery details are derived from a keyed hash of (pool, username), so the same name
// always gets the same masked destination and nothing reveals that it is invented.

export function hidesUserExistence(client: UserPoolClient): boolean {
  return client.settings.PreventUserExistenceErrors === "ENABLED";
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

export function simulatedDelivery(
  secretHasher: SecretHasher,
  pool: UserPool,
  username: string,
): CodeDeliveryDetails {
  const auto = Array.isArray(pool.settings.AutoVerifiedAttributes)
    ? pool.settings.AutoVerifiedAttributes
    : [];
  const digest = Buffer.from(
    secretHasher.hash(`${pool.id}\u0000${username}`, "simulated-delivery"),
    "base64url",
  );
  if (auto.includes("phone_number") || username.startsWith("+")) {
    const digits = Array.from(digest.subarray(0, 4), (byte) => String(byte % 10)).join("");
    return {
      AttributeName: "phone_number",
      DeliveryMedium: "SMS",
      Destination: maskPhoneNumber(username.startsWith("+") ? username : `+1555555${digits}`),
    };
  }
  const letter = (index: number) => LETTERS[(digest[index] ?? 0) % LETTERS.length];
  const email = username.includes("@") ? username : `${letter(0)}x@${letter(1)}x`;
  return { AttributeName: "email", DeliveryMedium: "EMAIL", Destination: maskEmail(email) };
}
