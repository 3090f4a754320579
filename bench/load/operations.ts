import { randomInt } from "node:crypto";
import type { Http } from "../lib/http.js";
import { benchEmail, type OpSpec } from "../lib/types.js";
import type { Op } from "./engine.js";
import type { SrpChallenge, SrpClient } from "./srp-client.js";

// One function per scenario kind: what a single measured operation sends, and what its answer must hold
// (a server that answered 200 with nothing useful must not count as fast).

const pick = <T>(values: readonly T[]): T => values[randomInt(values.length)]!;

function expectString(value: unknown, what: string): string {
  if (typeof value !== "string" || value.length === 0) throw new Error(`missing ${what}`);
  return value;
}

function authResult(answer: Record<string, unknown>, what: string): Record<string, unknown> {
  const result = answer.AuthenticationResult as Record<string, unknown> | undefined;
  expectString(result?.AccessToken, `${what} AccessToken`);
  expectString(result?.IdToken, `${what} IdToken`);
  return result!;
}

async function tokenEndpoint(
  http: Http,
  path: string,
  fields: Record<string, string>,
  headers?: Record<string, string>,
) {
  const { status, text } = await http.form(path, fields, headers);
  if (status !== 200) throw new Error(`${path}: HTTP ${status} ${text.slice(0, 200)}`);
  const body = JSON.parse(text) as Record<string, unknown>;
  expectString(body.access_token, "access_token");
  return body;
}

/** The op for a spec, and a sample of one answer (for the check before measuring). */
export function makeOperation(
  spec: OpSpec,
  http: Http,
  srpClientFor: (poolId: string) => SrpClient,
): { op: Op; once: () => Promise<string> } {
  let sample = "";
  const keep = (value: unknown) => {
    sample = String(JSON.stringify(value) ?? "").slice(0, 400);
  };
  const op = buildOp(spec, http, keep, srpClientFor);
  return {
    op,
    once: async () => {
      await op();
      return sample;
    },
  };
}

function buildOp(
  spec: OpSpec,
  http: Http,
  keep: (value: unknown) => void,
  srpClientFor: (poolId: string) => SrpClient,
): Op {
  switch (spec.kind) {
    case "sign-up": {
      let counter = 0;
      const run = `${process.pid}-${Date.now().toString(36)}`;
      return async () => {
        const username = `${spec.prefix}${run}-${counter++}`;
        const signedUp = await http.json("SignUp", {
          ClientId: spec.clientId,
          Username: username,
          Password: spec.password,
          UserAttributes: [{ Name: "email", Value: `${username}@bench.example` }],
        });
        expectString(signedUp.UserSub, "UserSub");
        keep(
          await http.json("AdminConfirmSignUp", { UserPoolId: spec.poolId, Username: username }, spec.admin),
        );
      };
    }
    case "password-auth":
      return async () => {
        const username = `${spec.users.prefix}${randomInt(spec.users.count)}`;
        const answer = await http.json("InitiateAuth", {
          ClientId: spec.clientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: username, PASSWORD: spec.password },
        });
        keep(authResult(answer, "USER_PASSWORD_AUTH").ExpiresIn);
      };
    case "srp-auth": {
      const client = srpClientFor(spec.poolId);
      return async () => {
        const attempt = client.start();
        const challenge = await http.json("InitiateAuth", {
          ClientId: spec.clientId,
          AuthFlow: "USER_SRP_AUTH",
          AuthParameters: { USERNAME: pick(spec.usernames), SRP_A: attempt.srpA },
        });
        if (challenge.ChallengeName !== "PASSWORD_VERIFIER")
          throw new Error("no PASSWORD_VERIFIER challenge");
        const parameters = challenge.ChallengeParameters as SrpChallenge;
        const answer = await http.json("RespondToAuthChallenge", {
          ClientId: spec.clientId,
          ChallengeName: "PASSWORD_VERIFIER",
          Session: challenge.Session,
          ChallengeResponses: attempt.answer(parameters, spec.password),
        });
        keep(authResult(answer, "PASSWORD_VERIFIER").ExpiresIn);
      };
    }
    case "refresh-auth":
      return async () => {
        const answer = await http.json("InitiateAuth", {
          ClientId: spec.clientId,
          AuthFlow: "REFRESH_TOKEN_AUTH",
          AuthParameters: { REFRESH_TOKEN: pick(spec.refreshTokens) },
        });
        keep(authResult(answer, "REFRESH_TOKEN_AUTH").ExpiresIn);
      };
    case "refresh-grant": {
      const headers = spec.clientSecret
        ? {
            authorization: `Basic ${Buffer.from(`${spec.clientId}:${spec.clientSecret}`).toString("base64")}`,
          }
        : undefined;
      return async () => {
        const fields: Record<string, string> = {
          grant_type: "refresh_token",
          refresh_token: pick(spec.refreshTokens),
        };
        if (!spec.clientSecret) fields.client_id = spec.clientId;
        const body = await tokenEndpoint(http, spec.path, fields, headers);
        keep(body.expires_in);
      };
    }
    case "client-credentials": {
      const headers = {
        authorization: `Basic ${Buffer.from(`${spec.clientId}:${spec.clientSecret}`).toString("base64")}`,
      };
      const fields: Record<string, string> = { grant_type: "client_credentials" };
      if (spec.scope) fields.scope = spec.scope;
      return async () => {
        const body = await tokenEndpoint(http, spec.path, fields, headers);
        keep(body.expires_in);
      };
    }
    case "get-user":
      return async () => {
        const answer = await http.json("GetUser", { AccessToken: pick(spec.accessTokens) });
        expectString(answer.Username, "Username");
        keep(answer.Username);
      };
    case "get":
      return async () => {
        const { status, text } = await http.get(spec.path);
        if (status !== 200) throw new Error(`GET ${spec.path}: HTTP ${status}`);
        if (!text.includes(spec.expect))
          throw new Error(`GET ${spec.path}: no ${spec.expect} in ${text.slice(0, 100)}`);
        keep(text.length);
      };
    case "list-users": {
      return async () => {
        const index = randomInt(spec.users.count);
        const email = benchEmail(spec.users.prefix, index);
        const answer = await http.json(
          "ListUsers",
          { UserPoolId: spec.poolId, Filter: `email = "${email}"` },
          spec.admin,
        );
        const users = answer.Users as { Username?: string }[] | undefined;
        if (users?.length !== 1 || users[0]?.Username !== `${spec.users.prefix}${index}`) {
          throw new Error(`ListUsers for ${email} returned ${JSON.stringify(users)?.slice(0, 200)}`);
        }
        keep(users[0]?.Username);
      };
    }
  }
}
