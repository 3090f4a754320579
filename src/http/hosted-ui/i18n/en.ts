import { EN_MFA } from "./en-mfa.js";

// English, the reference catalogue: every message id the hosted UI uses is defined here first.
// Ids are stable (tests and template overrides key on them); the texts may change.
// {name} placeholders are filled by the view models.

export const EN = {
  "common.language": "Language",
  "common.error_heading": "There is a problem",
  "common.back_to_sign_in": "Back to sign in",
  "common.optional": "(optional)",
  "common.logo": "Logo",

  "field.username": "Username",
  "field.email_username": "Email",
  "field.phone_username": "Phone number",
  "field.email_or_phone_username": "Email or phone number",
  "field.password": "Password",
  "field.new_password": "New password",
  "field.confirm_password": "Enter the new password again",
  "field.code": "Verification code",
  "hint.phone": "Start with + and your country code, for example +14155550100.",
  "hint.code": "Enter the code from the message we sent.",

  "attribute.email": "Email",
  "attribute.phone_number": "Phone number",
  "attribute.name": "Name",
  "attribute.given_name": "Given name",
  "attribute.family_name": "Family name",
  "attribute.middle_name": "Middle name",
  "attribute.nickname": "Nickname",
  "attribute.preferred_username": "Preferred username",
  "attribute.profile": "Profile page",
  "attribute.picture": "Picture URL",
  "attribute.website": "Website",
  "attribute.gender": "Gender",
  "attribute.birthdate": "Date of birth",
  "attribute.zoneinfo": "Time zone",
  "attribute.locale": "Locale",
  "attribute.address": "Address",
  "attribute.other": "{name}",

  "login.title": "Sign in",
  "login.heading": "Sign in to your account",
  "login.submit": "Sign in",
  "login.forgot_link": "Forgot your password?",
  "login.signup_prompt": "Need an account?",
  "login.signup_link": "Sign up",
  "login.missing_fields": "Enter your username and password.",
  "login.incorrect": "Incorrect username or password. Check both and try again, or reset your password.",
  "login.locked":
    "Too many failed attempts. Wait a few minutes before you try again, or reset your password.",
  "login.disabled": "This account is disabled. Contact your administrator.",
  "login.temporary_expired":
    "Your temporary password has expired. Ask your administrator to send you a new one.",

  "account.not_found": "We couldn't find an account with that username. Check it, or sign up.",

  "notice.password_changed": "Your password has been changed. Sign in with your new password.",
  "notice.account_confirmed": "Your account is confirmed. Sign in to continue.",
  "notice.reset_required":
    "You need to reset your password. Enter the code we sent you and choose a new password.",

  "signup.title": "Sign up",
  "signup.heading": "Create an account",
  "signup.submit": "Sign up",
  "signup.signin_prompt": "Already have an account?",
  "signup.signin_link": "Sign in",
  "signup.username_exists":
    "An account with this username already exists. Sign in instead, or choose another username.",
  "signup.email_exists": "An account with this email already exists. Sign in instead, or use another email.",
  "signup.phone_exists":
    "An account with this phone number already exists. Sign in instead, or use another number.",
  "signup.not_allowed": "You can't sign up for this application yourself. Contact your administrator.",
  "signup.invalid_email": "Enter a valid email address, such as name@example.com.",
  "signup.invalid_phone":
    "Enter the phone number with + and the country code and no spaces, such as +14155550100.",
  "signup.username_format":
    "Your username can't be an email address or phone number. Choose another username.",
  "signup.invalid_details": "Some details are missing or not valid. Check the fields and try again.",
  "signup.missing_field": "Fill in {field}.",
  "signup.admin_confirmation":
    "Your account has been created. An administrator must confirm it before you can sign in.",

  "password.rules_heading": "Your password must contain:",
  "password.rule_length": "At least {min} characters",
  "password.rule_lowercase": "A lowercase letter",
  "password.rule_uppercase": "An uppercase letter",
  "password.rule_number": "A number",
  "password.rule_symbol": "A special character, such as ! or #",
  "password.too_short": "Your password is too short. Use at least {min} characters.",
  "password.needs_lowercase": "Add a lowercase letter to your password.",
  "password.needs_uppercase": "Add an uppercase letter to your password.",
  "password.needs_number": "Add a number to your password.",
  "password.needs_symbol": "Add a special character, such as ! or #, to your password.",
  "password.compromised": "This password has appeared in a data breach. Choose a different one.",
  "password.reused": "You have used this password before. Choose a different one.",
  "password.mismatch": "The passwords don't match. Enter the same new password twice.",
  "password.invalid": "This password can't be used. Choose another one that follows the rules below.",

  "confirm.title": "Confirm your account",
  "confirm.heading": "Confirm your account",
  "confirm.sent_email": "We sent a code by email to {destination}. Enter it below to confirm your account.",
  "confirm.sent_sms":
    "We sent a code by text message to {destination}. Enter it below to confirm your account.",
  "confirm.sent_generic": "Enter the code we sent you to confirm your account.",
  "confirm.submit": "Confirm account",
  "confirm.resend_prompt": "Didn't get a code?",
  "confirm.resend_submit": "Send a new code",
  "confirm.resent": "We sent a new code. It can take a minute to arrive.",
  "confirm.already_confirmed": "This account is already confirmed. Sign in to continue.",
  "confirm.missing_code": "Enter the code from the message we sent.",

  "code.mismatch": "That code isn't right. Check the message and try again, or ask for a new code.",
  "code.expired": "That code has expired. Ask for a new code and try again.",
  "code.too_many_attempts": "Too many attempts. Wait a few minutes, then ask for a new code.",

  "confirm_link.title": "Account confirmation",
  "confirm_link.success": "Your account is confirmed. Go back to the app and sign in.",
  "confirm_link.failed":
    "This confirmation link can't be used any more. Sign in from the app to get a new code.",

  "forgot.title": "Forgot your password?",
  "forgot.heading": "Reset your password",
  "forgot.intro": "Enter your username and we'll send you a code to reset your password.",
  "forgot.submit": "Send code",
  "forgot.no_recovery":
    "This account has no verified email address or phone number to send a code to. Contact your administrator to reset your password.",
  "forgot.cannot_reset":
    "The password of this account can't be reset here. Sign in with the temporary password you were given, or contact your administrator.",

  "reset.title": "Reset your password",
  "reset.heading": "Choose a new password",
  "reset.sent_email": "We sent a code by email to {destination}. Enter it below with your new password.",
  "reset.sent_sms": "We sent a code by text message to {destination}. Enter it below with your new password.",
  "reset.sent_generic": "Enter the code we sent you and choose a new password.",
  "reset.submit": "Change password",
  "reset.new_code_link": "Didn't get a code? Ask for a new one",

  "new_password.title": "Change your password",
  "new_password.heading": "Choose a new password",
  "new_password.intro": "You signed in with a temporary password. Choose a new password to continue.",
  "new_password.attributes_intro": "We also need these details:",
  "new_password.submit": "Change password",

  "session.expired": "Your sign-in took too long. Sign in again.",
  "challenge.unsupported":
    "This account needs a sign-in step that isn't available here yet ({challenge}). Contact your administrator.",

  "error.title": "Something went wrong",
  "error.invalid_request":
    "This sign-in link is incomplete or no longer valid. Go back to the app and start signing in again.",
  "error.details": "Details: {detail}",
  "error.unknown_pool":
    "This sign-in page doesn't exist. Check the address, or go back to the app and try again.",
  "error.csrf":
    "This form has expired or was sent from another site. Go back, reload the page and try again.",
  "error.unexpected": "Something went wrong on our side. Wait a moment and try again.",
  "error.rate_limited": "Too many requests. Wait a minute and try again.",
  "error.delivery_failed":
    "We couldn't send the code. Check your email address or phone number, or try again later.",
  "error.idp_unavailable":
    "Signing in with {provider} isn't available here. Go back to the app and choose another way to sign in.",
  ...EN_MFA,
} as const;

export type MessageId = keyof typeof EN;
export type Catalogue = Record<MessageId, string>;
