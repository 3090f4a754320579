import { DE_MFA } from "./de-mfa.js";
import type { Catalogue } from "./en.js";

// German ("du" form, as most consumer sign-in pages use).

export const DE: Catalogue = {
  "common.language": "Sprache",
  "common.error_heading": "Es gibt ein Problem",
  "common.back_to_sign_in": "Zurück zur Anmeldung",
  "common.optional": "(optional)",
  "common.logo": "Logo",

  "field.username": "Benutzername",
  "field.email_username": "E-Mail-Adresse",
  "field.phone_username": "Telefonnummer",
  "field.email_or_phone_username": "E-Mail-Adresse oder Telefonnummer",
  "field.password": "Passwort",
  "field.new_password": "Neues Passwort",
  "field.confirm_password": "Neues Passwort wiederholen",
  "field.code": "Bestätigungscode",
  "hint.phone": "Beginne mit + und der Landesvorwahl, zum Beispiel +4915112345678.",
  "hint.code": "Gib den Code aus der Nachricht ein, die wir dir geschickt haben.",

  "attribute.email": "E-Mail-Adresse",
  "attribute.phone_number": "Telefonnummer",
  "attribute.name": "Name",
  "attribute.given_name": "Vorname",
  "attribute.family_name": "Nachname",
  "attribute.middle_name": "Zweiter Vorname",
  "attribute.nickname": "Spitzname",
  "attribute.preferred_username": "Bevorzugter Benutzername",
  "attribute.profile": "Profilseite",
  "attribute.picture": "Bild-URL",
  "attribute.website": "Website",
  "attribute.gender": "Geschlecht",
  "attribute.birthdate": "Geburtsdatum",
  "attribute.zoneinfo": "Zeitzone",
  "attribute.locale": "Gebietsschema",
  "attribute.address": "Adresse",
  "attribute.other": "{name}",

  "login.title": "Anmelden",
  "login.heading": "Bei deinem Konto anmelden",
  "login.submit": "Anmelden",
  "login.forgot_link": "Passwort vergessen?",
  "login.signup_prompt": "Noch kein Konto?",
  "login.signup_link": "Registrieren",
  "login.missing_fields": "Gib deinen Benutzernamen und dein Passwort ein.",
  "login.incorrect":
    "Benutzername oder Passwort ist falsch. Prüfe beides und versuche es erneut, oder setze dein Passwort zurück.",
  "login.locked":
    "Zu viele fehlgeschlagene Versuche. Warte ein paar Minuten, bevor du es erneut versuchst, oder setze dein Passwort zurück.",
  "login.disabled": "Dieses Konto ist deaktiviert. Wende dich an deinen Administrator.",
  "login.temporary_expired":
    "Dein temporäres Passwort ist abgelaufen. Bitte deinen Administrator, dir ein neues zu schicken.",

  "account.not_found":
    "Wir haben kein Konto mit diesem Benutzernamen gefunden. Prüfe ihn oder registriere dich.",

  "notice.password_changed": "Dein Passwort wurde geändert. Melde dich mit deinem neuen Passwort an.",
  "notice.account_confirmed": "Dein Konto ist bestätigt. Melde dich an, um fortzufahren.",
  "notice.reset_required":
    "Du musst dein Passwort zurücksetzen. Gib den Code ein, den wir dir geschickt haben, und wähle ein neues Passwort.",

  "signup.title": "Registrieren",
  "signup.heading": "Konto erstellen",
  "signup.submit": "Registrieren",
  "signup.signin_prompt": "Schon ein Konto?",
  "signup.signin_link": "Anmelden",
  "signup.username_exists":
    "Es gibt schon ein Konto mit diesem Benutzernamen. Melde dich an oder wähle einen anderen Benutzernamen.",
  "signup.email_exists":
    "Es gibt schon ein Konto mit dieser E-Mail-Adresse. Melde dich an oder verwende eine andere E-Mail-Adresse.",
  "signup.phone_exists":
    "Es gibt schon ein Konto mit dieser Telefonnummer. Melde dich an oder verwende eine andere Nummer.",
  "signup.not_allowed":
    "Du kannst dich bei dieser Anwendung nicht selbst registrieren. Wende dich an deinen Administrator.",
  "signup.invalid_email": "Gib eine gültige E-Mail-Adresse ein, zum Beispiel name@example.com.",
  "signup.invalid_phone":
    "Gib die Telefonnummer mit + und Landesvorwahl ohne Leerzeichen ein, zum Beispiel +4915112345678.",
  "signup.username_format":
    "Dein Benutzername darf keine E-Mail-Adresse oder Telefonnummer sein. Wähle einen anderen.",
  "signup.invalid_details":
    "Einige Angaben fehlen oder sind ungültig. Prüfe die Felder und versuche es erneut.",
  "signup.missing_field": "Fülle das Feld „{field}“ aus.",
  "signup.admin_confirmation":
    "Dein Konto wurde erstellt. Ein Administrator muss es bestätigen, bevor du dich anmelden kannst.",

  "password.rules_heading": "Dein Passwort muss Folgendes enthalten:",
  "password.rule_length": "Mindestens {min} Zeichen",
  "password.rule_lowercase": "Einen Kleinbuchstaben",
  "password.rule_uppercase": "Einen Großbuchstaben",
  "password.rule_number": "Eine Ziffer",
  "password.rule_symbol": "Ein Sonderzeichen, zum Beispiel ! oder #",
  "password.too_short": "Dein Passwort ist zu kurz. Verwende mindestens {min} Zeichen.",
  "password.needs_lowercase": "Füge deinem Passwort einen Kleinbuchstaben hinzu.",
  "password.needs_uppercase": "Füge deinem Passwort einen Großbuchstaben hinzu.",
  "password.needs_number": "Füge deinem Passwort eine Ziffer hinzu.",
  "password.needs_symbol": "Füge deinem Passwort ein Sonderzeichen hinzu, zum Beispiel ! oder #.",
  "password.compromised": "Dieses Passwort ist bei einem Datenleck aufgetaucht. Wähle ein anderes.",
  "password.reused": "Du hast dieses Passwort schon einmal verwendet. Wähle ein anderes.",
  "password.mismatch": "Die Passwörter stimmen nicht überein. Gib zweimal dasselbe neue Passwort ein.",
  "password.invalid":
    "Dieses Passwort kann nicht verwendet werden. Wähle ein anderes, das die Regeln unten erfüllt.",

  "confirm.title": "Konto bestätigen",
  "confirm.heading": "Bestätige dein Konto",
  "confirm.sent_email":
    "Wir haben einen Code per E-Mail an {destination} geschickt. Gib ihn unten ein, um dein Konto zu bestätigen.",
  "confirm.sent_sms":
    "Wir haben einen Code per SMS an {destination} geschickt. Gib ihn unten ein, um dein Konto zu bestätigen.",
  "confirm.sent_generic": "Gib den Code ein, den wir dir geschickt haben, um dein Konto zu bestätigen.",
  "confirm.submit": "Konto bestätigen",
  "confirm.resend_prompt": "Keinen Code bekommen?",
  "confirm.resend_submit": "Neuen Code senden",
  "confirm.resent": "Wir haben einen neuen Code geschickt. Es kann eine Minute dauern, bis er ankommt.",
  "confirm.already_confirmed": "Dieses Konto ist schon bestätigt. Melde dich an, um fortzufahren.",
  "confirm.missing_code": "Gib den Code aus der Nachricht ein, die wir dir geschickt haben.",

  "code.mismatch":
    "Der Code stimmt nicht. Prüfe die Nachricht und versuche es erneut, oder fordere einen neuen Code an.",
  "code.expired": "Der Code ist abgelaufen. Fordere einen neuen Code an und versuche es erneut.",
  "code.too_many_attempts": "Zu viele Versuche. Warte ein paar Minuten und fordere dann einen neuen Code an.",

  "confirm_link.title": "Kontobestätigung",
  "confirm_link.success": "Dein Konto ist bestätigt. Kehre zur App zurück und melde dich an.",
  "confirm_link.failed":
    "Dieser Bestätigungslink kann nicht mehr verwendet werden. Melde dich in der App an, um einen neuen Code zu erhalten.",

  "forgot.title": "Passwort vergessen?",
  "forgot.heading": "Passwort zurücksetzen",
  "forgot.intro":
    "Gib deinen Benutzernamen ein. Wir schicken dir einen Code, mit dem du dein Passwort zurücksetzen kannst.",
  "forgot.submit": "Code senden",
  "forgot.no_recovery":
    "Für dieses Konto gibt es keine bestätigte E-Mail-Adresse oder Telefonnummer, an die wir einen Code schicken können. Bitte deinen Administrator, dein Passwort zurückzusetzen.",
  "forgot.cannot_reset":
    "Das Passwort dieses Kontos kann hier nicht zurückgesetzt werden. Melde dich mit dem temporären Passwort an, das du erhalten hast, oder wende dich an deinen Administrator.",

  "reset.title": "Passwort zurücksetzen",
  "reset.heading": "Neues Passwort wählen",
  "reset.sent_email":
    "Wir haben einen Code per E-Mail an {destination} geschickt. Gib ihn unten zusammen mit deinem neuen Passwort ein.",
  "reset.sent_sms":
    "Wir haben einen Code per SMS an {destination} geschickt. Gib ihn unten zusammen mit deinem neuen Passwort ein.",
  "reset.sent_generic": "Gib den Code ein, den wir dir geschickt haben, und wähle ein neues Passwort.",
  "reset.submit": "Passwort ändern",
  "reset.new_code_link": "Keinen Code bekommen? Fordere einen neuen an",

  "new_password.title": "Passwort ändern",
  "new_password.heading": "Neues Passwort wählen",
  "new_password.intro":
    "Du hast dich mit einem temporären Passwort angemeldet. Wähle ein neues Passwort, um fortzufahren.",
  "new_password.attributes_intro": "Wir brauchen außerdem diese Angaben:",
  "new_password.submit": "Passwort ändern",

  "session.expired": "Die Anmeldung hat zu lange gedauert. Melde dich erneut an.",
  "challenge.unsupported":
    "Für dieses Konto ist ein Anmeldeschritt nötig, der hier noch nicht verfügbar ist ({challenge}). Wende dich an deinen Administrator.",

  "error.title": "Etwas ist schiefgelaufen",
  "error.invalid_request":
    "Dieser Anmeldelink ist unvollständig oder nicht mehr gültig. Kehre zur App zurück und starte die Anmeldung neu.",
  "error.details": "Details: {detail}",
  "error.unknown_pool":
    "Diese Anmeldeseite gibt es nicht. Prüfe die Adresse oder kehre zur App zurück und versuche es erneut.",
  "error.csrf":
    "Dieses Formular ist abgelaufen oder wurde von einer anderen Website gesendet. Geh zurück, lade die Seite neu und versuche es erneut.",
  "error.unexpected": "Bei uns ist etwas schiefgelaufen. Warte einen Moment und versuche es erneut.",
  "error.rate_limited": "Zu viele Anfragen. Warte eine Minute und versuche es erneut.",
  "error.delivery_failed":
    "Wir konnten den Code nicht senden. Prüfe deine E-Mail-Adresse oder Telefonnummer, oder versuche es später erneut.",
  "error.idp_unavailable":
    "Die Anmeldung mit {provider} ist hier nicht verfügbar. Kehre zur App zurück und wähle eine andere Anmeldemethode.",
  ...DE_MFA,
};
