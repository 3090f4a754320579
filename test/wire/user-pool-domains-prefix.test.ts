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
import { beforeAll, describe, expect, it } from "vitest";
import { testBackends } from "../support/server.js";
import { useTestServer } from "../support/suite-server.js";
import { postWithHost } from "./support/host-requests.js";

// User pool domains over the wire (the real SDK), and a pool's OAuth endpoints answering at the root of its
// domain, picked by the Host header.

const backends = await testBackends();

describe.each(backends)("user pool domains on %s", (backend) => {
  const ctx = useTestServer({ backend });
  let userPoolId: string;
  const admin = () => ctx.server.adminClient();

  beforeAll(async () => {
    userPoolId =
      (await admin().send(new CreateUserPoolCommand({ PoolName: "resources" }))).UserPool?.Id ?? "";
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
        `${ctx.server.url}/oauth2/token`,
        `${prefix}.auth.localhost:443`,
        form,
        authorization(),
      );
      expect(viaPrefix.status).toBe(200);
      expect(viaPrefix.body.access_token).toEqual(expect.any(String));

      const unknown = await postWithHost(
        `${ctx.server.url}/oauth2/token`,
        "nobody.auth.localhost",
        form,
        authorization(),
      );
      expect(unknown.status).toBe(400);
      expect(unknown.body).toMatchObject({ error: "invalid_request" });
      // A prefix alone is not a host of the pool; nor is the prefix under another suffix.
      expect(
        (await postWithHost(`${ctx.server.url}/oauth2/token`, prefix, form, authorization())).status,
      ).toBe(400);
      expect(
        (await postWithHost(`${ctx.server.url}/oauth2/token`, `${prefix}.example.com`, form, authorization()))
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
        `${ctx.server.url}/oauth2/token`,
        "Login.Tenant.Example",
        form,
        authorization(),
      );
      expect(viaCustom.status).toBe(200);

      await admin().send(new DeleteUserPoolCommand({ UserPoolId: pool }));
      expect(
        (
          await postWithHost(
            `${ctx.server.url}/oauth2/token`,
            `${prefix}.auth.localhost`,
            form,
            authorization(),
          )
        ).status,
      ).toBe(400);
    });
  });
});
