import { accessSync, constants as fsConstants, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ConfigError } from "./config-error.js";
import { parseBoolean, parseChoice, parseInteger, parsePort } from "./parsers.js";

/**
 * Typed server configuration. This folder is the only reader of process.env.
 * Precedence: environment variable, then the optional settings file, then the default.
 */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Unset means http://localhost:{the port actually bound}. */
  publicUrl: string | undefined;
  region: string;
  accountId: string;
  adminAccessKeyId: string | undefined;
  adminSecretAccessKey: string | undefined;
  masterKey: string | undefined;
  sqliteSynchronous: "FULL" | "NORMAL";
  /** PostgreSQL: send repeated queries as named prepared statements (off for poolers that lose them). */
  postgresPreparedStatements: boolean;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  devOutboxHttp: boolean;
  /** smtp:// or smtps:// URL; unset sends email to the dev outbox. */
  smtpUrl: string | undefined;
  /** Default From when a pool sets no EmailConfiguration.From. */
  emailFrom: string | undefined;
  /** http(s) URL that receives SMS as JSON; unset sends SMS to the dev outbox. */
  smsWebhookUrl: string | undefined;
  /** A `cognate apply` file (YAML or JSON) applied at every start; unset applies nothing. */
  configFile: string | undefined;
  /** Prefix domains answer at "{prefix}.{domainSuffix}" (Cognito: "{prefix}.auth.{region}.amazoncognito.com"). */
  domainSuffix: string;
  /** PEM files; set together, they make the server speak HTTPS. */
  tlsCert: string | undefined;
  tlsKey: string | undefined;
  /** Where Lambda ARNs in LambdaConfig resolve: {triggersDir}/{function name}.mjs|.js|.cjs. */
  triggersDir: string;
  /** How long a trigger may run, unless its pool or function says otherwise. */
  triggerTimeoutMs: number;
  /** Heap cap of each module trigger's worker, unless its function says otherwise. */
  triggerMemoryMb: number;
  /** Worker threads running module triggers at once. */
  triggerWorkers: number;
  /** Lets trigger webhooks reach loopback and private addresses (development, tests). */
  webhookAllowPrivate: boolean;
  /** Hosted UI theme and behaviour (docs/hosted-ui.md). */
  hostedUiName: string | undefined;
  hostedUiLogoUrl: string | undefined;
  hostedUiPrimaryColor: string | undefined;
  hostedUiBackgroundColor: string | undefined;
  hostedUiTextColor: string | undefined;
  hostedUiTemplateDir: string | undefined;
  hostedUiFrameAncestors: string[];
  hostedUiSessionSeconds: number;
}

export { ConfigError };

/** Each setting: its environment variable and its key in the settings file. */
const SETTINGS = {
  port: "COGNATE_PORT",
  host: "COGNATE_HOST",
  dataDir: "COGNATE_DATA_DIR",
  databaseUrl: "COGNATE_DATABASE_URL",
  publicUrl: "COGNATE_PUBLIC_URL",
  region: "COGNATE_REGION",
  accountId: "COGNATE_ACCOUNT_ID",
  adminAccessKeyId: "COGNATE_ADMIN_ACCESS_KEY_ID",
  adminSecretAccessKey: "COGNATE_ADMIN_SECRET_ACCESS_KEY",
  masterKey: "COGNATE_MASTER_KEY",
  sqliteSynchronous: "COGNATE_SQLITE_SYNCHRONOUS",
  postgresPreparedStatements: "COGNATE_POSTGRES_PREPARED_STATEMENTS",
  logLevel: "COGNATE_LOG_LEVEL",
  devOutboxHttp: "COGNATE_DEV_OUTBOX_HTTP",
  smtpUrl: "COGNATE_SMTP_URL",
  emailFrom: "COGNATE_EMAIL_FROM",
  smsWebhookUrl: "COGNATE_SMS_WEBHOOK_URL",
  configFile: "COGNATE_CONFIG",
  domainSuffix: "COGNATE_DOMAIN_SUFFIX",
  tlsCert: "COGNATE_TLS_CERT",
  tlsKey: "COGNATE_TLS_KEY",
  triggersDir: "COGNATE_TRIGGERS_DIR",
  triggerTimeoutMs: "COGNATE_TRIGGER_TIMEOUT_MS",
  triggerMemoryMb: "COGNATE_TRIGGER_MEMORY_MB",
  triggerWorkers: "COGNATE_TRIGGER_WORKERS",
  webhookAllowPrivate: "COGNATE_WEBHOOK_ALLOW_PRIVATE",
  hostedUiName: "COGNATE_HOSTED_UI_NAME",
  hostedUiLogoUrl: "COGNATE_HOSTED_UI_LOGO_URL",
  hostedUiPrimaryColor: "COGNATE_HOSTED_UI_PRIMARY_COLOR",
  hostedUiBackgroundColor: "COGNATE_HOSTED_UI_BACKGROUND_COLOR",
  hostedUiTextColor: "COGNATE_HOSTED_UI_TEXT_COLOR",
  hostedUiTemplateDir: "COGNATE_HOSTED_UI_TEMPLATE_DIR",
  hostedUiFrameAncestors: "COGNATE_HOSTED_UI_FRAME_ANCESTORS",
  hostedUiSessionSeconds: "COGNATE_HOSTED_UI_SESSION_SECONDS",
} as const satisfies Record<keyof Config, string>;

export const SETTINGS_FILE_VARIABLE = "COGNATE_SETTINGS_FILE";

type RawSettings = Partial<Record<keyof Config, string>>;

function readSettingsFile(path: string): RawSettings {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError(`${SETTINGS_FILE_VARIABLE}: cannot read ${path} (${(error as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError(`${SETTINGS_FILE_VARIABLE}: ${path} is not valid JSON`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`${SETTINGS_FILE_VARIABLE}: ${path} must hold a JSON object`);
  }
  const raw: RawSettings = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (!(key in SETTINGS)) {
      throw new ConfigError(
        `${SETTINGS_FILE_VARIABLE}: unknown setting "${key}" in ${path}; known settings: ${Object.keys(SETTINGS).join(", ")}`,
      );
    }
    raw[key as keyof Config] = String(value);
  }
  return raw;
}

/** Builds the configuration from an environment (normally process.env) and validates every value. */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const filePath = env[SETTINGS_FILE_VARIABLE];
  const fromFile = filePath ? readSettingsFile(resolve(cwd, filePath)) : {};
  const raw = (key: keyof Config): string | undefined => {
    const fromEnv = env[SETTINGS[key]];
    return fromEnv !== undefined && fromEnv !== "" ? fromEnv : fromFile[key];
  };

  const port = parsePort(raw("port") ?? "9229", SETTINGS.port);
  const region = raw("region") ?? "us-east-1";
  if (!/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(region)) {
    throw new ConfigError(
      `${SETTINGS.region} must look like an AWS region such as us-east-1, got "${region}"`,
    );
  }
  const accountId = raw("accountId") ?? "000000000000";
  if (!/^\d{12}$/.test(accountId)) {
    throw new ConfigError(`${SETTINGS.accountId} must be 12 digits, got "${accountId}"`);
  }
  const publicUrl = raw("publicUrl")?.replace(/\/+$/, "");
  if (publicUrl !== undefined) {
    try {
      const url = new URL(publicUrl);
      if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("scheme");
    } catch {
      throw new ConfigError(`${SETTINGS.publicUrl} must be an absolute http(s) URL, got "${publicUrl}"`);
    }
  }
  const databaseUrl = raw("databaseUrl");
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(
      `${SETTINGS.databaseUrl} must be a postgres:// URL (leave it unset for SQLite in the data dir)`,
    );
  }
  const adminAccessKeyId = raw("adminAccessKeyId");
  const adminSecretAccessKey = raw("adminSecretAccessKey");
  if ((adminAccessKeyId === undefined) !== (adminSecretAccessKey === undefined)) {
    throw new ConfigError(
      `${SETTINGS.adminAccessKeyId} and ${SETTINGS.adminSecretAccessKey} must be set together (or both left unset)`,
    );
  }
  const masterKey = raw("masterKey");
  if (masterKey !== undefined && Buffer.from(masterKey, "base64").length !== 32) {
    throw new ConfigError(
      `${SETTINGS.masterKey} must be 32 bytes in base64 (generate one with: openssl rand -base64 32)`,
    );
  }

  const smtpUrl = raw("smtpUrl");
  if (smtpUrl !== undefined && !/^smtps?:\/\/[^/]+/.test(smtpUrl)) {
    throw new ConfigError(
      `${SETTINGS.smtpUrl} must look like smtp://user:pass@host:587 or smtps://user:pass@host:465`,
    );
  }
  const smsWebhookUrl = raw("smsWebhookUrl");
  if (smsWebhookUrl !== undefined && !/^https?:\/\/[^/]+/.test(smsWebhookUrl)) {
    throw new ConfigError(`${SETTINGS.smsWebhookUrl} must be an http(s) URL, got "${smsWebhookUrl}"`);
  }

  const domainSuffix = (raw("domainSuffix") ?? "auth.localhost").toLowerCase().replace(/^\.+|\.+$/g, "");
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(domainSuffix)) {
    throw new ConfigError(
      `${SETTINGS.domainSuffix} must be a DNS name such as auth.example.com, got "${domainSuffix}"`,
    );
  }
  const tlsCert = raw("tlsCert") === undefined ? undefined : resolve(cwd, raw("tlsCert") ?? "");
  const tlsKey = raw("tlsKey") === undefined ? undefined : resolve(cwd, raw("tlsKey") ?? "");
  if ((tlsCert === undefined) !== (tlsKey === undefined)) {
    throw new ConfigError(
      `${SETTINGS.tlsCert} and ${SETTINGS.tlsKey} must be set together (or both left unset)`,
    );
  }
  for (const [name, path] of [
    [SETTINGS.tlsCert, tlsCert],
    [SETTINGS.tlsKey, tlsKey],
  ] as const) {
    if (path === undefined) continue;
    try {
      accessSync(path, fsConstants.R_OK);
    } catch {
      throw new ConfigError(`${name}: cannot read the PEM file ${path}`);
    }
  }

  const hostedUiColor = (key: "hostedUiPrimaryColor" | "hostedUiBackgroundColor" | "hostedUiTextColor") => {
    const value = raw(key);
    if (value !== undefined && !/^#[0-9a-fA-F]{3,8}$/.test(value)) {
      throw new ConfigError(`${SETTINGS[key]} must be a hex colour such as #0b5cad, got "${value}"`);
    }
    return value;
  };

  return {
    port,
    host: raw("host") ?? "127.0.0.1",
    dataDir: resolve(cwd, raw("dataDir") ?? "./data"),
    databaseUrl,
    publicUrl,
    region,
    accountId,
    adminAccessKeyId,
    adminSecretAccessKey,
    masterKey,
    sqliteSynchronous: parseChoice(raw("sqliteSynchronous") ?? "FULL", SETTINGS.sqliteSynchronous, [
      "FULL",
      "NORMAL",
    ] as const),
    postgresPreparedStatements: parseBoolean(
      raw("postgresPreparedStatements") ?? "true",
      SETTINGS.postgresPreparedStatements,
    ),
    logLevel: parseChoice(raw("logLevel") ?? "info", SETTINGS.logLevel, [
      "fatal",
      "error",
      "warn",
      "info",
      "debug",
      "trace",
      "silent",
    ] as const),
    devOutboxHttp: parseBoolean(raw("devOutboxHttp") ?? "false", SETTINGS.devOutboxHttp),
    smtpUrl,
    emailFrom: raw("emailFrom"),
    smsWebhookUrl,
    configFile: raw("configFile") === undefined ? undefined : resolve(cwd, raw("configFile") ?? ""),
    domainSuffix,
    tlsCert,
    tlsKey,
    triggersDir: resolve(cwd, raw("triggersDir") ?? "./triggers"),
    triggerTimeoutMs: parseInteger(
      raw("triggerTimeoutMs") ?? "5000",
      SETTINGS.triggerTimeoutMs,
      100,
      900_000,
    ),
    triggerMemoryMb: parseInteger(raw("triggerMemoryMb") ?? "128", SETTINGS.triggerMemoryMb, 16, 10_240),
    triggerWorkers: parseInteger(raw("triggerWorkers") ?? "8", SETTINGS.triggerWorkers, 1, 256),
    webhookAllowPrivate: parseBoolean(raw("webhookAllowPrivate") ?? "false", SETTINGS.webhookAllowPrivate),
    hostedUiName: raw("hostedUiName"),
    hostedUiLogoUrl: raw("hostedUiLogoUrl"),
    hostedUiPrimaryColor: hostedUiColor("hostedUiPrimaryColor"),
    hostedUiBackgroundColor: hostedUiColor("hostedUiBackgroundColor"),
    hostedUiTextColor: hostedUiColor("hostedUiTextColor"),
    hostedUiTemplateDir:
      raw("hostedUiTemplateDir") === undefined ? undefined : resolve(cwd, raw("hostedUiTemplateDir") ?? ""),
    hostedUiFrameAncestors: (raw("hostedUiFrameAncestors") ?? "")
      .split(/\s+/)
      .filter((origin) => origin !== ""),
    hostedUiSessionSeconds: parseInteger(
      raw("hostedUiSessionSeconds") ?? "3600",
      SETTINGS.hostedUiSessionSeconds,
      60,
      86_400,
    ),
  };
}

/** The variables and their meaning, for the README table and `cognate serve --help`. */
export const CONFIG_VARIABLES = SETTINGS;
