import { request as httpRequest } from "node:http";
import {
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DeleteUserPoolCommand,
  DeleteUserPoolDomainCommand,
  DescribeUserPoolDomainCommand,
  UpdateUserPoolDomainCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserPoolDomain } from "../../src/app/user-pools/create-user-pool-domain.js";
import { describeUserPoolDomain } from "../../src/app/user-pools/describe-user-pool-domain.js";
import type { Application } from "../../src/main.js";
import { openEngine } from "../oidc/oauth2-setup.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";

// User pool domains over the wire (the real SDK), and a pool's OAuth endpoints answering at the root of its
// domain, picked by the Host header.

const backends = await testBackends();

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
  });

  describe("endpoints at the root of a pool's domain", () => {
    let application: Application;
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
      application = await openEngine(server);
    });
    afterAll(async () => {
      await application?.close();
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

      // Custom domain names (with dots) do not pass the published model's DomainType pattern, so this one
      // is created through the use case on the server's own data.
      const context = { requestId: "test", sourceIp: "127.0.0.1", signed: true };
      const custom = await createUserPoolDomain(application.dependencies)(context, {
        UserPoolId: pool,
        Domain: "login.tenant.example",
        CustomDomainConfig: { CertificateArn: "arn:aws:acm:us-east-1:000000000000:certificate/abc" },
      });
      expect(custom).toEqual({ ManagedLoginVersion: 1, CloudFrontDomain: "localhost" });
      // DescribeUserPoolDomain's Domain has the same pattern: ask the use case too.
      const described = await describeUserPoolDomain(application.dependencies)(context, {
        Domain: "login.tenant.example",
      });
      expect(described.DomainDescription).toMatchObject({
        UserPoolId: pool,
        Domain: "login.tenant.example",
        CustomDomainConfig: { CertificateArn: "arn:aws:acm:us-east-1:000000000000:certificate/abc" },
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
});
