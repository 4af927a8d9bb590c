# Portcullis: the Italian catalogue, translated from the English reference (locales/en/portcullis.ftl).
# Language: Italian (it). Register: informal "tu", as modern web services do; buttons use the
# "tu" imperative ("Accedi", "Esci").
#
# Every text a person reads on the hosted pages and in mails comes from here. Keys are
# grouped by page; a translation has exactly these keys and, in each message, the same
# variables ({ $name }). Write no HTML: where a sentence holds a link or emphasis, the
# emphasised part is a variable ($link, $account…) that the page fills in.
# Numbers that select a plural form ($count) follow the language's CLDR plural rules:
# Italian has [one], [many] (large round numbers, folded into other here) and *[other].

## Language and formats

# The language's own name, in the language switcher.
language-name = Italiano
# Dates: $day (1-31), $month (one of format-month-1 … format-month-12), $year.
format-date = { $day } { $month } { $year }
# A date and time (UTC): $date (format-date), $hour (00-23), $minute (00-59).
format-datetime = { $date }, { $hour }:{ $minute } UTC
format-month-1 = gen
format-month-2 = feb
format-month-3 = mar
format-month-4 = apr
format-month-5 = mag
format-month-6 = giu
format-month-7 = lug
format-month-8 = ago
format-month-9 = set
format-month-10 = ott
format-month-11 = nov
format-month-12 = dic
# Numbers: the separator of thousands (put a space in quotes: {" "}) and the decimal mark.
format-number-group = .
format-number-decimal = ,

## Every page

site-skip-link = Vai al contenuto
site-language-label = Lingua
site-language-submit = Cambia lingua
# After a form post, the page that goes on to another site by itself.
continue-title = Continua
continue-button = Continua
continue-returning = Ritorno all'applicazione…
continue-signed-in = Accesso eseguito. Ritorno all'applicazione…
go-to-account = Vai al tuo account
# "Not you? Go to your account to sign out first." $link is go-to-account, as a link.
not-you = Non sei tu? { $link } per uscire prima di continuare.
# $account is the signed-in person's email address.
signed-in-as = Hai eseguito l'accesso come { $account }.

## Form fields and their errors

field-email = Email
field-email-address = Indirizzo email
field-email-or-username = Email o nome utente
field-username-optional = Nome utente (facoltativo)
field-username-hint = Da 3 a 32 caratteri tra lettere, cifre, punti, trattini o trattini bassi.
field-password = Password
field-confirm-password = Conferma la password
field-current-password = Password attuale
field-new-password = Nuova password
field-confirm-new-password = Conferma la nuova password
field-code = Codice
field-name = Nome
# A new password's rules, under the field: $min is the fewest characters allowed.
password-hint = Almeno { $min } caratteri; l'ideale è una frase lunga.
password-hint-letter-digit = Almeno { $min } caratteri, con una lettera e una cifra; l'ideale è una frase lunga.
# Under a password field of the account page.
password-recent-hint = Obbligatoria, a meno che tu non abbia eseguito l'accesso negli ultimi minuti.
# The hidden label of a password field next to a button.
password-recent-label = Password (obbligatoria, a meno che tu non abbia eseguito l'accesso negli ultimi minuti)
form-required = Questo campo è obbligatorio.
form-too-many-attempts = Troppi tentativi. Attendi un po' e riprova.
form-passwords-differ = Le due password non coincidono.
form-enter-password = Inserisci la password per continuare.
form-second-factor-needed = Questa sessione non ha usato il tuo secondo fattore: esci e accedi di nuovo usandolo.
form-link-incomplete = Questo link è incompleto. Apri il link completo dall'email.
form-reset-link-invalid = Questo link di reimpostazione non è valido, è scaduto o è già stato usato.
form-verify-link-invalid = Questo link non è valido o è scaduto. Accedi per richiederne uno nuovo.
form-verify-decline-invalid = Questo link non è valido o è scaduto, oppure l'indirizzo è già stato confermato.
form-declined-account-removed = L'account registrato con il tuo indirizzo è stato eliminato: nessuno può più accedervi. Puoi registrarti anche tu quando vuoi.
form-declined-change-cancelled = La sostituzione dell'indirizzo di un account con il tuo è stata annullata.

## Errors from the server, shown over a form or on the error page (by error code)

error-account-exists = Esiste già un account con questo indirizzo email: accedi con quello e collega questo account esterno dalla pagina del tuo account.
error-bad-request = Richiesta non valida.
error-client-managed-by-config = Questa applicazione è gestita dalla configurazione del server.
error-client-not-found = Nessuna applicazione ha questo identificativo.
error-cross-origin-request = Richiesta cross-origin rifiutata.
error-csrf-token = Questo modulo è scaduto. Ricarica la pagina e riprova.
error-email-not-verified = Prima conferma il tuo indirizzo email: apri il link che ti abbiamo inviato via email.
error-email-taken = Indirizzo email già registrato.
error-forbidden = Non hai l'autorizzazione per eseguire questa operazione.
error-grant-not-found = A questa applicazione non è stata concessa alcuna autorizzazione.
error-hs256-mode = Questo server firma i propri token con un segreto condiviso: questa funzione non è disponibile.
error-identity-not-found = Account collegato inesistente.
error-identity-taken = Quell'account è già collegato a un altro account di questo servizio.
error-insufficient-scope = Questa applicazione non è autorizzata a eseguire questa operazione.
error-internal-error = Si è verificato un errore sul server. Riprova più tardi.
error-invalid-api-key = Chiave API non valida o revocata.
error-invalid-authorization-request = La richiesta dell'applicazione non è valida.
error-invalid-body = Impossibile leggere il modulo.
error-invalid-code = Codice non valido o scaduto.
error-invalid-ceremony = La richiesta della passkey è scaduta. Riprova.
error-invalid-client = Applicazione sconosciuta.
error-invalid-credentials = Email o password non validi.
error-invalid-email = Indirizzo email non valido.
error-invalid-field = Un campo contiene un valore non valido.
error-invalid-json = Impossibile leggere la richiesta.
error-invalid-mfa-token = Accesso non valido o scaduto; accedi di nuovo.
error-invalid-password = Password errata.
error-invalid-refresh-token = La tua sessione è scaduta. Accedi di nuovo.
error-invalid-state = L'accesso ha richiesto troppo tempo o è stato avviato altrove. Riprova.
error-invalid-text = Un campo contiene caratteri non consentiti.
error-invalid-token = Questo link non è valido o è scaduto.
error-invalid-username = Nome utente non valido.
error-invitation-not-found = Invito in sospeso inesistente.
error-last-owner = Un'organizzazione deve avere almeno un proprietario.
error-last-way-in = Questo è l'ultimo metodo di accesso dell'account: prima aggiungine un altro.
error-member-not-found = Questa persona non è membro dell'organizzazione.
error-method-not-allowed = Questo indirizzo web non può essere usato in questo modo.
error-mfa-already-enabled = L'autenticazione a due fattori è già attiva.
error-mfa-enrollment-required = Questo account richiede un secondo fattore: prima configurane uno.
error-mfa-not-enabled = L'autenticazione a due fattori è disattivata.
error-mfa-required = Inserisci il codice della tua app di autenticazione.
error-missing-field = Questo campo è obbligatorio.
error-no-pending-enrolment = Prima avvia la configurazione dell'autenticazione a due fattori.
error-not-authenticated = Accedi per continuare.
error-no-passkey = Questo account non ha passkey.
error-not-found = Non trovato.
error-oauth-denied = L'accesso con l'altro account è stato rifiutato.
error-oauth-failed = L'accesso con l'altro account non è riuscito. Riprova.
error-organization-not-found = Organizzazione inesistente.
error-overloaded = Il server è sovraccarico. Riprova tra un momento.
error-passkey-not-found = Passkey inesistente.
error-passkey-rejected = La passkey non è stata accettata.
error-passkey-taken = Questa passkey è già registrata.
error-passkeys-unavailable = Le passkey non sono disponibili su questo server.
passkey-prompt-closed = La richiesta della passkey è stata chiusa o è scaduta.
mfa-codes-file = Codici di recupero di { $product }. Ognuno consente di accedere una sola volta.
error-payload-too-large = I dati inviati sono troppo grandi.
error-rate-limited = Troppi tentativi. Attendi un po' e riprova.
error-reauthentication-required = Inserisci la password per continuare.
error-request-timeout = La richiesta ha richiesto troppo tempo. Riprova.
error-session-not-found = Sessione non trovata.
error-signup-disabled = Non è possibile creare nuovi account in questo modo.
error-slug-taken = Un'altra organizzazione ha già questo nome.
error-timeout = La richiesta ha richiesto troppo tempo; riprova.
error-unavailable = Il servizio non è disponibile. Riprova tra un momento.
error-unknown-email = Nessun utente trovato con questo indirizzo email.
error-unknown-provider = Servizio di accesso inesistente.
error-unsupported-media-type = Il modulo è stato inviato in un formato non accettato.
error-user-not-found = Utente inesistente.
error-username-taken = Nome utente già in uso.
error-weak-password = Questa password non è consentita. Scegline un'altra.
# The password policy's refusals, next to the password field.
error-password-required = La password è obbligatoria
error-password-too-short = La password deve contenere almeno { $min } caratteri
error-password-too-long = La password deve contenere al massimo { $max } caratteri
error-password-letter-digit = La password deve contenere sia lettere sia cifre
error-password-too-common = Questa password è troppo comune; scegline una più difficile da indovinare
error-password-breached = Questa password è comparsa in una violazione di dati, quindi gli aggressori la provano per prima; scegline un’altra

## The error page

error-page-status = Errore { $status }
error-page-unexpected-title = Si è verificato un errore
error-page-unexpected = Il server non è riuscito a gestire questa richiesta. Riprova più tardi.
error-page-rate-limited-title = Troppe richieste
error-page-rate-limited = Troppi tentativi dalla tua rete. Attendi un minuto e riprova.
error-page-not-found-title = Pagina non trovata
error-page-not-found = Non esiste alcuna pagina a questo indirizzo.
error-page-form-expired-title = Questo modulo è scaduto
error-page-form-expired = Torna indietro, ricarica la pagina e invia di nuovo il modulo.
error-page-refused-title = Richiesta rifiutata
error-page-refused = Questa richiesta non proviene dalle pagine di questo sito.
# Over the detail, in English, that an application's developers need (an authorization request's fault).
error-page-technical = Dettagli tecnici per gli sviluppatori dell'applicazione:

## One-time messages after a form

flash-registered = Account creato. Controlla la tua email: troverai un link per confermare l'indirizzo.
flash-check-email = Controlla la tua email. Se a quell'indirizzo corrisponde un account, riceverai un link di reimpostazione.
flash-verification-sent = Controlla la tua email: troverai un nuovo link di conferma.
flash-email-verified = Il tuo indirizzo email è confermato.
flash-logged-out = Disconnessione eseguita.
flash-login-required = Accedi per continuare.
flash-password-changed = Password modificata. Le tue altre sessioni sono state chiuse.
flash-password-reset = Password reimpostata. Accedi con la nuova password.
flash-session-revoked = Sessione revocata.
flash-other-sessions-revoked = Tutte le altre sessioni sono state chiuse.
flash-mfa-disabled = L'autenticazione a due fattori è disattivata.
flash-passkey-added = Passkey aggiunta. Ora puoi usarla per accedere.
flash-passkey-renamed = Passkey rinominata.
flash-passkey-deleted = Passkey eliminata.
flash-identity-unlinked = Account scollegato.
flash-grant-revoked = Autorizzazione revocata. L'applicazione non può più usare il tuo account finché non vi accedi di nuovo.
flash-org-created = Organizzazione creata. Ne sei il proprietario.
# $days: how long the invitation's link works.
flash-org-invited = { $days ->
    [one] Invito inviato. Il link che contiene funziona una sola volta ed è valido per { $days } giorno.
   *[other] Invito inviato. Il link che contiene funziona una sola volta ed è valido per { $days } giorni.
}
flash-org-invitation-revoked = Invito revocato. Il suo link non funziona più.
flash-org-role-changed = Ruolo modificato.
flash-org-member-removed = Membro rimosso.
flash-org-left = Hai lasciato l'organizzazione.
flash-org-switched = Ora questa sessione agisce per conto dell'organizzazione.
flash-language-changed = Lingua modificata.

## Log in (login.html)

login-title = Accedi
login-lead = Ti diamo il bentornato. Accedi per gestire il tuo account.
login-resend-verification = Invia un nuovo link di conferma
login-submit = Accedi
login-passkey = Accedi con una passkey
login-providers-label = Accedi con un altro account
# $provider: the name of another sign-in service (e.g. GitHub).
login-continue-with = Continua con { $provider }
login-email-link = Inviami invece un link di accesso via email
login-forgot = Password dimenticata?
login-new-here = Prima volta qui?
login-create-account = Crea un account

## Create an account (register.html)

register-title = Crea un account
register-lead = Ti invieremo un link per confermare il tuo indirizzo email.
register-submit = Crea account
register-have-account = Hai già un account?
register-log-in = Accedi

## Forgot and reset password (forgot_password.html, reset_password.html)

forgot-title = Password dimenticata?
forgot-lead = Inserisci il tuo indirizzo email e ti invieremo un link per scegliere una nuova password.
forgot-submit = Invia link di reimpostazione
forgot-remembered = Ti è tornata in mente?
forgot-log-in = Accedi
reset-title = Scegli una nuova password
reset-lead = Tutte le sessioni del tuo account verranno chiuse.
reset-submit = Imposta la nuova password
reset-ask-again = Richiedi un nuovo link di reimpostazione

## Confirm an address (verify_email.html)

verify-title = Conferma la tua email
verify-done = Fatto
verify-lead = Un clic e il tuo indirizzo è confermato.
verify-submit = Conferma il mio indirizzo email
verify-not-you = Qualcun altro ha usato il tuo indirizzo? Se non l'hai richiesto tu, non confermarlo:
verify-decline = Non ho creato io questo account

## Sign in by email (email_login.html)

email-login-title = Accesso via email
email-login-sign-in-title = Accedi
email-login-one-click = Un clic e hai eseguito l'accesso.
email-login-submit = Accedi
email-login-check-title = Controlla la tua email
# $email: the address entered, emphasised.
email-login-check-lead = Se { $email } può essere usato per accedere, abbiamo inviato a questo indirizzo un link e un codice di 6 cifre. Apri il link o inserisci qui il codice.
email-login-lead = Ti invieremo via email un link e un codice per accedere, senza bisogno della password.
email-login-send = Inviami un link
email-login-other-way = Accedi in un altro modo

## Second factor (mfa_code.html, mfa_setup.html, mfa_codes.html)

mfa-code-title = Codice di autenticazione a due fattori
mfa-code-heading = Inserisci il codice
mfa-code-lead = Apri la tua app di autenticazione e inserisci il codice di 6 cifre per questo account, oppure uno dei tuoi codici di recupero.
mfa-code-submit = Continua
mfa-code-passkey = Usa invece una passkey
mfa-code-start-over = Ricomincia
mfa-setup-title = Configura l'autenticazione a due fattori
mfa-setup-lead = Scansiona questo codice con un'app di autenticazione, poi inserisci il codice di 6 cifre che l'app mostra.
mfa-setup-qr-alt = Codice QR per la tua app di autenticazione
mfa-setup-key = Oppure digita questa chiave:
mfa-setup-submit = Attiva
mfa-setup-not-now = Non ora
mfa-codes-title = Codici di recupero
mfa-codes-heading = I tuoi codici di recupero
mfa-codes-lead = Conservali in un posto sicuro. Se perdi l'app di autenticazione, ognuno ti permette di accedere una sola volta. Vengono mostrati solo ora.
mfa-codes-download = Scarica come testo
mfa-codes-done = Fatto

## The account page (account.html)

account-title = Il tuo account
account-log-out = Esci
account-profile = Profilo
account-email = Email
account-verified = Verificato
account-not-verified = Non verificato
account-username = Nome utente
account-username-not-set = Non impostato
account-member-since = Membro dal
account-language = Lingua
account-language-default = Automatica (dal browser)
account-language-save = Salva lingua
account-unverified-note = Conferma il tuo indirizzo con il link che ti abbiamo inviato via email. Non l'hai ricevuta?
account-send-new-link = Invia un nuovo link
account-enrol-title = Ancora un passaggio
account-enrol-lead = Questo account richiede un secondo fattore: configurane uno qui sotto per continuare.
account-sessions = Sessioni
# $count: how many sessions the account has.
account-sessions-count = { $count ->
    [one] { $count } sessione
   *[other] { $count } sessioni
}
account-sessions-lead = Dove è stato eseguito l'accesso al tuo account. Revoca qualsiasi sessione che non riconosci.
account-this-device = Questo dispositivo
# $when: a date and time.
account-last-active = ultima attività: { $when }
# $device: e.g. "Firefox on Linux"; $when: a date and time.
account-revoke-session-label = Revoca la sessione di { $device }, ultima attività: { $when }
account-revoke = Revoca
account-revoke-others = Esci da tutti gli altri dispositivi
# How a session's device is named: $browser and $os are product names.
device-browser-on-os = { $browser } su { $os }
device-on-os = Un browser su { $os }
device-unknown = Dispositivo sconosciuto
# A device no rule names: $agent is the start of its browser's own description.
device-other = { $agent }
account-mfa = Autenticazione a due fattori
account-mfa-on = Attiva
account-mfa-on-lead = All'accesso viene chiesto un codice della tua app di autenticazione.
# $count: recovery codes not used yet.
account-recovery-codes-left = { $count ->
    [one] Resta { $count } codice di recupero.
   *[other] Restano { $count } codici di recupero.
}
account-mfa-new-codes = Nuovi codici di recupero
account-mfa-turn-off = Disattiva
account-mfa-off-lead = Oltre alla password, a ogni accesso verrà chiesto un codice di un'app di autenticazione.
account-mfa-set-up = Configura l'autenticazione a due fattori
account-mfa-confirm-first = Prima conferma il tuo indirizzo email: fino ad allora non è possibile aggiungere alcun metodo di accesso.
account-passkeys = Passkey
account-passkeys-lead = Accedi con l'impronta digitale, il volto o il PIN del dispositivo invece che con una password. Se perdi tutte le passkey, la password (o un link di reimpostazione via email) ti permette comunque di accedere.
account-passkey-synced = Sincronizzata
# $when: a date and time.
account-passkey-added = aggiunta: { $when }
account-last-used = ultimo utilizzo: { $when }
# $name: the passkey's name.
account-passkey-rename-label = Nuovo nome per { $name }
account-rename = Rinomina
account-passkey-delete-label = Elimina la passkey { $name }
account-delete = Elimina
account-passkeys-confirm-first = Prima conferma il tuo indirizzo email: fino ad allora non è possibile aggiungere alcuna passkey.
account-passkey-name-hint = Per distinguere le tue passkey, ad es. «Portatile di lavoro».
account-passkey-add = Aggiungi una passkey
account-passkey-needs-script = Per aggiungere una passkey serve JavaScript.
account-identities = Account collegati
account-identities-lead = Accedi con un altro account che possiedi. Per collegarlo devi aver eseguito l'accesso di recente.
account-identity-linked = collegato: { $when }
# $provider: the name of another sign-in service.
account-unlink-label = Scollega { $provider }
account-unlink = Scollega
account-identities-confirm-first = Prima conferma il tuo indirizzo email: fino ad allora non è possibile collegare alcun account.
account-link = Collega { $provider }
account-grants = Applicazioni
account-grants-lead = Le applicazioni a cui hai consentito di farti accedere con questo account. Se ne revochi una, non potrà più usare il tuo account finché non vi accedi di nuovo.
account-granted = autorizzata: { $when }
# $name: the application's name.
account-revoke-grant-label = Revoca l'autorizzazione di { $name }
account-organizations = Organizzazioni
# $count: how many organisations the account belongs to.
account-organizations-count = { $count ->
    [one] Membro di { $count } organizzazione.
   *[other] Membro di { $count } organizzazioni.
}
account-new-organization = Nuova organizzazione
account-create-organization = Crea
account-change-password = Cambia password
account-change-password-lead = Le altre sessioni verranno chiuse; questa resterà attiva.
account-change-password-submit = Cambia password

## Roles in an organisation

role-owner = proprietario
role-admin = amministratore
role-member = membro

## An organisation (organization.html)

# $role (emphasised), $account (an email address), $slug (emphasised).
org-lead = Qui il tuo ruolo è { $role }; hai eseguito l'accesso come { $account }. Lo slug dell'organizzazione è { $slug }.
# $name: the organisation's name.
org-switch = Agisci per conto di { $name } in questa sessione
org-members = Membri
# $count: how many members the organisation has.
org-members-count = { $count ->
    [one] { $count } membro
   *[other] { $count } membri
}
org-you = (tu)
# $role; $when: a date and time.
org-joined = { $role } · nell'organizzazione dal { $when }
# $email: a member's address.
org-role-of = Ruolo di { $email }
org-change-role = Cambia
org-remove-label = Rimuovi { $email }
org-remove = Rimuovi
org-leave = Lascia
org-invite-title = Invita una persona
org-role = Ruolo
org-invite-submit = Invia l'invito
org-open-invitations = Inviti in sospeso
org-invitation-until = { $role } · scadenza: { $when }
org-revoke-invitation-label = Revoca l'invito di { $email }
org-revoke = Revoca
org-back = Torna al tuo account

## An invitation (invitation.html)

# $organization: the organisation's name.
invitation-joined-title = Ora fai parte di { $organization }
invitation-joined-lead = Sei membro di { $organization } con il ruolo di { $role }.
invitation-title = Vuoi unirti a { $organization }?
# $organization and $role are emphasised.
invitation-lead = Hai ricevuto un invito a unirti a { $organization } con il ruolo di { $role }.
invitation-accept = Unisciti a { $organization }

## The provider's pages: consent, linking, sign out (consent.html, to_provider.html, logout.html)

# $client: the application's name.
consent-title = Autorizzare { $client }?
consent-heading = Vuoi consentire a { $client } di farti accedere?
# $host: the site the application describes itself at, emphasised.
consent-document-host = L'applicazione { $client } non è registrata qui: si descrive su { $host }. Autorizzala solo se ti fidi di quel sito.
consent-asks = { $client } chiede di:
# $host: where the browser is sent back to, emphasised.
consent-redirect = Al termine tornerai su { $host }. Puoi revocare questa autorizzazione in qualsiasi momento dalla pagina del tuo account.
consent-allow = Consenti
consent-deny = Rifiuta
scope-openid = Sapere chi sei (l'identificativo del tuo account)
scope-profile = Vedere il tuo nome utente
scope-email = Vedere il tuo indirizzo email e se è confermato
scope-offline-access = Mantenere la connessione anche quando non sei presente, finché non revochi l'autorizzazione
scope-organization = Vedere per quale organizzazione agisci e il tuo ruolo al suo interno
# $scope: a permission's technical name.
scope-other = Usare l'autorizzazione «{ $scope }»
# $provider: the name of another sign-in service.
to-provider-title = Continua su { $provider }
to-provider-lead = Accedi lì per collegarlo al tuo account.
logout-done-title = Disconnessione eseguita
logout-done-heading = Hai chiuso la sessione
logout-done-lead = Puoi chiudere questa finestra.
logout-log-in-again = Accedi di nuovo
logout-title = Uscire?
logout-client-asks = { $client } chiede di farti uscire dal tuo account.
logout-this-device = Vuoi uscire dal tuo account su questo dispositivo?
logout-submit = Esci
logout-stay = Non uscire

## Connect a device (device.html, device_confirm.html, device_done.html)

device-title = Collega un dispositivo
device-lead = Inserisci il codice mostrato dal tuo dispositivo o dallo strumento a riga di comando.
device-code-hint = Otto lettere, ad esempio BCDF-GHJK.
# One message for any wrong code (unknown, mistyped, expired, used): it reveals nothing more.
device-code-invalid = Questo codice non è valido. Confrontalo con quello mostrato dal tuo dispositivo, oppure ricomincia dal dispositivo.
device-continue = Continua
device-confirm-heading = Consentire a { $client } l'accesso sul tuo dispositivo?
# $code: the code the device shows, emphasised.
device-confirm-asks = { $client }, sul dispositivo che mostra { $code }, chiede di:
device-confirm-no-scopes = Agire per tuo conto (senza vedere i tuoi dati)
device-confirm-warning = Consentilo solo se hai avviato tu questa operazione, su un dispositivo che hai in mano, e se mostra questo stesso codice. Puoi revocare questa autorizzazione in qualsiasi momento dalla pagina del tuo account.
device-allow = Consenti
device-deny = Rifiuta
device-connected-title = Dispositivo collegato
device-connected = { $client } ha eseguito l'accesso con il tuo account. Puoi tornare al tuo dispositivo: proseguirà da solo.
device-denied-title = Richiesta rifiutata
device-denied = { $client } non riceve nulla. Se non hai avviato tu questa operazione, qualcuno potrebbe averti inviato il codice: ignoralo.

## Mails. $product is the server's name (Portcullis). Each mail has a subject, and its text
## is used in both its plain-text and HTML parts.

mail-footer = Hai ricevuto questa email in seguito a un'operazione sul tuo account { $product }.
mail-if-you = Se hai eseguito tu questa operazione, non devi fare nulla. In caso contrario, reimposta subito la password: così verranno chiuse tutte le sessioni.
# How long a mailed link works.
mail-expires-minutes = { $count ->
    [one] { $count } minuto
   *[other] { $count } minuti
}
mail-expires-hours = { $count ->
    [one] { $count } ora
   *[other] { $count } ore
}
mail-expires-days = { $count ->
    [one] { $count } giorno
   *[other] { $count } giorni
}
mail-verify-subject = Conferma il tuo indirizzo email per { $product }
mail-verify-intro = Conferma il tuo indirizzo email per { $product }.
mail-verify-open = Apri questo link per confermarlo:
mail-verify-button = Conferma indirizzo email
# $expires: one of mail-expires-…
mail-link-expires = Il link funziona una sola volta e scade tra { $expires }.
# $choice: the button's text on the page (verify-decline).
mail-verify-not-you = Non hai creato tu questo account? Allora non confermarlo: apri lo stesso link e scegli «{ $choice }». L'account che qualcuno ha registrato con il tuo indirizzo verrà eliminato e nessuno potrà accedervi a tuo nome.
mail-reset-subject = Reimposta la password di { $product }
mail-reset-intro = Qualcuno ha chiesto di reimpostare la password del tuo account { $product }.
mail-reset-open = Apri questo link per scegliere una nuova password:
mail-reset-button = Scegli una nuova password
mail-reset-expires = Il link funziona una sola volta e scade tra { $expires }. Se non hai fatto tu la richiesta, ignora questa email: la tua password resterà invariata.
mail-email-login-subject = Accedi a { $product }
mail-email-login-intro = Qualcuno ha chiesto di accedere al tuo account { $product } con questo indirizzo.
# $code: the six digits, emphasised.
mail-email-login-code = Il tuo codice di accesso è { $code }
mail-email-login-open = Oppure apri questo link per accedere:
mail-email-login-button = Accedi
mail-email-login-expires = Il codice e il link funzionano una sola volta e scadono tra { $expires }. Se non hai fatto tu la richiesta, ignora questa email: senza di essa nessuno può accedere.
# $organization: the organisation's name; $inviter: who invites (an address).
mail-invitation-subject = Hai ricevuto un invito a unirti a { $organization } su { $product }
# $organization is emphasised in the HTML part.
mail-invitation-intro = { $inviter } ti invita a unirti a { $organization } su { $product } con il ruolo di { $role }.
mail-invitation-open = Apri questo link per accettare (prima accedi, oppure crea un account con questo indirizzo e confermalo):
mail-invitation-button = Accetta l'invito
mail-invitation-first = Prima accedi, oppure crea un account con questo indirizzo e confermalo.
mail-invitation-expires = Il link funziona una sola volta e scade tra { $expires }. Se non conosci questa organizzazione, ignora questa email: non succede nulla se non accetti.
mail-password-changed-subject = La password di { $product } è stata modificata
mail-password-changed = La password del tuo account { $product } è stata appena modificata e le altre sessioni sono state chiuse.
mail-password-changed-if-you = Se hai eseguito tu questa operazione, non devi fare nulla. In caso contrario, reimposta subito la password e contatta il tuo amministratore.
mail-email-change-subject = È stata richiesta la modifica del tuo indirizzo email di { $product }
mail-email-change = Qualcuno che ha eseguito l'accesso al tuo account { $product } ha chiesto di modificarne l'indirizzo email.
mail-email-change-pending = L'indirizzo cambia solo quando viene aperto il link inviato al nuovo indirizzo; fino ad allora questo resta l'indirizzo dell'account e consente ancora di accedere.
mail-email-change-if-you = Se hai eseguito tu questa operazione, non devi fare nulla. In caso contrario, cambia subito la password: così verranno chiuse tutte le altre sessioni e la modifica non verrà mai completata.
mail-email-changed-subject = L'indirizzo email del tuo account { $product } è stato modificato
mail-email-changed = Un amministratore di { $product } ha modificato l'indirizzo email del tuo account. Questo indirizzo non consente più di accedervi e tutte le sessioni dell'account sono state chiuse.
mail-email-changed-if-you = Se non te lo aspettavi, contatta l'assistenza del servizio con cui hai creato l'account.
mail-mfa-on-subject = L'autenticazione a due fattori è attiva per il tuo account { $product }
mail-mfa-on = L'autenticazione a due fattori è stata attivata per il tuo account { $product }.
mail-mfa-off-subject = L'autenticazione a due fattori è disattivata per il tuo account { $product }
mail-mfa-off = L'autenticazione a due fattori è stata disattivata per il tuo account { $product }.
mail-passkey-added-subject = È stata aggiunta una passkey al tuo account { $product }
mail-passkey-added = È stata aggiunta una passkey al tuo account { $product }.
mail-passkey-removed-subject = È stata rimossa una passkey dal tuo account { $product }
mail-passkey-removed = È stata rimossa una passkey dal tuo account { $product }.
# $provider: the name of another sign-in service.
mail-identity-linked-subject = L'accesso con { $provider } è stato collegato al tuo account { $product }
mail-identity-linked = L'accesso con { $provider } è stato collegato al tuo account { $product }.
mail-identity-linked-then = Poi scollega l'accesso con { $provider } dalla pagina del tuo account: la reimpostazione della password non lo rimuove.
mail-identity-unlinked-subject = L'accesso con { $provider } è stato scollegato dal tuo account { $product }
mail-identity-unlinked = L'accesso con { $provider } è stato scollegato dal tuo account { $product }.
mail-codes-replaced-subject = Sono stati generati nuovi codici di recupero per il tuo account { $product }
mail-codes-replaced = Sono stati generati nuovi codici di recupero per il tuo account { $product }; quelli vecchi non funzionano più.
mail-code-used-subject = È stato usato un codice di recupero per accedere a { $product }
mail-code-used = Uno dei tuoi codici di recupero di { $product } è stato appena usato per accedere. Ogni codice funziona una sola volta.
mail-code-used-if-you = Se hai eseguito tu questa operazione, valuta di generare nuovi codici. In caso contrario, reimposta subito la password: così verranno chiuse tutte le sessioni.
mail-breached-subject = Cambia la tua password di { $product }
mail-breached = La password che hai appena usato per accedere a { $product } compare in un elenco di password esposte in violazioni di dati altrove. Gli aggressori provano per prime queste password.
mail-breached-what-to-do = Accedi e cambiala nelle impostazioni del tuo account con una che non usi da nessun’altra parte. La tua password non è stata comunicata a nessuno: è stata controllata sul nostro server con un elenco conservato lì.
