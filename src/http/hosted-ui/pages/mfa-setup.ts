import { hostedRespondToChallenge } from "../../../app/hosted-ui/hosted-sign-in.js";
import {
  pendingTotpSetup,
  startTotpSetup,
  type TotpEnrolment,
  verifyTotpSetup,
} from "../../../app/hosted-ui/totp-setup.js";
import type { Translate } from "../i18n/catalogue.js";
import { qrCodeDataUrl } from "../qr-code.js";
import { errorAlert } from "../view-models.js";
import type { ViewData } from "../views/template.js";
import type { ChallengePage, ChallengeState } from "./challenges.js";
import { codeField, namesIn } from "./mfa-challenges.js";

// MFA_SETUP: a user who must use MFA and has no factor sets up an authenticator app, in three steps
// carried in the page's parameters (SETUP_STEP):
//   (none)   AssociateSoftwareToken with the Session; the page shows the QR code and the key as text;
//   verify   the first code: VerifySoftwareToken; a wrong code shows the same secret again;
//   done     the ten recovery codes (shown once), then RespondToAuthChallenge MFA_SETUP gives the tokens.
// When the pool offers no software tokens, the page says so (SMS and email need no setup here: the
// engine sends their codes as soon as the user has a phone number or email).

const STEP = "SETUP_STEP";
const stepOf = (state: ChallengeState) => state.parameters[STEP];
const withStep = (state: ChallengeState, session: string, step: string): ChallengeState => ({
  ...state,
  session,
  parameters: { ...state.parameters, [STEP]: step },
});

async function setupSlots(t: Translate, enrolment: TotpEnrolment): Promise<ViewData> {
  return {
    mfaSetup: {
      steps: [t("mfa_setup.step_scan"), t("mfa_setup.step_enter")],
      qrCodeDataUrl: await qrCodeDataUrl(enrolment.uri),
      qrCodeAlt: t("mfa_setup.qr_alt"),
      secretLabel: t("mfa_setup.secret_label"),
      // Groups of four, as authenticator apps show keys; the apps ignore the spaces.
      secretCode: enrolment.secret.replace(/(.{4})(?=.)/g, "$1 "),
    },
  };
}

const offersTotp = (state: ChallengeState) => namesIn(state, "MFAS_CAN_SETUP").includes("SOFTWARE_TOKEN_MFA");

export const mfaSetupPage: ChallengePage = {
  titleId: (state) => (stepOf(state) === "done" ? "recovery.title" : "mfa_setup.title"),
  headingId: (state) =>
    !offersTotp(state)
      ? "mfa_setup.title"
      : stepOf(state) === "done"
        ? "recovery.heading"
        : "mfa_setup.heading",
  intro: (t, state) =>
    !offersTotp(state) ? undefined : t(stepOf(state) === "done" ? "recovery.intro" : "mfa_setup.intro"),
  submitId: (state) =>
    !offersTotp(state) ? undefined : stepOf(state) === "done" ? "recovery.submit" : "mfa_setup.submit",
  fields: (t, _authorization, state) =>
    stepOf(state) === "done" || !offersTotp(state)
      ? []
      : [{ ...codeField(t, "field.totp_code", undefined, false), minLength: 6, maxLength: 6 }],
  async prepare(hostedUi, _target, state, t) {
    if (!offersTotp(state)) {
      return { state, slots: { alerts: [errorAlert(t, { id: "mfa_setup.unsupported" })] } };
    }
    const step = stepOf(state);
    if (step === "done") return { state };
    if (step === "verify") {
      const pending = await pendingTotpSetup(hostedUi.app, state.session);
      if (pending) return { state, slots: await setupSlots(t, pending) };
    }
    const enrolment = await startTotpSetup(hostedUi.app, state.session);
    return { state: withStep(state, enrolment.session, "verify"), slots: await setupSlots(t, enrolment) };
  },
  async respond(hostedUi, target, state, form) {
    if (stepOf(state) === "done") {
      return hostedRespondToChallenge(hostedUi.app, target, "MFA_SETUP", state.session, {
        USERNAME: state.username,
      });
    }
    const verified = await verifyTotpSetup(hostedUi.app, state.session, (form.code ?? "").trim());
    return {
      next: withStep(state, verified.session, "done"),
      slots: { recoveryCodes: { codes: verified.recoveryCodes } },
    };
  },
};
