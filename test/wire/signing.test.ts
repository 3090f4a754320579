import { ListUserPoolsCommand } from "@aws-sdk/client-cognito-identity-provider";
import { SignatureV4 } from "@smithy/signature-v4";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NodeSha256 } from "../support/node-sha256.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";

const SIGNING_ERRORS = [
  "MissingAuthenticationTokenException",
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "IncompleteSignatureException",
];

/** Sends a JSON 1.1 request signed by hand (so the test controls the signing date). */
async function postSigned(server: TestServer, action: string, body: unknown, signingDate: Date) {
  const url = new URL(server.url);
  const text = JSON.stringify(body);
  const signer = new SignatureV4({
    service: "cognito-idp",
    region: "us-east-1",
    credentials: server.adminCredentials,
    sha256: NodeSha256,
  });
  const signed = await signer.sign(
    {
      method: "POST",
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: "/",
      query: {},
      headers: {
        host: url.host,
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": `AWSCognitoIdentityProviderService.${action}`,
      },
      body: text,
    },
    { signingDate },
  );
  const response = await fetch(`${server.url}/`, { method: "POST", headers: signed.headers, body: text });
  return { status: response.status, body: (await response.json()) as { __type?: string; message?: string } };
}

async function errorOf(
  promise: Promise<unknown>,
): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    const failure = error as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: failure.name, message: failure.message, status: failure.$metadata?.httpStatusCode };
  }
  throw new Error("expected the call to fail");
}

const backends = await testBackends();

describe.each(backends)("SigV4 on the JSON API on %s", (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ backend });
  });
  afterAll(async () => {
    await server.stop();
  });

  it("lets an admin call signed with the admin credentials through", async () => {
    try {
      const output = await server.adminClient().send(new ListUserPoolsCommand({ MaxResults: 10 }));
      expect(Array.isArray(output.UserPools)).toBe(true);
    } catch (error) {
      // ListUserPools may not be implemented yet; any signing error is a failure.
      expect((error as Error).name).toBe("UnsupportedOperationException");
    }
  });

  it("rejects a wrong secret with InvalidSignatureException", async () => {
    const client = server.clientWith({ ...server.adminCredentials, secretAccessKey: "not-the-secret" });
    const error = await errorOf(client.send(new ListUserPoolsCommand({ MaxResults: 10 })));
    expect(error.name).toBe("InvalidSignatureException");
    expect(error.message).toBe(
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
    );
    expect(error.status).toBe(400);
  });

  it("rejects an unknown access key with UnrecognizedClientException", async () => {
    const client = server.clientWith({ accessKeyId: "AKIAUNKNOWNKEY000000", secretAccessKey: "whatever" });
    const error = await errorOf(client.send(new ListUserPoolsCommand({ MaxResults: 10 })));
    expect(error.name).toBe("UnrecognizedClientException");
    expect(error.message).toBe("The security token included in the request is invalid.");
  });

  it("rejects an unsigned admin call with MissingAuthenticationTokenException", async () => {
    const response = await server.postJson("ListUserPools", { MaxResults: 10 });
    expect(response.status).toBe(400);
    expect(response.headers.get("x-amzn-errortype")).toBe("MissingAuthenticationTokenException:");
    expect(response.json()).toEqual({
      __type: "MissingAuthenticationTokenException",
      message: "Missing Authentication Token",
    });
  });

  it("does not ask a public action for a signature", async () => {
    const response = await server.postJson("InitiateAuth", {
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: "1example23456789",
      AuthParameters: { USERNAME: "someone", PASSWORD: "Passw0rd!" },
    });
    const type = (response.json() as { __type?: string }).__type;
    expect(SIGNING_ERRORS).not.toContain(type);
    expect(response.status).toBeLessThan(500);
  });

  it("accepts a hand-signed request dated now and rejects one signed 10 minutes ago", async () => {
    const fresh = await postSigned(server, "ListUserPools", { MaxResults: 10 }, new Date());
    expect(SIGNING_ERRORS).not.toContain(fresh.body.__type);

    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    const stale = await postSigned(server, "ListUserPools", { MaxResults: 10 }, tenMinutesAgo);
    expect(stale.status).toBe(400);
    expect(stale.body.__type).toBe("InvalidSignatureException");
    expect(stale.body.message).toMatch(
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/,
    );
  });
});
