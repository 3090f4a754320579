// English texts of the second-factor, passwordless and passkey pages (issue 5). Same rules as en.ts:
// ids are stable, texts may change, {name} placeholders are filled by the view models.

export const EN_MFA = {
  "login.other_ways": "Sign in another way",
  "login.missing_username": "Enter your username, then choose how to sign in.",

  "mfa.title": "Verify it's you",
  "mfa.heading": "Enter your verification code",
  "mfa.sent_email": "We sent a code by email to {destination}. Enter it below to finish signing in.",
  "mfa.sent_sms": "We sent a code by text message to {destination}. Enter it below to finish signing in.",
  "mfa.sent_generic": "Enter the code we sent you to finish signing in.",
  "mfa.totp_intro": "Open your authenticator app and enter the 6-digit code it shows for this account.",
  "mfa.totp_hint": "Lost your device? Enter one of your recovery codes instead.",
  "mfa.submit": "Verify",
  "field.totp_code": "Code from your authenticator app",
  "mfa.select_title": "Choose how to verify",
  "mfa.select_heading": "How do you want to verify it's you?",
  "mfa.select_legend": "Verification method",
  "mfa.factor_sms": "Text message to your phone",
  "mfa.factor_email": "Email",
  "mfa.factor_totp": "Authenticator app",
  "mfa.select_submit": "Continue",
  "mfa.select_missing": "Choose how you want to verify it's you.",
  "mfa.too_many_failures":
    "Too many wrong codes. Wait a few hours, then sign in again, or contact your administrator.",
  "mfa.code_mismatch":
    "That code isn't right. Check the message and try again. For a new code, go back and sign in again.",
  "mfa.code_expired": "That code has expired. Go back and sign in again to get a new code.",
  "totp.mismatch":
    "That code isn't right. Enter the code your authenticator app shows now, or one of your recovery codes.",
  "totp.reused":
    "That code was already used. Wait for the next code in your authenticator app, then enter it.",

  "mfa_setup.title": "Set up two-step verification",
  "mfa_setup.heading": "Set up an authenticator app",
  "mfa_setup.intro":
    "This account needs a second sign-in step. Use an authenticator app, such as Google Authenticator or Microsoft Authenticator.",
  "mfa_setup.step_scan": "1. Scan this QR code with your authenticator app.",
  "mfa_setup.step_enter": "2. Enter the 6-digit code the app shows for this account.",
  "mfa_setup.qr_alt": "QR code that adds this account to an authenticator app",
  "mfa_setup.secret_label": "Can't scan it? Enter this key in the app instead:",
  "mfa_setup.submit": "Verify and continue",
  "mfa_setup.code_mismatch":
    "That code doesn't match. Check that your device's clock is right, then enter the code the app shows now.",
  "mfa_setup.unsupported":
    "This account needs a second sign-in step that can't be set up here. Contact your administrator.",
  "recovery.title": "Save your recovery codes",
  "recovery.heading": "Save your recovery codes",
  "recovery.intro":
    "If you lose your device, sign in with one of these codes instead of a code from the app. Each code works once. Keep them somewhere safe: they are shown only now.",
  "recovery.submit": "I've saved my codes, continue",

  "choice.title": "Choose how to sign in",
  "choice.heading": "How do you want to sign in?",
  "choice.legend": "Sign-in method",
  "choice.email": "Email me a sign-in code",
  "choice.sms": "Text me a sign-in code",
  "choice.passkey": "Use a passkey",
  "choice.password_link": "Sign in with your password instead",
  "choice.missing": "Choose how you want to sign in.",
  "choice.none": "This account has no other way to sign in yet. Sign in with your password.",
  "choice.submit": "Continue",
  "signin_code.title": "Enter your sign-in code",
  "signin_code.heading": "Enter your sign-in code",
  "signin_code.sent_email": "We sent a sign-in code by email to {destination}. Enter it below to sign in.",
  "signin_code.sent_sms":
    "We sent a sign-in code by text message to {destination}. Enter it below to sign in.",
  "signin_code.submit": "Sign in",

  "passkey.title": "Sign in with a passkey",
  "passkey.heading": "Sign in with a passkey",
  "passkey.intro": "Use the passkey saved on this device, on your phone or on your security key.",
  "passkey.start": "Use passkey",
  "passkey.waiting": "Follow the instructions from your browser or device.",
  "passkey.failed": "The passkey didn't work. Try again, or go back and choose another way to sign in.",
  "passkey.unsupported": "This browser can't use passkeys. Go back and choose another way to sign in.",
  "passkey.no_script": "Passkeys need JavaScript. Turn it on, or choose another way to sign in.",
  "passkey_add.title": "Add a passkey",
  "passkey_add.heading": "Sign in faster with a passkey",
  "passkey_add.intro":
    "A passkey lets you sign in with your fingerprint, face, screen lock or security key instead of a password.",
  "passkey_add.start": "Create a passkey",
  "passkey_add.skip": "Not now, continue to the app",
  "passkey_add.not_available": "Passkeys can't be used with this application. Continue to the app.",
  "passkey_add.too_many":
    "You already have the most passkeys allowed. Remove one in the app before you add another.",
} as const;
