// Passwordless sign-in: one function serving the three CUSTOM_AUTH triggers (DefineAuthChallenge,
// CreateAuthChallenge, VerifyAuthChallengeResponse). The user types their username, gets a one-time code
// by email, and types it back; three wrong codes end the attempt. A retry reuses the code already sent
// (kept in challengeMetadata), so nobody receives two different codes for one sign-in.
// Email goes out through SMTP_URL (for example smtp://user:pass@smtp.example.com:587).

import { randomInt } from "node:crypto";
import nodemailer from "nodemailer";

const MAX_ATTEMPTS = 3;
let transport;

async function emailCode(to, code) {
  transport ??= nodemailer.createTransport(process.env.SMTP_URL ?? "smtp://127.0.0.1:25");
  await transport.sendMail({
    from: process.env.MAIL_FROM ?? "no-reply@example.com",
    to,
    subject: "Your sign-in code",
    text: `Your sign-in code is ${code}. It expires in 3 minutes.`,
  });
}

function defineAuthChallenge(event) {
  const session = event.request.session;
  const last = session.at(-1);
  if (event.request.userNotFound) {
    event.response.issueTokens = false;
    event.response.failAuthentication = true;
  } else if (last?.challengeName === "CUSTOM_CHALLENGE" && last.challengeResult === true) {
    event.response.issueTokens = true;
    event.response.failAuthentication = false;
  } else if (session.filter((s) => s.challengeName === "CUSTOM_CHALLENGE").length >= MAX_ATTEMPTS) {
    event.response.issueTokens = false;
    event.response.failAuthentication = true;
  } else {
    event.response.issueTokens = false;
    event.response.failAuthentication = false;
    event.response.challengeName = "CUSTOM_CHALLENGE";
  }
  return event;
}

async function createAuthChallenge(event) {
  const previous = event.request.session.findLast((s) => s.challengeName === "CUSTOM_CHALLENGE");
  let code = previous?.challengeMetadata?.match(/^CODE-(\d{6})$/)?.[1];
  if (!code) {
    code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    await emailCode(event.request.userAttributes.email, code);
  }
  const email = event.request.userAttributes.email ?? "";
  event.response.publicChallengeParameters = { email: email.replace(/^(.).*(@.*)$/, "$1***$2") };
  event.response.privateChallengeParameters = { answer: code };
  event.response.challengeMetadata = `CODE-${code}`;
  return event;
}

function verifyAuthChallengeResponse(event) {
  event.response.answerCorrect =
    event.request.challengeAnswer === event.request.privateChallengeParameters.answer;
  return event;
}

export const handler = async (event) => {
  switch (event.triggerSource) {
    case "DefineAuthChallenge_Authentication":
      return defineAuthChallenge(event);
    case "CreateAuthChallenge_Authentication":
      return createAuthChallenge(event);
    case "VerifyAuthChallengeResponse_Authentication":
      return verifyAuthChallengeResponse(event);
    default:
      throw new Error(`unexpected trigger ${event.triggerSource}`);
  }
};
