import { SignatureV4 } from "@smithy/signature-v4";
import { ProtocolError } from "../../src/http/cognito-json/errors.js";
import type { JsonRequest } from "../../src/http/cognito-json/json-protocol.js";
import { createSigV4Verifier } from "../../src/http/cognito-json/sigv4.js";
import { NodeSha256 } from "../support/node-sha256.js";

// The clock, credentials and signed requests of the SigV4 verifier tests.

export const ADMIN = { accessKeyId: "AKIDCOGNATETEST", secretAccessKey: "s3cr3t/Key+With=Odd&Chars" };
export const NOW = new Date("2026-03-14T15:09:26Z");
export const fixedClock = (date: Date) => ({ now: () => date });

export const verifier = (now = NOW) =>
  createSigV4Verifier({
    service: "cognito-idp",
    region: "us-east-1",
    clock: fixedClock(now),
    credentials: [ADMIN],
  });

export interface SignOptions {
  body?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  region?: string;
  service?: string;
  signingDate?: Date;
  applyChecksum?: boolean;
}

/** A cognito-idp request signed by @smithy/signature-v4, as the AWS SDK v3 sends it. */
export async function signedRequest(options: SignOptions = {}): Promise<JsonRequest> {
  const body = options.body ?? '{"MaxResults":10}';
  const signer = new SignatureV4({
    service: options.service ?? "cognito-idp",
    region: options.region ?? "us-east-1",
    credentials: options.credentials ?? ADMIN,
    sha256: NodeSha256,
    applyChecksum: options.applyChecksum ?? true,
  });
  const signed = await signer.sign(
    {
      method: "POST",
      protocol: "http:",
      hostname: "127.0.0.1",
      port: 9229,
      path: "/",
      query: {},
      headers: {
        host: "127.0.0.1:9229",
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "AWSCognitoIdentityProviderService.ListUserPools",
        "x-amz-user-agent": "aws-sdk-js/3.0.0",
      },
      body,
    },
    { signingDate: options.signingDate ?? NOW },
  );
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) headers[name.toLowerCase()] = value;
  return {
    method: "POST",
    path: "/",
    rawQuery: "",
    headers,
    rawBody: body,
    sourceIp: "127.0.0.1",
    requestId: "r",
  };
}

export function rejection(check: () => void): ProtocolError {
  try {
    check();
  } catch (error) {
    if (error instanceof ProtocolError) return error;
    throw error;
  }
  throw new Error("expected the request to be rejected");
}

export const withHeaders = (
  request: JsonRequest,
  headers: Record<string, string | undefined>,
): JsonRequest => ({
  ...request,
  headers: { ...request.headers, ...headers },
});

export const INVALID_SIGNATURE_MESSAGE =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
