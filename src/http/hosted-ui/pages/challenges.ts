import type { AuthResponse, SignInTarget } from "../../../app/auth-flows/sign-in.js";
import { hostedRespondToChallenge, settleAuthResponse } from "../../../app/hosted-ui/hosted-sign-in.js";
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
import { MFA_CHALLENGE_PAGES } from "./mfa-challenges.js";
import { mfaSetupPage } from "./mfa-setup.js";
import { PASSWORDLESS_CHALLENGE_PAGES } from "./passwordless-challenges.js";

// Challenge pages: after the password (or the username, for choice-based sign-in), the sign-in engine may
// ask for more steps. Each challenge the hosted UI can answer has an entry in CHALLENGE_PAGES; all post
// to /challenge with the engine's sealed Session. NEW_PASSWORD_REQUIRED is here; the MFA pages are in
// mfa-challenges.ts and mfa-setup.ts, the passwordless ones in passwordless-challenges.ts. A page may
// take more than one step (MFA_SETUP: the code, then the recovery codes): its `respond` then answers
// with the next ChallengeStep instead of the engine's response. A challenge without an entry gets an
// explanatory page.

export interface ChallengeState {
  challengeName: string;
  session: string;
  parameters: Record<string, string>;
  username: string;
}

/** The page's own next step (not the engine's): the state to carry and extra view-model data. */
export interface ChallengeStep {
  next: ChallengeState;
  slots?: ViewData;
}

export interface ChallengePage {
  titleId: MessageId | ((state: ChallengeState) => MessageId);
  headingId: MessageId | ((state: ChallengeState) => MessageId);
  /** The intro, or a function giving it (e.g. naming where a code was sent). */
  intro?: MessageId | ((t: Translate, state: ChallengeState) => string | undefined);
  fieldsIntroId?: MessageId;
  fields(t: Translate, authorization: AuthorizationRequest, state: ChallengeState): FieldSpec[];
  /** Shows the password rules (for challenges that set a password). */
  setsPassword?: boolean;
  /** The submit button; none when the page submits itself (passkeys). Default: "Sign in". */
  submitId?: MessageId | null | ((state: ChallengeState) => MessageId | undefined);
  /** Our own scripts the page loads (under the asset path). */
  scripts?: readonly string[];
  /** Extra view-model data: the slots of the challenge template (mfaOptions, passkey, …). */
  slots?(t: Translate, state: ChallengeState, page: PageRequest): ViewData;
  /**
   * Runs each time the page is shown, before rendering: may start something (AssociateSoftwareToken,
   * a passkey challenge) and gives the state to carry on and more view-model data.
   */
  prepare?(
    hostedUi: HostedUi,
    target: SignInTarget,
    state: ChallengeState,
    t: Translate,
  ): Promise<{ state: ChallengeState; slots?: ViewData }>;
  /** A problem with the form before the engine is asked (e.g. passwords that differ). */
  check?(form: Record<string, string>, state: ChallengeState): UiMessage | undefined;
  /** Page-specific wording of the engine's errors (a TOTP page has no message to check). */
  reword?: Partial<Record<MessageId, MessageId>>;
  respond(
    hostedUi: HostedUi,
    target: SignInTarget,
    state: ChallengeState,
    form: Record<string, string>,
  ): Promise<AuthResponse | ChallengeStep>;
}

const messageOf = <T>(value: MessageId | ((state: T) => MessageId), state: T): MessageId =>
  typeof value === "function" ? value(state) : value;

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
  intro: "new_password.intro",
  setsPassword: true,
  submitId: "new_password.submit",
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
    return hostedRespondToChallenge(hostedUi.app, target, "NEW_PASSWORD_REQUIRED", state.session, {
      USERNAME: state.username,
      NEW_PASSWORD: form.password ?? "",
      ...attributes,
    });
  },
};

export const CHALLENGE_PAGES: Readonly<Record<string, ChallengePage>> = {
  NEW_PASSWORD_REQUIRED: newPasswordRequired,
  ...MFA_CHALLENGE_PAGES,
  MFA_SETUP: mfaSetupPage,
  ...PASSWORDLESS_CHALLENGE_PAGES,
};

export async function renderChallenge(
  hostedUi: HostedUi,
  page: PageRequest,
  authorization: AuthorizationRequest,
  state: ChallengeState,
  options: { problem?: UiMessage; status?: number; form?: Record<string, string>; slots?: ViewData } = {},
) {
  const { t } = page;
  const definition = CHALLENGE_PAGES[state.challengeName];
  if (!definition || !state.session) {
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
  const target = { pool: authorization.pool, client: authorization.client };
  const prepared = definition.prepare
    ? await definition.prepare(hostedUi, target, state, t)
    : { state, slots: undefined };
  const shown = prepared.state;
  const specs = definition.fields(t, authorization, shown).map((spec) =>
    // Passwords and one-time codes are never typed back into the form.
    options.form?.[spec.name] !== undefined && spec.type !== "password" && spec.name !== "code"
      ? { ...spec, value: options.form[spec.name] }
      : spec,
  );
  const { fields, alerts } = formView(t, specs, options.problem);
  const intro =
    typeof definition.intro === "function"
      ? definition.intro(t, shown)
      : definition.intro && t(definition.intro);
  const submitId =
    definition.submitId === null
      ? undefined
      : typeof definition.submitId === "function"
        ? definition.submitId(shown)
        : (definition.submitId ?? "login.submit");
  return sendPage(hostedUi, renderTarget(page, authorization.client.clientId), {
    template: "challenge",
    titleId: messageOf(definition.titleId, shown),
    status: options.status ?? 200,
    formTargets: formTargetsFor(authorization),
    ...(definition.scripts ? { scripts: definition.scripts } : {}),
    data: {
      heading: t(messageOf(definition.headingId, shown)),
      ...(intro ? { intro } : {}),
      ...(definition.fieldsIntroId ? { fieldsIntro: t(definition.fieldsIntroId) } : {}),
      challengeName: state.challengeName,
      alerts,
      formAction: pageHref(page, "/challenge"),
      csrfToken: formToken(hostedUi, page),
      hidden: [
        { name: "challenge", value: shown.challengeName },
        { name: "session", value: shown.session },
        { name: "username", value: shown.username },
        { name: "parameters", value: JSON.stringify(shown.parameters) },
      ],
      fields,
      ...(definition.setsPassword ? { passwordRules: passwordRules(t, authorization.pool) } : {}),
      ...(definition.slots ? definition.slots(t, shown, page) : {}),
      ...(prepared.slots ?? {}),
      ...(options.slots ?? {}),
      ...(submitId ? { submitLabel: t(submitId) } : {}),
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
    : definition.check?.(form, state);
  if (early)
    return renderChallenge(hostedUi, page, authorization, state, { problem: early, status: 400, form });
  const target = { pool: authorization.pool, client: authorization.client };
  try {
    const answer = await definition.respond(hostedUi, target, state, form);
    if ("next" in answer) {
      return renderChallenge(hostedUi, page, authorization, answer.next, {
        ...(answer.slots ? { slots: answer.slots } : {}),
      });
    }
    const outcome = await settleAuthResponse(hostedUi.app, answer);
    if (outcome.kind === "signed-in")
      return finishSignIn(hostedUi, page, authorization, outcome.user, outcome.authTime);
    return renderChallenge(hostedUi, page, authorization, {
      challengeName: outcome.challengeName,
      session: outcome.session,
      parameters: outcome.parameters,
      username: state.username,
    });
  } catch (error) {
    const found = messageForError(error, minimumPasswordLength(authorization.pool));
    if (!found) throw error;
    const reworded = definition.reword?.[found.id];
    const problem: UiMessage = reworded ? { ...found, id: reworded } : found;
    // A Session that is used up (or a user over the daily cap) cannot go on; nor can a passkey answer,
    // whose challenge is spent: back to the sign-in page, saying why.
    if (problem.id === "session.expired" || problem.id === "mfa.too_many_failures") {
      return showLogin(hostedUi, page, authorization, { username: state.username, problem, status: 400 });
    }
    if (state.challengeName === "WEB_AUTHN") {
      const failed: UiMessage = { id: "passkey.failed" };
      return showLogin(hostedUi, page, authorization, {
        username: state.username,
        problem: failed,
        status: 400,
      });
    }
    return renderChallenge(hostedUi, page, authorization, state, { problem, status: 400, form });
  }
}
