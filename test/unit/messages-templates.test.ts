import { describe, expect, it } from "vitest";
import { composeEmail, composeSms, emailUsesLink } from "../../src/domain/messages/compose-message.js";
import { htmlToText } from "../../src/domain/messages/html-to-text.js";
import { MESSAGE_KINDS, type MessageKind } from "../../src/domain/messages/message-kind.js";
import { renderEmail } from "../../src/domain/messages/render-message.js";
import {
  emailAddressing,
  selectEmailTemplate,
  selectSmsTemplate,
} from "../../src/domain/messages/select-template.js";
import type { JsonObject } from "../../src/shared/json.js";

const pool = (settings: JsonObject = {}): JsonObject & { PoolName: string } => ({
  PoolName: "p",
  ...settings,
});
const VERIFICATION_KINDS: MessageKind[] = [
  "SignUp",
  "ResendCode",
  "UpdateUserAttribute",
  "VerifyUserAttribute",
];

describe("Cognito's default texts (pool without templates)", () => {
  it.each(VERIFICATION_KINDS)("%s: verification code email and SMS", (kind) => {
    expect(composeEmail(pool(), kind, { code: "123456" })).toEqual({
      subject: "Your verification code",
      htmlBody: "Your verification code is 123456. ",
      textBody: "Your verification code is 123456. ",
    });
    expect(composeSms(pool(), kind, { code: "123456" })).toBe("Your verification code is 123456. ");
  });

  it("ForgotPassword: the password reset text under the verification subject", () => {
    expect(composeEmail(pool(), "ForgotPassword", { code: "039126" })).toEqual({
      subject: "Your verification code",
      htmlBody: "Your password reset code is 039126",
      textBody: "Your password reset code is 039126",
    });
    expect(composeSms(pool(), "ForgotPassword", { code: "039126" })).toBe(
      "Your password reset code is 039126",
    );
  });

  it("AdminCreateUser: the invitation with user name and temporary password", () => {
    expect(composeEmail(pool(), "AdminCreateUser", { code: "Tmp#Pass1", username: "alice" })).toEqual({
      subject: "Your temporary password",
      htmlBody: "Your username is alice and temporary password is Tmp#Pass1. ",
      textBody: "Your username is alice and temporary password is Tmp#Pass1. ",
    });
    expect(composeSms(pool(), "AdminCreateUser", { code: "Tmp#Pass1", username: "alice" })).toBe(
      "Your username is alice and temporary password is Tmp#Pass1. ",
    );
  });

  it("Authentication: the authentication code", () => {
    expect(composeSms(pool(), "Authentication", { code: "654321" })).toBe(
      "Your authentication code is 654321. ",
    );
    expect(composeEmail(pool(), "Authentication", { code: "654321" }).textBody).toBe(
      "Your authentication code is 654321. ",
    );
  });

  it("CONFIRM_WITH_LINK without a custom link template: Cognito's default link text", () => {
    const settings = pool({ VerificationMessageTemplate: { DefaultEmailOption: "CONFIRM_WITH_LINK" } });
    const email = composeEmail(settings, "SignUp", {
      code: "1",
      linkUrl: "https://idp.test/confirmUser?a=1&b=2",
    });
    expect(email.subject).toBe("Your verification link");
    expect(email.htmlBody).toBe(
      'Please click the link below to verify your email address. <a href="https://idp.test/confirmUser?a=1&amp;b=2">Verify Email</a> ',
    );
    expect(email.textBody).toBe(
      "Please click the link below to verify your email address. Verify Email (https://idp.test/confirmUser?a=1&b=2) ",
    );
  });
});

describe("template precedence", () => {
  const legacy = {
    EmailVerificationMessage: "Legacy email {####}",
    EmailVerificationSubject: "Legacy subject",
    SmsVerificationMessage: "Legacy sms {####}",
  };
  const template = {
    EmailMessage: "Template email {####}",
    EmailSubject: "Template subject",
    SmsMessage: "Template sms {####}",
    EmailMessageByLink: "Template link {##Confirm here##}",
    EmailSubjectByLink: "Template link subject",
  };

  it("the legacy fields apply when there is no VerificationMessageTemplate", () => {
    for (const kind of [...VERIFICATION_KINDS, "ForgotPassword"] as MessageKind[]) {
      expect(composeEmail(pool(legacy), kind, { code: "42" })).toMatchObject({
        subject: "Legacy subject",
        textBody: "Legacy email 42",
      });
      expect(composeSms(pool(legacy), kind, { code: "42" })).toBe("Legacy sms 42");
    }
  });

  it("VerificationMessageTemplate wins over the legacy fields, field by field", () => {
    const both = pool({
      ...legacy,
      VerificationMessageTemplate: { ...template, DefaultEmailOption: "CONFIRM_WITH_CODE" },
    });
    expect(composeEmail(both, "SignUp", { code: "42" })).toMatchObject({
      subject: "Template subject",
      textBody: "Template email 42",
    });
    expect(composeSms(both, "ForgotPassword", { code: "42" })).toBe("Template sms 42");
    const partial = pool({ ...legacy, VerificationMessageTemplate: { SmsMessage: "Template sms {####}" } });
    expect(composeEmail(partial, "SignUp", { code: "42" })).toMatchObject({
      subject: "Legacy subject",
      textBody: "Legacy email 42",
    });
    expect(composeSms(partial, "SignUp", { code: "42" })).toBe("Template sms 42");
  });

  it("an empty string counts as unset", () => {
    const settings = pool({ VerificationMessageTemplate: { EmailMessage: "", EmailSubject: "" } });
    expect(composeEmail(settings, "SignUp", { code: "7" }).subject).toBe("Your verification code");
  });

  it("CONFIRM_WITH_LINK is used for SignUp and ResendCode emails only", () => {
    const settings = pool({
      VerificationMessageTemplate: { ...template, DefaultEmailOption: "CONFIRM_WITH_LINK" },
    });
    for (const kind of MESSAGE_KINDS) {
      expect(emailUsesLink(settings, kind)).toBe(kind === "SignUp" || kind === "ResendCode");
    }
    expect(composeEmail(settings, "ResendCode", { code: "9", linkUrl: "https://x.test/c" })).toEqual({
      subject: "Template link subject",
      htmlBody: 'Template link <a href="https://x.test/c">Confirm here</a>',
      textBody: "Template link Confirm here (https://x.test/c)",
    });
    expect(composeEmail(settings, "UpdateUserAttribute", { code: "9" }).textBody).toBe("Template email 9");
    expect(composeEmail(settings, "ForgotPassword", { code: "9" }).textBody).toBe("Template email 9");
    // SMS never carries a link.
    expect(composeSms(settings, "SignUp", { code: "9" })).toBe("Template sms 9");
  });

  it("a link template needs the link URL", () => {
    const settings = pool({ VerificationMessageTemplate: { DefaultEmailOption: "CONFIRM_WITH_LINK" } });
    expect(() => composeEmail(settings, "SignUp", { code: "9" })).toThrow(/linkUrl/);
  });

  it("AdminCreateUser uses InviteMessageTemplate, not the verification templates", () => {
    const settings = pool({
      ...legacy,
      VerificationMessageTemplate: template,
      AdminCreateUserConfig: {
        InviteMessageTemplate: {
          EmailMessage: "Hi {username}, password {####}",
          EmailSubject: "Welcome",
          SMSMessage: "{username}/{####}",
        },
      },
    });
    expect(composeEmail(settings, "AdminCreateUser", { code: "P@ss", username: "bob" })).toMatchObject({
      subject: "Welcome",
      textBody: "Hi bob, password P@ss",
    });
    expect(composeSms(settings, "AdminCreateUser", { code: "P@ss", username: "bob" })).toBe("bob/P@ss");
    expect(
      selectEmailTemplate(
        pool({ AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } }),
        "AdminCreateUser",
      ),
    ).toEqual({
      subject: "Your temporary password",
      body: "Your username is {username} and temporary password is {####}. ",
      style: "code",
    });
  });

  it("Authentication uses SmsAuthenticationMessage and EmailMfaConfiguration", () => {
    const settings = pool({
      ...legacy,
      SmsAuthenticationMessage: "MFA {####}",
      EmailMfaConfiguration: { Message: "Email MFA {####}", Subject: "Sign-in code" },
    });
    expect(composeSms(settings, "Authentication", { code: "1" })).toBe("MFA 1");
    expect(composeEmail(settings, "Authentication", { code: "1" })).toMatchObject({
      subject: "Sign-in code",
      textBody: "Email MFA 1",
    });
    expect(
      selectSmsTemplate(
        pool({ SmsMfaConfiguration: { SmsAuthenticationMessage: "Via MFA config {####}" } }),
        "Authentication",
      ),
    ).toBe("Via MFA config {####}");
  });

  it("reads From and ReplyToEmailAddress from EmailConfiguration", () => {
    expect(emailAddressing(pool())).toEqual({});
    expect(
      emailAddressing(
        pool({
          EmailConfiguration: { From: "App <app@example.com>", ReplyToEmailAddress: "help@example.com" },
        }),
      ),
    ).toEqual({ from: "App <app@example.com>", replyTo: "help@example.com" });
  });
});

describe("rendering", () => {
  it("fills every {####}, and {username} only when a user name is given", () => {
    const email = renderEmail(
      { subject: "s {####}", body: "{####} {####} {username}", style: "code" },
      { code: "12" },
    );
    expect(email.textBody).toBe("12 12 {username}");
    // Cognito leaves the subject alone.
    expect(email.subject).toBe("s {####}");
  });

  it("escapes values in the HTML body and keeps them raw in the text body", () => {
    const email = renderEmail(
      { subject: "s", body: "<p>User <b>{username}</b></p><p>Password: {####}</p>", style: "code" },
      { code: "a<b&c>\"'", username: "x&y" },
    );
    expect(email.htmlBody).toBe("<p>User <b>x&amp;y</b></p><p>Password: a&lt;b&amp;c&gt;&quot;&#39;</p>");
    expect(email.textBody).toBe("User x&y\nPassword: a<b&c>\"'\n");
  });

  it("keeps a code placed inside an operator's own link in the text body", () => {
    const email = renderEmail(
      { subject: "s", body: 'Go <a href="https://app.test/verify?code={####}">here</a>', style: "code" },
      { code: "777" },
    );
    expect(email.htmlBody).toBe('Go <a href="https://app.test/verify?code=777">here</a>');
    expect(email.textBody).toBe("Go here (https://app.test/verify?code=777)");
  });

  it("flattens common HTML to text", () => {
    expect(htmlToText("plain text, no tags")).toBe("plain text, no tags");
    expect(htmlToText("a<br>b<br/>c<div>d</div><!-- x -->e &lt;tag&gt; &amp;amp;")).toBe(
      "a\nb\ncd\ne <tag> &amp;",
    );
    expect(htmlToText('<a href="https://x.test">https://x.test</a>')).toBe("https://x.test");
  });
});
