import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Agent, request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.js";

// COGNATE_TLS_CERT + COGNATE_TLS_KEY: the server speaks HTTPS (Amplify calls the hosted UI's domain over
// https:// only), and the default public URL, hence every issuer, is https too.

const dir = mkdtempSync(join(tmpdir(), "cognate-tls-"));
const cert = join(dir, "cert.pem");
const key = join(dir, "key.pem");

function getJson(url: string, ca: Buffer): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    httpsRequest(url, { ca }, (response) => {
      let text = "";
      response.on("data", (chunk) => {
        text += chunk;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    })
      .on("error", reject)
      .end();
  });
}

describe("HTTPS", () => {
  let server: TestServer;
  beforeAll(async () => {
    execFileSync("openssl", [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      key,
      "-out",
      cert,
      "-days",
      "1",
      "-subj",
      "/CN=localhost",
      "-addext",
      "subjectAltName=DNS:localhost,DNS:*.auth.localhost,IP:127.0.0.1",
    ]);
    server = await startTestServer({
      backend: "sqlite",
      env: { COGNATE_TLS_CERT: cert, COGNATE_TLS_KEY: key },
    });
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves the APIs and the OIDC documents over TLS with https issuers", async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const ca = readFileSync(cert);
    const cognito = new CognitoIdentityProviderClient({
      region: "us-east-1",
      endpoint: server.url,
      credentials: server.adminCredentials,
      requestHandler: new NodeHttpHandler({ httpsAgent: new Agent({ ca }) }),
      maxAttempts: 1,
    });
    const userPoolId =
      (await cognito.send(new CreateUserPoolCommand({ PoolName: "tls" }))).UserPool?.Id ?? "";
    const discovery = await getJson(`${server.url}/${userPoolId}/.well-known/openid-configuration`, ca);
    expect(discovery.status).toBe(200);
    const issuer = `https://localhost:${new URL(server.url).port}/${userPoolId}`;
    expect(discovery.body).toMatchObject({ issuer, token_endpoint: `${issuer}/oauth2/token` });
    expect((await getJson(`${server.url}/${userPoolId}/.well-known/jwks.json`, ca)).status).toBe(200);
    // Plain HTTP gets no answer on the TLS port.
    await expect(fetch(server.url.replace("https:", "http:"))).rejects.toThrow();
  });
});
