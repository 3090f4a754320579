import { responseLocation } from "../../domain/oauth2/authorization-request.js";
import { verifyOwnJwt } from "./jwt-inspection.js";
import { type OAuth2Dependencies, stringList } from "./oauth2-support.js";

// GET /logout in both styles. Successful logouts end the browser's hosted-UI session (the caller clears it);
// failures show an error page and end nothing. No URI that is not registered is ever redirected to.
// - OIDC RP-initiated logout (id_token_hint and/or post_logout_redirect_uri): the hint must be an ID token
//   of this pool signed by Cognate (it may have expired); its aud names the client, and a client_id given
//   too must agree. post_logout_redirect_uri must be one of that client's LogoutURLs exactly; state is
//   passed back. Without post_logout_redirect_uri the person is signed out and shown a page.
// - Cognito's: client_id must name a client of the pool; then logout_uri (one of its LogoutURLs exactly,
//   redirected to as given), or redirect_uri + response_type (sign in again: the browser is sent on to
//   /oauth2/authorize with the same parameters, which checks them). Neither: an error page.

export type LogoutDecision =
  | { kind: "redirect"; location: string }
  | { kind: "signed-out" }
  | { kind: "error"; status: number; message: string };

const REAUTHORIZE_PARAMETERS = [
  "client_id",
  "redirect_uri",
  "response_type",
  "state",
  "scope",
  "code_challenge",
  "code_challenge_method",
  "nonce",
  "identity_provider",
  "idp_identifier",
  "lang",
];

export function createLogout(deps: Pick<OAuth2Dependencies, "storage" | "tokens" | "deployment">) {
  const error = (message: string): LogoutDecision => ({ kind: "error", status: 400, message });

  async function oidcLogout(
    userPoolId: string,
    query: Record<string, string | undefined>,
  ): Promise<LogoutDecision> {
    let clientId = query.client_id;
    if (query.id_token_hint !== undefined) {
      const hint = await verifyOwnJwt(deps, query.id_token_hint, userPoolId);
      const aud = hint?.claims.aud;
      if (hint?.claims.token_use !== "id" || typeof aud !== "string")
        return error("id_token_hint is not valid.");
      if (clientId !== undefined && clientId !== aud) return error("client_id does not match id_token_hint.");
      clientId = aud;
    }
    const target = query.post_logout_redirect_uri;
    if (target === undefined) return { kind: "signed-out" };
    if (clientId === undefined) return error("post_logout_redirect_uri needs client_id or id_token_hint.");
    const client = await deps.storage.userPoolClients.findClient(userPoolId, clientId);
    if (!client) return error("The app client does not exist in this user pool.");
    if (!stringList(client.settings.LogoutURLs).includes(target)) {
      return error("post_logout_redirect_uri is not a sign-out URL of this app client.");
    }
    return { kind: "redirect", location: responseLocation(target, "query", [["state", query.state]]) };
  }

  return async (
    userPoolId: string,
    query: Record<string, string | undefined>,
    authorizePath: string,
  ): Promise<LogoutDecision> => {
    if (query.id_token_hint !== undefined || query.post_logout_redirect_uri !== undefined) {
      return oidcLogout(userPoolId, query);
    }
    const clientId = query.client_id;
    if (!clientId) return error("client_id is required.");
    const client = await deps.storage.userPoolClients.findClient(userPoolId, clientId);
    if (!client) return error("The app client does not exist in this user pool.");
    if (query.logout_uri !== undefined) {
      if (!stringList(client.settings.LogoutURLs).includes(query.logout_uri)) {
        return error("logout_uri is not a sign-out URL of this app client.");
      }
      return { kind: "redirect", location: query.logout_uri };
    }
    if (query.redirect_uri !== undefined && query.response_type !== undefined) {
      const again = REAUTHORIZE_PARAMETERS.map((name) => [name, query[name]] as const);
      return { kind: "redirect", location: responseLocation(authorizePath, "query", again) };
    }
    return error("logout_uri, or redirect_uri and response_type, are required.");
  };
}
