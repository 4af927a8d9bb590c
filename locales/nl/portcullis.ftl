# Portcullis: the Dutch catalogue, translated from the English reference (locales/en/portcullis.ftl).
# Language: Dutch (nl). Register: informal "je/jij", as Dutch web services commonly use; buttons
# use the infinitive ("Inloggen", "Opslaan").
#
# Every text a person reads on the hosted pages and in mails comes from here. Keys are
# grouped by page; a translation has exactly these keys and, in each message, the same
# variables ({ $name }). Write no HTML: where a sentence holds a link or emphasis, the
# emphasised part is a variable ($link, $account…) that the page fills in.
# Numbers that select a plural form ($count) follow the language's CLDR plural rules:
# Dutch has [one] and *[other].

## Language and formats

# The language's own name, in the language switcher.
language-name = Nederlands
# Dates: $day (1-31), $month (one of format-month-1 … format-month-12), $year.
format-date = { $day } { $month } { $year }
# A date and time (UTC): $date (format-date), $hour (00-23), $minute (00-59).
format-datetime = { $date } { $hour }:{ $minute } UTC
format-month-1 = jan
format-month-2 = feb
format-month-3 = mrt
format-month-4 = apr
format-month-5 = mei
format-month-6 = jun
format-month-7 = jul
format-month-8 = aug
format-month-9 = sep
format-month-10 = okt
format-month-11 = nov
format-month-12 = dec
# Numbers: the separator of thousands (put a space in quotes: {" "}) and the decimal mark.
format-number-group = .
format-number-decimal = ,

## Every page

site-skip-link = Naar inhoud gaan
site-language-label = Taal
site-language-submit = Taal wijzigen
# After a form post, the page that goes on to another site by itself.
continue-title = Doorgaan
continue-button = Doorgaan
continue-returning = Terug naar de applicatie…
continue-signed-in = Ingelogd. Terug naar de applicatie…
go-to-account = Ga naar je account
# "Not you? Go to your account to sign out first." $link is go-to-account, as a link.
not-you = Ben jij dit niet? { $link } om eerst uit te loggen.
# $account is the signed-in person's email address.
signed-in-as = Je bent ingelogd als { $account }.

## Form fields and their errors

field-email = E-mail
field-email-address = E-mailadres
field-email-or-username = E-mail of gebruikersnaam
field-username-optional = Gebruikersnaam (optioneel)
field-username-hint = 3 tot 32 letters, cijfers, punten, streepjes of underscores.
field-password = Wachtwoord
field-confirm-password = Wachtwoord bevestigen
field-current-password = Huidig wachtwoord
field-new-password = Nieuw wachtwoord
field-confirm-new-password = Nieuw wachtwoord bevestigen
field-code = Code
field-name = Naam
# A new password's rules, under the field: $min is the fewest characters allowed.
password-hint = Minimaal { $min } tekens; een lange zin is het best.
password-hint-letter-digit = Minimaal { $min } tekens, met een letter en een cijfer; een lange zin is het best.
# Under a password field of the account page.
password-recent-hint = Verplicht, tenzij je in de afgelopen paar minuten bent ingelogd.
# The hidden label of a password field next to a button.
password-recent-label = Wachtwoord (verplicht, tenzij je in de afgelopen paar minuten bent ingelogd)
form-required = Dit veld is verplicht.
form-too-many-attempts = Te veel pogingen. Wacht even en probeer het opnieuw.
form-passwords-differ = De twee wachtwoorden komen niet overeen.
form-enter-password = Voer je wachtwoord in om door te gaan.
form-second-factor-needed = Deze sessie heeft je tweede factor niet gebruikt: log uit en log opnieuw in met je tweede factor.
form-link-incomplete = Deze link is onvolledig. Open de volledige link uit de e-mail.
form-reset-link-invalid = Deze resetlink is ongeldig, verlopen of al gebruikt.
form-verify-link-invalid = Deze link is ongeldig of verlopen. Log in om een nieuwe aan te vragen.
form-verify-decline-invalid = Deze link is ongeldig of verlopen, of het adres is al bevestigd.
form-declined-account-removed = Het account dat met jouw adres is geregistreerd, is verwijderd: niemand kan er nog mee inloggen. Je kunt je altijd zelf registreren.
form-declined-change-cancelled = De wijziging van het adres van een account naar jouw adres is geannuleerd.

## Errors from the server, shown over a form or on the error page (by error code)

error-account-exists = Er bestaat al een account met dit e-mailadres: log daarmee in en koppel dit account via je accountpagina.
error-bad-request = Ongeldig verzoek.
error-client-managed-by-config = Deze applicatie wordt beheerd via de configuratie van de server.
error-client-not-found = Er is geen applicatie met deze ID.
error-cross-origin-request = Cross-origin-verzoek geweigerd.
error-csrf-token = Dit formulier is verlopen. Laad de pagina opnieuw en probeer het nog eens.
error-email-not-verified = Bevestig eerst je e-mailadres: open de link die we je hebben gemaild.
error-email-taken = E-mailadres is al geregistreerd.
error-forbidden = Je hebt geen toestemming om dit te doen.
error-grant-not-found = Aan deze applicatie is niets toegestaan.
error-hs256-mode = Deze server ondertekent zijn tokens met een gedeeld geheim: deze functie is niet beschikbaar.
error-identity-not-found = Dit gekoppelde account bestaat niet.
error-identity-taken = Dat account is hier al aan een ander account gekoppeld.
error-insufficient-scope = Deze applicatie heeft geen toestemming om dit te doen.
error-internal-error = Er is iets misgegaan op de server. Probeer het later opnieuw.
error-invalid-api-key = Ongeldige of ingetrokken API-sleutel.
error-invalid-authorization-request = Het verzoek van de applicatie is ongeldig.
error-invalid-body = Het formulier kan niet worden gelezen.
error-invalid-code = Ongeldige of verlopen code.
error-invalid-ceremony = Het verzoek voor de toegangssleutel is verlopen. Probeer het opnieuw.
error-invalid-client = Onbekende applicatie.
error-invalid-credentials = Ongeldig e-mailadres of wachtwoord.
error-invalid-email = Ongeldig e-mailadres.
error-invalid-field = Een veld heeft een ongeldige waarde.
error-invalid-json = Het verzoek kan niet worden gelezen.
error-invalid-mfa-token = Ongeldige of verlopen inlogpoging; log opnieuw in.
error-invalid-password = Wachtwoord is onjuist.
error-invalid-refresh-token = Je sessie is verlopen. Log opnieuw in.
error-invalid-state = Het inloggen duurde te lang of is ergens anders gestart. Probeer het opnieuw.
error-invalid-text = Een veld bevat tekens die niet zijn toegestaan.
error-invalid-token = Deze link is ongeldig of verlopen.
error-invalid-username = Ongeldige gebruikersnaam.
error-invitation-not-found = Deze openstaande uitnodiging bestaat niet.
error-last-owner = Een organisatie moet minimaal één eigenaar hebben.
error-last-way-in = Dit is de laatste manier om in te loggen op dit account: voeg eerst een andere toe.
error-member-not-found = Deze persoon is geen lid van deze organisatie.
error-method-not-allowed = Dit webadres kan niet op deze manier worden gebruikt.
error-mfa-already-enabled = Tweefactorauthenticatie staat al aan.
error-mfa-enrollment-required = Dit account heeft een tweede factor nodig: stel er eerst een in.
error-mfa-not-enabled = Tweefactorauthenticatie staat uit.
error-mfa-required = Voer de code uit je authenticator-app in.
error-missing-field = Dit veld is verplicht.
error-no-pending-enrolment = Begin eerst met het instellen van tweefactorauthenticatie.
error-not-authenticated = Log in om door te gaan.
error-no-passkey = Dit account heeft geen toegangssleutel.
error-not-found = Niet gevonden.
error-oauth-denied = Het inloggen met het andere account is geweigerd.
error-oauth-failed = Het inloggen met het andere account is mislukt. Probeer het opnieuw.
error-organization-not-found = Deze organisatie bestaat niet.
error-overloaded = De server is overbelast. Probeer het zo opnieuw.
error-passkey-not-found = Deze toegangssleutel bestaat niet.
error-passkey-rejected = De toegangssleutel is niet geaccepteerd.
error-passkey-taken = Deze toegangssleutel is al geregistreerd.
error-passkeys-unavailable = Toegangssleutels zijn niet beschikbaar op deze server.
passkey-prompt-closed = De vraag om je toegangssleutel is gesloten of verlopen.
mfa-codes-file = Herstelcodes voor { $product }. Met elke code kun je één keer inloggen.
error-payload-too-large = Wat je hebt verstuurd, is te groot.
error-rate-limited = Te veel pogingen. Wacht even en probeer het opnieuw.
error-reauthentication-required = Voer je wachtwoord in om door te gaan.
error-request-timeout = Het verzoek duurde te lang. Probeer het opnieuw.
error-session-not-found = Sessie niet gevonden.
error-signup-disabled = Op deze manier kunnen geen nieuwe accounts worden gemaakt.
error-slug-taken = Een andere organisatie heeft die naam al.
error-timeout = Het verzoek duurde te lang; probeer het opnieuw.
error-unavailable = De dienst is niet beschikbaar. Probeer het zo opnieuw.
error-unknown-email = Geen gebruiker gevonden met dit e-mailadres.
error-unknown-provider = Deze inlogdienst bestaat niet.
error-unsupported-media-type = Het formulier is verstuurd in een indeling die niet wordt geaccepteerd.
error-user-not-found = Deze gebruiker bestaat niet.
error-username-taken = Gebruikersnaam is al in gebruik.
error-weak-password = Dit wachtwoord is niet toegestaan. Kies een ander wachtwoord.
# The password policy's refusals, next to the password field.
error-password-required = Wachtwoord is verplicht
error-password-too-short = Wachtwoord moet minimaal { $min } tekens lang zijn
error-password-too-long = Wachtwoord mag maximaal { $max } tekens lang zijn
error-password-letter-digit = Wachtwoord moet zowel letters als cijfers bevatten
error-password-too-common = Dit wachtwoord komt te vaak voor; kies een wachtwoord dat moeilijker te raden is
error-password-breached = Dit wachtwoord is bij een datalek uitgelekt, dus aanvallers proberen het als eerste; kies een ander wachtwoord

## The error page

error-page-status = Fout { $status }
error-page-unexpected-title = Er is iets misgegaan
error-page-unexpected = De server kon dit verzoek niet verwerken. Probeer het later opnieuw.
error-page-rate-limited-title = Te veel verzoeken
error-page-rate-limited = Te veel pogingen vanaf je netwerk. Wacht een minuut en probeer het opnieuw.
error-page-not-found-title = Pagina niet gevonden
error-page-not-found = Er is geen pagina op dit adres.
error-page-form-expired-title = Dit formulier is verlopen
error-page-form-expired = Ga terug, laad de pagina opnieuw en verstuur het formulier nog een keer.
error-page-refused-title = Verzoek geweigerd
error-page-refused = Dit verzoek kwam niet van de eigen pagina's van deze site.
# Over the detail, in English, that an application's developers need (an authorization request's fault).
error-page-technical = Technische details voor de ontwikkelaars van de applicatie:

## One-time messages after a form

flash-registered = Account gemaakt. Kijk in je e-mail voor een link om je adres te bevestigen.
flash-check-email = Kijk in je e-mail. Als er een account bij dat adres hoort, is er een resetlink onderweg.
flash-verification-sent = Kijk in je e-mail voor een nieuwe bevestigingslink.
flash-email-verified = Je e-mailadres is bevestigd.
flash-logged-out = Je bent uitgelogd.
flash-login-required = Log in om door te gaan.
flash-password-changed = Wachtwoord gewijzigd. Je andere sessies zijn uitgelogd.
flash-password-reset = Wachtwoord opnieuw ingesteld. Log in met je nieuwe wachtwoord.
flash-session-revoked = Sessie ingetrokken.
flash-other-sessions-revoked = Alle andere sessies zijn uitgelogd.
flash-mfa-disabled = Tweefactorauthenticatie staat uit.
flash-passkey-added = Toegangssleutel toegevoegd. Je kunt er nu mee inloggen.
flash-passkey-renamed = Naam van toegangssleutel gewijzigd.
flash-passkey-deleted = Toegangssleutel verwijderd.
flash-identity-unlinked = Account ontkoppeld.
flash-grant-revoked = Toegang ingetrokken. De applicatie kan je account niet meer gebruiken totdat je er opnieuw bij inlogt.
flash-org-created = Organisatie gemaakt. Jij bent de eigenaar.
# $days: how long the invitation's link works.
flash-org-invited = { $days ->
    [one] Uitnodiging verstuurd. De link erin werkt één keer en is { $days } dag geldig.
   *[other] Uitnodiging verstuurd. De link erin werkt één keer en is { $days } dagen geldig.
}
flash-org-invitation-revoked = Uitnodiging ingetrokken. De link werkt niet meer.
flash-org-role-changed = Rol gewijzigd.
flash-org-member-removed = Lid verwijderd.
flash-org-left = Je hebt de organisatie verlaten.
flash-org-switched = Deze sessie handelt nu namens de organisatie.
flash-language-changed = Taal gewijzigd.

## Log in (login.html)

login-title = Inloggen
login-lead = Welkom terug. Log in om je account te beheren.
login-resend-verification = Nieuwe bevestigingslink sturen
login-submit = Inloggen
login-passkey = Inloggen met een toegangssleutel
login-providers-label = Inloggen met een ander account
# $provider: the name of another sign-in service (e.g. GitHub).
login-continue-with = Doorgaan met { $provider }
login-email-link = Stuur me in plaats daarvan een inloglink per e-mail
login-forgot = Wachtwoord vergeten?
login-new-here = Nieuw hier?
login-create-account = Account maken

## Create an account (register.html)

register-title = Account maken
register-lead = We sturen je een link om je e-mailadres te bevestigen.
register-submit = Account maken
register-have-account = Heb je al een account?
register-log-in = Inloggen

## Forgot and reset password (forgot_password.html, reset_password.html)

forgot-title = Wachtwoord vergeten?
forgot-lead = Voer je e-mailadres in en we sturen je een link om een nieuw wachtwoord te kiezen.
forgot-submit = Resetlink sturen
forgot-remembered = Weet je het weer?
forgot-log-in = Inloggen
reset-title = Kies een nieuw wachtwoord
reset-lead = Alle sessies van je account worden uitgelogd.
reset-submit = Nieuw wachtwoord instellen
reset-ask-again = Nieuwe resetlink aanvragen

## Confirm an address (verify_email.html)

verify-title = Bevestig je e-mailadres
verify-done = Klaar
verify-lead = Eén klik en je adres is bevestigd.
verify-submit = Mijn e-mailadres bevestigen
verify-not-you = Heeft iemand anders jouw adres gebruikt? Als je hier niet om hebt gevraagd, bevestig het dan niet:
verify-decline = Ik heb dit account niet gemaakt

## Sign in by email (email_login.html)

email-login-title = Inloggen via e-mail
email-login-sign-in-title = Inloggen
email-login-one-click = Eén klik en je bent ingelogd.
email-login-submit = Inloggen
email-login-check-title = Kijk in je e-mail
# $email: the address entered, emphasised.
email-login-check-lead = Als { $email } kan inloggen, hebben we naar dat adres een link en een code van 6 cijfers gestuurd. Open de link of voer de code hier in.
email-login-lead = We mailen je een link en een code waarmee je inlogt, zonder wachtwoord.
email-login-send = Mail me een link
email-login-other-way = Op een andere manier inloggen

## Second factor (mfa_code.html, mfa_setup.html, mfa_codes.html)

mfa-code-title = Tweefactorcode
mfa-code-heading = Voer je code in
mfa-code-lead = Open je authenticator-app en voer de code van 6 cijfers voor dit account in, of een van je herstelcodes.
mfa-code-submit = Doorgaan
mfa-code-passkey = In plaats daarvan een toegangssleutel gebruiken
mfa-code-start-over = Opnieuw beginnen
mfa-setup-title = Tweefactorauthenticatie instellen
mfa-setup-lead = Scan deze code met een authenticator-app en voer daarna de code van 6 cijfers in die de app toont.
mfa-setup-qr-alt = QR-code voor je authenticator-app
mfa-setup-key = Of typ deze sleutel:
mfa-setup-submit = Inschakelen
mfa-setup-not-now = Niet nu
mfa-codes-title = Herstelcodes
mfa-codes-heading = Je herstelcodes
mfa-codes-lead = Bewaar deze codes op een veilige plek. Als je je authenticator-app kwijtraakt, kun je met elke code één keer inloggen. Ze worden alleen nu getoond.
mfa-codes-download = Downloaden als tekst
mfa-codes-done = Klaar

## The account page (account.html)

account-title = Je account
account-log-out = Uitloggen
account-profile = Profiel
account-email = E-mail
account-verified = Geverifieerd
account-not-verified = Niet geverifieerd
account-username = Gebruikersnaam
account-username-not-set = Niet ingesteld
account-member-since = Lid sinds
account-language = Taal
account-language-default = Automatisch (via de browser)
account-language-save = Taal opslaan
account-unverified-note = Bevestig je adres met de link die we je hebben gemaild. Geen e-mail ontvangen?
account-send-new-link = Nieuwe link sturen
account-enrol-title = Nog één stap
account-enrol-lead = Dit account heeft een tweede factor nodig: stel er hieronder een in om door te gaan.
account-sessions = Sessies
# $count: how many sessions the account has.
account-sessions-count = { $count ->
    [one] { $count } sessie
   *[other] { $count } sessies
}
account-sessions-lead = Waar je bent ingelogd op je account. Trek elke sessie in die je niet herkent.
account-this-device = Dit apparaat
# $when: a date and time.
account-last-active = laatst actief op { $when }
# $device: e.g. "Firefox on Linux"; $when: a date and time.
account-revoke-session-label = Sessie van { $device } intrekken, laatst actief op { $when }
account-revoke = Intrekken
account-revoke-others = Overal anders uitloggen
# How a session's device is named: $browser and $os are product names.
device-browser-on-os = { $browser } op { $os }
device-on-os = Een browser op { $os }
device-unknown = Onbekend apparaat
# A device no rule names: $agent is the start of its browser's own description.
device-other = { $agent }
account-mfa = Tweefactorauthenticatie
account-mfa-on = Aan
account-mfa-on-lead = Bij het inloggen wordt om een code uit je authenticator-app gevraagd.
# $count: recovery codes not used yet.
account-recovery-codes-left = { $count ->
    [one] Nog { $count } herstelcode over.
   *[other] Nog { $count } herstelcodes over.
}
account-mfa-new-codes = Nieuwe herstelcodes
account-mfa-turn-off = Uitschakelen
account-mfa-off-lead = Laat bij het inloggen naast je wachtwoord ook om een code uit een authenticator-app vragen.
account-mfa-set-up = Tweefactorauthenticatie instellen
account-mfa-confirm-first = Bevestig eerst je e-mailadres: tot die tijd kan er geen inlogmethode worden toegevoegd.
account-passkeys = Toegangssleutels
account-passkeys-lead = Log in met je vingerafdruk, gezicht of apparaatpincode in plaats van een wachtwoord. Als je al je toegangssleutels kwijtraakt, kun je nog steeds inloggen met je wachtwoord (of een resetlink per e-mail).
account-passkey-synced = Gesynchroniseerd
# $when: a date and time.
account-passkey-added = toegevoegd op { $when }
account-last-used = laatst gebruikt op { $when }
# $name: the passkey's name.
account-passkey-rename-label = Nieuwe naam voor { $name }
account-rename = Naam wijzigen
account-passkey-delete-label = Toegangssleutel { $name } verwijderen
account-delete = Verwijderen
account-passkeys-confirm-first = Bevestig eerst je e-mailadres: tot die tijd kan er geen toegangssleutel worden toegevoegd.
account-passkey-name-hint = Zodat je je toegangssleutels uit elkaar kunt houden, bijv. ‘Werklaptop’.
account-passkey-add = Toegangssleutel toevoegen
account-passkey-needs-script = Voor het toevoegen van een toegangssleutel is JavaScript nodig.
account-identities = Gekoppelde accounts
account-identities-lead = Log in met een ander account dat je hebt. Voor het koppelen moet je kort geleden zijn ingelogd.
account-identity-linked = gekoppeld op { $when }
# $provider: the name of another sign-in service.
account-unlink-label = { $provider } ontkoppelen
account-unlink = Ontkoppelen
account-identities-confirm-first = Bevestig eerst je e-mailadres: tot die tijd kan er geen account worden gekoppeld.
account-link = { $provider } koppelen
account-grants = Applicaties
account-grants-lead = Applicaties waarbij je hebt toegestaan dat je met dit account inlogt. Trek je de toegang van een applicatie in, dan kan die je account niet meer gebruiken totdat je er opnieuw bij inlogt.
account-granted = toegestaan op { $when }
# $name: the application's name.
account-revoke-grant-label = Toegang van { $name } intrekken
account-organizations = Organisaties
# $count: how many organisations the account belongs to.
account-organizations-count = { $count ->
    [one] Lid van { $count } organisatie.
   *[other] Lid van { $count } organisaties.
}
account-new-organization = Nieuwe organisatie
account-create-organization = Maken
account-change-password = Wachtwoord wijzigen
account-change-password-lead = Je andere sessies worden uitgelogd; deze sessie blijft actief.
account-change-password-submit = Wachtwoord wijzigen

## Roles in an organisation

role-owner = eigenaar
role-admin = beheerder
role-member = lid

## An organisation (organization.html)

# $role (emphasised), $account (an email address), $slug (emphasised).
org-lead = Je bent hier { $role }, ingelogd als { $account }. De slug van deze organisatie is { $slug }.
# $name: the organisation's name.
org-switch = In deze sessie namens { $name } handelen
org-members = Leden
# $count: how many members the organisation has.
org-members-count = { $count ->
    [one] { $count } lid
   *[other] { $count } leden
}
org-you = (jij)
# $role; $when: a date and time.
org-joined = { $role } · lid sinds { $when }
# $email: a member's address.
org-role-of = Rol van { $email }
org-change-role = Wijzigen
org-remove-label = { $email } verwijderen
org-remove = Verwijderen
org-leave = Verlaten
org-invite-title = Iemand uitnodigen
org-role = Rol
org-invite-submit = Uitnodiging versturen
org-open-invitations = Openstaande uitnodigingen
org-invitation-until = { $role } · geldig tot { $when }
org-revoke-invitation-label = Uitnodiging van { $email } intrekken
org-revoke = Intrekken
org-back = Terug naar je account

## An invitation (invitation.html)

# $organization: the organisation's name.
invitation-joined-title = Je bent lid geworden van { $organization }
invitation-joined-lead = Je bent lid van { $organization }, als { $role }.
invitation-title = Lid worden van { $organization }?
# $organization and $role are emphasised.
invitation-lead = Je bent uitgenodigd om lid te worden van { $organization } als { $role }.
invitation-accept = Lid worden van { $organization }

## The provider's pages: consent, linking, sign out (consent.html, to_provider.html, logout.html)

# $client: the application's name.
consent-title = { $client } toestaan?
consent-heading = { $client } toestaan om je te laten inloggen?
# $host: the site the application describes itself at, emphasised.
consent-document-host = { $client } is hier niet geregistreerd: de applicatie beschrijft zichzelf op { $host }. Sta deze alleen toe als je die site vertrouwt.
consent-asks = { $client } wil:
# $host: where the browser is sent back to, emphasised.
consent-redirect = Je wordt teruggestuurd naar { $host }. Je kunt deze toestemming op elk moment intrekken via je accountpagina.
consent-allow = Toestaan
consent-deny = Weigeren
scope-openid = Weten wie je bent (de ID van je account)
scope-profile = Je gebruikersnaam zien
scope-email = Je e-mailadres zien en of het is bevestigd
scope-offline-access = Verbonden blijven als je er niet bent, totdat je de toestemming intrekt
scope-organization = Zien namens welke organisatie je handelt en wat je rol daarin is
# $scope: a permission's technical name.
scope-other = De machtiging ‘{ $scope }’ gebruiken
# $provider: the name of another sign-in service.
to-provider-title = Doorgaan naar { $provider }
to-provider-lead = Log daar in om het aan je account te koppelen.
logout-done-title = Uitgelogd
logout-done-heading = Je bent uitgelogd
logout-done-lead = Je kunt dit venster sluiten.
logout-log-in-again = Opnieuw inloggen
logout-title = Uitloggen?
logout-client-asks = { $client } vraagt om je uit te loggen bij je account.
logout-this-device = Wil je op dit apparaat uitloggen bij je account?
logout-submit = Uitloggen
logout-stay = Ingelogd blijven

## Connect a device (device.html, device_confirm.html, device_done.html)

device-title = Apparaat verbinden
device-lead = Voer de code in die je apparaat of opdrachtregeltool toont.
device-code-hint = Acht letters, zoals BCDF-GHJK.
# One message for any wrong code (unknown, mistyped, expired, used): it reveals nothing more.
device-code-invalid = Die code is niet geldig. Vergelijk hem met de code die je apparaat toont, of begin opnieuw op het apparaat.
device-continue = Doorgaan
device-confirm-heading = { $client } toestaan op je apparaat?
# $code: the code the device shows, emphasised.
device-confirm-asks = { $client }, op het apparaat dat { $code } toont, wil:
device-confirm-no-scopes = Namens jou handelen (zonder je gegevens te zien)
device-confirm-warning = Sta dit alleen toe als je dit zelf hebt gestart, op een apparaat dat je in handen hebt, en als het precies deze code toont. Je kunt deze toestemming op elk moment intrekken via je accountpagina.
device-allow = Toestaan
device-deny = Weigeren
device-connected-title = Apparaat verbonden
device-connected = { $client } is met jouw account ingelogd. Je kunt teruggaan naar je apparaat; het gaat vanzelf verder.
device-denied-title = Verzoek geweigerd
device-denied = { $client } krijgt niets. Als je dit niet zelf hebt gestart, heeft iemand je de code misschien gestuurd: negeer hem.

## Mails. $product is the server's name (Portcullis). Each mail has a subject, and its text
## is used in both its plain-text and HTML parts.

mail-footer = Je ontvangt deze e-mail vanwege een actie in je { $product }-account.
mail-if-you = Was jij dit, dan hoef je niets te doen. Zo niet, stel dan meteen je wachtwoord opnieuw in: daarmee worden alle sessies beëindigd.
# How long a mailed link works.
mail-expires-minutes = { $count ->
    [one] { $count } minuut
   *[other] { $count } minuten
}
mail-expires-hours = { $count ->
    [one] { $count } uur
   *[other] { $count } uur
}
mail-expires-days = { $count ->
    [one] { $count } dag
   *[other] { $count } dagen
}
mail-verify-subject = Bevestig je e-mailadres voor { $product }
mail-verify-intro = Bevestig je e-mailadres voor { $product }.
mail-verify-open = Open deze link om het te bevestigen:
mail-verify-button = E-mailadres bevestigen
# $expires: one of mail-expires-…
mail-link-expires = De link werkt één keer en verloopt over { $expires }.
# $choice: the button's text on the page (verify-decline).
mail-verify-not-you = Heb je dit account niet gemaakt? Bevestig het dan niet: open dezelfde link en kies ‘{ $choice }’. Het account dat iemand met jouw adres heeft geregistreerd, wordt verwijderd en niemand kan er nog op jouw naam mee inloggen.
mail-reset-subject = Stel je wachtwoord voor { $product } opnieuw in
mail-reset-intro = Iemand heeft gevraagd om het wachtwoord van je { $product }-account opnieuw in te stellen.
mail-reset-open = Open deze link om een nieuw wachtwoord te kiezen:
mail-reset-button = Nieuw wachtwoord kiezen
mail-reset-expires = De link werkt één keer en verloopt over { $expires }. Was jij dit niet, negeer deze e-mail dan: je wachtwoord blijft ongewijzigd.
mail-email-login-subject = Inloggen bij { $product }
mail-email-login-intro = Iemand heeft gevraagd om met dit adres in te loggen bij je { $product }-account.
# $code: the six digits, emphasised.
mail-email-login-code = Je inlogcode is { $code }
mail-email-login-open = Of open deze link om in te loggen:
mail-email-login-button = Inloggen
mail-email-login-expires = De code en de link werken één keer en verlopen over { $expires }. Was jij dit niet, negeer deze e-mail dan: zonder deze e-mail kan niemand inloggen.
# $organization: the organisation's name; $inviter: who invites (an address).
mail-invitation-subject = Je bent uitgenodigd om lid te worden van { $organization } op { $product }
# $organization is emphasised in the HTML part.
mail-invitation-intro = { $inviter } nodigt je uit om lid te worden van { $organization } op { $product }, als { $role }.
mail-invitation-open = Open deze link om de uitnodiging te accepteren (log eerst in, of maak eerst een account met dit adres en bevestig het):
mail-invitation-button = Uitnodiging accepteren
mail-invitation-first = Log eerst in, of maak een account met dit adres en bevestig het.
mail-invitation-expires = De link werkt één keer en verloopt over { $expires }. Ken je deze organisatie niet, negeer deze e-mail dan: er gebeurt niets zolang je niet accepteert.
mail-password-changed-subject = Je wachtwoord voor { $product } is gewijzigd
mail-password-changed = Het wachtwoord van je { $product }-account is zojuist gewijzigd en je andere sessies zijn uitgelogd.
mail-password-changed-if-you = Was jij dit, dan hoef je niets te doen. Zo niet, stel dan meteen je wachtwoord opnieuw in en neem contact op met je beheerder.
mail-email-change-subject = Er is gevraagd om het e-mailadres van je { $product }-account te wijzigen
mail-email-change = Iemand die is ingelogd op je { $product }-account, heeft gevraagd om het e-mailadres ervan te wijzigen.
mail-email-change-pending = Het adres wordt pas gewijzigd wanneer de link die naar het nieuwe adres is gemaild, wordt geopend; tot die tijd blijft dit het adres van het account en kun je er nog steeds mee inloggen.
mail-email-change-if-you = Was jij dit, dan hoef je niets te doen. Zo niet, wijzig dan meteen je wachtwoord: daarmee worden alle andere sessies beëindigd en wordt de wijziging nooit voltooid.
mail-email-changed-subject = Het e-mailadres van je { $product }-account is gewijzigd
mail-email-changed = Een beheerder van { $product } heeft het e-mailadres van je account gewijzigd. Met dit adres kun je niet meer inloggen op het account en alle sessies van het account zijn beëindigd.
mail-email-changed-if-you = Had je dit niet verwacht, neem dan contact op met de support van de dienst waarbij je je hebt aangemeld.
mail-mfa-on-subject = Tweefactorauthenticatie staat aan voor je { $product }-account
mail-mfa-on = Tweefactorauthenticatie is ingeschakeld voor je { $product }-account.
mail-mfa-off-subject = Tweefactorauthenticatie staat uit voor je { $product }-account
mail-mfa-off = Tweefactorauthenticatie is uitgeschakeld voor je { $product }-account.
mail-passkey-added-subject = Er is een toegangssleutel toegevoegd aan je { $product }-account
mail-passkey-added = Er is een toegangssleutel toegevoegd aan je { $product }-account.
mail-passkey-removed-subject = Er is een toegangssleutel verwijderd uit je { $product }-account
mail-passkey-removed = Er is een toegangssleutel verwijderd uit je { $product }-account.
# $provider: the name of another sign-in service.
mail-identity-linked-subject = Er is een { $provider }-login gekoppeld aan je { $product }-account
mail-identity-linked = Er is een { $provider }-login gekoppeld aan je { $product }-account.
mail-identity-linked-then = Ontkoppel daarna de { $provider }-login op je accountpagina: het opnieuw instellen van je wachtwoord verwijdert deze niet.
mail-identity-unlinked-subject = Er is een { $provider }-login ontkoppeld van je { $product }-account
mail-identity-unlinked = Er is een { $provider }-login ontkoppeld van je { $product }-account.
mail-codes-replaced-subject = Er zijn nieuwe herstelcodes gemaakt voor je { $product }-account
mail-codes-replaced = Er zijn nieuwe herstelcodes gemaakt voor je { $product }-account; de oude werken niet meer.
mail-code-used-subject = Er is een herstelcode gebruikt om in te loggen bij { $product }
mail-code-used = Een van je herstelcodes voor { $product } is zojuist gebruikt om in te loggen. Elke code werkt één keer.
mail-code-used-if-you = Was jij dit, overweeg dan nieuwe codes te maken. Zo niet, stel dan meteen je wachtwoord opnieuw in: daarmee worden alle sessies beëindigd.
mail-breached-subject = Wijzig je { $product }-wachtwoord
mail-breached = Het wachtwoord waarmee je zojuist bij { $product } bent ingelogd, staat op een lijst van wachtwoorden die elders bij datalekken zijn uitgelekt. Aanvallers proberen zulke wachtwoorden als eerste.
mail-breached-what-to-do = Log in en wijzig het in je accountinstellingen in een wachtwoord dat je nergens anders gebruikt. Je wachtwoord is aan niemand doorgegeven: het is op onze server gecontroleerd met een lijst die daar staat.
