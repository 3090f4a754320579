import type { Catalogue } from "./en.js";
import { ES_MFA } from "./es-mfa.js";

// Spanish (neutral, "tú" form as most consumer sign-in pages use).

export const ES: Catalogue = {
  "common.language": "Idioma",
  "common.error_heading": "Hay un problema",
  "common.back_to_sign_in": "Volver a iniciar sesión",
  "common.optional": "(opcional)",
  "common.logo": "Logotipo",

  "field.username": "Nombre de usuario",
  "field.email_username": "Correo electrónico",
  "field.phone_username": "Número de teléfono",
  "field.email_or_phone_username": "Correo electrónico o número de teléfono",
  "field.password": "Contraseña",
  "field.new_password": "Nueva contraseña",
  "field.confirm_password": "Vuelve a escribir la nueva contraseña",
  "field.code": "Código de verificación",
  "hint.phone": "Empieza por + y el código de país, por ejemplo +34600000000.",
  "hint.code": "Escribe el código del mensaje que te enviamos.",

  "attribute.email": "Correo electrónico",
  "attribute.phone_number": "Número de teléfono",
  "attribute.name": "Nombre",
  "attribute.given_name": "Nombre de pila",
  "attribute.family_name": "Apellidos",
  "attribute.middle_name": "Segundo nombre",
  "attribute.nickname": "Apodo",
  "attribute.preferred_username": "Nombre de usuario preferido",
  "attribute.profile": "Página de perfil",
  "attribute.picture": "URL de la foto",
  "attribute.website": "Sitio web",
  "attribute.gender": "Género",
  "attribute.birthdate": "Fecha de nacimiento",
  "attribute.zoneinfo": "Zona horaria",
  "attribute.locale": "Configuración regional",
  "attribute.address": "Dirección",
  "attribute.other": "{name}",

  "login.title": "Iniciar sesión",
  "login.heading": "Inicia sesión en tu cuenta",
  "login.submit": "Iniciar sesión",
  "login.forgot_link": "¿Has olvidado tu contraseña?",
  "login.signup_prompt": "¿No tienes cuenta?",
  "login.signup_link": "Regístrate",
  "login.missing_fields": "Escribe tu nombre de usuario y tu contraseña.",
  "login.incorrect":
    "Nombre de usuario o contraseña incorrectos. Revisa ambos y vuelve a intentarlo, o restablece tu contraseña.",
  "login.locked":
    "Demasiados intentos fallidos. Espera unos minutos antes de volver a intentarlo, o restablece tu contraseña.",
  "login.disabled": "Esta cuenta está desactivada. Ponte en contacto con tu administrador.",
  "login.temporary_expired":
    "Tu contraseña temporal ha caducado. Pide a tu administrador que te envíe una nueva.",

  "account.not_found": "No encontramos ninguna cuenta con ese nombre de usuario. Revísalo o regístrate.",

  "notice.password_changed": "Tu contraseña se ha cambiado. Inicia sesión con tu nueva contraseña.",
  "notice.account_confirmed": "Tu cuenta está confirmada. Inicia sesión para continuar.",
  "notice.reset_required":
    "Tienes que restablecer tu contraseña. Escribe el código que te enviamos y elige una nueva contraseña.",

  "signup.title": "Registrarse",
  "signup.heading": "Crea una cuenta",
  "signup.submit": "Registrarse",
  "signup.signin_prompt": "¿Ya tienes cuenta?",
  "signup.signin_link": "Inicia sesión",
  "signup.username_exists":
    "Ya existe una cuenta con este nombre de usuario. Inicia sesión o elige otro nombre de usuario.",
  "signup.email_exists":
    "Ya existe una cuenta con este correo electrónico. Inicia sesión o usa otro correo electrónico.",
  "signup.phone_exists": "Ya existe una cuenta con este número de teléfono. Inicia sesión o usa otro número.",
  "signup.not_allowed":
    "No puedes registrarte tú mismo en esta aplicación. Ponte en contacto con tu administrador.",
  "signup.invalid_email": "Escribe un correo electrónico válido, como nombre@ejemplo.com.",
  "signup.invalid_phone":
    "Escribe el número de teléfono con + y el código de país, sin espacios, como +34600000000.",
  "signup.username_format":
    "Tu nombre de usuario no puede ser un correo electrónico ni un número de teléfono. Elige otro.",
  "signup.invalid_details": "Faltan datos o no son válidos. Revisa los campos y vuelve a intentarlo.",
  "signup.missing_field": "Rellena el campo «{field}».",
  "signup.admin_confirmation":
    "Se ha creado tu cuenta. Un administrador debe confirmarla antes de que puedas iniciar sesión.",

  "password.rules_heading": "Tu contraseña debe contener:",
  "password.rule_length": "Al menos {min} caracteres",
  "password.rule_lowercase": "Una letra minúscula",
  "password.rule_uppercase": "Una letra mayúscula",
  "password.rule_number": "Un número",
  "password.rule_symbol": "Un carácter especial, como ! o #",
  "password.too_short": "Tu contraseña es demasiado corta. Usa al menos {min} caracteres.",
  "password.needs_lowercase": "Añade una letra minúscula a tu contraseña.",
  "password.needs_uppercase": "Añade una letra mayúscula a tu contraseña.",
  "password.needs_number": "Añade un número a tu contraseña.",
  "password.needs_symbol": "Añade un carácter especial, como ! o #, a tu contraseña.",
  "password.compromised": "Esta contraseña ha aparecido en una filtración de datos. Elige otra.",
  "password.reused": "Ya has usado esta contraseña antes. Elige otra.",
  "password.mismatch": "Las contraseñas no coinciden. Escribe dos veces la misma contraseña nueva.",
  "password.invalid": "No se puede usar esta contraseña. Elige otra que cumpla las reglas de abajo.",

  "confirm.title": "Confirma tu cuenta",
  "confirm.heading": "Confirma tu cuenta",
  "confirm.sent_email":
    "Te enviamos un código por correo electrónico a {destination}. Escríbelo abajo para confirmar tu cuenta.",
  "confirm.sent_sms":
    "Te enviamos un código por SMS a {destination}. Escríbelo abajo para confirmar tu cuenta.",
  "confirm.sent_generic": "Escribe el código que te enviamos para confirmar tu cuenta.",
  "confirm.submit": "Confirmar cuenta",
  "confirm.resend_prompt": "¿No te ha llegado el código?",
  "confirm.resend_submit": "Enviar un código nuevo",
  "confirm.resent": "Te enviamos un código nuevo. Puede tardar un minuto en llegar.",
  "confirm.already_confirmed": "Esta cuenta ya está confirmada. Inicia sesión para continuar.",
  "confirm.missing_code": "Escribe el código del mensaje que te enviamos.",

  "code.mismatch":
    "El código no es correcto. Revisa el mensaje y vuelve a intentarlo, o pide un código nuevo.",
  "code.expired": "El código ha caducado. Pide un código nuevo y vuelve a intentarlo.",
  "code.too_many_attempts": "Demasiados intentos. Espera unos minutos y pide un código nuevo.",

  "confirm_link.title": "Confirmación de la cuenta",
  "confirm_link.success": "Tu cuenta está confirmada. Vuelve a la aplicación e inicia sesión.",
  "confirm_link.failed":
    "Este enlace de confirmación ya no se puede usar. Inicia sesión desde la aplicación para recibir un código nuevo.",

  "forgot.title": "¿Has olvidado tu contraseña?",
  "forgot.heading": "Restablece tu contraseña",
  "forgot.intro": "Escribe tu nombre de usuario y te enviaremos un código para restablecer tu contraseña.",
  "forgot.submit": "Enviar código",
  "forgot.no_recovery":
    "Esta cuenta no tiene ningún correo electrónico ni teléfono verificado al que enviar un código. Pide a tu administrador que restablezca tu contraseña.",
  "forgot.cannot_reset":
    "La contraseña de esta cuenta no se puede restablecer aquí. Inicia sesión con la contraseña temporal que recibiste o ponte en contacto con tu administrador.",

  "reset.title": "Restablece tu contraseña",
  "reset.heading": "Elige una contraseña nueva",
  "reset.sent_email":
    "Te enviamos un código por correo electrónico a {destination}. Escríbelo abajo junto con tu nueva contraseña.",
  "reset.sent_sms":
    "Te enviamos un código por SMS a {destination}. Escríbelo abajo junto con tu nueva contraseña.",
  "reset.sent_generic": "Escribe el código que te enviamos y elige una contraseña nueva.",
  "reset.submit": "Cambiar contraseña",
  "reset.new_code_link": "¿No te ha llegado el código? Pide uno nuevo",

  "new_password.title": "Cambia tu contraseña",
  "new_password.heading": "Elige una contraseña nueva",
  "new_password.intro":
    "Has iniciado sesión con una contraseña temporal. Elige una contraseña nueva para continuar.",
  "new_password.attributes_intro": "También necesitamos estos datos:",
  "new_password.submit": "Cambiar contraseña",

  "session.expired": "El inicio de sesión ha tardado demasiado. Vuelve a iniciar sesión.",
  "challenge.unsupported":
    "Esta cuenta necesita un paso de inicio de sesión que aún no está disponible aquí ({challenge}). Ponte en contacto con tu administrador.",

  "error.title": "Algo ha salido mal",
  "error.invalid_request":
    "Este enlace de inicio de sesión está incompleto o ya no es válido. Vuelve a la aplicación y empieza de nuevo.",
  "error.details": "Detalles: {detail}",
  "error.unknown_pool":
    "Esta página de inicio de sesión no existe. Revisa la dirección o vuelve a la aplicación e inténtalo de nuevo.",
  "error.csrf":
    "Este formulario ha caducado o se envió desde otro sitio. Vuelve atrás, recarga la página e inténtalo de nuevo.",
  "error.unexpected": "Algo ha salido mal por nuestra parte. Espera un momento y vuelve a intentarlo.",
  "error.rate_limited": "Demasiadas solicitudes. Espera un minuto y vuelve a intentarlo.",
  "error.delivery_failed":
    "No pudimos enviar el código. Revisa tu correo electrónico o número de teléfono, o inténtalo más tarde.",
  "error.idp_unavailable":
    "Aquí no se puede iniciar sesión con {provider}. Vuelve a la aplicación y elige otra forma de iniciar sesión.",
  ...ES_MFA,
};
