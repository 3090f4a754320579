import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { createAuditTrail } from "./app/audit/audit-trail.js";
import { applyConfiguration } from "./app/config-as-code/apply-configuration.js";
import { localCognitoActions } from "./app/config-as-code/cognito-actions.js";
import type { AppDependencies, Deployment } from "./app/dependencies.js";
import { createAuthorizationEngine } from "./app/oauth2/authorization-engine.js";
import { createTokens } from "./app/tokens/tokens.js";
import { createTriggers } from "./app/triggers/triggers.js";
import { uploadUserImportCsv } from "./app/user-import/upload-csv.js";
import { createCodes } from "./app/users/codes.js";
import { createPasswords } from "./app/users/passwords.js";
import type { Config } from "./config/config.js";
import { createSrpEngine } from "./domain/auth/srp/index.js";
import { buildHandlers } from "./http/cognito-json/action-table.js";
import {
  COGNITO_IDP_ACTION_NAMES,
  UNSIGNED_COGNITO_IDP_ACTIONS,
} from "./http/cognito-json/cognito-idp-actions.js";
import type { JsonService } from "./http/cognito-json/json-protocol.js";
import { createCognitoIdpInputValidator } from "./http/cognito-json/model/validate-input.js";
import { createSigV4Verifier } from "./http/cognito-json/sigv4.js";
import { USER_POOL_ACTIONS } from "./http/cognito-json/user-pools.actions.js";
import { hostedUiOptions } from "./http/hosted-ui/options-from-config.js";
import { createOAuth2PoolResolver } from "./http/oauth2/routes.js";
import { createServerMetrics, createTriggerMetrics } from "./http/ops/metrics.js";
import { createHttpServer } from "./http/server.js";
import { createAesGcmSecretBox } from "./integrations/crypto/aes-gcm-secret-box.js";
import { createArgon2PasswordHasher } from "./integrations/crypto/argon2-password-hasher.js";
import { loadCommonPasswordList } from "./integrations/crypto/breached-passwords.js";
import {
  loadOrCreateAdminCredentials,
  loadOrCreateMasterKey,
} from "./integrations/crypto/data-dir-secrets.js";
import { createForeignPasswordHashes } from "./integrations/crypto/foreign-password-hashes.js";
import { createHmacSecretHasher } from "./integrations/crypto/hmac-secret-hasher.js";
import { createOpenSslSrpPrimitives } from "./integrations/crypto/modexp.js";
import { createNodeTokenSigner } from "./integrations/crypto/node-token-signer.js";
import { createTriggerInvoker } from "./integrations/lambda/trigger-invoker.js";
import { lazyPasskeyVerifier } from "./integrations/lazy-passkey-verifier.js";
import { createMessaging } from "./integrations/messaging/create-messaging.js";
import { cryptoRandom, systemClock } from "./integrations/system.js";
import type { Clock } from "./ports/clock.js";
import { openStorage } from "./storage/open-storage.js";

export interface RunningServer {
  /** Base URL the server listens on, e.g. http://127.0.0.1:9229 */
  url: string;
  port: number;
  adminCredentials: { accessKeyId: string; secretAccessKey: string };
  logger: pino.Logger;
  /** Stops accepting requests, lets in-flight ones finish, closes the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Overrides for tests: an injected clock, a log destination. */
  clock?: Clock;
  logDestination?: pino.DestinationStream;
  /** CLI commands other than serve do not print freshly generated credentials. */
  announceGeneratedCredentials?: boolean;
}

export interface Application {
  dependencies: AppDependencies;
  logger: pino.Logger;
  adminCredentials: { accessKeyId: string; secretAccessKey: string };
  messaging: ReturnType<typeof createMessaging>;
  /** The Prometheus registry's metrics (requests, and triggers through dependencies.triggers). */
  metrics: ReturnType<typeof createServerMetrics>;
  /** Closes the trigger workers, messaging and storage. */
  close(): Promise<void>;
}

/**
 * The composition root: builds every adapter and use-case dependency from the configuration. Reads nothing
 * from the environment itself. The server and the CLI's offline commands (`cognate keys rotate`) share it.
 */
export async function buildApplication(config: Config, options: StartOptions = {}): Promise<Application> {
  const logger = pino(
    {
      level: config.logLevel,
      base: { service: "cognate" },
      redact: {
        paths: ["req.headers.authorization", "*.password", "*.Password", "*.secret", "*.SecretHash"],
        remove: true,
      },
    },
    options.logDestination,
  );
  const clock = options.clock ?? systemClock();

  const masterKey = loadOrCreateMasterKey(config.dataDir, config.masterKey);
  if (masterKey.generated) {
    logger.warn(
      { file: `${config.dataDir}/master.key` },
      "COGNATE_MASTER_KEY is not set: generated a master key in the data dir. Set COGNATE_MASTER_KEY in production, and the same value on every node.",
    );
  } else if (masterKey.fromFile) {
    logger.warn({}, "COGNATE_MASTER_KEY is not set: using the master key kept in the data dir.");
  }
  const admin = loadOrCreateAdminCredentials(config.dataDir, {
    accessKeyId: config.adminAccessKeyId,
    secretAccessKey: config.adminSecretAccessKey,
  });
  if (admin.generated && options.announceGeneratedCredentials !== false) {
    // Printed once, on purpose: this is how an operator learns the generated admin credentials.
    process.stdout.write(
      `Cognate generated admin credentials (kept in ${config.dataDir}/admin-credentials.json):\n` +
        `  AWS_ACCESS_KEY_ID=${admin.credentials.accessKeyId}\n` +
        `  AWS_SECRET_ACCESS_KEY=${admin.credentials.secretAccessKey}\n`,
    );
  }

  const storage = await openStorage({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    sqliteSynchronous: config.sqliteSynchronous,
    postgresPreparedStatements: config.postgresPreparedStatements,
    // Pool and client settings (and SQLite's signing keys) from memory: see storage/kysely/read-cache.ts.
    cacheReads: true,
  });

  // The default public URL names the port actually bound, known only after listen().
  const deployment: Deployment = {
    region: config.region,
    accountId: config.accountId,
    publicUrl: config.publicUrl ?? `${config.tlsCert ? "https" : "http"}://localhost:${config.port}`,
    domainSuffix: config.domainSuffix,
  };
  const random = cryptoRandom();
  const messaging = createMessaging({
    dataDir: config.dataDir,
    smtpUrl: config.smtpUrl,
    emailFrom: config.emailFrom,
    smsWebhookUrl: config.smsWebhookUrl,
    clock,
    random,
    logger,
  });
  logger.info(messaging.channels, "message delivery");

  const secretBox = createAesGcmSecretBox(masterKey.key);
  const passwordHasher = createArgon2PasswordHasher();
  const srp = createSrpEngine(createOpenSslSrpPrimitives());
  const secretHasher = createHmacSecretHasher(masterKey.key);
  const compromisedPasswords = await loadCommonPasswordList();
  const tokens = createTokens({
    storage,
    clock,
    random,
    secretBox,
    deployment,
    tokenSigner: createNodeTokenSigner(),
  });
  const metrics = createServerMetrics();
  const triggerInvoker = createTriggerInvoker({
    triggersDir: config.triggersDir,
    region: config.region,
    defaultTimeoutMs: config.triggerTimeoutMs,
    defaultMemoryMb: config.triggerMemoryMb,
    maxWorkers: config.triggerWorkers,
    allowPrivateWebhooks: config.webhookAllowPrivate,
    logger,
    now: () => Math.floor(clock.now().getTime() / 1000),
  });
  const audit = createAuditTrail({ auditLog: storage.auditLog, clock, random, logger });
  const triggers = createTriggers({
    invoker: triggerInvoker,
    metrics: createTriggerMetrics(metrics.registry),
    logger,
    clock,
    secretHasher,
    deployment,
    audit,
  });
  const dependencies: AppDependencies = {
    storage,
    clock,
    random,
    messageSender: messaging.sender,
    secretBox,
    logger,
    deployment,
    passwordHasher,
    srp,
    secretHasher,
    compromisedPasswords,
    passwords: createPasswords({
      passwordHasher,
      srp,
      secretBox,
      random,
      clock,
      compromisedPasswords,
      foreignHashes: createForeignPasswordHashes(),
    }),
    codes: createCodes({
      clock,
      random,
      secretHasher,
      messageSender: messaging.sender,
      deployment,
      triggers,
    }),
    tokens,
    triggers,
    passkeyVerifier: lazyPasskeyVerifier(),
  };

  return {
    dependencies,
    logger,
    adminCredentials: admin.credentials,
    messaging,
    metrics,
    async close() {
      await triggerInvoker.close();
      await messaging.close();
      await audit.drain();
      await storage.close();
    },
  };
}

/** Starts the HTTP server on top of a freshly built application. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const application = await buildApplication(config, options);
  const { dependencies, logger, messaging } = application;
  const { storage, clock, deployment, tokens } = dependencies;
  const admin = { credentials: application.adminCredentials };

  const handlers = buildHandlers(USER_POOL_ACTIONS, dependencies);
  const userPoolsService: JsonService = {
    targetPrefix: "AWSCognitoIdentityProviderService",
    knownActions: new Set<string>(COGNITO_IDP_ACTION_NAMES),
    handlers,
    unsignedActions: UNSIGNED_COGNITO_IDP_ACTIONS,
    verifySignature: createSigV4Verifier({
      service: "cognito-idp",
      region: config.region,
      clock,
      credentials: [admin.credentials],
    }),
    validateInput: createCognitoIdpInputValidator(),
  };

  const metrics = application.metrics;
  if (config.configFile) {
    try {
      const actions = localCognitoActions(handlers, userPoolsService.validateInput);
      // Loaded only here: its YAML parser is about 8 MB resident that a server without COGNATE_CONFIG never needs.
      const { readDeclarationFile } = await import("./integrations/config-files/declaration-file.js");
      const document = await readDeclarationFile(config.configFile);
      const applied = await applyConfiguration({ ...dependencies, actions }, document, { dryRun: false });
      const changed = applied.changes.filter((change) => change.action !== "unchanged").length;
      logger.info({ file: config.configFile, changed }, "applied COGNATE_CONFIG");
    } catch (error) {
      await application.close();
      throw error;
    }
  }
  const app = createHttpServer({
    userImportUpload: uploadUserImportCsv(dependencies),
    logger,
    metrics,
    jsonServices: [userPoolsService],
    checkReady: () => storage.ping(),
    devOutbox: messaging.outbox,
    devOutboxHttp: config.devOutboxHttp,
    wellKnown: tokens,
    oauth2: { app: dependencies, domainSuffix: config.domainSuffix },
    hostedUi: {
      app: dependencies,
      engine: createAuthorizationEngine(dependencies),
      poolFromRequest: createOAuth2PoolResolver({ app: dependencies, domainSuffix: config.domainSuffix }),
      options: hostedUiOptions(config),
    },
    ...(config.tlsCert && config.tlsKey
      ? { https: { cert: readFileSync(config.tlsCert), key: readFileSync(config.tlsKey) } }
      : {}),
  });

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await application.close();
    throw error;
  }
  const address = app.server.address() as AddressInfo;
  const scheme = config.tlsCert ? "https" : "http";
  if (config.publicUrl === undefined) deployment.publicUrl = `${scheme}://localhost:${address.port}`;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  logger.info({ port: address.port, host: config.host, storage: storage.dialect }, "cognate is serving");

  let closing: Promise<void> | undefined;
  return {
    url: `${scheme}://${host}:${address.port}`,
    port: address.port,
    adminCredentials: admin.credentials,
    logger,
    close() {
      closing ??= (async () => {
        await app.close();
        await application.close();
        logger.info({}, "cognate stopped");
      })();
      return closing;
    },
  };
}
