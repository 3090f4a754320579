import { createHash, randomBytes } from "node:crypto";

// The client side of the authorization-code flow with PKCE (RFC 7636 S256), built by hand so the test
// controls every parameter.

export interface PkcePair {
  verifier: string;
  challenge: string;
}

export function pkcePair(): PkcePair {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export function authorizeUrl(
  base: string,
  params: {
    clientId: string;
    redirectUri: string;
    state: string;
    challenge?: string;
    scope?: string;
  } & Record<string, string | undefined>,
): string {
  const { clientId, redirectUri, state, challenge, scope, ...extra } = params;
  const query = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: redirectUri,
    state,
    scope: scope ?? "openid email profile",
    ...(challenge ? { code_challenge: challenge, code_challenge_method: "S256" } : {}),
  });
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) query.set(key, value);
  return `${base}/oauth2/authorize?${query}`;
}

export async function exchangeCode(
  base: string,
  input: { clientId: string; code: string; redirectUri: string; verifier: string },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${base}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: input.clientId,
      code: input.code,
      redirect_uri: input.redirectUri,
      code_verifier: input.verifier,
    }).toString(),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

export const decodeJwt = (token: string) =>
  JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
