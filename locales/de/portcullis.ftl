# Portcullis: the German catalogue, translated from the English one (locales/en/portcullis.ftl), the reference.
#
# This file: German (de). Register: formal "Sie"; German quotes („…“); durations in mail-expires-* are in the dative ("in 7 Tagen").
#
# Every text a person reads on the hosted pages and in mails comes from here. Keys are
# grouped by page; a translation has exactly these keys and, in each message, the same
# variables ({ $name }). Write no HTML: where a sentence holds a link or emphasis, the
# emphasised part is a variable ($link, $account…) that the page fills in.
# Numbers that select a plural form ($count) follow the language's CLDR plural rules:
# give the categories your language has ([zero], [one], [two], [few], [many], *[other]).

## Language and formats

# The language's own name, in the language switcher.
language-name = Deutsch
# Dates: $day (1-31), $month (one of format-month-1 … format-month-12), $year.
format-date = { $day }. { $month } { $year }
# A date and time (UTC): $date (format-date), $hour (00-23), $minute (00-59).
format-datetime = { $date }, { $hour }:{ $minute } UTC
format-month-1 = Jan.
format-month-2 = Feb.
format-month-3 = März
format-month-4 = Apr.
format-month-5 = Mai
format-month-6 = Juni
format-month-7 = Juli
format-month-8 = Aug.
format-month-9 = Sept.
format-month-10 = Okt.
format-month-11 = Nov.
format-month-12 = Dez.
# Numbers: the separator of thousands (put a space in quotes: {" "}) and the decimal mark.
format-number-group = .
format-number-decimal = ,

## Every page

site-skip-link = Zum Inhalt springen
site-language-label = Sprache
site-language-submit = Sprache ändern
# After a form post, the page that goes on to another site by itself.
continue-title = Weiter
continue-button = Weiter
continue-returning = Zurück zur Anwendung …
continue-signed-in = Angemeldet. Zurück zur Anwendung …
go-to-account = Zu Ihrem Konto
# "Not you? Go to your account to sign out first." $link is go-to-account, as a link.
not-you = Nicht Sie? Melden Sie sich zuerst ab: { $link }
# $account is the signed-in person's email address.
signed-in-as = Sie sind als { $account } angemeldet.

## Form fields and their errors

field-email = E-Mail-Adresse
field-email-address = E-Mail-Adresse
field-email-or-username = E-Mail-Adresse oder Benutzername
field-username-optional = Benutzername (optional)
field-username-hint = 3 bis 32 Buchstaben, Ziffern, Punkte, Bindestriche oder Unterstriche.
field-password = Passwort
field-confirm-password = Passwort bestätigen
field-current-password = Aktuelles Passwort
field-new-password = Neues Passwort
field-confirm-new-password = Neues Passwort bestätigen
field-code = Code
field-name = Name
# A new password's rules, under the field: $min is the fewest characters allowed.
password-hint = Mindestens { $min } Zeichen; am besten ein langer Satz.
password-hint-letter-digit = Mindestens { $min } Zeichen, mit einem Buchstaben und einer Ziffer; am besten ein langer Satz.
# Under a password field of the account page.
password-recent-hint = Erforderlich, sofern Sie sich nicht in den letzten Minuten angemeldet haben.
# The hidden label of a password field next to a button.
password-recent-label = Passwort (erforderlich, sofern Sie sich nicht in den letzten Minuten angemeldet haben)
form-required = Dieses Feld ist erforderlich.
form-too-many-attempts = Zu viele Versuche. Warten Sie kurz und versuchen Sie es dann erneut.
form-passwords-differ = Die beiden Passwörter stimmen nicht überein.
form-enter-password = Geben Sie Ihr Passwort ein, um fortzufahren.
form-second-factor-needed = In dieser Sitzung wurde Ihr zweiter Faktor nicht verwendet: Melden Sie sich ab und mit dem zweiten Faktor erneut an.
form-link-incomplete = Dieser Link ist unvollständig. Öffnen Sie den vollständigen Link aus der E-Mail.
form-reset-link-invalid = Dieser Link zum Zurücksetzen ist ungültig, abgelaufen oder wurde bereits verwendet.
form-verify-link-invalid = Dieser Link ist ungültig oder abgelaufen. Melden Sie sich an, um einen neuen anzufordern.
form-verify-decline-invalid = Dieser Link ist ungültig oder abgelaufen, oder die Adresse ist bereits bestätigt.
form-declined-account-removed = Das mit Ihrer Adresse registrierte Konto wurde entfernt: Niemand kann sich damit anmelden. Sie können sich jederzeit selbst registrieren.
form-declined-change-cancelled = Die Änderung der Adresse eines Kontos auf Ihre Adresse wurde abgebrochen.

## Errors from the server, shown over a form or on the error page (by error code)

error-account-exists = Zu dieser E-Mail-Adresse gibt es bereits ein Konto: Melden Sie sich an und verknüpfen Sie dieses Konto auf Ihrer Kontoseite.
error-bad-request = Ungültige Anfrage.
error-client-managed-by-config = Diese Anwendung wird über die Konfiguration des Servers verwaltet.
error-client-not-found = Keine Anwendung hat diese Kennung.
error-cross-origin-request = Ursprungsübergreifende Anfrage abgelehnt.
error-csrf-token = Dieses Formular ist abgelaufen. Laden Sie die Seite neu und versuchen Sie es erneut.
error-email-not-verified = Bestätigen Sie zuerst Ihre E-Mail-Adresse: Folgen Sie dem Link, den wir Ihnen per E-Mail geschickt haben.
error-email-taken = E-Mail-Adresse bereits registriert.
error-forbidden = Dazu sind Sie nicht berechtigt.
error-grant-not-found = Dieser Anwendung wurde kein Zugriff gewährt.
error-hs256-mode = Dieser Server signiert seine Tokens mit einem gemeinsamen Geheimnis: Diese Funktion ist nicht verfügbar.
error-identity-not-found = Verknüpftes Konto nicht gefunden.
error-identity-taken = Dieses Konto ist hier bereits mit einem anderen Konto verknüpft.
error-insufficient-scope = Diese Anwendung ist dazu nicht berechtigt.
error-internal-error = Auf dem Server ist ein Fehler aufgetreten. Versuchen Sie es später erneut.
error-invalid-api-key = Ungültiger oder widerrufener API-Schlüssel.
error-invalid-authorization-request = Die Anfrage der Anwendung ist ungültig.
error-invalid-body = Das Formular konnte nicht gelesen werden.
error-invalid-code = Ungültiger oder abgelaufener Code.
error-invalid-ceremony = Die Passkey-Anfrage ist abgelaufen. Versuchen Sie es erneut.
error-invalid-client = Unbekannte Anwendung.
error-invalid-credentials = E-Mail-Adresse oder Passwort ungültig.
error-invalid-email = Ungültige E-Mail-Adresse.
error-invalid-field = Ein Feld enthält einen ungültigen Wert.
error-invalid-json = Die Anfrage konnte nicht gelesen werden.
error-invalid-mfa-token = Ungültige oder abgelaufene Anmeldung; melden Sie sich erneut an.
error-invalid-password = Das Passwort ist falsch.
error-invalid-refresh-token = Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an.
error-invalid-state = Die Anmeldung hat zu lange gedauert oder wurde an anderer Stelle begonnen. Versuchen Sie es erneut.
error-invalid-text = Ein Feld enthält unzulässige Zeichen.
error-invalid-token = Dieser Link ist ungültig oder abgelaufen.
error-invalid-username = Ungültiger Benutzername.
error-invitation-not-found = Offene Einladung nicht gefunden.
error-last-owner = Eine Organisation braucht mindestens einen Inhaber.
error-last-way-in = Dies ist die letzte Anmeldemöglichkeit für dieses Konto: Fügen Sie zuerst eine weitere hinzu.
error-member-not-found = Mitglied in dieser Organisation nicht gefunden.
error-method-not-allowed = Diese Adresse kann nicht auf diese Weise verwendet werden.
error-mfa-already-enabled = Die Zwei-Faktor-Authentifizierung ist bereits aktiviert.
error-mfa-enrollment-required = Dieses Konto benötigt einen zweiten Faktor: Richten Sie zuerst einen ein.
error-mfa-not-enabled = Die Zwei-Faktor-Authentifizierung ist deaktiviert.
error-mfa-required = Geben Sie den Code aus Ihrer Authenticator-App ein.
error-missing-field = Dieses Feld ist erforderlich.
error-no-pending-enrolment = Beginnen Sie zuerst mit der Einrichtung der Zwei-Faktor-Authentifizierung.
error-not-authenticated = Melden Sie sich an, um fortzufahren.
error-no-passkey = Dieses Konto hat keinen Passkey.
error-not-found = Nicht gefunden.
error-oauth-denied = Die Anmeldung mit dem anderen Konto wurde abgelehnt.
error-oauth-failed = Die Anmeldung mit dem anderen Konto ist fehlgeschlagen. Versuchen Sie es erneut.
error-organization-not-found = Organisation nicht gefunden.
error-overloaded = Der Server ist ausgelastet. Versuchen Sie es gleich noch einmal.
error-passkey-not-found = Passkey nicht gefunden.
error-passkey-rejected = Der Passkey wurde nicht akzeptiert.
error-passkey-taken = Dieser Passkey ist bereits registriert.
error-passkeys-unavailable = Passkeys sind auf diesem Server nicht verfügbar.
passkey-prompt-closed = Die Passkey-Abfrage wurde geschlossen oder ist abgelaufen.
mfa-codes-file = { $product }-Wiederherstellungscodes. Jeder Code gilt für eine einzige Anmeldung.
error-payload-too-large = Die gesendeten Daten sind zu groß.
error-rate-limited = Zu viele Versuche. Warten Sie kurz und versuchen Sie es dann erneut.
error-reauthentication-required = Geben Sie Ihr Passwort ein, um fortzufahren.
error-request-timeout = Die Anfrage hat zu lange gedauert. Versuchen Sie es erneut.
error-session-not-found = Sitzung nicht gefunden.
error-signup-disabled = Auf diese Weise können keine neuen Konten erstellt werden.
error-slug-taken = Eine andere Organisation hat bereits diesen Namen.
error-timeout = Die Anfrage hat zu lange gedauert; versuchen Sie es erneut.
error-unavailable = Der Dienst ist nicht verfügbar. Versuchen Sie es gleich noch einmal.
error-unknown-email = Kein Benutzer mit dieser E-Mail-Adresse gefunden.
error-unknown-provider = Unbekannter Anmeldedienst.
error-unsupported-media-type = Das Formular wurde in einem nicht unterstützten Format gesendet.
error-user-not-found = Benutzer nicht gefunden.
error-username-taken = Benutzername bereits vergeben.
error-weak-password = Dieses Passwort ist nicht zulässig. Wählen Sie ein anderes.
# The password policy's refusals, next to the password field.
error-password-required = Passwort ist erforderlich
error-password-too-short = Das Passwort muss mindestens { $min } Zeichen lang sein
error-password-too-long = Das Passwort darf höchstens { $max } Zeichen lang sein
error-password-letter-digit = Das Passwort muss sowohl Buchstaben als auch Ziffern enthalten
error-password-too-common = Dieses Passwort ist zu verbreitet; wählen Sie eines, das schwerer zu erraten ist
error-password-breached = Dieses Passwort ist in einem Datenleck aufgetaucht, daher probieren Angreifer es zuerst; wählen Sie ein anderes

## The error page

error-page-status = Fehler { $status }
error-page-unexpected-title = Etwas ist schiefgelaufen
error-page-unexpected = Der Server konnte diese Anfrage nicht verarbeiten. Versuchen Sie es später erneut.
error-page-rate-limited-title = Zu viele Anfragen
error-page-rate-limited = Zu viele Versuche aus Ihrem Netzwerk. Warten Sie eine Minute und versuchen Sie es dann erneut.
error-page-not-found-title = Seite nicht gefunden
error-page-not-found = Unter dieser Adresse gibt es keine Seite.
error-page-form-expired-title = Dieses Formular ist abgelaufen
error-page-form-expired = Gehen Sie zurück, laden Sie die Seite neu und senden Sie das Formular erneut ab.
error-page-refused-title = Anfrage abgelehnt
error-page-refused = Diese Anfrage stammt nicht von den Seiten dieser Website.
# Over the detail, in English, that an application's developers need (an authorization request's fault).
error-page-technical = Technische Details für die Entwickler der Anwendung:

## One-time messages after a form

flash-registered = Konto erstellt. Prüfen Sie Ihr Postfach: Sie finden dort einen Link, um Ihre Adresse zu bestätigen.
flash-check-email = Prüfen Sie Ihr Postfach. Falls zu dieser Adresse ein Konto existiert, ist ein Link zum Zurücksetzen unterwegs.
flash-verification-sent = Prüfen Sie Ihr Postfach: Wir haben Ihnen einen neuen Bestätigungslink geschickt.
flash-email-verified = Ihre E-Mail-Adresse ist bestätigt.
flash-logged-out = Sie haben sich abgemeldet.
flash-login-required = Bitte melden Sie sich an, um fortzufahren.
flash-password-changed = Passwort geändert. Ihre anderen Sitzungen wurden beendet.
flash-password-reset = Passwort zurückgesetzt. Melden Sie sich mit Ihrem neuen Passwort an.
flash-session-revoked = Sitzung widerrufen.
flash-other-sessions-revoked = Alle anderen Sitzungen wurden beendet.
flash-mfa-disabled = Die Zwei-Faktor-Authentifizierung ist deaktiviert.
flash-passkey-added = Passkey hinzugefügt. Sie können sich jetzt damit anmelden.
flash-passkey-renamed = Passkey umbenannt.
flash-passkey-deleted = Passkey gelöscht.
flash-identity-unlinked = Verknüpfung aufgehoben.
flash-grant-revoked = Zugriff entzogen. Die Anwendung kann Ihr Konto nicht mehr verwenden, bis Sie sich erneut bei ihr anmelden.
flash-org-created = Organisation erstellt. Sie sind ihr Inhaber.
# $days: how long the invitation's link works.
flash-org-invited = { $days ->
    [one] Einladung gesendet. Der enthaltene Link funktioniert nur einmal und ist { $days } Tag lang gültig.
   *[other] Einladung gesendet. Der enthaltene Link funktioniert nur einmal und ist { $days } Tage lang gültig.
}
flash-org-invitation-revoked = Einladung widerrufen. Ihr Link funktioniert nicht mehr.
flash-org-role-changed = Rolle geändert.
flash-org-member-removed = Mitglied entfernt.
flash-org-left = Sie haben die Organisation verlassen.
flash-org-switched = Diese Sitzung handelt jetzt im Namen der Organisation.
flash-language-changed = Sprache geändert.

## Log in (login.html)

login-title = Anmelden
login-lead = Willkommen zurück. Melden Sie sich an, um Ihr Konto zu verwalten.
login-resend-verification = Neuen Bestätigungslink senden
login-submit = Anmelden
login-passkey = Mit Passkey anmelden
login-providers-label = Mit einem anderen Konto anmelden
# $provider: the name of another sign-in service (e.g. GitHub).
login-continue-with = Weiter mit { $provider }
login-email-link = Stattdessen Anmeldelink per E-Mail erhalten
login-forgot = Passwort vergessen?
login-new-here = Neu hier?
login-create-account = Konto erstellen

## Create an account (register.html)

register-title = Konto erstellen
register-lead = Wir senden Ihnen einen Link, um Ihre E-Mail-Adresse zu bestätigen.
register-submit = Konto erstellen
register-have-account = Sie haben bereits ein Konto?
register-log-in = Anmelden

## Forgot and reset password (forgot_password.html, reset_password.html)

forgot-title = Passwort vergessen?
forgot-lead = Geben Sie Ihre E-Mail-Adresse ein. Wir senden Ihnen dann einen Link, mit dem Sie ein neues Passwort wählen können.
forgot-submit = Link zum Zurücksetzen senden
forgot-remembered = Doch wieder eingefallen?
forgot-log-in = Anmelden
reset-title = Neues Passwort wählen
reset-lead = Alle Sitzungen Ihres Kontos werden beendet.
reset-submit = Neues Passwort festlegen
reset-ask-again = Neuen Link zum Zurücksetzen anfordern

## Confirm an address (verify_email.html)

verify-title = E-Mail-Adresse bestätigen
verify-done = Fertig
verify-lead = Ein Klick, und Ihre Adresse ist bestätigt.
verify-submit = Meine E-Mail-Adresse bestätigen
verify-not-you = Hat jemand anderes Ihre Adresse verwendet? Wenn Sie dies nicht angefordert haben, bestätigen Sie die Adresse nicht:
verify-decline = Ich habe dieses Konto nicht erstellt

## Sign in by email (email_login.html)

email-login-title = Anmeldung per E-Mail
email-login-sign-in-title = Anmelden
email-login-one-click = Ein Klick, und Sie sind angemeldet.
email-login-submit = Anmelden
email-login-check-title = Prüfen Sie Ihr Postfach
# $email: the address entered, emphasised.
email-login-check-lead = Falls mit { $email } eine Anmeldung möglich ist, haben wir an diese Adresse einen Link und einen 6-stelligen Code gesendet. Öffnen Sie den Link oder geben Sie den Code hier ein.
email-login-lead = Wir senden Ihnen per E-Mail einen Link und einen Code, mit denen Sie sich ohne Passwort anmelden.
email-login-send = Link per E-Mail senden
email-login-other-way = Auf andere Weise anmelden

## Second factor (mfa_code.html, mfa_setup.html, mfa_codes.html)

mfa-code-title = Zwei-Faktor-Code
mfa-code-heading = Code eingeben
mfa-code-lead = Öffnen Sie Ihre Authenticator-App und geben Sie den 6-stelligen Code für dieses Konto oder einen Ihrer Wiederherstellungscodes ein.
mfa-code-submit = Weiter
mfa-code-passkey = Stattdessen Passkey verwenden
mfa-code-start-over = Neu beginnen
mfa-setup-title = Zwei-Faktor-Authentifizierung einrichten
mfa-setup-lead = Scannen Sie diesen Code mit einer Authenticator-App und geben Sie dann den 6-stelligen Code ein, den sie anzeigt.
mfa-setup-qr-alt = QR-Code für Ihre Authenticator-App
mfa-setup-key = Oder geben Sie diesen Schlüssel ein:
mfa-setup-submit = Aktivieren
mfa-setup-not-now = Nicht jetzt
mfa-codes-title = Wiederherstellungscodes
mfa-codes-heading = Ihre Wiederherstellungscodes
mfa-codes-lead = Bewahren Sie diese Codes sicher auf. Mit jedem Code können Sie sich einmal anmelden, falls Sie Ihre Authenticator-App verlieren. Die Codes werden nur dieses eine Mal angezeigt.
mfa-codes-download = Als Text herunterladen
mfa-codes-done = Fertig

## The account page (account.html)

account-title = Ihr Konto
account-log-out = Abmelden
account-profile = Profil
account-email = E-Mail-Adresse
account-verified = Verifiziert
account-not-verified = Nicht verifiziert
account-username = Benutzername
account-username-not-set = Nicht festgelegt
account-member-since = Mitglied seit
account-language = Sprache
account-language-default = Automatisch (aus dem Browser)
account-language-save = Sprache speichern
account-unverified-note = Bestätigen Sie Ihre Adresse über den Link, den wir Ihnen per E-Mail geschickt haben. Keine E-Mail erhalten?
account-send-new-link = Neuen Link senden
account-enrol-title = Noch ein Schritt
account-enrol-lead = Dieses Konto benötigt einen zweiten Faktor: Richten Sie unten einen ein, um fortzufahren.
account-sessions = Sitzungen
# $count: how many sessions the account has.
account-sessions-count = { $count ->
    [one] { $count } Sitzung
   *[other] { $count } Sitzungen
}
account-sessions-lead = Hier sehen Sie, wo Ihr Konto angemeldet ist. Widerrufen Sie jede Sitzung, die Sie nicht wiedererkennen.
account-this-device = Dieses Gerät
# $when: a date and time.
account-last-active = zuletzt aktiv am { $when }
# $device: e.g. "Firefox on Linux"; $when: a date and time.
account-revoke-session-label = Sitzung auf { $device } widerrufen, zuletzt aktiv am { $when }
account-revoke = Widerrufen
account-revoke-others = Auf allen anderen Geräten abmelden
# How a session's device is named: $browser and $os are product names.
device-browser-on-os = { $browser } unter { $os }
device-on-os = Ein Browser unter { $os }
device-unknown = Unbekanntes Gerät
# A device no rule names: $agent is the start of its browser's own description.
device-other = { $agent }
account-mfa = Zwei-Faktor-Authentifizierung
account-mfa-on = Aktiviert
account-mfa-on-lead = Bei der Anmeldung wird ein Code aus Ihrer Authenticator-App abgefragt.
# $count: recovery codes not used yet.
account-recovery-codes-left = { $count ->
    [one] Noch { $count } Wiederherstellungscode übrig.
   *[other] Noch { $count } Wiederherstellungscodes übrig.
}
account-mfa-new-codes = Neue Wiederherstellungscodes
account-mfa-turn-off = Deaktivieren
account-mfa-off-lead = Bei der Anmeldung zusätzlich zu Ihrem Passwort einen Code aus einer Authenticator-App abfragen.
account-mfa-set-up = Zwei-Faktor-Authentifizierung einrichten
account-mfa-confirm-first = Bestätigen Sie zuerst Ihre E-Mail-Adresse: Bis dahin kann keine Anmeldemethode hinzugefügt werden.
account-passkeys = Passkeys
account-passkeys-lead = Melden Sie sich statt mit einem Passwort mit Ihrem Fingerabdruck, Ihrem Gesicht oder der PIN Ihres Geräts an. Wenn Sie alle Passkeys verlieren, können Sie sich weiterhin mit Ihrem Passwort (oder einem Link zum Zurücksetzen per E-Mail) anmelden.
account-passkey-synced = Synchronisiert
# $when: a date and time.
account-passkey-added = hinzugefügt am { $when }
account-last-used = zuletzt verwendet am { $when }
# $name: the passkey's name.
account-passkey-rename-label = Neuer Name für { $name }
account-rename = Umbenennen
account-passkey-delete-label = Passkey { $name } löschen
account-delete = Löschen
account-passkeys-confirm-first = Bestätigen Sie zuerst Ihre E-Mail-Adresse: Bis dahin kann kein Passkey hinzugefügt werden.
account-passkey-name-hint = Damit Sie Ihre Passkeys unterscheiden können, z. B. „Arbeitslaptop“.
account-passkey-add = Passkey hinzufügen
account-passkey-needs-script = Zum Hinzufügen eines Passkeys wird JavaScript benötigt.
account-identities = Verknüpfte Konten
account-identities-lead = Melden Sie sich mit einem anderen Konto an, das Sie besitzen. Zum Verknüpfen ist eine kürzliche Anmeldung erforderlich.
account-identity-linked = verknüpft am { $when }
# $provider: the name of another sign-in service.
account-unlink-label = Verknüpfung mit { $provider } aufheben
account-unlink = Verknüpfung aufheben
account-identities-confirm-first = Bestätigen Sie zuerst Ihre E-Mail-Adresse: Bis dahin kann kein Konto verknüpft werden.
account-link = Mit { $provider } verknüpfen
account-grants = Anwendungen
account-grants-lead = Anwendungen, denen Sie die Anmeldung mit diesem Konto erlaubt haben. Widerrufen Sie den Zugriff einer Anwendung, kann sie Ihr Konto nicht mehr verwenden, bis Sie sich erneut bei ihr anmelden.
account-granted = gewährt am { $when }
# $name: the application's name.
account-revoke-grant-label = Zugriff von { $name } widerrufen
account-organizations = Organisationen
# $count: how many organisations the account belongs to.
account-organizations-count = { $count ->
    [one] Mitglied von { $count } Organisation.
   *[other] Mitglied von { $count } Organisationen.
}
account-new-organization = Neue Organisation
account-create-organization = Erstellen
account-change-password = Passwort ändern
account-change-password-lead = Ihre anderen Sitzungen werden beendet; diese Sitzung bleibt bestehen.
account-change-password-submit = Passwort ändern

## Roles in an organisation

role-owner = Inhaber
role-admin = Administrator
role-member = Mitglied

## An organisation (organization.html)

# $role (emphasised), $account (an email address), $slug (emphasised).
org-lead = Sie sind hier { $role } und als { $account } angemeldet. Der Kurzname der Organisation lautet { $slug }.
# $name: the organisation's name.
org-switch = In dieser Sitzung im Namen von { $name } handeln
org-members = Mitglieder
# $count: how many members the organisation has.
org-members-count = { $count ->
    [one] { $count } Mitglied
   *[other] { $count } Mitglieder
}
org-you = (Sie)
# $role; $when: a date and time.
org-joined = { $role } · beigetreten am { $when }
# $email: a member's address.
org-role-of = Rolle von { $email }
org-change-role = Ändern
org-remove-label = { $email } entfernen
org-remove = Entfernen
org-leave = Verlassen
org-invite-title = Jemanden einladen
org-role = Rolle
org-invite-submit = Einladung senden
org-open-invitations = Offene Einladungen
org-invitation-until = { $role } · gültig bis { $when }
org-revoke-invitation-label = Einladung an { $email } widerrufen
org-revoke = Widerrufen
org-back = Zurück zu Ihrem Konto

## An invitation (invitation.html)

# $organization: the organisation's name.
invitation-joined-title = Sie sind { $organization } beigetreten
invitation-joined-lead = Sie sind jetzt Mitglied von { $organization }, mit der Rolle { $role }.
invitation-title = { $organization } beitreten?
# $organization and $role are emphasised.
invitation-lead = Sie wurden eingeladen, { $organization } als { $role } beizutreten.
invitation-accept = { $organization } beitreten

## The provider's pages: consent, linking, sign out (consent.html, to_provider.html, logout.html)

# $client: the application's name.
consent-title = { $client } erlauben?
consent-heading = { $client } erlauben, Sie anzumelden?
# $host: the site the application describes itself at, emphasised.
consent-document-host = { $client } ist hier nicht registriert: Die Anwendung wird unter { $host } beschrieben. Erlauben Sie den Zugriff nur, wenn Sie dieser Website vertrauen.
consent-asks = { $client } möchte Folgendes:
# $host: where the browser is sent back to, emphasised.
consent-redirect = Ihr Browser wird anschließend zu { $host } zurückgeleitet. Sie können diese Erlaubnis jederzeit auf Ihrer Kontoseite zurücknehmen.
consent-allow = Erlauben
consent-deny = Ablehnen
scope-openid = Wissen, wer Sie sind (die Kennung Ihres Kontos)
scope-profile = Ihren Benutzernamen sehen
scope-email = Ihre E-Mail-Adresse sehen und ob sie bestätigt ist
scope-offline-access = In Ihrer Abwesenheit verbunden bleiben, bis Sie dies zurücknehmen
scope-organization = Sehen, für welche Organisation Sie handeln, und Ihre Rolle darin
# $scope: a permission's technical name.
scope-other = Die Berechtigung „{ $scope }“ verwenden
# $provider: the name of another sign-in service.
to-provider-title = Weiter zu { $provider }
to-provider-lead = Melden Sie sich dort an, um das Konto mit Ihrem Konto zu verknüpfen.
logout-done-title = Abgemeldet
logout-done-heading = Sie sind abgemeldet
logout-done-lead = Sie können dieses Fenster schließen.
logout-log-in-again = Erneut anmelden
logout-title = Abmelden?
logout-client-asks = { $client } möchte Sie von Ihrem Konto abmelden.
logout-this-device = Auf diesem Gerät von Ihrem Konto abmelden?
logout-submit = Abmelden
logout-stay = Angemeldet bleiben

## Connect a device (device.html, device_confirm.html, device_done.html)

device-title = Gerät verbinden
device-lead = Geben Sie den Code ein, den Ihr Gerät oder Ihr Kommandozeilenprogramm anzeigt.
device-code-hint = Acht Buchstaben, z. B. BCDF-GHJK.
# One message for any wrong code (unknown, mistyped, expired, used): it reveals nothing more.
device-code-invalid = Dieser Code ist ungültig. Vergleichen Sie ihn mit dem Code auf Ihrem Gerät oder beginnen Sie auf dem Gerät von vorn.
device-continue = Weiter
device-confirm-heading = { $client } auf Ihrem Gerät erlauben?
# $code: the code the device shows, emphasised.
device-confirm-asks = { $client } möchte auf dem Gerät, das { $code } anzeigt, Folgendes:
device-confirm-no-scopes = In Ihrem Namen handeln (ohne Ihre Daten zu sehen)
device-confirm-warning = Erlauben Sie dies nur, wenn Sie den Vorgang selbst gestartet haben, auf einem Gerät, das Sie in der Hand halten, und wenn es genau diesen Code anzeigt. Sie können diese Erlaubnis jederzeit auf Ihrer Kontoseite zurücknehmen.
device-allow = Erlauben
device-deny = Ablehnen
device-connected-title = Gerät verbunden
device-connected = { $client } ist jetzt in Ihrem Namen angemeldet. Sie können zu Ihrem Gerät zurückkehren; der Vorgang wird dort automatisch fortgesetzt.
device-denied-title = Anfrage abgelehnt
device-denied = { $client } erhält keinen Zugriff. Falls Sie dies nicht selbst gestartet haben, hat Ihnen möglicherweise jemand den Code geschickt: Ignorieren Sie ihn.

## Mails. $product is the server's name (Portcullis). Each mail has a subject, and its text
## is used in both its plain-text and HTML parts.

mail-footer = Sie erhalten diese E-Mail aufgrund einer Aktion in Ihrem { $product }-Konto.
mail-if-you = Wenn Sie das waren, ist nichts weiter zu tun. Falls nicht, setzen Sie sofort Ihr Passwort zurück: Dadurch werden alle Sitzungen beendet.
# How long a mailed link works.
mail-expires-minutes = { $count ->
    [one] { $count } Minute
   *[other] { $count } Minuten
}
mail-expires-hours = { $count ->
    [one] { $count } Stunde
   *[other] { $count } Stunden
}
mail-expires-days = { $count ->
    [one] { $count } Tag
   *[other] { $count } Tagen
}
mail-verify-subject = Bestätigen Sie Ihre E-Mail-Adresse für { $product }
mail-verify-intro = Bestätigen Sie Ihre E-Mail-Adresse für { $product }.
mail-verify-open = Öffnen Sie diesen Link, um sie zu bestätigen:
mail-verify-button = E-Mail-Adresse bestätigen
# $expires: one of mail-expires-…
mail-link-expires = Der Link funktioniert nur einmal und läuft in { $expires } ab.
# $choice: the button's text on the page (verify-decline).
mail-verify-not-you = Sie haben dieses Konto nicht erstellt? Dann bestätigen Sie die Adresse nicht: Öffnen Sie denselben Link und wählen Sie „{ $choice }“. Das Konto, das jemand mit Ihrer Adresse registriert hat, wird dann entfernt, und niemand kann sich in Ihrem Namen damit anmelden.
mail-reset-subject = Setzen Sie Ihr { $product }-Passwort zurück
mail-reset-intro = Jemand hat angefordert, das Passwort Ihres { $product }-Kontos zurückzusetzen.
mail-reset-open = Öffnen Sie diesen Link, um ein neues Passwort zu wählen:
mail-reset-button = Neues Passwort wählen
mail-reset-expires = Der Link funktioniert nur einmal und läuft in { $expires } ab. Wenn Sie das nicht waren, ignorieren Sie diese E-Mail: Ihr Passwort bleibt unverändert.
mail-email-login-subject = Bei { $product } anmelden
mail-email-login-intro = Jemand hat angefordert, sich mit dieser Adresse bei Ihrem { $product }-Konto anzumelden.
# $code: the six digits, emphasised.
mail-email-login-code = Ihr Anmeldecode lautet { $code }
mail-email-login-open = Oder öffnen Sie diesen Link, um sich anzumelden:
mail-email-login-button = Anmelden
mail-email-login-expires = Code und Link funktionieren nur einmal und laufen in { $expires } ab. Wenn Sie das nicht waren, ignorieren Sie diese E-Mail: Ohne sie kann sich niemand anmelden.
# $organization: the organisation's name; $inviter: who invites (an address).
mail-invitation-subject = Einladung, { $organization } auf { $product } beizutreten
# $organization is emphasised in the HTML part.
mail-invitation-intro = { $inviter } lädt Sie ein, { $organization } auf { $product } als { $role } beizutreten.
mail-invitation-open = Öffnen Sie diesen Link, um die Einladung anzunehmen (melden Sie sich zuvor an oder erstellen Sie ein Konto mit dieser Adresse und bestätigen Sie sie):
mail-invitation-button = Einladung annehmen
mail-invitation-first = Melden Sie sich zuerst an oder erstellen Sie ein Konto mit dieser Adresse und bestätigen Sie sie.
mail-invitation-expires = Der Link funktioniert nur einmal und läuft in { $expires } ab. Wenn Sie diese Organisation nicht kennen, ignorieren Sie diese E-Mail: Solange Sie die Einladung nicht annehmen, geschieht nichts.
mail-password-changed-subject = Ihr { $product }-Passwort wurde geändert
mail-password-changed = Das Passwort Ihres { $product }-Kontos wurde soeben geändert, und Ihre anderen Sitzungen wurden beendet.
mail-password-changed-if-you = Wenn Sie das waren, ist nichts weiter zu tun. Falls nicht, setzen Sie sofort Ihr Passwort zurück und wenden Sie sich an Ihren Administrator.
mail-email-change-subject = Änderung der E-Mail-Adresse Ihres { $product }-Kontos angefordert
mail-email-change = Jemand, der bei Ihrem { $product }-Konto angemeldet ist, hat eine Änderung der E-Mail-Adresse des Kontos angefordert.
mail-email-change-pending = Die Adresse ändert sich erst, wenn der an die neue Adresse gesendete Link geöffnet wird; bis dahin bleibt diese Adresse die des Kontos und kann weiterhin zur Anmeldung verwendet werden.
mail-email-change-if-you = Wenn Sie das waren, ist nichts weiter zu tun. Falls nicht, ändern Sie sofort Ihr Passwort: Dadurch werden alle anderen Sitzungen beendet, und die Änderung wird nie abgeschlossen.
mail-email-changed-subject = Die E-Mail-Adresse Ihres { $product }-Kontos wurde geändert
mail-email-changed = Ein Administrator von { $product } hat die E-Mail-Adresse Ihres Kontos geändert. Mit dieser Adresse ist keine Anmeldung mehr möglich, und alle Sitzungen des Kontos wurden beendet.
mail-email-changed-if-you = Wenn Sie das nicht erwartet haben, wenden Sie sich an den Support des Dienstes, bei dem Sie sich registriert haben.
mail-mfa-on-subject = Zwei-Faktor-Authentifizierung für Ihr { $product }-Konto aktiviert
mail-mfa-on = Die Zwei-Faktor-Authentifizierung wurde für Ihr { $product }-Konto aktiviert.
mail-mfa-off-subject = Zwei-Faktor-Authentifizierung für Ihr { $product }-Konto deaktiviert
mail-mfa-off = Die Zwei-Faktor-Authentifizierung wurde für Ihr { $product }-Konto deaktiviert.
mail-passkey-added-subject = Ein Passkey wurde zu Ihrem { $product }-Konto hinzugefügt
mail-passkey-added = Ein Passkey wurde zu Ihrem { $product }-Konto hinzugefügt.
mail-passkey-removed-subject = Ein Passkey wurde aus Ihrem { $product }-Konto entfernt
mail-passkey-removed = Ein Passkey wurde aus Ihrem { $product }-Konto entfernt.
# $provider: the name of another sign-in service.
mail-identity-linked-subject = Ein { $provider }-Konto wurde mit Ihrem { $product }-Konto verknüpft
mail-identity-linked = Ein { $provider }-Konto wurde mit Ihrem { $product }-Konto verknüpft.
mail-identity-linked-then = Heben Sie dann auf Ihrer Kontoseite die Verknüpfung mit { $provider } auf: Das Zurücksetzen des Passworts entfernt sie nicht.
mail-identity-unlinked-subject = Die Verknüpfung eines { $provider }-Kontos mit Ihrem { $product }-Konto wurde aufgehoben
mail-identity-unlinked = Die Verknüpfung eines { $provider }-Kontos mit Ihrem { $product }-Konto wurde aufgehoben.
mail-codes-replaced-subject = Neue Wiederherstellungscodes für Ihr { $product }-Konto erstellt
mail-codes-replaced = Für Ihr { $product }-Konto wurden neue Wiederherstellungscodes erstellt; die alten funktionieren nicht mehr.
mail-code-used-subject = Ein Wiederherstellungscode wurde zur Anmeldung bei { $product } verwendet
mail-code-used = Einer Ihrer { $product }-Wiederherstellungscodes wurde soeben zur Anmeldung verwendet. Jeder Code funktioniert nur einmal.
mail-code-used-if-you = Wenn Sie das waren, sollten Sie neue Codes erstellen. Falls nicht, setzen Sie sofort Ihr Passwort zurück: Dadurch werden alle Sitzungen beendet.
mail-breached-subject = Ändern Sie Ihr { $product }-Passwort
mail-breached = Das Passwort, mit dem Sie sich gerade bei { $product } angemeldet haben, steht auf einer Liste von Passwörtern, die anderswo bei Datenlecks offengelegt wurden. Angreifer probieren solche Passwörter zuerst.
mail-breached-what-to-do = Bitte melden Sie sich an und ändern Sie es in Ihren Kontoeinstellungen in eines, das Sie nirgendwo sonst verwenden. Ihr Passwort wurde niemandem mitgeteilt: Es wurde auf unserem Server mit einer dort gespeicherten Liste abgeglichen.
