import { hostedRespondToChallenge } from "../../../app/hosted-ui/hosted-sign-in.js";
import type { UiMessage } from "../error-messages.js";
import type { MessageId, Translate } from "../i18n/catalogue.js";
import type { FieldSpec } from "../view-models.js";
import type { ChallengePage, ChallengeState } from "./challenges.js";

// The second-factor pages: one code field for SMS_MFA, EMAIL_OTP and SOFTWARE_TOKEN_MFA (the TOTP page
// also takes a recovery code), and the factor choice of SELECT_MFA_TYPE. Each answers the engine with
// the response key Cognito's RespondToAuthChallenge uses for that challenge.

/** A one-time code field; `name` is "code" on every page, so error messages find it. */
export function codeField(
  t: Translate,
  label: MessageId,
  hint: MessageId | undefined,
  totp: boolean,
): FieldSpec {
  return {
    name: "code",
    label: t(label),
    autocomplete: "one-time-code",
    // TOTP pages also take recovery codes ("abcde-fghij"), so they cannot ask for digits only.
    inputMode: totp ? "text" : "numeric",
    ...(hint ? { hintId: hint } : {}),
    maxLength: 32,
    focus: true,
  };
}

/** "We sent a code by email to b***@e***", from the challenge's CODE_DELIVERY_* parameters. */
export function deliveryIntro(
  t: Translate,
  state: ChallengeState,
  ids: { email: MessageId; sms: MessageId; generic: MessageId },
): string {
  const destination = state.parameters.CODE_DELIVERY_DESTINATION;
  const medium = state.parameters.CODE_DELIVERY_DELIVERY_MEDIUM;
  if (destination && medium === "EMAIL") return t(ids.email, { destination });
  if (destination && medium === "SMS") return t(ids.sms, { destination });
  return t(ids.generic);
}

/** Set by the hosted UI on challenges of choice-based sign-in, where a code is the only factor. */
export const FIRST_FACTOR_PARAMETER = "HOSTED_UI_FIRST_FACTOR";
const isFirstFactor = (state: ChallengeState) => state.parameters[FIRST_FACTOR_PARAMETER] === "true";

const SENT_MFA = { email: "mfa.sent_email", sms: "mfa.sent_sms", generic: "mfa.sent_generic" } as const;
const SENT_SIGN_IN = {
  email: "signin_code.sent_email",
  sms: "signin_code.sent_sms",
  generic: "mfa.sent_generic",
} as const;

/**
 * A challenge answered with one emailed or texted code under `responseKey`: a second factor (SMS_MFA,
 * EMAIL_OTP after a password) or the passwordless first factor (EMAIL_OTP, SMS_OTP of USER_AUTH).
 */
export function codeChallengePage(challengeName: string, responseKey: string): ChallengePage {
  return {
    titleId: (state) => (isFirstFactor(state) ? "signin_code.title" : "mfa.title"),
    headingId: (state) => (isFirstFactor(state) ? "signin_code.heading" : "mfa.heading"),
    intro: (t, state) => deliveryIntro(t, state, isFirstFactor(state) ? SENT_SIGN_IN : SENT_MFA),
    submitId: (state) => (isFirstFactor(state) ? "signin_code.submit" : "mfa.submit"),
    reword: { "code.mismatch": "mfa.code_mismatch", "code.expired": "mfa.code_expired" },
    fields: (t) => [codeField(t, "field.code", "hint.code", false)],
    respond: (hostedUi, target, state, form) =>
      hostedRespondToChallenge(hostedUi.app, target, challengeName, state.session, {
        USERNAME: state.username,
        [responseKey]: (form.code ?? "").trim(),
      }),
  };
}

const softwareTokenMfa: ChallengePage = {
  titleId: "mfa.title",
  headingId: "mfa.heading",
  intro: "mfa.totp_intro",
  submitId: "mfa.submit",
  reword: { "code.mismatch": "totp.mismatch" },
  fields: (t) => [codeField(t, "field.totp_code", "mfa.totp_hint", true)],
  respond: (hostedUi, target, state, form) =>
    hostedRespondToChallenge(hostedUi.app, target, "SOFTWARE_TOKEN_MFA", state.session, {
      USERNAME: state.username,
      SOFTWARE_TOKEN_MFA_CODE: (form.code ?? "").trim(),
    }),
};

const FACTOR_LABELS: Record<string, MessageId> = {
  SMS_MFA: "mfa.factor_sms",
  EMAIL_OTP: "mfa.factor_email",
  SOFTWARE_TOKEN_MFA: "mfa.factor_totp",
};

/** A JSON list of names from a challenge parameter (MFAS_CAN_CHOOSE, MFAS_CAN_SETUP, …). */
export function namesIn(state: ChallengeState, parameter: string): string[] {
  try {
    const list = JSON.parse(state.parameters[parameter] ?? "[]") as unknown;
    return Array.isArray(list) ? list.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
}

const chosen = (form: Record<string, string>, allowed: readonly string[]): string | undefined => {
  const answer = form.answer;
  return answer !== undefined && allowed.includes(answer) ? answer : undefined;
};

const selectMfaType: ChallengePage = {
  titleId: "mfa.select_title",
  headingId: "mfa.select_heading",
  submitId: "mfa.select_submit",
  fields: () => [],
  slots: (t, state) => {
    const factors = namesIn(state, "MFAS_CAN_CHOOSE").filter((factor) => FACTOR_LABELS[factor]);
    return {
      mfaOptions: {
        legend: t("mfa.select_legend"),
        options: factors.map((factor, index) => ({
          name: "answer",
          value: factor,
          label: t(FACTOR_LABELS[factor] ?? "mfa.factor_totp"),
          checked: index === 0,
        })),
      },
    };
  },
  check: (form, state): UiMessage | undefined =>
    chosen(form, namesIn(state, "MFAS_CAN_CHOOSE")) ? undefined : { id: "mfa.select_missing" },
  respond: (hostedUi, target, state, form) =>
    hostedRespondToChallenge(hostedUi.app, target, "SELECT_MFA_TYPE", state.session, {
      USERNAME: state.username,
      ANSWER: chosen(form, namesIn(state, "MFAS_CAN_CHOOSE")) ?? "",
    }),
};

export const MFA_CHALLENGE_PAGES: Readonly<Record<string, ChallengePage>> = {
  SMS_MFA: codeChallengePage("SMS_MFA", "SMS_MFA_CODE"),
  EMAIL_OTP: codeChallengePage("EMAIL_OTP", "EMAIL_OTP_CODE"),
  SOFTWARE_TOKEN_MFA: softwareTokenMfa,
  SELECT_MFA_TYPE: selectMfaType,
};
