import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthorizationEngine } from "../../src/app/oauth2/authorization-engine.js";
import { createUserPool } from "../../src/app/user-pools/create-user-pool.js";
import { createUserPoolClient } from "../../src/app/user-pools/create-user-pool-client.js";
import { loadConfig } from "../../src/config/config.js";
import { registerHostedUiRoutes } from "../../src/http/hosted-ui/routes.js";
import { type Application, buildApplication } from "../../src/main.js";
import { createTestDatabase, type TestDatabase } from "../support/postgres.js";
import { testBackends } from "../support/server.js";

// The branding that comes from configuration rather than the API: the theme (name, logo, colours), the
// template override folder, and who may frame the pages. The hosted UI is mounted on its own server here
// with those options, as main.ts mounts it from COGNATE_HOSTED_UI_* settings.

const backends = await testBackends();
const context = { requestId: "test", sourceIp: "127.0.0.1", signed: true };

describe.each(backends)("hosted UI branding from configuration on %s", (backend) => {
  let application: Application;
  let server: FastifyInstance;
  let database: TestDatabase | undefined;
  let dataDir: string;
  let loginPath: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "cognate-branding-"));
    database = backend === "postgres" ? await createTestDatabase() : undefined;
    const config = loadConfig({
      COGNATE_DATA_DIR: dataDir,
      COGNATE_LOG_LEVEL: "silent",
      ...(database ? { COGNATE_DATABASE_URL: database.url } : {}),
    });
    application = await buildApplication(config, { announceGeneratedCredentials: false });
    const templates = join(dataDir, "templates");
    mkdirSync(templates);
    writeFileSync(
      join(templates, "forgot-password.html"),
      '<h1 class="acme">{{heading}}</h1><form method="post" action="{{formAction}}">{{> hidden}}{{> fields}}{{> submit}}</form>',
    );
    server = Fastify();
    server.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => done(null, body));
    registerHostedUiRoutes(server, {
      app: application.dependencies,
      engine: createAuthorizationEngine(application.dependencies),
      options: {
        theme: {
          name: "Acme <Login>",
          logoUrl: "https://cdn.acme.example/logo.svg",
          primaryColor: "#ffcc00",
        },
        templateDir: templates,
        frameAncestors: ["https://portal.acme.example"],
      },
    });
    const deps = application.dependencies;
    const pool = await createUserPool(deps)(context, { PoolName: "branding" });
    const poolId = String(pool.UserPool.Id);
    const client = await createUserPoolClient(deps)(context, {
      UserPoolId: poolId,
      ClientName: "web",
      CallbackURLs: ["https://app.acme.example/callback"],
      AllowedOAuthFlows: ["code"],
      AllowedOAuthScopes: ["openid"],
      AllowedOAuthFlowsUserPoolClient: true,
      SupportedIdentityProviders: ["COGNITO"],
    });
    const query = new URLSearchParams({
      client_id: client.UserPoolClient.ClientId,
      response_type: "code",
      redirect_uri: "https://app.acme.example/callback",
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      code_challenge_method: "S256",
    });
    loginPath = `/${poolId}/login?${query}`;
  });
  afterAll(async () => {
    await server?.close();
    await application?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("shows the theme's name and logo, and serves its colours with readable button text", async () => {
    const page = await server.inject({ method: "GET", url: loginPath });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("<title>Sign in | Acme &lt;Login&gt;</title>");
    expect(page.body).toContain(
      '<img class="logo logo-customizable" src="https://cdn.acme.example/logo.svg" alt="Acme &lt;Login&gt;">',
    );
    const csp = String(page.headers["content-security-policy"]);
    expect(csp).toContain("img-src 'self' data: https://cdn.acme.example");
    expect(csp).toContain("frame-ancestors https://portal.acme.example");
    expect(page.headers["x-frame-options"]).toBeUndefined();
    const themeHref = /href="(\/hosted-ui\/assets\/theme\.css\?v=[0-9a-f]+)"/.exec(page.body)?.[1] ?? "";
    const theme = await server.inject({ method: "GET", url: themeHref });
    expect(theme.headers["content-type"]).toBe("text/css; charset=utf-8");
    expect(theme.body).toContain("--cg-primary: #ffcc00;");
    expect(theme.body).toContain("--cg-primary-text: #111111;");
  });

  it("renders a page from the override folder, still escaped and still with its CSRF token", async () => {
    const page = await server.inject({
      method: "GET",
      url: loginPath.replace("/login?", "/forgotPassword?"),
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="acme">Reset your password</h1>');
    expect(page.body).toMatch(/name="_csrf" value="[A-Za-z0-9_-]+"/);
    expect(page.body).toContain('name="username"');
    // The layout around it is still the built-in one.
    expect(page.body).toContain('<main class="card"');
  });
});
