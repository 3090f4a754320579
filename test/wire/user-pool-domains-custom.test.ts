import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DeleteUserPoolDomainCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  UpdateUserPoolDomainCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { beforeAll, describe, expect, it } from "vitest";
import { testBackends } from "../support/server.js";
import { useTestServer } from "../support/suite-server.js";
import { getWithHost } from "./support/host-requests.js";

// User pool domains over the wire (the real SDK), and a pool's OAuth endpoints answering at the root of its
// domain, picked by the Host header.

const backends = await testBackends();

describe.each(backends)("user pool domains on %s", (backend) => {
  const ctx = useTestServer({ backend });
  const admin = () => ctx.server.adminClient();

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
      const authorize = await getWithHost(`${ctx.server.url}/oauth2/authorize?${query}`, host);
      expect(authorize.status).toBe(302);
      // The sign-in page stays at the root of the same host, not under /{userPoolId}.
      expect(authorize.location).toBe(`/login?${query}`);
      const login = await getWithHost(`${ctx.server.url}${authorize.location}`, host.toUpperCase());
      expect(login.status).toBe(200);
      expect(login.body).toContain('name="username"');
      expect(login.body).toContain(`action="/login?`);
    });
  });
});
