# Portcullis: the Spanish catalogue, translated from the English reference (locales/en).
# Language: Spanish (es), informal register ("tú"), as Google and Mozilla use for Spanish.
#
# Every text a person reads on the hosted pages and in mails comes from here. Keys are
# grouped by page; a translation has exactly these keys and, in each message, the same
# variables ({ $name }). Write no HTML: where a sentence holds a link or emphasis, the
# emphasised part is a variable ($link, $account…) that the page fills in.
# Numbers that select a plural form ($count) follow the language's CLDR plural rules:
# give the categories your language has ([zero], [one], [two], [few], [many], *[other]).
# Spanish: [one] and *[other] ([many], for millions, is folded into other).
#
# Terminology: sign in / log in = iniciar sesión; log out / sign out = cerrar sesión;
# session = sesión; second factor = segundo factor; two-factor authentication =
# autenticación de dos factores; recovery code = código de recuperación; organisation =
# organización; invitation = invitación; passkey = llave de acceso; authenticator app =
# aplicación de autenticación; link = enlace; revoke = revocar; withdraw = retirar.

## Language and formats

# The language's own name, in the language switcher.
language-name = Español
# Dates: $day (1-31), $month (one of format-month-1 … format-month-12), $year.
format-date = { $day } { $month } { $year }
# A date and time (UTC): $date (format-date), $hour (00-23), $minute (00-59).
format-datetime = { $date }, { $hour }:{ $minute } UTC
format-month-1 = ene
format-month-2 = feb
format-month-3 = mar
format-month-4 = abr
format-month-5 = may
format-month-6 = jun
format-month-7 = jul
format-month-8 = ago
format-month-9 = sept
format-month-10 = oct
format-month-11 = nov
format-month-12 = dic
# Numbers: the separator of thousands (put a space in quotes: {" "}) and the decimal mark.
format-number-group = .
format-number-decimal = ,

## Every page

site-skip-link = Saltar al contenido
site-language-label = Idioma
site-language-submit = Cambiar idioma
# After a form post, the page that goes on to another site by itself.
continue-title = Continuar
continue-button = Continuar
continue-returning = Volviendo a la aplicación…
continue-signed-in = Sesión iniciada. Volviendo a la aplicación…
go-to-account = Ve a tu cuenta
# "Not you? Go to your account to sign out first." $link is go-to-account, as a link.
not-you = ¿No eres tú? { $link } para cerrar sesión primero.
# $account is the signed-in person's email address.
signed-in-as = Has iniciado sesión como { $account }.

## Form fields and their errors

field-email = Correo electrónico
field-email-address = Dirección de correo electrónico
field-email-or-username = Correo electrónico o nombre de usuario
field-username-optional = Nombre de usuario (opcional)
field-username-hint = De 3 a 32 letras, dígitos, puntos, guiones o guiones bajos.
field-password = Contraseña
field-confirm-password = Confirmar contraseña
field-current-password = Contraseña actual
field-new-password = Nueva contraseña
field-confirm-new-password = Confirmar nueva contraseña
field-code = Código
field-name = Nombre
# A new password's rules, under the field: $min is the fewest characters allowed.
password-hint = Al menos { $min } caracteres; lo mejor es una frase larga.
password-hint-letter-digit = Al menos { $min } caracteres, con una letra y un dígito; lo mejor es una frase larga.
# Under a password field of the account page.
password-recent-hint = Obligatoria, salvo que hayas iniciado sesión hace pocos minutos.
# The hidden label of a password field next to a button.
password-recent-label = Contraseña (obligatoria, salvo que hayas iniciado sesión hace pocos minutos)
form-required = Este campo es obligatorio.
form-too-many-attempts = Demasiados intentos. Espera un poco y vuelve a intentarlo.
form-passwords-differ = Las dos contraseñas no coinciden.
form-enter-password = Introduce tu contraseña para continuar.
form-second-factor-needed = Esta sesión no usó tu segundo factor: cierra sesión y vuelve a iniciarla con él.
form-link-incomplete = Este enlace está incompleto. Abre el enlace completo del correo.
form-reset-link-invalid = Este enlace de restablecimiento no es válido, ha caducado o ya se ha usado.
form-verify-link-invalid = Este enlace no es válido o ha caducado. Inicia sesión para pedir uno nuevo.
form-verify-decline-invalid = Este enlace no es válido o ha caducado, o la dirección ya está confirmada.
form-declined-account-removed = Se ha eliminado la cuenta registrada con tu dirección: nadie puede iniciar sesión en ella. Puedes registrarte tú cuando quieras.
form-declined-change-cancelled = Se ha cancelado el cambio de la dirección de una cuenta a la tuya.

## Errors from the server, shown over a form or on the error page (by error code)

error-account-exists = Ya hay una cuenta con esta dirección de correo electrónico: inicia sesión en ella y vincula esta desde la página de tu cuenta.
error-bad-request = Solicitud incorrecta.
error-client-managed-by-config = Esta aplicación se gestiona desde la configuración del servidor.
error-client-not-found = Ninguna aplicación tiene ese identificador.
error-cross-origin-request = Se ha rechazado una solicitud de origen cruzado.
error-csrf-token = Este formulario ha caducado. Vuelve a cargar la página e inténtalo de nuevo.
error-email-not-verified = Primero confirma tu dirección de correo electrónico: sigue el enlace que te enviamos por correo.
error-email-taken = Este correo electrónico ya está registrado.
error-forbidden = No tienes permiso para hacer esto.
error-grant-not-found = Esa aplicación no tiene ningún acceso concedido.
error-hs256-mode = Este servidor firma sus tokens con un secreto compartido: esta función no está disponible.
error-identity-not-found = No existe esa cuenta vinculada.
error-identity-taken = Esa cuenta ya está vinculada a otra cuenta de este servicio.
error-insufficient-scope = Esta aplicación no tiene permiso para hacer esto.
error-internal-error = Algo ha fallado en el servidor. Inténtalo de nuevo más tarde.
error-invalid-api-key = Clave de API no válida o revocada.
error-invalid-authorization-request = La solicitud de la aplicación no es válida.
error-invalid-body = No se ha podido leer el formulario.
error-invalid-code = Código no válido o caducado.
error-invalid-ceremony = La solicitud de la llave de acceso ha caducado. Inténtalo de nuevo.
error-invalid-client = Aplicación desconocida.
error-invalid-credentials = Correo electrónico o contraseña incorrectos.
error-invalid-email = Dirección de correo electrónico no válida.
error-invalid-field = Un campo tiene un valor no válido.
error-invalid-json = No se ha podido leer la solicitud.
error-invalid-mfa-token = Inicio de sesión no válido o caducado; vuelve a iniciar sesión.
error-invalid-password = La contraseña es incorrecta.
error-invalid-refresh-token = Tu sesión ha caducado. Vuelve a iniciar sesión.
error-invalid-state = El inicio de sesión ha tardado demasiado o se empezó en otro lugar. Inténtalo de nuevo.
error-invalid-text = Un campo contiene caracteres no permitidos.
error-invalid-token = Este enlace no es válido o ha caducado.
error-invalid-username = Nombre de usuario no válido.
error-invitation-not-found = No existe esa invitación pendiente.
error-last-owner = Una organización necesita al menos un propietario.
error-last-way-in = Es la última forma de iniciar sesión en esta cuenta: añade otra primero.
error-member-not-found = Esta organización no tiene ese miembro.
error-method-not-allowed = Esta dirección web no se puede usar de esta forma.
error-mfa-already-enabled = La autenticación de dos factores ya está activada.
error-mfa-enrollment-required = Esta cuenta necesita un segundo factor: configura uno primero.
error-mfa-not-enabled = La autenticación de dos factores está desactivada.
error-mfa-required = Introduce el código de tu aplicación de autenticación.
error-missing-field = Este campo es obligatorio.
error-no-pending-enrolment = Primero empieza a configurar la autenticación de dos factores.
error-not-authenticated = Inicia sesión para continuar.
error-no-passkey = Esta cuenta no tiene ninguna llave de acceso.
error-not-found = No encontrado.
error-oauth-denied = Se ha rechazado el inicio de sesión con la otra cuenta.
error-oauth-failed = No se ha podido iniciar sesión con la otra cuenta. Inténtalo de nuevo.
error-organization-not-found = No existe esa organización.
error-overloaded = El servidor está ocupado. Inténtalo de nuevo en un momento.
error-passkey-not-found = No existe esa llave de acceso.
error-passkey-rejected = No se ha aceptado la llave de acceso.
error-passkey-taken = Esta llave de acceso ya está registrada.
error-passkeys-unavailable = Las llaves de acceso no están disponibles en este servidor.
passkey-prompt-closed = La solicitud de la llave de acceso se cerró o caducó.
mfa-codes-file = Códigos de recuperación de { $product }. Cada uno sirve para iniciar sesión una sola vez.
error-payload-too-large = Lo que has enviado es demasiado grande.
error-rate-limited = Demasiados intentos. Espera un poco y vuelve a intentarlo.
error-reauthentication-required = Introduce tu contraseña para continuar.
error-request-timeout = La solicitud ha tardado demasiado. Inténtalo de nuevo.
error-session-not-found = No se ha encontrado la sesión.
error-signup-disabled = No se pueden crear cuentas nuevas de esta forma.
error-slug-taken = Otra organización ya tiene ese nombre.
error-timeout = La solicitud ha tardado demasiado; inténtalo de nuevo.
error-unavailable = El servicio no está disponible. Inténtalo de nuevo en un momento.
error-unknown-email = No se ha encontrado ningún usuario con este correo electrónico.
error-unknown-provider = No existe ese proveedor de inicio de sesión.
error-unsupported-media-type = El formulario se ha enviado en un formato que no se acepta.
error-user-not-found = No existe ese usuario.
error-username-taken = Ese nombre de usuario ya está en uso.
error-weak-password = Esta contraseña no está permitida. Elige otra.
# The password policy's refusals, next to the password field.
error-password-required = La contraseña es obligatoria
error-password-too-short = La contraseña debe tener al menos { $min } caracteres
error-password-too-long = La contraseña debe tener como máximo { $max } caracteres
error-password-letter-digit = La contraseña debe contener letras y números
error-password-too-common = Esta contraseña es demasiado común; elige una más difícil de adivinar
error-password-breached = Esta contraseña apareció en una filtración de datos, así que los atacantes la prueban primero; elige otra

## The error page

error-page-status = Error { $status }
error-page-unexpected-title = Algo ha fallado
error-page-unexpected = El servidor no ha podido procesar esta solicitud. Inténtalo de nuevo más tarde.
error-page-rate-limited-title = Demasiadas solicitudes
error-page-rate-limited = Demasiados intentos desde tu red. Espera un minuto y vuelve a intentarlo.
error-page-not-found-title = Página no encontrada
error-page-not-found = No hay ninguna página en esta dirección.
error-page-form-expired-title = Este formulario ha caducado
error-page-form-expired = Vuelve atrás, recarga la página y envía el formulario de nuevo.
error-page-refused-title = Solicitud rechazada
error-page-refused = Esta solicitud no procede de las páginas de este sitio.
# Over the detail, in English, that an application's developers need (an authorization request's fault).
error-page-technical = Detalles técnicos para los desarrolladores de la aplicación:

## One-time messages after a form

flash-registered = Cuenta creada. Revisa tu correo: te hemos enviado un enlace para confirmar tu dirección.
flash-check-email = Revisa tu correo. Si esa dirección tiene una cuenta, te llegará un enlace de restablecimiento.
flash-verification-sent = Revisa tu correo: te hemos enviado un nuevo enlace de confirmación.
flash-email-verified = Tu dirección de correo electrónico está confirmada.
flash-logged-out = Has cerrado sesión.
flash-login-required = Inicia sesión para continuar.
flash-password-changed = Contraseña cambiada. Se han cerrado tus otras sesiones.
flash-password-reset = Contraseña restablecida. Inicia sesión con tu nueva contraseña.
flash-session-revoked = Sesión revocada.
flash-other-sessions-revoked = Se han cerrado todas las demás sesiones.
flash-mfa-disabled = La autenticación de dos factores está desactivada.
flash-passkey-added = Llave de acceso añadida. Ya puedes iniciar sesión con ella.
flash-passkey-renamed = Llave de acceso renombrada.
flash-passkey-deleted = Llave de acceso eliminada.
flash-identity-unlinked = Cuenta desvinculada.
flash-grant-revoked = Acceso retirado. La aplicación ya no podrá usar tu cuenta hasta que vuelvas a iniciar sesión en ella.
flash-org-created = Organización creada. Tienes el rol de propietario.
# $days: how long the invitation's link works.
flash-org-invited = { $days ->
    [one] Invitación enviada. Su enlace funciona una sola vez, durante { $days } día.
   *[other] Invitación enviada. Su enlace funciona una sola vez, durante { $days } días.
}
flash-org-invitation-revoked = Invitación revocada. Su enlace ya no funciona.
flash-org-role-changed = Rol cambiado.
flash-org-member-removed = Miembro eliminado.
flash-org-left = Has abandonado la organización.
flash-org-switched = Esta sesión ahora actúa en nombre de la organización.
flash-language-changed = Idioma cambiado.

## Log in (login.html)

login-title = Iniciar sesión
login-lead = Hola de nuevo. Inicia sesión para gestionar tu cuenta.
login-resend-verification = Enviar un nuevo enlace de confirmación
login-submit = Iniciar sesión
login-passkey = Iniciar sesión con una llave de acceso
login-providers-label = Iniciar sesión con otra cuenta
# $provider: the name of another sign-in service (e.g. GitHub).
login-continue-with = Continuar con { $provider }
login-email-link = Prefiero recibir un enlace de inicio de sesión por correo
login-forgot = ¿Has olvidado tu contraseña?
login-new-here = ¿Aún no tienes cuenta?
login-create-account = Crear una cuenta

## Create an account (register.html)

register-title = Crear una cuenta
register-lead = Te enviaremos un enlace para confirmar tu dirección de correo electrónico.
register-submit = Crear cuenta
register-have-account = ¿Ya tienes una cuenta?
register-log-in = Iniciar sesión

## Forgot and reset password (forgot_password.html, reset_password.html)

forgot-title = ¿Has olvidado tu contraseña?
forgot-lead = Introduce tu dirección de correo electrónico y te enviaremos un enlace para elegir una nueva contraseña.
forgot-submit = Enviar enlace de restablecimiento
forgot-remembered = ¿Ya la recuerdas?
forgot-log-in = Iniciar sesión
reset-title = Elige una nueva contraseña
reset-lead = Se cerrarán todas las sesiones de tu cuenta.
reset-submit = Establecer nueva contraseña
reset-ask-again = Pedir un nuevo enlace de restablecimiento

## Confirm an address (verify_email.html)

verify-title = Confirma tu correo electrónico
verify-done = Listo
verify-lead = Un clic y tu dirección quedará confirmada.
verify-submit = Confirmar mi dirección de correo electrónico
verify-not-you = ¿Otra persona ha usado tu dirección? Si no has pedido esto, no la confirmes:
verify-decline = Yo no he creado esta cuenta

## Sign in by email (email_login.html)

email-login-title = Iniciar sesión por correo
email-login-sign-in-title = Iniciar sesión
email-login-one-click = Un clic y habrás iniciado sesión.
email-login-submit = Iniciar sesión
email-login-check-title = Revisa tu correo
# $email: the address entered, emphasised.
email-login-check-lead = Si { $email } puede iniciar sesión, le hemos enviado un enlace y un código de 6 dígitos. Abre el enlace o introduce aquí el código.
email-login-lead = Te enviaremos por correo un enlace y un código para iniciar sesión, sin necesidad de contraseña.
email-login-send = Enviarme un enlace por correo
email-login-other-way = Iniciar sesión de otra forma

## Second factor (mfa_code.html, mfa_setup.html, mfa_codes.html)

mfa-code-title = Código del segundo factor
mfa-code-heading = Introduce tu código
mfa-code-lead = Abre tu aplicación de autenticación e introduce el código de 6 dígitos de esta cuenta, o uno de tus códigos de recuperación.
mfa-code-submit = Continuar
mfa-code-passkey = Usar una llave de acceso
mfa-code-start-over = Volver a empezar
mfa-setup-title = Configurar la autenticación de dos factores
mfa-setup-lead = Escanea este código con una aplicación de autenticación y luego introduce el código de 6 dígitos que muestre.
mfa-setup-qr-alt = Código QR para tu aplicación de autenticación
mfa-setup-key = O escribe esta clave:
mfa-setup-submit = Activar
mfa-setup-not-now = Ahora no
mfa-codes-title = Códigos de recuperación
mfa-codes-heading = Tus códigos de recuperación
mfa-codes-lead = Guárdalos en un lugar seguro. Si pierdes tu aplicación de autenticación, cada uno te permite iniciar sesión una sola vez. Solo se muestran ahora.
mfa-codes-download = Descargar como texto
mfa-codes-done = Listo

## The account page (account.html)

account-title = Tu cuenta
account-log-out = Cerrar sesión
account-profile = Perfil
account-email = Correo electrónico
account-verified = Verificado
account-not-verified = No verificado
account-username = Nombre de usuario
account-username-not-set = Sin definir
account-member-since = Miembro desde
account-language = Idioma
account-language-default = Automático (según el navegador)
account-language-save = Guardar idioma
account-unverified-note = Confirma tu dirección con el enlace que te enviamos por correo. ¿No lo has recibido?
account-send-new-link = Enviar un nuevo enlace
account-enrol-title = Un paso más
account-enrol-lead = Esta cuenta necesita un segundo factor: configura uno aquí abajo para continuar.
account-sessions = Sesiones
# $count: how many sessions the account has.
account-sessions-count = { $count ->
    [one] { $count } sesión
   *[other] { $count } sesiones
}
account-sessions-lead = Dónde tienes la sesión iniciada. Revoca cualquier sesión que no reconozcas.
account-this-device = Este dispositivo
# $when: a date and time.
account-last-active = última actividad: { $when }
# $device: e.g. "Firefox on Linux"; $when: a date and time.
account-revoke-session-label = Revocar la sesión de { $device }, última actividad: { $when }
account-revoke = Revocar
account-revoke-others = Cerrar las demás sesiones
# How a session's device is named: $browser and $os are product names.
device-browser-on-os = { $browser } en { $os }
device-on-os = Un navegador en { $os }
device-unknown = Dispositivo desconocido
# A device no rule names: $agent is the start of its browser's own description.
device-other = { $agent }
account-mfa = Autenticación de dos factores
account-mfa-on = Activada
account-mfa-on-lead = Al iniciar sesión, se te pide un código de tu aplicación de autenticación.
# $count: recovery codes not used yet.
account-recovery-codes-left = { $count ->
    [one] Te queda { $count } código de recuperación.
   *[other] Te quedan { $count } códigos de recuperación.
}
account-mfa-new-codes = Nuevos códigos de recuperación
account-mfa-turn-off = Desactivar
account-mfa-off-lead = Pide un código de una aplicación de autenticación, además de tu contraseña, al iniciar sesión.
account-mfa-set-up = Configurar la autenticación de dos factores
account-mfa-confirm-first = Primero confirma tu dirección de correo electrónico: hasta entonces no se puede añadir ningún método de inicio de sesión.
account-passkeys = Llaves de acceso
account-passkeys-lead = Inicia sesión con tu huella digital, tu cara o el PIN de tu dispositivo en lugar de una contraseña. Si pierdes todas tus llaves de acceso, podrás seguir accediendo con tu contraseña (o con un enlace de restablecimiento por correo).
account-passkey-synced = Sincronizada
# $when: a date and time.
account-passkey-added = añadida el { $when }
account-last-used = último uso: { $when }
# $name: the passkey's name.
account-passkey-rename-label = Nuevo nombre para { $name }
account-rename = Cambiar nombre
account-passkey-delete-label = Eliminar la llave de acceso { $name }
account-delete = Eliminar
account-passkeys-confirm-first = Primero confirma tu dirección de correo electrónico: hasta entonces no se puede añadir ninguna llave de acceso.
account-passkey-name-hint = Para distinguir tus llaves de acceso, p. ej., «Portátil del trabajo».
account-passkey-add = Añadir una llave de acceso
account-passkey-needs-script = Para añadir una llave de acceso se necesita JavaScript.
account-identities = Cuentas vinculadas
account-identities-lead = Inicia sesión con otra cuenta que tengas. Para vincularla, debes haber iniciado sesión recientemente.
account-identity-linked = vinculada el { $when }
# $provider: the name of another sign-in service.
account-unlink-label = Desvincular { $provider }
account-unlink = Desvincular
account-identities-confirm-first = Primero confirma tu dirección de correo electrónico: hasta entonces no se puede vincular ninguna cuenta.
account-link = Vincular { $provider }
account-grants = Aplicaciones
account-grants-lead = Aplicaciones en las que has permitido iniciar sesión con esta cuenta. Si revocas una, ya no podrá usar tu cuenta hasta que vuelvas a iniciar sesión en ella.
account-granted = autorizada el { $when }
# $name: the application's name.
account-revoke-grant-label = Revocar el acceso de { $name }
account-organizations = Organizaciones
# $count: how many organisations the account belongs to.
account-organizations-count = { $count ->
    [one] Miembro de { $count } organización.
   *[other] Miembro de { $count } organizaciones.
}
account-new-organization = Nueva organización
account-create-organization = Crear
account-change-password = Cambiar contraseña
account-change-password-lead = Se cerrarán tus otras sesiones; esta se mantendrá.
account-change-password-submit = Cambiar contraseña

## Roles in an organisation

role-owner = propietario
role-admin = administrador
role-member = miembro

## An organisation (organization.html)

# $role (emphasised), $account (an email address), $slug (emphasised).
org-lead = Tu rol aquí es { $role } y has iniciado sesión como { $account }. El identificador de la organización es { $slug }.
# $name: the organisation's name.
org-switch = Actuar en nombre de { $name } en esta sesión
org-members = Miembros
# $count: how many members the organisation has.
org-members-count = { $count ->
    [one] { $count } miembro
   *[other] { $count } miembros
}
org-you = (tú)
# $role; $when: a date and time.
org-joined = { $role } · se unió el { $when }
# $email: a member's address.
org-role-of = Rol de { $email }
org-change-role = Cambiar
org-remove-label = Eliminar a { $email }
org-remove = Eliminar
org-leave = Abandonar
org-invite-title = Invitar a alguien
org-role = Rol
org-invite-submit = Enviar la invitación
org-open-invitations = Invitaciones pendientes
org-invitation-until = { $role } · hasta el { $when }
org-revoke-invitation-label = Revocar la invitación de { $email }
org-revoke = Revocar
org-back = Volver a tu cuenta

## An invitation (invitation.html)

# $organization: the organisation's name.
invitation-joined-title = Te has unido a { $organization }
invitation-joined-lead = Eres miembro de { $organization }, con el rol de { $role }.
invitation-title = ¿Unirte a { $organization }?
# $organization and $role are emphasised.
invitation-lead = Te han invitado a unirte a { $organization } con el rol de { $role }.
invitation-accept = Unirme a { $organization }

## The provider's pages: consent, linking, sign out (consent.html, to_provider.html, logout.html)

# $client: the application's name.
consent-title = ¿Permitir el acceso a { $client }?
consent-heading = ¿Permitir que inicies sesión en { $client } con esta cuenta?
# $host: the site the application describes itself at, emphasised.
consent-document-host = La aplicación { $client } no está registrada aquí: su descripción está en { $host }. Permítela solo si confías en ese sitio.
consent-asks = { $client } solicita:
# $host: where the browser is sent back to, emphasised.
consent-redirect = Después volverás a { $host }. Puedes retirar este permiso en cualquier momento desde la página de tu cuenta.
consent-allow = Permitir
consent-deny = Denegar
scope-openid = Saber quién eres (el identificador de tu cuenta)
scope-profile = Ver tu nombre de usuario
scope-email = Ver tu dirección de correo electrónico y si está confirmada
scope-offline-access = Mantener el acceso cuando no estés presente, hasta que lo retires
scope-organization = Ver en nombre de qué organización actúas y tu rol en ella
# $scope: a permission's technical name.
scope-other = Usar el permiso «{ $scope }»
# $provider: the name of another sign-in service.
to-provider-title = Continuar en { $provider }
to-provider-lead = Inicia sesión allí para vincular esa cuenta a la tuya.
logout-done-title = Sesión cerrada
logout-done-heading = Has cerrado sesión
logout-done-lead = Ya puedes cerrar esta ventana.
logout-log-in-again = Volver a iniciar sesión
logout-title = ¿Cerrar sesión?
logout-client-asks = { $client } solicita cerrar la sesión de tu cuenta.
logout-this-device = ¿Cerrar la sesión de tu cuenta en este dispositivo?
logout-submit = Cerrar sesión
logout-stay = Mantener la sesión iniciada

## Connect a device (device.html, device_confirm.html, device_done.html)

device-title = Conectar un dispositivo
device-lead = Introduce el código que muestra tu dispositivo o herramienta de línea de comandos.
device-code-hint = Ocho letras, por ejemplo BCDF-GHJK.
# One message for any wrong code (unknown, mistyped, expired, used): it reveals nothing more.
device-code-invalid = Ese código no es válido. Compáralo con el que muestra tu dispositivo o vuelve a empezar en el dispositivo.
device-continue = Continuar
device-confirm-heading = ¿Permitir el acceso a { $client } en tu dispositivo?
# $code: the code the device shows, emphasised.
device-confirm-asks = { $client }, en el dispositivo que muestra { $code }, solicita:
device-confirm-no-scopes = Actuar en tu nombre (sin ver tus datos)
device-confirm-warning = Permítelo solo si lo has iniciado tú, en un dispositivo que tienes en tus manos, y si muestra este mismo código. Puedes retirar este permiso en cualquier momento desde la página de tu cuenta.
device-allow = Permitir
device-deny = Denegar
device-connected-title = Dispositivo conectado
device-connected = { $client } ha iniciado sesión con tu cuenta. Puedes volver a tu dispositivo; continuará por sí solo.
device-denied-title = Solicitud denegada
device-denied = { $client } no recibe nada. Si no lo has iniciado tú, puede que alguien te haya enviado el código: ignóralo.

## Mails. $product is the server's name (Portcullis). Each mail has a subject, and its text
## is used in both its plain-text and HTML parts.

mail-footer = Has recibido este correo por una acción realizada en tu cuenta de { $product }.
mail-if-you = Si has sido tú, no tienes que hacer nada. Si no, restablece tu contraseña de inmediato: así se cierran todas las sesiones.
# How long a mailed link works.
mail-expires-minutes = { $count ->
    [one] { $count } minuto
   *[other] { $count } minutos
}
mail-expires-hours = { $count ->
    [one] { $count } hora
   *[other] { $count } horas
}
mail-expires-days = { $count ->
    [one] { $count } día
   *[other] { $count } días
}
mail-verify-subject = Confirma tu dirección de correo electrónico para { $product }
mail-verify-intro = Confirma tu dirección de correo electrónico para { $product }.
mail-verify-open = Abre este enlace para confirmarla:
mail-verify-button = Confirmar dirección de correo electrónico
# $expires: one of mail-expires-…
mail-link-expires = El enlace funciona una sola vez y caduca en { $expires }.
# $choice: the button's text on the page (verify-decline).
mail-verify-not-you = ¿No has creado tú esta cuenta? Entonces no la confirmes: abre el mismo enlace y elige «{ $choice }». Se eliminará la cuenta que alguien registró con tu dirección y nadie podrá iniciar sesión en ella en tu nombre.
mail-reset-subject = Restablece tu contraseña de { $product }
mail-reset-intro = Alguien ha solicitado restablecer la contraseña de tu cuenta de { $product }.
mail-reset-open = Abre este enlace para elegir una nueva contraseña:
mail-reset-button = Elegir una nueva contraseña
mail-reset-expires = El enlace funciona una sola vez y caduca en { $expires }. Si no has sido tú, ignora este correo: tu contraseña no cambiará.
mail-email-login-subject = Inicia sesión en { $product }
mail-email-login-intro = Alguien ha solicitado iniciar sesión en tu cuenta de { $product } con esta dirección.
# $code: the six digits, emphasised.
mail-email-login-code = Tu código de inicio de sesión es { $code }
mail-email-login-open = O abre este enlace para iniciar sesión:
mail-email-login-button = Iniciar sesión
mail-email-login-expires = El código y el enlace funcionan una sola vez y caducan en { $expires }. Si no has sido tú, ignora este correo: nadie puede iniciar sesión sin él.
# $organization: the organisation's name; $inviter: who invites (an address).
mail-invitation-subject = Te han invitado a unirte a { $organization } en { $product }
# $organization is emphasised in the HTML part.
mail-invitation-intro = { $inviter } te invita a unirte a { $organization } en { $product }, con el rol de { $role }.
mail-invitation-open = Abre este enlace para aceptar (antes, inicia sesión o crea una cuenta con esta dirección y confírmala):
mail-invitation-button = Aceptar la invitación
mail-invitation-first = Primero inicia sesión, o crea una cuenta con esta dirección y confírmala.
mail-invitation-expires = El enlace funciona una sola vez y caduca en { $expires }. Si no conoces esta organización, ignora este correo: no pasará nada a menos que aceptes.
mail-password-changed-subject = Se ha cambiado tu contraseña de { $product }
mail-password-changed = Se acaba de cambiar la contraseña de tu cuenta de { $product } y se han cerrado tus otras sesiones.
mail-password-changed-if-you = Si has sido tú, no tienes que hacer nada. Si no, restablece tu contraseña de inmediato y ponte en contacto con tu administrador.
mail-email-change-subject = Se ha solicitado cambiar tu dirección de correo electrónico de { $product }
mail-email-change = Alguien con la sesión iniciada en tu cuenta de { $product } ha solicitado cambiar su dirección de correo electrónico.
mail-email-change-pending = La dirección solo cambiará cuando se abra el enlace enviado a la nueva dirección; hasta entonces, esta sigue siendo la dirección de la cuenta y sigue sirviendo para iniciar sesión.
mail-email-change-if-you = Si has sido tú, no tienes que hacer nada. Si no, cambia tu contraseña de inmediato: así se cierran todas las demás sesiones y el cambio no llegará a completarse.
mail-email-changed-subject = Se ha cambiado la dirección de correo electrónico de tu cuenta de { $product }
mail-email-changed = Un administrador de { $product } ha cambiado la dirección de correo electrónico de tu cuenta. Esta dirección ya no sirve para iniciar sesión en ella y se han cerrado todas las sesiones de la cuenta.
mail-email-changed-if-you = Si no esperabas este cambio, ponte en contacto con el equipo de asistencia del servicio en el que te registraste.
mail-mfa-on-subject = La autenticación de dos factores está activada en tu cuenta de { $product }
mail-mfa-on = Se ha activado la autenticación de dos factores en tu cuenta de { $product }.
mail-mfa-off-subject = La autenticación de dos factores está desactivada en tu cuenta de { $product }
mail-mfa-off = Se ha desactivado la autenticación de dos factores en tu cuenta de { $product }.
mail-passkey-added-subject = Se ha añadido una llave de acceso a tu cuenta de { $product }
mail-passkey-added = Se ha añadido una llave de acceso a tu cuenta de { $product }.
mail-passkey-removed-subject = Se ha eliminado una llave de acceso de tu cuenta de { $product }
mail-passkey-removed = Se ha eliminado una llave de acceso de tu cuenta de { $product }.
# $provider: the name of another sign-in service.
mail-identity-linked-subject = Se ha vinculado un inicio de sesión con { $provider } a tu cuenta de { $product }
mail-identity-linked = Se ha vinculado un inicio de sesión con { $provider } a tu cuenta de { $product }.
mail-identity-linked-then = En ese caso, desvincula también el inicio de sesión con { $provider } en la página de tu cuenta: restablecer la contraseña no lo elimina.
mail-identity-unlinked-subject = Se ha desvinculado un inicio de sesión con { $provider } de tu cuenta de { $product }
mail-identity-unlinked = Se ha desvinculado un inicio de sesión con { $provider } de tu cuenta de { $product }.
mail-codes-replaced-subject = Se han generado nuevos códigos de recuperación para tu cuenta de { $product }
mail-codes-replaced = Se han generado nuevos códigos de recuperación para tu cuenta de { $product }; los anteriores ya no funcionan.
mail-code-used-subject = Se ha usado un código de recuperación para iniciar sesión en { $product }
mail-code-used = Se acaba de usar uno de tus códigos de recuperación de { $product } para iniciar sesión. Cada código funciona una sola vez.
mail-code-used-if-you = Si has sido tú, te recomendamos generar nuevos códigos. Si no, restablece tu contraseña de inmediato: así se cierran todas las sesiones.
mail-breached-subject = Cambia tu contraseña de { $product }
mail-breached = La contraseña que acabas de usar para iniciar sesión en { $product } aparece en una lista de contraseñas expuestas en filtraciones de datos de otros sitios. Los atacantes prueban esas contraseñas primero.
mail-breached-what-to-do = Inicia sesión y cámbiala en la configuración de tu cuenta por una que no uses en ningún otro sitio. Tu contraseña no se ha enviado a nadie: se comprobó en nuestro servidor con una lista guardada allí.
