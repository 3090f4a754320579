import type { EN_MFA } from "./en-mfa.js";

// German texts of the second-factor, passwordless and passkey pages (see en-mfa.ts; "du" form).

export const DE_MFA: Record<keyof typeof EN_MFA, string> = {
  "login.other_ways": "Anders anmelden",
  "login.missing_username": "Gib deinen Benutzernamen ein und wähle dann, wie du dich anmelden möchtest.",

  "mfa.title": "Bestätige, dass du es bist",
  "mfa.heading": "Gib deinen Bestätigungscode ein",
  "mfa.sent_email":
    "Wir haben einen Code per E-Mail an {destination} gesendet. Gib ihn unten ein, um die Anmeldung abzuschließen.",
  "mfa.sent_sms":
    "Wir haben einen Code per SMS an {destination} gesendet. Gib ihn unten ein, um die Anmeldung abzuschließen.",
  "mfa.sent_generic": "Gib den Code ein, den wir dir gesendet haben, um die Anmeldung abzuschließen.",
  "mfa.totp_intro": "Öffne deine Authenticator-App und gib den 6-stelligen Code für dieses Konto ein.",
  "mfa.totp_hint": "Gerät verloren? Gib stattdessen einen deiner Wiederherstellungscodes ein.",
  "mfa.submit": "Bestätigen",
  "field.totp_code": "Code aus deiner Authenticator-App",
  "mfa.select_title": "Bestätigungsweg wählen",
  "mfa.select_heading": "Wie möchtest du bestätigen, dass du es bist?",
  "mfa.select_legend": "Bestätigungsweg",
  "mfa.factor_sms": "SMS an dein Telefon",
  "mfa.factor_email": "E-Mail",
  "mfa.factor_totp": "Authenticator-App",
  "mfa.select_submit": "Weiter",
  "mfa.select_missing": "Wähle, wie du bestätigen möchtest, dass du es bist.",
  "mfa.too_many_failures":
    "Zu viele falsche Codes. Warte einige Stunden und melde dich dann erneut an, oder wende dich an deinen Administrator.",
  "mfa.code_mismatch":
    "Dieser Code stimmt nicht. Prüfe die Nachricht und versuche es noch einmal. Für einen neuen Code geh zurück und melde dich erneut an.",
  "mfa.code_expired":
    "Dieser Code ist abgelaufen. Geh zurück und melde dich erneut an, um einen neuen Code zu bekommen.",
  "totp.mismatch":
    "Dieser Code stimmt nicht. Gib den Code ein, den deine Authenticator-App jetzt anzeigt, oder einen deiner Wiederherstellungscodes.",
  "totp.reused":
    "Dieser Code wurde schon verwendet. Warte auf den nächsten Code in deiner Authenticator-App und gib ihn ein.",

  "mfa_setup.title": "Bestätigung in zwei Schritten einrichten",
  "mfa_setup.heading": "Authenticator-App einrichten",
  "mfa_setup.intro":
    "Für dieses Konto ist ein zweiter Anmeldeschritt nötig. Verwende eine Authenticator-App, zum Beispiel Google Authenticator oder Microsoft Authenticator.",
  "mfa_setup.step_scan": "1. Scanne diesen QR-Code mit deiner Authenticator-App.",
  "mfa_setup.step_enter": "2. Gib den 6-stelligen Code ein, den die App für dieses Konto anzeigt.",
  "mfa_setup.qr_alt": "QR-Code, der dieses Konto zu einer Authenticator-App hinzufügt",
  "mfa_setup.secret_label": "Scannen klappt nicht? Gib stattdessen diesen Schlüssel in der App ein:",
  "mfa_setup.submit": "Bestätigen und weiter",
  "mfa_setup.code_mismatch":
    "Der Code stimmt nicht. Prüfe, ob die Uhrzeit deines Geräts stimmt, und gib den Code ein, den die App jetzt anzeigt.",
  "mfa_setup.unsupported":
    "Für dieses Konto ist ein zweiter Anmeldeschritt nötig, der hier nicht eingerichtet werden kann. Wende dich an deinen Administrator.",
  "recovery.title": "Wiederherstellungscodes speichern",
  "recovery.heading": "Speichere deine Wiederherstellungscodes",
  "recovery.intro":
    "Wenn du dein Gerät verlierst, melde dich mit einem dieser Codes statt mit einem Code aus der App an. Jeder Code funktioniert einmal. Bewahre sie sicher auf: Sie werden nur jetzt angezeigt.",
  "recovery.submit": "Codes gespeichert, weiter",

  "choice.title": "Anmeldeweg wählen",
  "choice.heading": "Wie möchtest du dich anmelden?",
  "choice.legend": "Anmeldeweg",
  "choice.email": "Anmeldecode per E-Mail senden",
  "choice.sms": "Anmeldecode per SMS senden",
  "choice.passkey": "Passkey verwenden",
  "choice.password_link": "Stattdessen mit Passwort anmelden",
  "choice.missing": "Wähle, wie du dich anmelden möchtest.",
  "choice.none":
    "Für dieses Konto gibt es noch keinen anderen Anmeldeweg. Melde dich mit deinem Passwort an.",
  "choice.submit": "Weiter",
  "signin_code.title": "Anmeldecode eingeben",
  "signin_code.heading": "Gib deinen Anmeldecode ein",
  "signin_code.sent_email":
    "Wir haben einen Anmeldecode per E-Mail an {destination} gesendet. Gib ihn unten ein, um dich anzumelden.",
  "signin_code.sent_sms":
    "Wir haben einen Anmeldecode per SMS an {destination} gesendet. Gib ihn unten ein, um dich anzumelden.",
  "signin_code.submit": "Anmelden",

  "passkey.title": "Mit Passkey anmelden",
  "passkey.heading": "Mit Passkey anmelden",
  "passkey.intro":
    "Verwende den Passkey auf diesem Gerät, auf deinem Telefon oder auf deinem Sicherheitsschlüssel.",
  "passkey.start": "Passkey verwenden",
  "passkey.waiting": "Folge den Anweisungen deines Browsers oder Geräts.",
  "passkey.failed":
    "Der Passkey hat nicht funktioniert. Versuche es noch einmal, oder geh zurück und wähle einen anderen Anmeldeweg.",
  "passkey.unsupported":
    "Dieser Browser kann keine Passkeys verwenden. Geh zurück und wähle einen anderen Anmeldeweg.",
  "passkey.no_script": "Passkeys brauchen JavaScript. Schalte es ein oder wähle einen anderen Anmeldeweg.",
  "passkey_add.title": "Passkey hinzufügen",
  "passkey_add.heading": "Schneller anmelden mit einem Passkey",
  "passkey_add.intro":
    "Mit einem Passkey meldest du dich per Fingerabdruck, Gesicht, Bildschirmsperre oder Sicherheitsschlüssel an statt mit einem Passwort.",
  "passkey_add.start": "Passkey erstellen",
  "passkey_add.skip": "Jetzt nicht, weiter zur App",
  "passkey_add.not_available": "Passkeys sind für diese Anwendung nicht verfügbar. Weiter zur App.",
  "passkey_add.too_many":
    "Du hast schon die höchste Zahl an Passkeys. Entferne einen in der App, bevor du einen neuen hinzufügst.",
};
