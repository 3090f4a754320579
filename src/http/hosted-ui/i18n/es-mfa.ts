import type { EN_MFA } from "./en-mfa.js";

// Spanish texts of the second-factor, passwordless and passkey pages (see en-mfa.ts).

export const ES_MFA: Record<keyof typeof EN_MFA, string> = {
  "login.other_ways": "Iniciar sesión de otra forma",
  "login.missing_username": "Escribe tu nombre de usuario y elige cómo iniciar sesión.",

  "mfa.title": "Confirma que eres tú",
  "mfa.heading": "Escribe tu código de verificación",
  "mfa.sent_email":
    "Hemos enviado un código por correo electrónico a {destination}. Escríbelo abajo para terminar de iniciar sesión.",
  "mfa.sent_sms":
    "Hemos enviado un código por SMS a {destination}. Escríbelo abajo para terminar de iniciar sesión.",
  "mfa.sent_generic": "Escribe el código que te hemos enviado para terminar de iniciar sesión.",
  "mfa.totp_intro":
    "Abre tu aplicación de autenticación y escribe el código de 6 dígitos que muestra para esta cuenta.",
  "mfa.totp_hint": "¿Has perdido tu dispositivo? Escribe uno de tus códigos de recuperación.",
  "mfa.submit": "Verificar",
  "field.totp_code": "Código de tu aplicación de autenticación",
  "mfa.select_title": "Elige cómo verificar",
  "mfa.select_heading": "¿Cómo quieres confirmar que eres tú?",
  "mfa.select_legend": "Método de verificación",
  "mfa.factor_sms": "SMS a tu teléfono",
  "mfa.factor_email": "Correo electrónico",
  "mfa.factor_totp": "Aplicación de autenticación",
  "mfa.select_submit": "Continuar",
  "mfa.select_missing": "Elige cómo quieres confirmar que eres tú.",
  "mfa.too_many_failures":
    "Demasiados códigos incorrectos. Espera unas horas y vuelve a iniciar sesión, o contacta con tu administrador.",
  "mfa.code_mismatch":
    "Ese código no es correcto. Revisa el mensaje y vuelve a intentarlo. Para recibir un código nuevo, vuelve atrás e inicia sesión de nuevo.",
  "mfa.code_expired": "Ese código ha caducado. Vuelve atrás e inicia sesión de nuevo para recibir otro.",
  "totp.mismatch":
    "Ese código no es correcto. Escribe el código que muestra ahora tu aplicación de autenticación o uno de tus códigos de recuperación.",
  "totp.reused": "Ese código ya se ha usado. Espera al siguiente código de tu aplicación y escríbelo.",

  "mfa_setup.title": "Configura la verificación en dos pasos",
  "mfa_setup.heading": "Configura una aplicación de autenticación",
  "mfa_setup.intro":
    "Esta cuenta necesita un segundo paso al iniciar sesión. Usa una aplicación de autenticación, como Google Authenticator o Microsoft Authenticator.",
  "mfa_setup.step_scan": "1. Escanea este código QR con tu aplicación de autenticación.",
  "mfa_setup.step_enter": "2. Escribe el código de 6 dígitos que muestra la aplicación para esta cuenta.",
  "mfa_setup.qr_alt": "Código QR que añade esta cuenta a una aplicación de autenticación",
  "mfa_setup.secret_label": "¿No puedes escanearlo? Escribe esta clave en la aplicación:",
  "mfa_setup.submit": "Verificar y continuar",
  "mfa_setup.code_mismatch":
    "El código no coincide. Comprueba que la hora de tu dispositivo es correcta y escribe el código que muestra ahora la aplicación.",
  "mfa_setup.unsupported":
    "Esta cuenta necesita un segundo paso que no se puede configurar aquí. Contacta con tu administrador.",
  "recovery.title": "Guarda tus códigos de recuperación",
  "recovery.heading": "Guarda tus códigos de recuperación",
  "recovery.intro":
    "Si pierdes tu dispositivo, inicia sesión con uno de estos códigos en lugar de un código de la aplicación. Cada código sirve una vez. Guárdalos en un lugar seguro: solo se muestran ahora.",
  "recovery.submit": "Ya los he guardado, continuar",

  "choice.title": "Elige cómo iniciar sesión",
  "choice.heading": "¿Cómo quieres iniciar sesión?",
  "choice.legend": "Método de inicio de sesión",
  "choice.email": "Envíame un código por correo electrónico",
  "choice.sms": "Envíame un código por SMS",
  "choice.passkey": "Usar una clave de acceso",
  "choice.password_link": "Iniciar sesión con tu contraseña",
  "choice.missing": "Elige cómo quieres iniciar sesión.",
  "choice.none": "Esta cuenta aún no tiene otra forma de iniciar sesión. Inicia sesión con tu contraseña.",
  "choice.submit": "Continuar",
  "signin_code.title": "Escribe tu código de inicio de sesión",
  "signin_code.heading": "Escribe tu código de inicio de sesión",
  "signin_code.sent_email":
    "Hemos enviado un código por correo electrónico a {destination}. Escríbelo abajo para iniciar sesión.",
  "signin_code.sent_sms":
    "Hemos enviado un código por SMS a {destination}. Escríbelo abajo para iniciar sesión.",
  "signin_code.submit": "Iniciar sesión",

  "passkey.title": "Inicia sesión con una clave de acceso",
  "passkey.heading": "Inicia sesión con una clave de acceso",
  "passkey.intro":
    "Usa la clave de acceso guardada en este dispositivo, en tu teléfono o en tu llave de seguridad.",
  "passkey.start": "Usar clave de acceso",
  "passkey.waiting": "Sigue las instrucciones de tu navegador o dispositivo.",
  "passkey.failed":
    "La clave de acceso no ha funcionado. Vuelve a intentarlo, o vuelve atrás y elige otra forma de iniciar sesión.",
  "passkey.unsupported":
    "Este navegador no puede usar claves de acceso. Vuelve atrás y elige otra forma de iniciar sesión.",
  "passkey.no_script":
    "Las claves de acceso necesitan JavaScript. Actívalo o elige otra forma de iniciar sesión.",
  "passkey_add.title": "Añadir una clave de acceso",
  "passkey_add.heading": "Inicia sesión más rápido con una clave de acceso",
  "passkey_add.intro":
    "Una clave de acceso te permite iniciar sesión con tu huella, tu cara, el bloqueo de pantalla o una llave de seguridad en lugar de una contraseña.",
  "passkey_add.start": "Crear una clave de acceso",
  "passkey_add.skip": "Ahora no, continuar a la aplicación",
  "passkey_add.not_available": "Esta aplicación no admite claves de acceso. Continúa a la aplicación.",
  "passkey_add.too_many":
    "Ya tienes el máximo de claves de acceso. Elimina una en la aplicación antes de añadir otra.",
};
