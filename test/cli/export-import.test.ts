import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListUsersCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import { importDump } from "../../src/app/export-import/import-dump.js";
import { openPassphraseSealing, type PassphraseKdf } from "../../src/integrations/crypto/passphrase-box.js";
import { cliEnv, openLocal, passwordSignIn, runCli, srpSignIn } from "../support/cli.js";
import { startTestServer } from "../support/server.js";
import {
  comparable,
  directions,
  dumpOf,
  passwordOf,
  TOTP_PASSWORD,
  TOTP_USER,
  USERS,
  useRoundTrip,
} from "./export-import-setup.js";
import {
  DEVICE_KEY,
  DEVICE_VERIFIER,
  PASSKEY,
  srpTotpSignIn,
  storedSecurity,
  totpAt,
  totpSignIn,
} from "./mfa-round-trip.js";

// The round trip of the issue: export from one instance (SQLite), import into another (PostgreSQL) and
// back, with the CLI as an operator would run it. Every user then signs in on the target with the same
// password over SRP and USER_PASSWORD_AUTH, a TOTP user also with the same TOTP secret, devices and
// passkeys move with their secrets, tokens of the source verify with the target's keys, and the target's
// own export equals the source's.

describe.each(directions)("export from %s, import into %s", (from, to) => {
  const trip = useRoundTrip(from, to);
  const { ids, totp } = trip;

  it("moves everything, passwords and secrets included", async () => {
    const passphraseFile = join(trip.source.dataDir, "passphrase.txt");
    const dumpFile = join(trip.source.dataDir, "dump.ndjson");
    writeFileSync(passphraseFile, "a long export passphrase\n");
    const exported = await runCli(
      ["export", "--passphrase-file", passphraseFile, "--output", dumpFile, "--json"],
      cliEnv(trip.source),
    );
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ users: USERS + 1, secrets: "included (encrypted)" });
    const dump = readFileSync(dumpFile, "utf8");
    expect(dump).not.toContain(passwordOf(1));
    expect(dump).not.toContain(totp.secret);
    expect(dump).not.toContain(DEVICE_VERIFIER);

    const imported = await runCli(
      ["import", dumpFile, "--passphrase-file", passphraseFile, "--json"],
      cliEnv(trip.target),
    );
    expect(imported.code, imported.stderr).toBe(0);
    const summary = JSON.parse(imported.stdout) as {
      imported: Record<string, number>;
      failed: number;
      complete: boolean;
    };
    expect(summary).toMatchObject({ failed: 0, complete: true, secretsOmitted: false });
    expect(summary.imported).toMatchObject({
      userPools: 1,
      clients: 2,
      groups: 2,
      resourceServers: 1,
      users: USERS + 1,
      memberships: USERS,
      signingKeys: 2,
      mfa: 1,
      devices: 1,
      passkeys: 1,
    });

    // The data compares equal: the target's own export (secrets left out) is the source's.
    const [fromSource, fromTarget] = await Promise.all([dumpOf(trip.source), dumpOf(trip.target)]);
    expect(comparable(fromTarget)).toEqual(comparable(fromSource));
    // And through the API: pools, clients with their secret, users, memberships.
    const targetAdmin = trip.target.adminClient();
    for (const command of [
      new DescribeUserPoolCommand({ UserPoolId: ids.userPoolId }),
      new DescribeUserPoolClientCommand({ UserPoolId: ids.userPoolId, ClientId: ids.secretClientId }),
      new ListUsersCommand({ UserPoolId: ids.userPoolId }),
      new AdminListGroupsForUserCommand({ UserPoolId: ids.userPoolId, Username: "user3" }),
      new AdminGetUserCommand({ UserPoolId: ids.userPoolId, Username: TOTP_USER }),
    ] as const) {
      const [before, after] = await Promise.all([
        trip.admin.send(command as never),
        targetAdmin.send(command as never),
      ]);
      expect({ ...(after as object), $metadata: undefined }).toEqual({
        ...(before as object),
        $metadata: undefined,
      });
    }
  });

  it("every user signs in on the target with the same password, over SRP and USER_PASSWORD_AUTH", async () => {
    for (let index = 0; index < USERS - 1; index++) {
      const claims = await srpSignIn(trip.target.url, ids, `user${index}`, passwordOf(index));
      expect(claims["cognito:username"]).toBe(`user${index}`);
      const signedIn = await passwordSignIn(
        trip.target.url,
        ids.clientId,
        `user${index}@example.com`,
        passwordOf(index),
      );
      expect(signedIn.AuthenticationResult?.IdToken).toBeTruthy();
    }
    await expect(passwordSignIn(trip.target.url, ids.clientId, "user1", passwordOf(2))).rejects.toThrow(
      "Incorrect username or password.",
    );
    // Disabled stays disabled.
    await expect(
      passwordSignIn(trip.target.url, ids.clientId, `user${USERS - 1}`, passwordOf(USERS - 1)),
    ).rejects.toThrow("User is disabled.");
  });

  // Up to one 30 s TOTP step is waited for.
  it("the TOTP user signs in on the target with the same TOTP secret; the device and passkey moved", {
    timeout: 75_000,
  }, async () => {
    // The source accepted the code of the current step when the secret was verified, and that step stays
    // used on the target too: the next step's code (inside the drift window) is the one to send.
    const next = () => new Date(Date.now() + 30_000);
    await expect(
      totpSignIn(trip.target.url, ids.clientId, TOTP_USER, TOTP_PASSWORD, totpAt("JBSWY3DPEHPK3PXP", next())),
    ).rejects.toMatchObject({ name: "CodeMismatchException" });
    const signedIn = await totpSignIn(
      trip.target.url,
      ids.clientId,
      TOTP_USER,
      TOTP_PASSWORD,
      totpAt(totp.secret, next()),
    );
    expect(signedIn.challenge).toBe("SOFTWARE_TOKEN_MFA");
    const idToken = signedIn.answer.AuthenticationResult?.IdToken ?? "";
    expect(JSON.parse(Buffer.from(idToken.split(".")[1] ?? "", "base64url").toString())).toMatchObject({
      sub: totp.sub,
      "cognito:username": TOTP_USER,
    });
    // And over SRP (amazon-cognito-identity-js), once the next time-step has come (each step's code is
    // accepted once).
    const used = Math.floor((Date.now() + 30_000) / 30_000);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, used * 30_000 - Date.now() + 50)));
    const srpClaims = await srpTotpSignIn(trip.target.url, ids, TOTP_USER, TOTP_PASSWORD, () =>
      totpAt(totp.secret, next()),
    );
    expect(srpClaims).toMatchObject({ sub: totp.sub, "cognito:username": TOTP_USER });

    const stored = await storedSecurity(trip.target, ids.userPoolId, totp.sub);
    expect(stored.mfa).toMatchObject({
      enabled: { SMS_MFA: false, SOFTWARE_TOKEN_MFA: true, EMAIL_OTP: false },
      preferred: "SOFTWARE_TOKEN_MFA",
      totpDeviceName: "phone",
      totpPendingSecretSealed: null,
    });
    expect(stored.totpSecret).toBe(totp.secret);
    expect(stored.devices).toEqual([
      expect.objectContaining({
        deviceKey: DEVICE_KEY,
        verifier: DEVICE_VERIFIER,
        deviceName: "Round-trip laptop",
        rememberedStatus: "remembered",
        lastAuthenticatedAt: new Date("2026-01-04T03:04:05.000Z"),
      }),
    ]);
    expect(stored.passkeys).toEqual([{ userPoolId: ids.userPoolId, sub: totp.sub, ...PASSKEY }]);
  });

  it("without a passphrase the TOTP secret and the device verifier are left out and flagged", async () => {
    const records = comparable(await dumpOf(trip.source)) as Array<Record<string, unknown>>;
    expect(records[0]).toMatchObject({
      secrets: {
        included: false,
        omitted: ["srpVerifiers", "clientSecrets", "signingKeys", "totpSecrets", "deviceVerifiers"],
      },
    });
    expect(records.find((record) => record.type === "mfa")).toEqual({
      type: "mfa",
      userPoolId: ids.userPoolId,
      sub: totp.sub,
      enabled: { SMS_MFA: false, SOFTWARE_TOKEN_MFA: true, EMAIL_OTP: false },
      preferred: "SOFTWARE_TOKEN_MFA",
      totpSecret: null,
      totpDeviceName: "phone",
      totpLastStep: expect.any(Number),
      recoveryCodeHashes: expect.any(Array),
      updatedAt: expect.any(String),
      secretsOmitted: ["totpSecret"],
    });
    expect(records.find((record) => record.type === "device")).toMatchObject({
      deviceKey: DEVICE_KEY,
      verifier: null,
      secretsOmitted: ["deviceVerifier"],
    });
    expect(records.at(-1)).toMatchObject({
      type: "end",
      counts: { users: USERS + 1, mfa: 1, devices: 1, passkeys: 1 },
    });

    // Imported elsewhere: TOTP is off (no secret to check codes with), the device is skipped (no
    // verifier), the passkey moves (its public key is no secret).
    const elsewhere = await startTestServer({ backend: to });
    try {
      const text = await dumpOf(trip.source);
      const local = await openLocal(elsewhere);
      const summary = await importDump(
        local.application.dependencies,
        (async function* () {
          yield* text.split("\n");
        })(),
      ).finally(() => local.application.close());
      expect(summary).toMatchObject({ failed: 0, complete: true, secretsOmitted: true });
      expect(summary.imported).toMatchObject({ users: USERS + 1, mfa: 1, devices: 0, passkeys: 1 });
      expect(summary.skipped).toMatchObject({ devices: 1 });
      const stored = await storedSecurity(elsewhere, ids.userPoolId, totp.sub);
      expect(stored.mfa).toMatchObject({
        enabled: { SMS_MFA: false, SOFTWARE_TOKEN_MFA: false, EMAIL_OTP: false },
        preferred: null,
        totpDeviceName: "phone",
      });
      expect(stored).toMatchObject({ totpSecret: null, devices: [], passkeys: [{ ...PASSKEY }] });
      // With TOTP off the user signs in with the password alone.
      const signedIn = await passwordSignIn(elsewhere.url, ids.clientId, TOTP_USER, TOTP_PASSWORD);
      expect(signedIn.AuthenticationResult?.IdToken).toBeTruthy();
    } finally {
      await elsewhere.stop();
    }
  });

  it("tokens issued by the source verify with the target's JWKS (the signing keys moved)", async () => {
    const token = (await passwordSignIn(trip.source.url, ids.clientId, "user2", passwordOf(2)))
      .AuthenticationResult?.IdToken;
    const kid = JSON.parse(Buffer.from(token?.split(".")[0] ?? "", "base64url").toString()).kid as string;
    const jwks = (await (
      await fetch(`${trip.target.url}/${ids.userPoolId}/.well-known/jwks.json`)
    ).json()) as {
      keys: Array<{ kid: string }>;
    };
    expect(jwks.keys.map((key) => key.kid)).toContain(kid);
  });

  it("refuses a wrong passphrase, and a second import skips what is there", async () => {
    const dumpFile = join(trip.source.dataDir, "dump.ndjson");
    const wrong = join(trip.source.dataDir, "wrong.txt");
    writeFileSync(wrong, "not the passphrase at all");
    const refused = await runCli(["import", dumpFile, "--passphrase-file", wrong], cliEnv(trip.target));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("the passphrase does not open this dump's secrets");
    expect(refused.stderr).toContain("--passphrase-file");
    const local = await openLocal(trip.target);
    try {
      const again = await importDump(
        local.application.dependencies,
        (async function* () {
          yield* readFileSync(dumpFile, "utf8").split("\n");
        })(),
        {
          unlockSecrets: (kdf, check) =>
            openPassphraseSealing("a long export passphrase", kdf as unknown as PassphraseKdf, check),
        },
      );
      expect(again.skipped).toMatchObject({
        userPools: 1,
        clients: 2,
        users: USERS + 1,
        mfa: 1,
        devices: 1,
        passkeys: 1,
      });
      expect(again.imported.users).toBe(0);
    } finally {
      await local.application.close();
    }
  });
});
