// The pure checks of an /oauth2/authorize request (RFC 6749 §4.1.1/§4.2.1, RFC 7636, OIDC Core §3.1.2.1,
// RFC 9700 §2.1) and how answers travel back to the client.
// - redirect_uri must equal one of the client's CallbackURLs character for character (no normalisation:
//   case, trailing slash, query, port and encoding all count). Without one the client's DefaultRedirectURI
//   is used. A request whose client or redirect_uri fails is never redirected anywhere.
// - PKCE: code_challenge and code_challenge_method come together, the method is S256 (Cognito supports
//   nothing else), and the challenge is 43–128 unreserved characters. Public clients (no secret) must use
//   PKCE with the code grant.
// - prompt: none or login; select_account and consent are accepted and ignored; anything else, or several
//   values, is invalid_request.
// - Answers go in the query for the code grant and in the fragment for implicit, with state and iss
//   (RFC 9207, so clients can tell issuers apart).

const UNRESERVED_43_128 = /^[A-Za-z0-9\-._~]{43,128}$/;
/** Bounds free-form parameters so a request cannot grow the redirect (and the code row) unboundedly. */
export const MAX_PARAMETER_LENGTH = 2048;

export type ResponseMode = "query" | "fragment";

export const isRegisteredRedirectUri = (uri: string, callbackUrls: readonly string[]) =>
  callbackUrls.some((registered) => registered === uri);

export type PkceCheck = { ok: true; challenge?: string } | { ok: false; description: string };

export function checkPkceParameters(challenge: string | undefined, method: string | undefined): PkceCheck {
  if (challenge === undefined && method === undefined) return { ok: true };
  if (challenge === undefined) return { ok: false, description: "code_challenge is missing." };
  if (method === undefined) return { ok: false, description: "code_challenge_method is missing." };
  if (method !== "S256") return { ok: false, description: "code_challenge_method must be S256." };
  if (!UNRESERVED_43_128.test(challenge)) return { ok: false, description: "code_challenge is malformed." };
  return { ok: true, challenge };
}

/** RFC 7636 §4.1: 43–128 unreserved characters. */
export const isWellFormedCodeVerifier = (verifier: string) => UNRESERVED_43_128.test(verifier);

export type PromptCheck = { ok: true; prompt?: "none" | "login" } | { ok: false; description: string };

export function checkPrompt(value: string | undefined): PromptCheck {
  if (value === undefined || value === "") return { ok: true };
  if (value === "none" || value === "login") return { ok: true, prompt: value };
  if (value === "select_account" || value === "consent") return { ok: true };
  return { ok: false, description: `Unsupported prompt value: ${value}` };
}

/** The redirect_uri with the answer's parameters added (after any query the URI already has). */
export function responseLocation(
  redirectUri: string,
  mode: ResponseMode,
  parameters: ReadonlyArray<readonly [string, string | undefined]>,
): string {
  const encoded = new URLSearchParams();
  for (const [name, value] of parameters) if (value !== undefined) encoded.append(name, value);
  const text = encoded.toString();
  if (mode === "fragment") return `${redirectUri}#${text}`;
  return `${redirectUri}${redirectUri.includes("?") ? "&" : "?"}${text}`;
}
