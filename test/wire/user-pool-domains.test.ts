import { request as httpRequest } from "node:http";
import {
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DeleteUserPoolCommand,
  DeleteUserPoolDomainCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  UpdateUserPoolDomainCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";

// User pool domains over the wire (the real SDK), and a pool's OAuth endpoints answering at the root of its
// domain, picked by the Host header.

const backends = await testBackends();

/** GET with a chosen Host header; the body as text, redirects not followed. */
function getWithHost(url: string, host: string) {
  return new Promise<{ status: number; location?: string; body: string }>((resolve, reject) => {
    const request = httpRequest(url, { method: "GET", headers: { host } }, (response) => {
      let text = "";
      response.on("data", (chunk) => {
        text += chunk;
      });
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          ...(response.headers.location ? { location: response.headers.location } : {}),
          body: text,
        }),
      );
    });
    request.on("error", reject);
    request.end();
  });
}

/** POST a form with a chosen Host header (fetch does not let callers set Host). */
function postWithHost(url: string, host: string, form: Record<string, string>, authorization: string) {
  return new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    const body = new URLSearchParams(form).toString();
    const request = httpRequest(
      url,
      {
        method: "POST",
        headers: {
          host,
          authorization,
          "content-type": "application/x-www-form-urlencoded",
          "content-length": Buffer.byteLength(body),
        },
      },
      (response) => {
        let text = "";
        response.on("data", (chunk) => {
          text += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

describe.each(backends)("user pool domains on %s", (backend) => {
  let server: TestServer;
  let userPoolId: string;
  const admin = () => server.adminClient();

  beforeAll(async () => {
    server = await startTestServer({ backend });
    userPoolId =
      (await admin().send(new CreateUserPoolCommand({ PoolName: "resources" }))).UserPool?.Id ?? "";
  });
  afterAll(async () => {
    await server.stop();
  });

  it("creates, describes, updates and deletes a prefix domain", async () => {
    const prefix = `my-app-${Date.now().toString(36)}`;
    const created = await admin().send(
      new CreateUserPoolDomainCommand({ UserPoolId: userPoolId, Domain: prefix }),
    );
    expect(created.ManagedLoginVersion).toBe(1);
    expect(created.CloudFrontDomain).toBeUndefined();
    const described = await admin().send(new DescribeUserPoolDomainCommand({ Domain: prefix }));
    expect(described.DomainDescription).toMatchObject({
      UserPoolId: userPoolId,
      AWSAccountId: "000000000000",
      Domain: prefix,
      Status: "ACTIVE",
      ManagedLoginVersion: 1,
      CloudFrontDistribution: "localhost",
    });
    expect(described.DomainDescription?.Version).toMatch(/^\d{14}$/);
    const updated = await admin().send(
      new UpdateUserPoolDomainCommand({ UserPoolId: userPoolId, Domain: prefix, ManagedLoginVersion: 2 }),
    );
    expect(updated.ManagedLoginVersion).toBe(2);
    expect(
      (await admin().send(new DescribeUserPoolDomainCommand({ Domain: prefix }))).DomainDescription
        ?.ManagedLoginVersion,
    ).toBe(2);

    const other = (await admin().send(new CreateUserPoolCommand({ PoolName: "other" }))).UserPool?.Id ?? "";
    await expect(
      admin().send(new CreateUserPoolDomainCommand({ UserPoolId: other, Domain: prefix })),
    ).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Domain already associated with another user pool.",
    });
    await expect(
      admin().send(new CreateUserPoolDomainCommand({ UserPoolId: userPoolId, Domain: `${prefix}-2` })),
    ).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "User pool already has a domain configured.",
    });
    for (const bad of ["aws-login", "my-cognito"]) {
      await expect(
        admin().send(new CreateUserPoolDomainCommand({ UserPoolId: other, Domain: bad })),
      ).rejects.toMatchObject({
        name: "InvalidParameterException",
      });
    }
    await expect(
      admin().send(
        new UpdateUserPoolDomainCommand({ UserPoolId: userPoolId, Domain: prefix, ManagedLoginVersion: 3 }),
      ),
    ).rejects.toMatchObject({ name: "InvalidParameterException" });
    await expect(
      admin().send(new DeleteUserPoolDomainCommand({ UserPoolId: other, Domain: prefix })),
    ).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "No such domain or user pool exists.",
    });
    await admin().send(new DeleteUserPoolDomainCommand({ UserPoolId: userPoolId, Domain: prefix }));
    expect(
      (await admin().send(new DescribeUserPoolDomainCommand({ Domain: prefix }))).DomainDescription,
    ).toEqual({});
    await expect(
      admin().send(new DeleteUserPoolDomainCommand({ UserPoolId: userPoolId, Domain: prefix })),
    ).rejects.toMatchObject({
      name: "InvalidParameterException",
    });
    // Names no domain can have are refused before any lookup (PostgreSQL cannot even compare U+0000).
    for (const junk of ["\u0000", "a..b", "UPPER.example.com"]) {
      await expect(
        admin().send(new DeleteUserPoolDomainCommand({ UserPoolId: userPoolId, Domain: junk })),
      ).rejects.toMatchObject({ name: "InvalidParameterException" });
    }
    await expect(admin().send(new DescribeUserPoolDomainCommand({ Domain: "\u0000" }))).rejects.toMatchObject(
      {
        name: "InvalidParameterException",
      },
    );
    for (const junk of ["a..b", "UPPER.example.com"]) {
      const described = await admin().send(new DescribeUserPoolDomainCommand({ Domain: junk }));
      expect(described.DomainDescription).toEqual({});
    }
  });

  describe("endpoints at the root of a pool's domain", () => {
    let m2m: { id: string; secret: string };
    let pool: string;
    const prefix = `tenant-${Date.now().toString(36)}`;
    const authorization = () => `Basic ${Buffer.from(`${m2m.id}:${m2m.secret}`).toString("base64")}`;

    beforeAll(async () => {
      pool = (await admin().send(new CreateUserPoolCommand({ PoolName: "tenant" }))).UserPool?.Id ?? "";
      await admin().send(
        new CreateResourceServerCommand({
          UserPoolId: pool,
          Identifier: "api",
          Name: "api",
          Scopes: [{ ScopeName: "read", ScopeDescription: "read" }],
        }),
      );
      const client = await admin().send(
        new CreateUserPoolClientCommand({
          UserPoolId: pool,
          ClientName: "m2m",
          GenerateSecret: true,
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ["client_credentials"],
          AllowedOAuthScopes: ["api/read"],
        }),
      );
      m2m = { id: client.UserPoolClient?.ClientId ?? "", secret: client.UserPoolClient?.ClientSecret ?? "" };
      await admin().send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: prefix }));
    });

    it("serves a prefix domain under COGNATE_DOMAIN_SUFFIX and a custom domain as given", async () => {
      const form = { grant_type: "client_credentials" };
      const viaPrefix = await postWithHost(
        `${server.url}/oauth2/token`,
        `${prefix}.auth.localhost:443`,
        form,
        authorization(),
      );
      expect(viaPrefix.status).toBe(200);
      expect(viaPrefix.body.access_token).toEqual(expect.any(String));

      const unknown = await postWithHost(
        `${server.url}/oauth2/token`,
        "nobody.auth.localhost",
        form,
        authorization(),
      );
      expect(unknown.status).toBe(400);
      expect(unknown.body).toMatchObject({ error: "invalid_request" });
      // A prefix alone is not a host of the pool; nor is the prefix under another suffix.
      expect((await postWithHost(`${server.url}/oauth2/token`, prefix, form, authorization())).status).toBe(
        400,
      );
      expect(
        (await postWithHost(`${server.url}/oauth2/token`, `${prefix}.example.com`, form, authorization()))
          .status,
      ).toBe(400);

      // A custom domain is a full host name (dots and all), accepted over the wire with CustomDomainConfig.
      const certificate = "arn:aws:acm:us-east-1:000000000000:certificate/abc";
      const custom = await admin().send(
        new CreateUserPoolDomainCommand({
          UserPoolId: pool,
          Domain: "login.tenant.example",
          CustomDomainConfig: { CertificateArn: certificate },
        }),
      );
      expect(custom.CloudFrontDomain).toBe("localhost");
      expect(custom.ManagedLoginVersion).toBe(1);
      const described = await admin().send(
        new DescribeUserPoolDomainCommand({ Domain: "login.tenant.example" }),
      );
      expect(described.DomainDescription).toMatchObject({
        UserPoolId: pool,
        Domain: "login.tenant.example",
        CustomDomainConfig: { CertificateArn: certificate },
      });
      const viaCustom = await postWithHost(
        `${server.url}/oauth2/token`,
        "Login.Tenant.Example",
        form,
        authorization(),
      );
      expect(viaCustom.status).toBe(200);

      await admin().send(new DeleteUserPoolCommand({ UserPoolId: pool }));
      expect(
        (await postWithHost(`${server.url}/oauth2/token`, `${prefix}.auth.localhost`, form, authorization()))
          .status,
      ).toBe(400);
    });
  });

  describe("custom domains (a full host name with CustomDomainConfig)", () => {
    const certificate = "arn:aws:acm:us-east-1:000000000000:certificate/0f1e2d3c";
    const host = `auth-${Date.now().toString(36)}.example.com`;
    const callback = "https://app.example.com/callback";
    let pool: string;
    let clientId: string;

    beforeAll(async () => {
      pool = (await admin().send(new CreateUserPoolCommand({ PoolName: "custom" }))).UserPool?.Id ?? "";
      const client = await admin().send(
        new CreateUserPoolClientCommand({
          UserPoolId: pool,
          ClientName: "web",
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ["code"],
          AllowedOAuthScopes: ["openid", "email"],
          CallbackURLs: [callback],
          SupportedIdentityProviders: ["COGNITO"],
        }),
      );
      clientId = client.UserPoolClient?.ClientId ?? "";
    });

    it("keeps Cognito's prefix rules for a domain without CustomDomainConfig", async () => {
      await expect(
        admin().send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: "auth.example.com" })),
      ).rejects.toMatchObject({
        name: "InvalidParameterException",
        message: expect.stringContaining("The domain name contains an invalid character."),
      });
      await expect(
        admin().send(
          new CreateUserPoolDomainCommand({
            UserPoolId: pool,
            Domain: "bad..example.com",
            CustomDomainConfig: { CertificateArn: certificate },
          }),
        ),
      ).rejects.toMatchObject({ name: "InvalidParameterException" });
      const pristine = await admin().send(new DescribeUserPoolCommand({ UserPoolId: pool }));
      expect(pristine.UserPool?.Domain).toBeUndefined();
      expect(pristine.UserPool?.CustomDomain).toBeUndefined();
    });

    it("creates, describes and updates a custom domain; DescribeUserPool reports both domains", async () => {
      const prefix = `both-${Date.now().toString(36)}`;
      await admin().send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: prefix }));
      const created = await admin().send(
        new CreateUserPoolDomainCommand({
          UserPoolId: pool,
          Domain: host,
          CustomDomainConfig: { CertificateArn: certificate },
        }),
      );
      expect(created.CloudFrontDomain).toBe("localhost");
      const described = await admin().send(new DescribeUserPoolDomainCommand({ Domain: host }));
      expect(described.DomainDescription).toMatchObject({
        UserPoolId: pool,
        Domain: host,
        Status: "ACTIVE",
        CustomDomainConfig: { CertificateArn: certificate },
      });
      const renewed = `${certificate}-renewed`;
      await admin().send(
        new UpdateUserPoolDomainCommand({
          UserPoolId: pool,
          Domain: host,
          CustomDomainConfig: { CertificateArn: renewed },
        }),
      );
      expect(
        (await admin().send(new DescribeUserPoolDomainCommand({ Domain: host }))).DomainDescription
          ?.CustomDomainConfig,
      ).toEqual({ CertificateArn: renewed });

      const withBoth = await admin().send(new DescribeUserPoolCommand({ UserPoolId: pool }));
      expect(withBoth.UserPool?.Domain).toBe(prefix);
      expect(withBoth.UserPool?.CustomDomain).toBe(host);

      await admin().send(new DeleteUserPoolDomainCommand({ UserPoolId: pool, Domain: prefix }));
      const customOnly = await admin().send(new DescribeUserPoolCommand({ UserPoolId: pool }));
      expect(customOnly.UserPool?.Domain).toBeUndefined();
      expect(customOnly.UserPool?.CustomDomain).toBe(host);
    });

    it("deletes a custom domain over the wire", async () => {
      const other = `gone-${Date.now().toString(36)}.example.org`;
      const owner =
        (await admin().send(new CreateUserPoolCommand({ PoolName: "short-lived" }))).UserPool?.Id ?? "";
      await admin().send(
        new CreateUserPoolDomainCommand({
          UserPoolId: owner,
          Domain: other,
          CustomDomainConfig: { CertificateArn: certificate },
        }),
      );
      expect(
        (await admin().send(new DescribeUserPoolCommand({ UserPoolId: owner }))).UserPool?.CustomDomain,
      ).toBe(other);
      await admin().send(new DeleteUserPoolDomainCommand({ UserPoolId: owner, Domain: other }));
      expect(
        (await admin().send(new DescribeUserPoolDomainCommand({ Domain: other }))).DomainDescription,
      ).toEqual({});
      expect(
        (await admin().send(new DescribeUserPoolCommand({ UserPoolId: owner }))).UserPool?.CustomDomain,
      ).toBeUndefined();
    });

    it("answers the hosted UI at the root of the custom host", async () => {
      const query = new URLSearchParams({
        client_id: clientId,
        response_type: "code",
        redirect_uri: callback,
        scope: "openid email",
        state: "s1",
        code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        code_challenge_method: "S256",
      }).toString();
      const authorize = await getWithHost(`${server.url}/oauth2/authorize?${query}`, host);
      expect(authorize.status).toBe(302);
      // The sign-in page stays at the root of the same host, not under /{userPoolId}.
      expect(authorize.location).toBe(`/login?${query}`);
      const login = await getWithHost(`${server.url}${authorize.location}`, host.toUpperCase());
      expect(login.status).toBe(200);
      expect(login.body).toContain('name="username"');
      expect(login.body).toContain(`action="/login?`);
    });
  });
});
