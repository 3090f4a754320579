import { respondToNewPasswordRequired } from "../../../app/auth-flows/new-password.js";
import type { AuthResponse, SignInTarget } from "../../../app/auth-flows/sign-in.js";
import { settleAuthResponse } from "../../../app/hosted-ui/hosted-sign-in.js";
import type { AuthorizationRequest } from "../../../app/oauth2/authorization-contract.js";
import type { HostedUi, PageRequest } from "../context.js";
import { pageHref } from "../context.js";
import { messageForError, type UiMessage } from "../error-messages.js";
import {
  checkAuthorization,
  errorPage,
  finishSignIn,
  formTargetsFor,
  formToken,
  guardPost,
  renderTarget,
} from "../flow.js";
import { readForm } from "../form.js";
import type { MessageId, Translate } from "../i18n/catalogue.js";
import { sendPage } from "../render.js";
import {
  attributeSpec,
  type FieldSpec,
  formView,
  minimumPasswordLength,
  newPasswordSpec,
  passwordRules,
} from "../view-models.js";
import type { ViewData } from "../views/template.js";
import { showLogin } from "./login.js";

// Challenge pages: after the password, the sign-in engine may ask for one more step. Each challenge the
// hosted UI can answer has an entry in CHALLENGE_PAGES; all post to /challenge with the engine's sealed
// Session. NEW_PASSWORD_REQUIRED is here; the MFA challenges (SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP,
// MFA_SETUP, SELECT_MFA_TYPE) plug in by adding entries, using the view-model slots the challenge
// template has for them (mfaSetup, mfaOptions). A challenge without an entry gets an explanatory page.

export interface ChallengeState {
  challengeName: string;
  session: string;
  parameters: Record<string, string>;
  username: string;
}

export interface ChallengePage {
  titleId: MessageId;
  headingId: MessageId;
  introId?: MessageId;
  fieldsIntroId?: MessageId;
  fields(t: Translate, authorization: AuthorizationRequest, state: ChallengeState): FieldSpec[];
  /** Shows the password rules (for challenges that set a password). */
  setsPassword?: boolean;
  /** Extra view-model data: the MFA slots (mfaSetup, mfaOptions). */
  slots?(t: Translate, state: ChallengeState): ViewData;
  /** A problem with the form before the engine is asked (e.g. passwords that differ). */
  check?(form: Record<string, string>): UiMessage | undefined;
  respond(
    hostedUi: HostedUi,
    target: SignInTarget,
    state: ChallengeState,
    form: Record<string, string>,
  ): Promise<AuthResponse>;
}

const ATTRIBUTE_PREFIX = "userAttributes.";

function requiredAttributes(state: ChallengeState): string[] {
  try {
    const list = JSON.parse(state.parameters.requiredAttributes ?? "[]") as unknown;
    return Array.isArray(list)
      ? list
          .filter((item): item is string => typeof item === "string")
          .map((name) => name.replace(ATTRIBUTE_PREFIX, ""))
      : [];
  } catch {
    return [];
  }
}

const newPasswordRequired: ChallengePage = {
  titleId: "new_password.title",
  headingId: "new_password.heading",
  introId: "new_password.intro",
  setsPassword: true,
  fields(t, authorization, state) {
    const attributes = requiredAttributes(state).map((name) => attributeSpec(t, name, true));
    return [
      newPasswordSpec(t, authorization.pool),
      {
        name: "confirm_password",
        label: t("field.confirm_password"),
        type: "password",
        autocomplete: "new-password",
      },
      ...attributes,
    ];
  },
  check: (form) =>
    (form.password ?? "") !== (form.confirm_password ?? "")
      ? { id: "password.mismatch", field: "confirm_password" }
      : undefined,
  respond(hostedUi, target, state, form) {
    const attributes = Object.fromEntries(
      requiredAttributes(state).map((name) => [`${ATTRIBUTE_PREFIX}${name}`, (form[name] ?? "").trim()]),
    );
    return respondToNewPasswordRequired(hostedUi.app, target, state.session, {
      USERNAME: state.username,
      NEW_PASSWORD: form.password ?? "",
      ...attributes,
    });
  },
};

/** SLOT: the MFA work adds SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP, MFA_SETUP and SELECT_MFA_TYPE here. */
export const CHALLENGE_PAGES: Readonly<Record<string, ChallengePage>> = {
  NEW_PASSWORD_REQUIRED: newPasswordRequired,
};

export async function renderChallenge(
  hostedUi: HostedUi,
  page: PageRequest,
  authorization: AuthorizationRequest,
  state: ChallengeState,
  options: { problem?: UiMessage; status?: number; form?: Record<string, string> } = {},
) {
  const { t } = page;
  const definition = CHALLENGE_PAGES[state.challengeName];
  if (!definition) {
    return sendPage(
      hostedUi,
      renderTarget(page, authorization.client.clientId),
      errorPage(page, "challenge.unsupported", {
        status: 400,
        params: { challenge: state.challengeName },
        back: { href: pageHref(page, "/login"), text: t("common.back_to_sign_in") },
      }),
    );
  }
  const specs = definition
    .fields(t, authorization, state)
    .map((spec) =>
      options.form?.[spec.name] !== undefined ? { ...spec, value: options.form[spec.name] } : spec,
    );
  const { fields, alerts } = formView(t, specs, options.problem);
  return sendPage(hostedUi, renderTarget(page, authorization.client.clientId), {
    template: "challenge",
    titleId: definition.titleId,
    status: options.status ?? 200,
    formTargets: formTargetsFor(authorization),
    data: {
      heading: t(definition.headingId),
      ...(definition.introId ? { intro: t(definition.introId) } : {}),
      ...(definition.fieldsIntroId ? { fieldsIntro: t(definition.fieldsIntroId) } : {}),
      challengeName: state.challengeName,
      alerts,
      formAction: pageHref(page, "/challenge"),
      csrfToken: formToken(hostedUi, page),
      hidden: [
        { name: "challenge", value: state.challengeName },
        { name: "session", value: state.session },
        { name: "username", value: state.username },
        { name: "parameters", value: JSON.stringify(state.parameters) },
      ],
      fields,
      ...(definition.setsPassword ? { passwordRules: passwordRules(t, authorization.pool) } : {}),
      ...(definition.slots ? definition.slots(t, state) : {}),
      submitLabel: t(definition.setsPassword ? "new_password.submit" : "login.submit"),
      signIn: { href: pageHref(page, "/login"), text: t("common.back_to_sign_in") },
    },
  });
}

function parseParameters(raw: string | undefined): Record<string, string> {
  try {
    const value = JSON.parse(raw ?? "{}") as unknown;
    if (!value || typeof value !== "object" || Array.isArray(value)) return {};
    return Object.fromEntries(
      Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
  } catch {
    return {};
  }
}

export async function submitChallenge(hostedUi: HostedUi, page: PageRequest) {
  const form = readForm(page.request);
  if (!(await guardPost(hostedUi, page, form))) return page.reply;
  const authorization = await checkAuthorization(hostedUi, page, true);
  if (!authorization) return page.reply;
  const state: ChallengeState = {
    challengeName: form.challenge ?? "",
    session: form.session ?? "",
    parameters: parseParameters(form.parameters),
    username: form.username ?? "",
  };
  const definition = CHALLENGE_PAGES[state.challengeName];
  if (!definition) return renderChallenge(hostedUi, page, authorization, state);
  const missing = definition
    .fields(page.t, authorization, state)
    .find(
      (spec) => spec.required !== false && spec.type !== "password" && (form[spec.name] ?? "").trim() === "",
    );
  const early: UiMessage | undefined = missing
    ? { id: "signup.missing_field", params: { field: missing.label }, field: missing.name }
    : definition.check?.(form);
  if (early)
    return renderChallenge(hostedUi, page, authorization, state, { problem: early, status: 400, form });
  const target = { pool: authorization.pool, client: authorization.client };
  try {
    const outcome = await settleAuthResponse(
      hostedUi.app,
      await definition.respond(hostedUi, target, state, form),
    );
    if (outcome.kind === "signed-in")
      return finishSignIn(hostedUi, page, authorization, outcome.user, outcome.authTime);
    return renderChallenge(hostedUi, page, authorization, {
      challengeName: outcome.challengeName,
      session: outcome.session,
      parameters: outcome.parameters,
      username: state.username,
    });
  } catch (error) {
    const problem = messageForError(error, minimumPasswordLength(authorization.pool));
    if (!problem) throw error;
    if (problem.id === "session.expired") {
      return showLogin(hostedUi, page, authorization, { username: state.username, problem, status: 400 });
    }
    return renderChallenge(hostedUi, page, authorization, state, { problem, status: 400, form });
  }
}
