// The issuer of a pool's tokens: `{publicUrl}/{userPoolId}`, i.e. Cognito's
// `https://cognito-idp.{region}.amazonaws.com/{poolId}` with Cognate's public URL in place of the AWS host.
// The JWKS lives at `{issuer}/.well-known/jwks.json`.

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, "");

export const issuerFor = (publicUrl: string, userPoolId: string) =>
  `${withoutTrailingSlash(publicUrl)}/${userPoolId}`;

export const jwksUriFor = (publicUrl: string, userPoolId: string) =>
  `${issuerFor(publicUrl, userPoolId)}/.well-known/jwks.json`;

/** The pool an issuer names, or undefined when the issuer is not one of ours. */
export function userPoolIdFromIssuer(publicUrl: string, issuer: string): string | undefined {
  const prefix = `${withoutTrailingSlash(publicUrl)}/`;
  if (!issuer.startsWith(prefix)) return undefined;
  const userPoolId = issuer.slice(prefix.length);
  return /^[\w-]+_[0-9a-zA-Z]+$/.test(userPoolId) ? userPoolId : undefined;
}
