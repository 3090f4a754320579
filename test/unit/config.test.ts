import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  CONFIG_VARIABLES,
  ConfigError,
  loadConfig,
  SETTINGS_FILE_VARIABLE,
} from "../../src/config/config.js";

const workDir = mkdtempSync(join(tmpdir(), "cognate-config-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const MASTER_KEY = Buffer.alloc(32, 7).toString("base64");

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, workDir);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be rejected`);
}

function settingsFile(name: string, content: string): string {
  const path = join(workDir, name);
  writeFileSync(path, content);
  return path;
}

describe("loadConfig", () => {
  it("has a default for every setting", () => {
    expect(loadConfig({}, workDir)).toEqual({
      port: 9229,
      host: "127.0.0.1",
      dataDir: join(workDir, "data"),
      databaseUrl: undefined,
      publicUrl: undefined,
      region: "us-east-1",
      accountId: "000000000000",
      adminAccessKeyId: undefined,
      adminSecretAccessKey: undefined,
      masterKey: undefined,
      sqliteSynchronous: "FULL",
      postgresPreparedStatements: true,
      logLevel: "info",
      devOutboxHttp: false,
      smtpUrl: undefined,
      emailFrom: undefined,
      smsWebhookUrl: undefined,
      domainSuffix: "auth.localhost",
      tlsCert: undefined,
      tlsKey: undefined,
      triggersDir: join(workDir, "triggers"),
      triggerTimeoutMs: 5000,
      triggerMemoryMb: 128,
      triggerWorkers: 8,
      webhookAllowPrivate: false,
      configFile: undefined,
      hostedUiName: undefined,
      hostedUiLogoUrl: undefined,
      hostedUiPrimaryColor: undefined,
      hostedUiBackgroundColor: undefined,
      hostedUiTextColor: undefined,
      hostedUiTemplateDir: undefined,
      hostedUiFrameAncestors: [],
      hostedUiSessionSeconds: 3600,
    });
  });

  it("takes every setting from its environment variable", () => {
    const config = loadConfig(
      {
        COGNATE_PORT: "8080",
        COGNATE_HOST: "0.0.0.0",
        COGNATE_DATA_DIR: "/var/lib/cognate",
        COGNATE_DATABASE_URL: "postgres://cognate@db:5432/cognate",
        COGNATE_PUBLIC_URL: "https://auth.example.com/",
        COGNATE_REGION: "eu-west-2",
        COGNATE_ACCOUNT_ID: "123456789012",
        COGNATE_ADMIN_ACCESS_KEY_ID: "AKIAEXAMPLE",
        COGNATE_ADMIN_SECRET_ACCESS_KEY: "secret",
        COGNATE_MASTER_KEY: MASTER_KEY,
        COGNATE_SQLITE_SYNCHRONOUS: "normal",
        COGNATE_POSTGRES_PREPARED_STATEMENTS: "false",
        COGNATE_LOG_LEVEL: "DEBUG",
        COGNATE_DEV_OUTBOX_HTTP: "true",
        COGNATE_SMTP_URL: "smtps://mailer:pw@smtp.example.com:465",
        COGNATE_EMAIL_FROM: "Example <no-reply@example.com>",
        COGNATE_SMS_WEBHOOK_URL: "https://sms.example.com/send",
        COGNATE_DOMAIN_SUFFIX: ".Auth.Example.COM.",
        COGNATE_TLS_CERT: settingsFile("tls.crt", "-----BEGIN CERTIFICATE-----\n"),
        COGNATE_TLS_KEY: settingsFile("tls.key", "-----BEGIN PRIVATE KEY-----\n") && "tls.key",
        COGNATE_TRIGGERS_DIR: "/srv/triggers",
        COGNATE_TRIGGER_TIMEOUT_MS: "3000",
        COGNATE_TRIGGER_MEMORY_MB: "256",
        COGNATE_TRIGGER_WORKERS: "2",
        COGNATE_WEBHOOK_ALLOW_PRIVATE: "true",
        COGNATE_CONFIG: "cognate.yaml",
        COGNATE_HOSTED_UI_NAME: "Loyalty",
        COGNATE_HOSTED_UI_LOGO_URL: "https://cdn.example.com/logo.png",
        COGNATE_HOSTED_UI_PRIMARY_COLOR: "#aa3300",
        COGNATE_HOSTED_UI_BACKGROUND_COLOR: "#ffffff",
        COGNATE_HOSTED_UI_TEXT_COLOR: "#111",
        COGNATE_HOSTED_UI_TEMPLATE_DIR: "/srv/templates",
        COGNATE_HOSTED_UI_FRAME_ANCESTORS: "https://app.example.com  https://admin.example.com",
        COGNATE_HOSTED_UI_SESSION_SECONDS: "7200",
      },
      workDir,
    );
    expect(config).toEqual({
      port: 8080,
      host: "0.0.0.0",
      dataDir: "/var/lib/cognate",
      databaseUrl: "postgres://cognate@db:5432/cognate",
      publicUrl: "https://auth.example.com",
      region: "eu-west-2",
      accountId: "123456789012",
      adminAccessKeyId: "AKIAEXAMPLE",
      adminSecretAccessKey: "secret",
      masterKey: MASTER_KEY,
      sqliteSynchronous: "NORMAL",
      postgresPreparedStatements: false,
      logLevel: "debug",
      devOutboxHttp: true,
      smtpUrl: "smtps://mailer:pw@smtp.example.com:465",
      emailFrom: "Example <no-reply@example.com>",
      smsWebhookUrl: "https://sms.example.com/send",
      domainSuffix: "auth.example.com",
      tlsCert: join(workDir, "tls.crt"),
      tlsKey: join(workDir, "tls.key"),
      triggersDir: "/srv/triggers",
      triggerTimeoutMs: 3000,
      triggerMemoryMb: 256,
      triggerWorkers: 2,
      webhookAllowPrivate: true,
      configFile: expect.stringContaining("cognate.yaml"),
      hostedUiName: "Loyalty",
      hostedUiLogoUrl: "https://cdn.example.com/logo.png",
      hostedUiPrimaryColor: "#aa3300",
      hostedUiBackgroundColor: "#ffffff",
      hostedUiTextColor: "#111",
      hostedUiTemplateDir: "/srv/templates",
      hostedUiFrameAncestors: ["https://app.example.com", "https://admin.example.com"],
      hostedUiSessionSeconds: 7200,
    });
  });

  it("reads a JSON settings file named by COGNATE_SETTINGS_FILE, below the environment", () => {
    settingsFile(
      "settings.json",
      JSON.stringify({ port: 7000, region: "ap-southeast-2", devOutboxHttp: true, dataDir: "state" }),
    );
    const fromFile = loadConfig({ [SETTINGS_FILE_VARIABLE]: "settings.json" }, workDir);
    expect(fromFile).toMatchObject({
      port: 7000,
      region: "ap-southeast-2",
      devOutboxHttp: true,
      dataDir: join(workDir, "state"),
    });
    const overridden = loadConfig(
      { [SETTINGS_FILE_VARIABLE]: "settings.json", COGNATE_PORT: "7001", COGNATE_REGION: "" },
      workDir,
    );
    expect(overridden.port).toBe(7001);
    // An empty variable counts as unset, so the file still decides.
    expect(overridden.region).toBe("ap-southeast-2");
  });

  it.each([
    [{ COGNATE_PORT: "http" }, 'COGNATE_PORT must be a port number from 0 to 65535, got "http"'],
    [{ COGNATE_PORT: "65536" }, 'COGNATE_PORT must be a port number from 0 to 65535, got "65536"'],
    [{ COGNATE_PORT: "-1" }, "COGNATE_PORT must be a port number"],
    [{ COGNATE_REGION: "Mars" }, 'COGNATE_REGION must look like an AWS region such as us-east-1, got "Mars"'],
    [{ COGNATE_ACCOUNT_ID: "1234" }, 'COGNATE_ACCOUNT_ID must be 12 digits, got "1234"'],
    [{ COGNATE_PUBLIC_URL: "ftp://files.example.com" }, "COGNATE_PUBLIC_URL must be an absolute http(s) URL"],
    [{ COGNATE_PUBLIC_URL: "auth.example.com" }, "COGNATE_PUBLIC_URL must be an absolute http(s) URL"],
    [{ COGNATE_DATABASE_URL: "mysql://db/cognate" }, "COGNATE_DATABASE_URL must be a postgres:// URL"],
    [
      { COGNATE_ADMIN_ACCESS_KEY_ID: "AKIA" },
      "COGNATE_ADMIN_ACCESS_KEY_ID and COGNATE_ADMIN_SECRET_ACCESS_KEY must be set together",
    ],
    [{ COGNATE_ADMIN_SECRET_ACCESS_KEY: "s" }, "must be set together"],
    [{ COGNATE_MASTER_KEY: "c2hvcnQ=" }, "COGNATE_MASTER_KEY must be 32 bytes in base64"],
    [
      { COGNATE_SQLITE_SYNCHRONOUS: "OFF" },
      'COGNATE_SQLITE_SYNCHRONOUS must be one of FULL, NORMAL, got "OFF"',
    ],
    [
      { COGNATE_LOG_LEVEL: "loud" },
      "COGNATE_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent",
    ],
    [
      { COGNATE_SMTP_URL: "mail.example.com:25" },
      "COGNATE_SMTP_URL must look like smtp://user:pass@host:587",
    ],
    [
      { COGNATE_SMS_WEBHOOK_URL: "sms.example.com" },
      'COGNATE_SMS_WEBHOOK_URL must be an http(s) URL, got "sms.example.com"',
    ],
    [{ COGNATE_DEV_OUTBOX_HTTP: "maybe" }, 'COGNATE_DEV_OUTBOX_HTTP must be true or false, got "maybe"'],
    [
      { COGNATE_TRIGGER_TIMEOUT_MS: "10" },
      'COGNATE_TRIGGER_TIMEOUT_MS must be a whole number from 100 to 900000, got "10"',
    ],
    [
      { COGNATE_TRIGGER_MEMORY_MB: "lots" },
      "COGNATE_TRIGGER_MEMORY_MB must be a whole number from 16 to 10240",
    ],
    [{ COGNATE_TRIGGER_WORKERS: "0" }, "COGNATE_TRIGGER_WORKERS must be a whole number from 1 to 256"],
    [{ COGNATE_WEBHOOK_ALLOW_PRIVATE: "maybe" }, "COGNATE_WEBHOOK_ALLOW_PRIVATE must be true or false"],
    [{ COGNATE_DOMAIN_SUFFIX: "auth_example.com" }, "COGNATE_DOMAIN_SUFFIX must be a DNS name"],
    [{ COGNATE_TLS_CERT: "tls.crt" }, "COGNATE_TLS_CERT and COGNATE_TLS_KEY must be set together"],
    [
      { COGNATE_TLS_CERT: "missing.crt", COGNATE_TLS_KEY: "missing.key" },
      "COGNATE_TLS_CERT: cannot read the PEM file",
    ],
  ])("rejects %j with a clear ConfigError", (env, message) => {
    const error = configError(env);
    expect(error.name).toBe("ConfigError");
    expect(error.message).toContain(message);
  });

  it("rejects a settings file that is missing, not JSON, not an object or has an unknown key", () => {
    expect(configError({ [SETTINGS_FILE_VARIABLE]: "absent.json" }).message).toMatch(
      /^COGNATE_SETTINGS_FILE: cannot read .*absent\.json/,
    );
    settingsFile("broken.json", "{ port: 1 ");
    expect(configError({ [SETTINGS_FILE_VARIABLE]: "broken.json" }).message).toMatch(
      /broken\.json is not valid JSON/,
    );
    settingsFile("list.json", "[1, 2]");
    expect(configError({ [SETTINGS_FILE_VARIABLE]: "list.json" }).message).toMatch(
      /list\.json must hold a JSON object/,
    );
    settingsFile("typo.json", JSON.stringify({ prot: 9000 }));
    expect(configError({ [SETTINGS_FILE_VARIABLE]: "typo.json" }).message).toMatch(
      /unknown setting "prot" in .*typo\.json; known settings: port, host/,
    );
    settingsFile("bad-value.json", JSON.stringify({ port: "ninety" }));
    expect(configError({ [SETTINGS_FILE_VARIABLE]: "bad-value.json" }).message).toContain(
      'COGNATE_PORT must be a port number from 0 to 65535, got "ninety"',
    );
  });
});

describe("cognate serve with a bad configuration", () => {
  it("exits non-zero and says what is wrong on stderr", () => {
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(process.env)) {
      if (value !== undefined && !name.startsWith("COGNATE_")) env[name] = value;
    }
    const result = spawnSync(process.execPath, ["--import", "tsx", "src/cli/cognate.ts", "serve"], {
      env: { ...env, COGNATE_PORT: "not-a-port", COGNATE_DATA_DIR: join(workDir, "never-created") },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.status).not.toBeNull();
    expect(result.stderr).toContain(
      'cognate: invalid configuration: COGNATE_PORT must be a port number from 0 to 65535, got "not-a-port"',
    );
  });
});

describe("configuration documentation", () => {
  it.each(["README.md", "docs/configuration.md"])("%s names every variable", (file) => {
    const text = readFileSync(file, "utf8");
    for (const variable of [...Object.values(CONFIG_VARIABLES), SETTINGS_FILE_VARIABLE]) {
      expect(text, `${file} should document ${variable}`).toContain(`\`${variable}\``);
    }
  });
});
