import { DEVICE_VERIFIER_PURPOSE, type Device } from "../../domain/device/device.js";
import { isMfaFactor, type UserMfaState } from "../../domain/mfa/user-mfa.js";
import { MAX_PASSKEYS_PER_USER, type Passkey } from "../../domain/passwordless/passkey.js";
import type { User } from "../../domain/user/user.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { SecretBox } from "../../ports/secret-box.js";
import { DuplicateKeyError, type Storage } from "../../ports/storage.js";
import { isPlainObject } from "../../shared/json.js";
import { TOTP_SECRET_PURPOSE } from "../mfa/totp.js";
import {
  type DeviceRecord,
  type DumpCounts,
  type DumpRecord,
  dateOrNull,
  dumpPurpose,
  isoOrNull,
  type MfaRecord,
  type PasskeyRecord,
} from "./dump-format.js";
import { DumpError, type Reseal, requireString } from "./dump-records.js";
import type { WriteSummary } from "./import-writes.js";

// MFA settings, remembered devices and passkeys in a dump: written after each page of users (one query
// per kind for the page, so memory stays one page deep), read back with the user already stored.
// TOTP secrets and device verifiers are opened with the master key and sealed under the passphrase; without
// one they are left out and flagged, and on import such a user's TOTP is turned off (they set it up again)
// and such a device is skipped (the client registers it again at its next sign-in).

/** The mfa, device and passkey records of one page of users. */
export async function* securityRecords(
  storage: Storage,
  master: SecretBox,
  passphraseBox: SecretBox | undefined,
  pool: UserPool,
  users: readonly User[],
  counts: DumpCounts,
): AsyncGenerator<DumpRecord> {
  const subs = users.map((user) => user.sub);
  if (subs.length === 0) return;
  const codes = new Map<string, string[]>();
  for (const code of await storage.mfa.listRecoveryCodesOfUsers(pool.id, subs)) {
    codes.set(code.sub, [...(codes.get(code.sub) ?? []), code.codeHash]);
  }
  for (const state of await storage.mfa.listMfaOfPool(pool.id, subs)) {
    counts.mfa++;
    yield mfaRecord(state, codes.get(state.sub) ?? [], master, passphraseBox);
  }
  for (const device of await storage.devices.listDevicesOfPool(pool.id, subs)) {
    counts.devices++;
    yield deviceRecord(device, master, passphraseBox);
  }
  for (const passkey of await storage.passkeys.listPasskeysOfPool(pool.id, subs)) {
    counts.passkeys++;
    yield {
      type: "passkey",
      userPoolId: passkey.userPoolId,
      sub: passkey.sub,
      credentialId: passkey.credentialId,
      publicKey: passkey.publicKey,
      signCount: passkey.signCount,
      transports: passkey.transports,
      friendlyName: passkey.friendlyName,
      relyingPartyId: passkey.relyingPartyId,
      authenticatorAttachment: passkey.authenticatorAttachment,
      createdAt: passkey.createdAt.toISOString(),
    } satisfies PasskeyRecord;
  }
}

function mfaRecord(
  state: UserMfaState,
  recoveryCodeHashes: string[],
  master: SecretBox,
  box: SecretBox | undefined,
): MfaRecord {
  const sealed = state.totpSecretSealed;
  return {
    type: "mfa",
    userPoolId: state.userPoolId,
    sub: state.sub,
    enabled: { ...state.enabled },
    preferred: state.preferred,
    totpSecret:
      sealed && box
        ? box.seal(
            master.open(sealed, TOTP_SECRET_PURPOSE),
            dumpPurpose.totpSecret(state.userPoolId, state.sub),
          )
        : null,
    totpDeviceName: state.totpDeviceName,
    totpLastStep: state.totpLastStep,
    recoveryCodeHashes,
    updatedAt: state.updatedAt.toISOString(),
    ...(sealed && !box ? { secretsOmitted: ["totpSecret"] as ["totpSecret"] } : {}),
  };
}

function deviceRecord(device: Device, master: SecretBox, box: SecretBox | undefined): DeviceRecord {
  return {
    type: "device",
    userPoolId: device.userPoolId,
    sub: device.sub,
    deviceKey: device.deviceKey,
    deviceGroupKey: device.deviceGroupKey,
    saltHex: device.saltHex,
    verifier: box
      ? box.seal(
          master.open(device.verifierSealed, DEVICE_VERIFIER_PURPOSE),
          dumpPurpose.deviceVerifier(device.userPoolId, device.deviceKey),
        )
      : null,
    deviceName: device.deviceName,
    rememberedStatus: device.rememberedStatus,
    lastIp: device.lastIp,
    createdAt: device.createdAt.toISOString(),
    lastModifiedAt: device.lastModifiedAt.toISOString(),
    lastAuthenticatedAt: isoOrNull(device.lastAuthenticatedAt),
    ...(box ? {} : { secretsOmitted: ["deviceVerifier"] as ["deviceVerifier"] }),
  };
}

const optionalString = (value: unknown): string | null => (typeof value === "string" ? value : null);

function requireDate(record: Record<string, unknown>, field: string, line: number): Date {
  const date = new Date(requireString(record, field, line));
  if (Number.isNaN(date.getTime())) throw new DumpError(line, `"${field}" is not an ISO-8601 date`);
  return date;
}

/** Writes an mfa, device or passkey record; `problem` reports one that cannot be written. */
export async function importSecurityRecord(
  storage: Storage,
  reseal: Reseal,
  pool: UserPool,
  record: Record<string, unknown>,
  line: number,
  summary: WriteSummary,
  problem: (line: number, message: string) => void,
): Promise<void> {
  const sub = requireString(record, "sub", line);
  if (!(await storage.users.findUserBySub(pool.id, sub))) {
    problem(line, `${String(record.type)} of ${sub}: the user is not in ${pool.id}`);
    return;
  }
  if (record.type === "mfa") await importMfa(storage, reseal, pool, sub, record, line, summary);
  else if (record.type === "device") await importDevice(storage, reseal, pool, sub, record, line, summary);
  else await importPasskey(storage, pool, sub, record, line, summary, problem);
}

async function importMfa(
  storage: Storage,
  reseal: Reseal,
  pool: UserPool,
  sub: string,
  record: Record<string, unknown>,
  line: number,
  summary: WriteSummary,
): Promise<void> {
  if (await storage.mfa.findMfa(pool.id, sub)) {
    summary.skipped.mfa++;
    return;
  }
  const enabled = isPlainObject(record.enabled) ? record.enabled : {};
  const sealed = optionalString(record.totpSecret);
  const totpSecretSealed =
    sealed && reseal.dump
      ? reseal.master.seal(
          reseal.dump.open(sealed, dumpPurpose.totpSecret(pool.id, sub)),
          TOTP_SECRET_PURPOSE,
        )
      : null;
  // A TOTP factor whose secret was left out of the dump cannot be used: it is turned off.
  const totp = enabled.SOFTWARE_TOKEN_MFA === true && totpSecretSealed !== null;
  const preferred = isMfaFactor(record.preferred) ? record.preferred : null;
  const step = record.totpLastStep;
  const updatedAt = requireDate(record, "updatedAt", line);
  await storage.mfa.saveMfa(
    {
      userPoolId: pool.id,
      sub,
      totpSecretSealed,
      totpPendingSecretSealed: null,
      totpDeviceName: optionalString(record.totpDeviceName),
      totpLastStep: typeof step === "number" && Number.isInteger(step) ? step : null,
      enabled: {
        SMS_MFA: enabled.SMS_MFA === true,
        SOFTWARE_TOKEN_MFA: totp,
        EMAIL_OTP: enabled.EMAIL_OTP === true,
      },
      preferred: preferred === "SOFTWARE_TOKEN_MFA" && !totp ? null : preferred,
      updatedAt,
    },
    { resetTotpStep: true },
  );
  const hashes = Array.isArray(record.recoveryCodeHashes)
    ? record.recoveryCodeHashes.filter((hash): hash is string => typeof hash === "string")
    : [];
  if (hashes.length > 0) await storage.mfa.replaceRecoveryCodes(pool.id, sub, hashes, updatedAt);
  summary.imported.mfa++;
}

async function importDevice(
  storage: Storage,
  reseal: Reseal,
  pool: UserPool,
  sub: string,
  record: Record<string, unknown>,
  line: number,
  summary: WriteSummary,
): Promise<void> {
  const deviceKey = requireString(record, "deviceKey", line);
  const sealed = optionalString(record.verifier);
  if (!sealed || !reseal.dump) {
    summary.skipped.devices++;
    return;
  }
  const verifier = reseal.dump.open(sealed, dumpPurpose.deviceVerifier(pool.id, deviceKey));
  const device: Device = {
    deviceKey,
    userPoolId: pool.id,
    sub,
    deviceGroupKey: requireString(record, "deviceGroupKey", line),
    saltHex: requireString(record, "saltHex", line),
    verifierSealed: reseal.master.seal(verifier, DEVICE_VERIFIER_PURPOSE),
    deviceName: optionalString(record.deviceName),
    rememberedStatus: record.rememberedStatus === "remembered" ? "remembered" : "not_remembered",
    lastIp: optionalString(record.lastIp),
    createdAt: requireDate(record, "createdAt", line),
    lastModifiedAt: requireDate(record, "lastModifiedAt", line),
    lastAuthenticatedAt: dateOrNull(optionalString(record.lastAuthenticatedAt)),
  };
  try {
    await storage.devices.insertDevice(device);
    summary.imported.devices++;
  } catch (error) {
    if (!(error instanceof DuplicateKeyError)) throw error;
    summary.skipped.devices++;
  }
}

async function importPasskey(
  storage: Storage,
  pool: UserPool,
  sub: string,
  record: Record<string, unknown>,
  line: number,
  summary: WriteSummary,
  problem: (line: number, message: string) => void,
): Promise<void> {
  const signCount = record.signCount;
  const passkey: Passkey = {
    userPoolId: pool.id,
    sub,
    credentialId: requireString(record, "credentialId", line),
    publicKey: requireString(record, "publicKey", line),
    signCount: typeof signCount === "number" && Number.isInteger(signCount) ? signCount : 0,
    transports: Array.isArray(record.transports)
      ? record.transports.filter((item): item is string => typeof item === "string")
      : [],
    friendlyName: optionalString(record.friendlyName),
    relyingPartyId: requireString(record, "relyingPartyId", line),
    authenticatorAttachment: optionalString(record.authenticatorAttachment),
    createdAt: requireDate(record, "createdAt", line),
  };
  const outcome = await storage.passkeys.insertPasskey(passkey, MAX_PASSKEYS_PER_USER);
  if (outcome === "added") summary.imported.passkeys++;
  else if (outcome === "duplicate") summary.skipped.passkeys++;
  else problem(line, `passkey of ${sub}: the user already has ${MAX_PASSKEYS_PER_USER} passkeys`);
}
