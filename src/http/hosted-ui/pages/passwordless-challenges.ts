import type { AuthResponse } from "../../../app/auth-flows/sign-in.js";
import { hostedRespondToChallenge } from "../../../app/hosted-ui/hosted-sign-in.js";
import { passkeyScriptPath } from "../assets/passkey-script.js";
import { pageHref } from "../context.js";
import type { UiMessage } from "../error-messages.js";
import type { MessageId, Translate } from "../i18n/catalogue.js";
import { ASSET_PATH } from "../render.js";
import { errorAlert } from "../view-models.js";
import type { ChallengePage } from "./challenges.js";
import { codeChallengePage, FIRST_FACTOR_PARAMETER, namesIn } from "./mfa-challenges.js";

// Choice-based sign-in (AuthFlow USER_AUTH) in the hosted UI: the login page's "Sign in another way"
// starts it with the username; SELECT_CHALLENGE lists the passwordless factors the user can use (a
// password choice goes back to the password form), then an emailed or texted code (EMAIL_OTP, SMS_OTP)
// or a passkey (WEB_AUTHN, through passkey.js and navigator.credentials.get).

/** The challenges of SELECT_CHALLENGE, carried in the page's parameters (the engine's AvailableChallenges). */
export const AVAILABLE_PARAMETER = "AVAILABLE_CHALLENGES";

const CHOICES: ReadonlyArray<[string, MessageId]> = [
  ["WEB_AUTHN", "choice.passkey"],
  ["EMAIL_OTP", "choice.email"],
  ["SMS_OTP", "choice.sms"],
];

const choicesOf = (available: readonly string[]) => CHOICES.filter(([name]) => available.includes(name));

/** Marks the code challenge that follows as a first factor (its page then says "sign-in code"). */
const asFirstFactor = (response: AuthResponse): AuthResponse =>
  "ChallengeName" in response
    ? {
        ...response,
        ChallengeParameters: { ...response.ChallengeParameters, [FIRST_FACTOR_PARAMETER]: "true" },
      }
    : response;

const selectChallenge: ChallengePage = {
  titleId: "choice.title",
  headingId: "choice.heading",
  submitId: (state) =>
    choicesOf(namesIn(state, AVAILABLE_PARAMETER)).length > 0 ? "choice.submit" : undefined,
  fields: () => [],
  slots: (t, state, page) => {
    const available = namesIn(state, AVAILABLE_PARAMETER);
    return {
      // Nothing but the password set up: say so, and leave only the way back to the password form.
      ...(choicesOf(available).length === 0 ? { alerts: [errorAlert(t, { id: "choice.none" })] } : {}),
      mfaOptions: {
        legend: t("choice.legend"),
        options: choicesOf(available).map(([name, label], index) => ({
          name: "answer",
          value: name,
          label: t(label),
          checked: index === 0,
        })),
      },
      ...(available.includes("PASSWORD")
        ? {
            alternatives: [
              {
                href: pageHref(page, "/login", { username: state.username }),
                text: t("choice.password_link"),
              },
            ],
          }
        : {}),
    };
  },
  check: (form, state): UiMessage | undefined =>
    choicesOf(namesIn(state, AVAILABLE_PARAMETER)).some(([name]) => name === form.answer)
      ? undefined
      : { id: "choice.missing" },
  respond: async (hostedUi, target, state, form) =>
    asFirstFactor(
      await hostedRespondToChallenge(hostedUi.app, target, "SELECT_CHALLENGE", state.session, {
        USERNAME: state.username,
        ANSWER: form.answer ?? "",
      }),
    ),
};

/** The passkey slot of the challenge template (read by passkey.js). */
export function passkeySlot(t: Translate, mode: "get" | "create", options: string, startLabel: MessageId) {
  return {
    passkey: {
      mode,
      options,
      startLabel: t(startLabel),
      waiting: t("passkey.waiting"),
      failed: t("passkey.failed"),
      unsupported: t("passkey.unsupported"),
      noScript: t("passkey.no_script"),
    },
  };
}

export const PASSKEY_SCRIPTS = [passkeyScriptPath(ASSET_PATH)];

const webAuthn: ChallengePage = {
  titleId: "passkey.title",
  headingId: "passkey.heading",
  intro: "passkey.intro",
  submitId: null,
  scripts: PASSKEY_SCRIPTS,
  fields: () => [],
  slots: (t, state) =>
    passkeySlot(t, "get", state.parameters.CREDENTIAL_REQUEST_OPTIONS ?? "{}", "passkey.start"),
  check: (form) => ((form.credential ?? "") === "" ? { id: "passkey.failed" } : undefined),
  respond: (hostedUi, target, state, form) =>
    hostedRespondToChallenge(hostedUi.app, target, "WEB_AUTHN", state.session, {
      USERNAME: state.username,
      CREDENTIAL: form.credential ?? "",
    }),
};

export const PASSWORDLESS_CHALLENGE_PAGES: Readonly<Record<string, ChallengePage>> = {
  SELECT_CHALLENGE: selectChallenge,
  SMS_OTP: codeChallengePage("SMS_OTP", "SMS_OTP_CODE"),
  WEB_AUTHN: webAuthn,
};
