// Callback, sign-out and default redirect URLs of an app client, checked as Cognito checks them.
// - A URL must be absolute (a scheme, and a host for http/https): "<url> is not a valid URL."
// - No fragment, not even an empty one: "<url> cannot use fragment"
// - https is required; plain http only for the loopback hosts localhost and 127.0.0.1 (any port, any path):
//   "<url> cannot use the HTTP protocol."
// - App schemes such as myapp://callback are accepted.
// - DefaultRedirectURI must be one of CallbackURLs: "The default redirect URI <url> is not in the callback
//   URIs list."
// All are InvalidParameterException. Duplicates in a list are dropped; order is kept.

import { InvalidParameterException } from "../errors.js";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1"]);

export function checkRedirectUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidParameterException(`${url} is not a valid URL.`);
  }
  const webScheme = parsed.protocol === "http:" || parsed.protocol === "https:";
  if (webScheme && parsed.hostname === "") throw new InvalidParameterException(`${url} is not a valid URL.`);
  // URL drops an empty fragment ("https://a/#"), so look at the raw text.
  if (url.includes("#")) throw new InvalidParameterException(`${url} cannot use fragment`);
  if (parsed.protocol === "http:" && !LOOPBACK_HOSTS.has(parsed.hostname)) {
    throw new InvalidParameterException(`${url} cannot use the HTTP protocol.`);
  }
}

export function checkRedirectUrls(urls: readonly string[]): void {
  for (const url of urls) checkRedirectUrl(url);
}

export function checkDefaultRedirectUri(defaultRedirectUri: string, callbackUrls: readonly string[]): void {
  checkRedirectUrl(defaultRedirectUri);
  if (!callbackUrls.includes(defaultRedirectUri)) {
    throw new InvalidParameterException(
      `The default redirect URI ${defaultRedirectUri} is not in the callback URIs list.`,
    );
  }
}
