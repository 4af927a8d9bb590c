# Portcullis: the Polish catalogue, translated from the English one (the reference).
# Language: Polish (pl). Register: neutral, impersonal phrasing where possible (e.g.
# "Zalogowano", "Wylogowano"); buttons in the imperative, as Polish web services and
# Mozilla/Google do ("Zaloguj się", "Zapisz"); otherwise the informal "Ty", capitalised
# ("Twoje konto") as is customary in Polish service mail.
#
# Every text a person reads on the hosted pages and in mails comes from here. Keys are
# grouped by page; a translation has exactly these keys and, in each message, the same
# variables ({ $name }). Write no HTML: where a sentence holds a link or emphasis, the
# emphasised part is a variable ($link, $account…) that the page fills in.
# Numbers that select a plural form ($count) follow the language's CLDR plural rules:
# give the categories your language has ([zero], [one], [two], [few], [many], *[other]).
# Polish: [one] 1; [few] 2-4, 22-24, 32-34…; [many] 0, 5-21, 25-31…; *[other] fractions
# (never used for whole numbers; written like [many] so that a whole number is never wrong).

## Language and formats

# The language's own name, in the language switcher.
language-name = Polski
# Dates: $day (1-31), $month (one of format-month-1 … format-month-12), $year.
format-date = { $day } { $month } { $year }
# A date and time (UTC): $date (format-date), $hour (00-23), $minute (00-59).
format-datetime = { $date }, { $hour }:{ $minute } UTC
format-month-1 = sty
format-month-2 = lut
format-month-3 = mar
format-month-4 = kwi
format-month-5 = maj
format-month-6 = cze
format-month-7 = lip
format-month-8 = sie
format-month-9 = wrz
format-month-10 = paź
format-month-11 = lis
format-month-12 = gru
# Numbers: the separator of thousands (a no-break space, U+00A0) and the decimal mark.
format-number-group = {"\u00A0"}
format-number-decimal = ,

## Every page

site-skip-link = Przejdź do treści
site-language-label = Język
site-language-submit = Zmień język
# After a form post, the page that goes on to another site by itself.
continue-title = Dalej
continue-button = Dalej
continue-returning = Powrót do aplikacji…
continue-signed-in = Zalogowano. Powrót do aplikacji…
go-to-account = Przejdź do swojego konta
# "Not you? Go to your account to sign out first." $link is go-to-account, as a link.
not-you = To nie Ty? { $link }, aby najpierw się wylogować.
# $account is the signed-in person's email address.
signed-in-as = Zalogowano jako { $account }.

## Form fields and their errors

field-email = E-mail
field-email-address = Adres e-mail
field-email-or-username = E-mail lub nazwa użytkownika
field-username-optional = Nazwa użytkownika (opcjonalnie)
field-username-hint = Od 3 do 32 znaków: litery, cyfry, kropki, łączniki lub podkreślenia.
field-password = Hasło
field-confirm-password = Potwierdź hasło
field-current-password = Obecne hasło
field-new-password = Nowe hasło
field-confirm-new-password = Potwierdź nowe hasło
field-code = Kod
field-name = Nazwa
# A new password's rules, under the field: $min is the fewest characters allowed.
password-hint = Co najmniej { $min ->
        [one] { $min } znak
        [few] { $min } znaki
        [many] { $min } znaków
       *[other] { $min } znaków
    }; najlepiej długa fraza.
password-hint-letter-digit = Co najmniej { $min ->
        [one] { $min } znak
        [few] { $min } znaki
        [many] { $min } znaków
       *[other] { $min } znaków
    }, w tym litera i cyfra; najlepiej długa fraza.
# Under a password field of the account page.
password-recent-hint = Wymagane, chyba że logowanie nastąpiło w ciągu ostatnich kilku minut.
# The hidden label of a password field next to a button.
password-recent-label = Hasło (wymagane, chyba że logowanie nastąpiło w ciągu ostatnich kilku minut)
form-required = To pole jest wymagane.
form-too-many-attempts = Zbyt wiele prób. Odczekaj chwilę i spróbuj ponownie.
form-passwords-differ = Podane hasła nie są takie same.
form-enter-password = Wpisz hasło, aby kontynuować.
form-second-factor-needed = W tej sesji nie użyto drugiego składnika: wyloguj się i zaloguj ponownie, używając go.
form-link-incomplete = Ten link jest niekompletny. Otwórz cały link z wiadomości e-mail.
form-reset-link-invalid = Ten link do resetowania hasła jest nieprawidłowy, wygasł lub został już użyty.
form-verify-link-invalid = Ten link jest nieprawidłowy lub wygasł. Zaloguj się, aby poprosić o nowy.
form-verify-decline-invalid = Ten link jest nieprawidłowy lub wygasł albo adres został już potwierdzony.
form-declined-account-removed = Konto zarejestrowane na Twój adres zostało usunięte: nikt nie może się na nie zalogować. Możesz samodzielnie założyć konto w dowolnym momencie.
form-declined-change-cancelled = Zmiana adresu e-mail konta na Twój adres została anulowana.

## Errors from the server, shown over a form or on the error page (by error code)

error-account-exists = Istnieje już konto z tym adresem e-mail: zaloguj się na nie i połącz to konto na stronie swojego konta.
error-bad-request = Nieprawidłowe żądanie.
error-client-managed-by-config = Ta aplikacja jest zarządzana przez konfigurację serwera.
error-client-not-found = Nie ma aplikacji o takim identyfikatorze.
error-cross-origin-request = Odrzucono żądanie pochodzące z innej witryny.
error-csrf-token = Ten formularz wygasł. Odśwież stronę i spróbuj ponownie.
error-email-not-verified = Najpierw potwierdź adres e-mail: otwórz link, który wysłaliśmy Ci e-mailem.
error-email-taken = Ten adres e-mail jest już zarejestrowany.
error-forbidden = Nie masz uprawnień do wykonania tej czynności.
error-grant-not-found = Ta aplikacja nie ma przyznanego żadnego dostępu.
error-hs256-mode = Ten serwer podpisuje tokeny wspólnym sekretem: ta funkcja jest niedostępna.
error-identity-not-found = Nie ma takiego połączonego konta.
error-identity-taken = To konto jest już połączone z innym kontem w tej usłudze.
error-insufficient-scope = Ta aplikacja nie ma uprawnień do tej czynności.
error-internal-error = Wystąpił błąd serwera. Spróbuj ponownie później.
error-invalid-api-key = Nieprawidłowy lub unieważniony klucz API.
error-invalid-authorization-request = Żądanie aplikacji jest nieprawidłowe.
error-invalid-body = Nie udało się odczytać formularza.
error-invalid-code = Nieprawidłowy lub wygasły kod.
error-invalid-ceremony = Żądanie klucza dostępu wygasło. Spróbuj ponownie.
error-invalid-client = Nieznana aplikacja.
error-invalid-credentials = Nieprawidłowy adres e-mail lub hasło.
error-invalid-email = Nieprawidłowy adres e-mail.
error-invalid-field = Jedno z pól ma nieprawidłową wartość.
error-invalid-json = Nie udało się odczytać żądania.
error-invalid-mfa-token = Logowanie jest nieprawidłowe lub wygasło; zaloguj się ponownie.
error-invalid-password = Hasło jest nieprawidłowe.
error-invalid-refresh-token = Sesja wygasła. Zaloguj się ponownie.
error-invalid-state = Logowanie trwało zbyt długo lub zostało rozpoczęte gdzie indziej. Spróbuj ponownie.
error-invalid-text = Jedno z pól zawiera niedozwolone znaki.
error-invalid-token = Ten link jest nieprawidłowy lub wygasł.
error-invalid-username = Nieprawidłowa nazwa użytkownika.
error-invitation-not-found = Nie ma takiego oczekującego zaproszenia.
error-last-owner = Organizacja musi mieć co najmniej jednego właściciela.
error-last-way-in = To ostatni sposób logowania na to konto: najpierw dodaj inny.
error-member-not-found = Ta organizacja nie ma takiego członka.
error-method-not-allowed = Tego adresu nie można użyć w ten sposób.
error-mfa-already-enabled = Uwierzytelnianie dwuskładnikowe jest już włączone.
error-mfa-enrollment-required = To konto wymaga drugiego składnika: najpierw go skonfiguruj.
error-mfa-not-enabled = Uwierzytelnianie dwuskładnikowe jest wyłączone.
error-mfa-required = Wpisz kod z aplikacji uwierzytelniającej.
error-missing-field = To pole jest wymagane.
error-no-pending-enrolment = Najpierw rozpocznij konfigurację uwierzytelniania dwuskładnikowego.
error-not-authenticated = Zaloguj się, aby kontynuować.
error-no-passkey = To konto nie ma klucza dostępu.
error-not-found = Nie znaleziono.
error-oauth-denied = Logowanie za pomocą innego konta zostało odrzucone.
error-oauth-failed = Logowanie za pomocą innego konta nie powiodło się. Spróbuj ponownie.
error-organization-not-found = Nie ma takiej organizacji.
error-overloaded = Serwer jest przeciążony. Spróbuj ponownie za chwilę.
error-passkey-not-found = Nie ma takiego klucza dostępu.
error-passkey-rejected = Klucz dostępu nie został zaakceptowany.
error-passkey-taken = Ten klucz dostępu jest już zarejestrowany.
error-passkeys-unavailable = Ten serwer nie obsługuje kluczy dostępu.
passkey-prompt-closed = Okno klucza dostępu zostało zamknięte lub upłynął czas na odpowiedź.
mfa-codes-file = Kody odzyskiwania { $product }. Każdy kod pozwala zalogować się tylko raz.
error-payload-too-large = Przesłane dane są zbyt duże.
error-rate-limited = Zbyt wiele prób. Odczekaj chwilę i spróbuj ponownie.
error-reauthentication-required = Wpisz hasło, aby kontynuować.
error-request-timeout = Żądanie trwało zbyt długo. Spróbuj ponownie.
error-session-not-found = Nie znaleziono sesji.
error-signup-disabled = Nie można w ten sposób zakładać nowych kont.
error-slug-taken = Inna organizacja ma już tę nazwę.
error-timeout = Żądanie trwało zbyt długo; spróbuj ponownie.
error-unavailable = Usługa jest niedostępna. Spróbuj ponownie za chwilę.
error-unknown-email = Nie znaleziono użytkownika z tym adresem e-mail.
error-unknown-provider = Nie ma takiego dostawcy logowania.
error-unsupported-media-type = Formularz został wysłany w nieobsługiwanym formacie.
error-user-not-found = Nie ma takiego użytkownika.
error-username-taken = Ta nazwa użytkownika jest już zajęta.
error-weak-password = To hasło jest niedozwolone. Wybierz inne.
# The password policy's refusals, next to the password field.
error-password-required = Hasło jest wymagane
error-password-too-short = Hasło musi mieć co najmniej { $min ->
        [one] { $min } znak
        [few] { $min } znaki
        [many] { $min } znaków
       *[other] { $min } znaków
    }
error-password-too-long = Hasło może mieć najwyżej { $max ->
        [one] { $max } znak
        [few] { $max } znaki
        [many] { $max } znaków
       *[other] { $max } znaków
    }
error-password-letter-digit = Hasło musi zawierać zarówno litery, jak i cyfry
error-password-too-common = To hasło jest zbyt popularne; wybierz trudniejsze do odgadnięcia
error-password-breached = To hasło pojawiło się w wycieku danych, więc atakujący próbują go w pierwszej kolejności; wybierz inne

## The error page

error-page-status = Błąd { $status }
error-page-unexpected-title = Coś poszło nie tak
error-page-unexpected = Serwer nie mógł obsłużyć tego żądania. Spróbuj ponownie później.
error-page-rate-limited-title = Zbyt wiele żądań
error-page-rate-limited = Zbyt wiele prób z Twojej sieci. Odczekaj minutę i spróbuj ponownie.
error-page-not-found-title = Nie znaleziono strony
error-page-not-found = Pod tym adresem nie ma żadnej strony.
error-page-form-expired-title = Ten formularz wygasł
error-page-form-expired = Wróć, odśwież stronę i wyślij formularz ponownie.
error-page-refused-title = Żądanie odrzucone
error-page-refused = To żądanie nie pochodzi ze stron tej witryny.
# Over the detail, in English, that an application's developers need (an authorization request's fault).
error-page-technical = Szczegóły techniczne dla twórców aplikacji (po angielsku):

## One-time messages after a form

flash-registered = Konto zostało utworzone. Sprawdź skrzynkę e-mail: wysłaliśmy link do potwierdzenia adresu.
flash-check-email = Sprawdź skrzynkę e-mail. Jeśli z tym adresem jest powiązane konto, link do resetowania hasła jest już w drodze.
flash-verification-sent = Sprawdź skrzynkę e-mail: wysłaliśmy nowy link potwierdzający.
flash-email-verified = Adres e-mail został potwierdzony.
flash-logged-out = Wylogowano.
flash-login-required = Zaloguj się, aby kontynuować.
flash-password-changed = Hasło zostało zmienione. Pozostałe sesje zostały wylogowane.
flash-password-reset = Hasło zostało zresetowane. Zaloguj się, używając nowego hasła.
flash-session-revoked = Sesja została unieważniona.
flash-other-sessions-revoked = Wszystkie pozostałe sesje zostały wylogowane.
flash-mfa-disabled = Uwierzytelnianie dwuskładnikowe jest wyłączone.
flash-passkey-added = Dodano klucz dostępu. Możesz już się nim logować.
flash-passkey-renamed = Zmieniono nazwę klucza dostępu.
flash-passkey-deleted = Usunięto klucz dostępu.
flash-identity-unlinked = Połączone konto zostało odłączone.
flash-grant-revoked = Dostęp został cofnięty. Aplikacja nie może już korzystać z Twojego konta, dopóki ponownie się w niej nie zalogujesz.
flash-org-created = Organizacja została utworzona. Masz w niej rolę właściciela.
# $days: how long the invitation's link works.
flash-org-invited = { $days ->
    [one] Zaproszenie zostało wysłane. Link w nim działa jednorazowo przez { $days } dzień.
    [few] Zaproszenie zostało wysłane. Link w nim działa jednorazowo przez { $days } dni.
    [many] Zaproszenie zostało wysłane. Link w nim działa jednorazowo przez { $days } dni.
   *[other] Zaproszenie zostało wysłane. Link w nim działa jednorazowo przez { $days } dni.
}
flash-org-invitation-revoked = Zaproszenie zostało unieważnione. Jego link już nie działa.
flash-org-role-changed = Rola została zmieniona.
flash-org-member-removed = Członek został usunięty.
flash-org-left = Opuszczono organizację.
flash-org-switched = Ta sesja działa teraz w imieniu organizacji.
flash-language-changed = Język został zmieniony.

## Log in (login.html)

login-title = Logowanie
login-lead = Witamy ponownie. Zaloguj się, aby zarządzać swoim kontem.
login-resend-verification = Wyślij nowy link potwierdzający
login-submit = Zaloguj się
login-passkey = Zaloguj się kluczem dostępu
login-providers-label = Zaloguj się za pomocą innego konta
# $provider: the name of another sign-in service (e.g. GitHub).
login-continue-with = Kontynuuj przez { $provider }
login-email-link = Zamiast tego wyślij mi link logowania e-mailem
login-forgot = Nie pamiętasz hasła?
login-new-here = Pierwszy raz tutaj?
login-create-account = Załóż konto

## Create an account (register.html)

register-title = Załóż konto
register-lead = Wyślemy Ci link do potwierdzenia adresu e-mail.
register-submit = Załóż konto
register-have-account = Masz już konto?
register-log-in = Zaloguj się

## Forgot and reset password (forgot_password.html, reset_password.html)

forgot-title = Nie pamiętasz hasła?
forgot-lead = Wpisz swój adres e-mail, a wyślemy Ci link do ustawienia nowego hasła.
forgot-submit = Wyślij link do resetowania
forgot-remembered = Jednak pamiętasz hasło?
forgot-log-in = Zaloguj się
reset-title = Ustaw nowe hasło
reset-lead = Wszystkie sesje Twojego konta zostaną wylogowane.
reset-submit = Ustaw nowe hasło
reset-ask-again = Poproś o nowy link do resetowania

## Confirm an address (verify_email.html)

verify-title = Potwierdź adres e-mail
verify-done = Gotowe
verify-lead = Wystarczy jedno kliknięcie, aby potwierdzić adres.
verify-submit = Potwierdź mój adres e-mail
verify-not-you = Ktoś inny użył Twojego adresu? Jeśli to nie Ty o to prosisz, nie potwierdzaj go:
verify-decline = To nie moje konto

## Sign in by email (email_login.html)

email-login-title = Logowanie przez e-mail
email-login-sign-in-title = Logowanie
email-login-one-click = Wystarczy jedno kliknięcie, aby się zalogować.
email-login-submit = Zaloguj się
email-login-check-title = Sprawdź skrzynkę e-mail
# $email: the address entered, emphasised.
email-login-check-lead = Jeśli adres { $email } może służyć do logowania, wysłaliśmy na niego link i 6-cyfrowy kod. Otwórz link lub wpisz kod tutaj.
email-login-lead = Wyślemy Ci e-mailem link i kod, które pozwolą się zalogować bez hasła.
email-login-send = Wyślij mi link
email-login-other-way = Zaloguj się w inny sposób

## Second factor (mfa_code.html, mfa_setup.html, mfa_codes.html)

mfa-code-title = Kod uwierzytelniania dwuskładnikowego
mfa-code-heading = Wpisz kod
mfa-code-lead = Otwórz aplikację uwierzytelniającą i wpisz 6-cyfrowy kod dla tego konta albo jeden ze swoich kodów odzyskiwania.
mfa-code-submit = Dalej
mfa-code-passkey = Zamiast tego użyj klucza dostępu
mfa-code-start-over = Zacznij od nowa
mfa-setup-title = Konfiguracja uwierzytelniania dwuskładnikowego
mfa-setup-lead = Zeskanuj ten kod aplikacją uwierzytelniającą, a następnie wpisz wyświetlony w niej 6-cyfrowy kod.
mfa-setup-qr-alt = Kod QR dla aplikacji uwierzytelniającej
mfa-setup-key = Lub wpisz ten klucz:
mfa-setup-submit = Włącz
mfa-setup-not-now = Nie teraz
mfa-codes-title = Kody odzyskiwania
mfa-codes-heading = Twoje kody odzyskiwania
mfa-codes-lead = Przechowuj je w bezpiecznym miejscu. Jeśli stracisz dostęp do aplikacji uwierzytelniającej, każdy z nich pozwoli Ci zalogować się jeden raz. Są wyświetlane tylko teraz.
mfa-codes-download = Pobierz jako plik tekstowy
mfa-codes-done = Gotowe

## The account page (account.html)

account-title = Twoje konto
account-log-out = Wyloguj się
account-profile = Profil
account-email = E-mail
account-verified = Potwierdzony
account-not-verified = Niepotwierdzony
account-username = Nazwa użytkownika
account-username-not-set = Nie ustawiono
account-member-since = Konto założone
account-language = Język
account-language-default = Automatycznie (według przeglądarki)
account-language-save = Zapisz język
account-unverified-note = Potwierdź adres, otwierając link, który wysłaliśmy Ci e-mailem. Brak wiadomości?
account-send-new-link = Wyślij nowy link
account-enrol-title = Jeszcze jeden krok
account-enrol-lead = To konto wymaga drugiego składnika: skonfiguruj go poniżej, aby kontynuować.
account-sessions = Sesje
# $count: how many sessions the account has.
account-sessions-count = { $count ->
    [one] { $count } sesja
    [few] { $count } sesje
    [many] { $count } sesji
   *[other] { $count } sesji
}
account-sessions-lead = Miejsca, w których zalogowano się na Twoje konto. Unieważnij każdą sesję, której nie rozpoznajesz.
account-this-device = To urządzenie
# $when: a date and time.
account-last-active = ostatnia aktywność: { $when }
# $device: e.g. "Firefox on Linux"; $when: a date and time.
account-revoke-session-label = Unieważnij sesję { $device } (ostatnia aktywność: { $when })
account-revoke = Unieważnij
account-revoke-others = Wyloguj wszystkie pozostałe sesje
# How a session's device is named: $browser and $os are product names.
device-browser-on-os = { $browser } w systemie { $os }
device-on-os = Przeglądarka w systemie { $os }
device-unknown = Nieznane urządzenie
# A device no rule names: $agent is the start of its browser's own description.
device-other = { $agent }
account-mfa = Uwierzytelnianie dwuskładnikowe
account-mfa-on = Włączone
account-mfa-on-lead = Przy logowaniu wymagany jest kod z aplikacji uwierzytelniającej.
# $count: recovery codes not used yet.
account-recovery-codes-left = { $count ->
    [one] Pozostał { $count } kod odzyskiwania.
    [few] Pozostały { $count } kody odzyskiwania.
    [many] Pozostało { $count } kodów odzyskiwania.
   *[other] Pozostało { $count } kodów odzyskiwania.
}
account-mfa-new-codes = Wygeneruj nowe kody odzyskiwania
account-mfa-turn-off = Wyłącz
account-mfa-off-lead = Przy logowaniu wymagaj oprócz hasła także kodu z aplikacji uwierzytelniającej.
account-mfa-set-up = Skonfiguruj uwierzytelnianie dwuskładnikowe
account-mfa-confirm-first = Najpierw potwierdź adres e-mail: do tego czasu nie można dodać żadnej metody logowania.
account-passkeys = Klucze dostępu
account-passkeys-lead = Loguj się odciskiem palca, skanem twarzy lub kodem PIN urządzenia zamiast hasła. Jeśli stracisz wszystkie klucze dostępu, nadal zalogujesz się hasłem (lub linkiem do resetowania hasła wysłanym e-mailem).
account-passkey-synced = Synchronizowany
# $when: a date and time.
account-passkey-added = dodano { $when }
account-last-used = ostatnie użycie: { $when }
# $name: the passkey's name.
account-passkey-rename-label = Nowa nazwa klucza dostępu { $name }
account-rename = Zmień nazwę
account-passkey-delete-label = Usuń klucz dostępu { $name }
account-delete = Usuń
account-passkeys-confirm-first = Najpierw potwierdź adres e-mail: do tego czasu nie można dodać żadnego klucza dostępu.
account-passkey-name-hint = Aby łatwo odróżnić swoje klucze dostępu, np. „Laptop służbowy”.
account-passkey-add = Dodaj klucz dostępu
account-passkey-needs-script = Dodanie klucza dostępu wymaga JavaScriptu.
account-identities = Połączone konta
account-identities-lead = Loguj się za pomocą innego konta, które masz. Połączenie kont wymaga niedawnego zalogowania.
account-identity-linked = połączono { $when }
# $provider: the name of another sign-in service.
account-unlink-label = Odłącz konto { $provider }
account-unlink = Odłącz
account-identities-confirm-first = Najpierw potwierdź adres e-mail: do tego czasu nie można połączyć żadnego konta.
account-link = Połącz konto { $provider }
account-grants = Aplikacje
account-grants-lead = Aplikacje, którym zezwolono na logowanie za pomocą tego konta. Po cofnięciu dostępu aplikacja nie może korzystać z Twojego konta, dopóki ponownie się w niej nie zalogujesz.
account-granted = przyznano { $when }
# $name: the application's name.
account-revoke-grant-label = Cofnij dostęp aplikacji { $name }
account-organizations = Organizacje
# $count: how many organisations the account belongs to.
account-organizations-count = { $count ->
    [one] Należysz do jednej organizacji.
    [few] Należysz do { $count } organizacji.
    [many] Należysz do { $count } organizacji.
   *[other] Należysz do { $count } organizacji.
}
account-new-organization = Nowa organizacja
account-create-organization = Utwórz
account-change-password = Zmiana hasła
account-change-password-lead = Pozostałe sesje zostaną wylogowane; ta pozostanie aktywna.
account-change-password-submit = Zmień hasło

## Roles in an organisation

role-owner = właściciel
role-admin = administrator
role-member = członek

## An organisation (organization.html)

# $role (emphasised), $account (an email address), $slug (emphasised).
org-lead = Twoja rola tutaj: { $role }; zalogowano jako { $account }. Identyfikator organizacji: { $slug }.
# $name: the organisation's name.
org-switch = Działaj w tej sesji w imieniu organizacji { $name }
org-members = Członkowie
# $count: how many members the organisation has.
org-members-count = { $count ->
    [one] { $count } osoba
    [few] { $count } osoby
    [many] { $count } osób
   *[other] { $count } osób
}
org-you = (Ty)
# $role; $when: a date and time.
org-joined = { $role } · w organizacji od { $when }
# $email: a member's address.
org-role-of = Rola użytkownika { $email }
org-change-role = Zmień
org-remove-label = Usuń użytkownika { $email }
org-remove = Usuń
org-leave = Opuść organizację
org-invite-title = Zaproś kogoś
org-role = Rola
org-invite-submit = Wyślij zaproszenie
org-open-invitations = Oczekujące zaproszenia
org-invitation-until = { $role } · ważne do { $when }
org-revoke-invitation-label = Unieważnij zaproszenie dla { $email }
org-revoke = Unieważnij
org-back = Wróć do swojego konta

## An invitation (invitation.html)

# $organization: the organisation's name.
invitation-joined-title = Dołączono do organizacji { $organization }
invitation-joined-lead = Należysz do organizacji { $organization }. Twoja rola: { $role }.
invitation-title = Dołączyć do organizacji { $organization }?
# $organization and $role are emphasised.
invitation-lead = Masz zaproszenie do organizacji { $organization } z rolą: { $role }.
invitation-accept = Dołącz do organizacji { $organization }

## The provider's pages: consent, linking, sign out (consent.html, to_provider.html, logout.html)

# $client: the application's name.
consent-title = Zezwolić na dostęp aplikacji { $client }?
consent-heading = Zezwolić aplikacji { $client } na logowanie za pomocą Twojego konta?
# $host: the site the application describes itself at, emphasised.
consent-document-host = Aplikacja { $client } nie jest tu zarejestrowana: jej opis znajduje się w witrynie { $host }. Zezwól tylko wtedy, gdy ufasz tej witrynie.
consent-asks = Aplikacja { $client } prosi o zgodę, aby:
# $host: where the browser is sent back to, emphasised.
consent-redirect = Potem przeglądarka wróci do { $host }. Zgodę możesz w każdej chwili cofnąć na stronie swojego konta.
consent-allow = Zezwól
consent-deny = Odmów
scope-openid = Wiedzieć, kim jesteś (identyfikator Twojego konta)
scope-profile = Widzieć Twoją nazwę użytkownika
scope-email = Widzieć Twój adres e-mail i to, czy jest potwierdzony
scope-offline-access = Utrzymywać połączenie, gdy Cię nie ma, aż do cofnięcia zgody
scope-organization = Widzieć, w imieniu której organizacji działasz, i Twoją rolę w niej
# $scope: a permission's technical name.
scope-other = Korzystać z uprawnienia „{ $scope }”
# $provider: the name of another sign-in service.
to-provider-title = Przejdź do { $provider }
to-provider-lead = Zaloguj się tam, aby połączyć to konto ze swoim kontem.
logout-done-title = Wylogowano
logout-done-heading = Wylogowano
logout-done-lead = Możesz zamknąć to okno.
logout-log-in-again = Zaloguj się ponownie
logout-title = Wylogować się?
logout-client-asks = Aplikacja { $client } prosi o wylogowanie z Twojego konta.
logout-this-device = Wylogować się z konta na tym urządzeniu?
logout-submit = Wyloguj się
logout-stay = Nie wylogowuj

## Connect a device (device.html, device_confirm.html, device_done.html)

device-title = Połącz urządzenie
device-lead = Wpisz kod wyświetlany przez urządzenie lub narzędzie wiersza poleceń.
device-code-hint = Osiem liter, np. BCDF-GHJK.
# One message for any wrong code (unknown, mistyped, expired, used): it reveals nothing more.
device-code-invalid = Ten kod jest nieprawidłowy. Porównaj go z kodem wyświetlanym na urządzeniu lub zacznij od nowa na urządzeniu.
device-continue = Dalej
device-confirm-heading = Zezwolić na dostęp aplikacji { $client } na Twoim urządzeniu?
# $code: the code the device shows, emphasised.
device-confirm-asks = Aplikacja { $client } na urządzeniu wyświetlającym kod { $code } prosi o zgodę, aby:
device-confirm-no-scopes = Działać w Twoim imieniu (bez wglądu w Twoje dane)
device-confirm-warning = Zezwól tylko wtedy, gdy to połączenie zostało rozpoczęte przez Ciebie na urządzeniu, które masz przy sobie, i gdy wyświetla ono ten sam kod. Zgodę możesz w każdej chwili cofnąć na stronie swojego konta.
device-allow = Zezwól
device-deny = Odmów
device-connected-title = Urządzenie połączone
device-connected = Aplikacja { $client } jest zalogowana na Twoje konto. Możesz wrócić do urządzenia; dalsze kroki wykona ono samo.
device-denied-title = Żądanie odrzucone
device-denied = Aplikacja { $client } nie otrzymuje żadnego dostępu. Jeśli to nie Ty rozpoczynasz to połączenie, ktoś mógł wysłać Ci ten kod: zignoruj go.

## Mails. $product is the server's name (Portcullis). Each mail has a subject, and its text
## is used in both its plain-text and HTML parts.

mail-footer = Otrzymujesz tę wiadomość w związku z działaniem na Twoim koncie { $product }.
mail-if-you = Jeśli to Ty, nie musisz nic robić. Jeśli nie, natychmiast zresetuj hasło: spowoduje to zakończenie wszystkich sesji.
# How long a mailed link works.
# (Polish: after "wygasa za", so the accusative: "za minutę", "za 2 minuty", "za 15 minut".)
mail-expires-minutes = { $count ->
    [one] minutę
    [few] { $count } minuty
    [many] { $count } minut
   *[other] { $count } minut
}
mail-expires-hours = { $count ->
    [one] godzinę
    [few] { $count } godziny
    [many] { $count } godzin
   *[other] { $count } godzin
}
mail-expires-days = { $count ->
    [one] dzień
    [few] { $count } dni
    [many] { $count } dni
   *[other] { $count } dni
}
mail-verify-subject = Potwierdź adres e-mail w usłudze { $product }
mail-verify-intro = Potwierdź swój adres e-mail w usłudze { $product }.
mail-verify-open = Otwórz ten link, aby go potwierdzić:
mail-verify-button = Potwierdź adres e-mail
# $expires: one of mail-expires-…
mail-link-expires = Link działa jednorazowo i wygasa za { $expires }.
# $choice: the button's text on the page (verify-decline).
mail-verify-not-you = To nie Ty zakładasz to konto? W takim razie go nie potwierdzaj: otwórz ten sam link i wybierz „{ $choice }”. Konto, które ktoś zarejestrował na Twój adres, zostanie usunięte i nikt nie będzie mógł się na nie logować w Twoim imieniu.
mail-reset-subject = Resetowanie hasła w usłudze { $product }
mail-reset-intro = Ktoś poprosił o zresetowanie hasła do Twojego konta { $product }.
mail-reset-open = Otwórz ten link, aby ustawić nowe hasło:
mail-reset-button = Ustaw nowe hasło
mail-reset-expires = Link działa jednorazowo i wygasa za { $expires }. Jeśli to nie Ty, zignoruj tę wiadomość: Twoje hasło pozostanie bez zmian.
mail-email-login-subject = Logowanie do usługi { $product }
mail-email-login-intro = Ktoś poprosił o zalogowanie się na Twoje konto { $product } za pomocą tego adresu.
# $code: the six digits, emphasised.
mail-email-login-code = Twój kod logowania: { $code }
mail-email-login-open = Możesz też otworzyć ten link, aby się zalogować:
mail-email-login-button = Zaloguj się
mail-email-login-expires = Kod i link działają jednorazowo i wygasają za { $expires }. Jeśli to nie Ty, zignoruj tę wiadomość: bez niej nikt się nie zaloguje.
# $organization: the organisation's name; $inviter: who invites (an address).
mail-invitation-subject = Zaproszenie do organizacji { $organization } w usłudze { $product }
# $organization is emphasised in the HTML part.
mail-invitation-intro = { $inviter } zaprasza Cię do organizacji { $organization } w usłudze { $product } z rolą: { $role }.
mail-invitation-open = Otwórz ten link, aby przyjąć zaproszenie (najpierw zaloguj się albo załóż konto z tym adresem i je potwierdź):
mail-invitation-button = Przyjmij zaproszenie
mail-invitation-first = Najpierw zaloguj się albo załóż konto z tym adresem i je potwierdź.
mail-invitation-expires = Link działa jednorazowo i wygasa za { $expires }. Jeśli nie znasz tej organizacji, zignoruj tę wiadomość: nic się nie stanie, dopóki nie przyjmiesz zaproszenia.
mail-password-changed-subject = Hasło do Twojego konta { $product } zostało zmienione
mail-password-changed = Hasło do Twojego konta { $product } zostało właśnie zmienione, a pozostałe sesje zostały wylogowane.
mail-password-changed-if-you = Jeśli to Ty, nie musisz nic robić. Jeśli nie, natychmiast zresetuj hasło i skontaktuj się z administratorem.
mail-email-change-subject = Otrzymano prośbę o zmianę adresu e-mail Twojego konta { $product }
mail-email-change = Ktoś zalogowany na Twoje konto { $product } poprosił o zmianę jego adresu e-mail.
mail-email-change-pending = Adres zmieni się dopiero po otwarciu linku wysłanego na nowy adres; do tego czasu ten adres pozostaje adresem konta i nadal służy do logowania.
mail-email-change-if-you = Jeśli to Ty, nie musisz nic robić. Jeśli nie, natychmiast zmień hasło: spowoduje to zakończenie wszystkich pozostałych sesji, a zmiana adresu nigdy nie zostanie dokończona.
mail-email-changed-subject = Adres e-mail Twojego konta { $product } został zmieniony
mail-email-changed = Administrator usługi { $product } zmienił adres e-mail Twojego konta. Ten adres nie służy już do logowania na to konto, a wszystkie sesje konta zostały zakończone.
mail-email-changed-if-you = Jeśli się tego nie spodziewasz, skontaktuj się z pomocą techniczną usługi, w której masz konto.
mail-mfa-on-subject = Uwierzytelnianie dwuskładnikowe jest włączone na Twoim koncie { $product }
mail-mfa-on = Na Twoim koncie { $product } włączono uwierzytelnianie dwuskładnikowe.
mail-mfa-off-subject = Uwierzytelnianie dwuskładnikowe jest wyłączone na Twoim koncie { $product }
mail-mfa-off = Na Twoim koncie { $product } wyłączono uwierzytelnianie dwuskładnikowe.
mail-passkey-added-subject = Do Twojego konta { $product } dodano klucz dostępu
mail-passkey-added = Do Twojego konta { $product } dodano klucz dostępu.
mail-passkey-removed-subject = Z Twojego konta { $product } usunięto klucz dostępu
mail-passkey-removed = Z Twojego konta { $product } usunięto klucz dostępu.
# $provider: the name of another sign-in service.
mail-identity-linked-subject = Z Twoim kontem { $product } połączono logowanie przez { $provider }
mail-identity-linked = Z Twoim kontem { $product } połączono logowanie przez { $provider }.
mail-identity-linked-then = Następnie odłącz logowanie przez { $provider } na stronie swojego konta: zresetowanie hasła go nie usuwa.
mail-identity-unlinked-subject = Od Twojego konta { $product } odłączono logowanie przez { $provider }
mail-identity-unlinked = Od Twojego konta { $product } odłączono logowanie przez { $provider }.
mail-codes-replaced-subject = Wygenerowano nowe kody odzyskiwania dla Twojego konta { $product }
mail-codes-replaced = Wygenerowano nowe kody odzyskiwania dla Twojego konta { $product }; poprzednie już nie działają.
mail-code-used-subject = Użyto kodu odzyskiwania do zalogowania się w usłudze { $product }
mail-code-used = Jeden z Twoich kodów odzyskiwania do usługi { $product } został właśnie użyty do zalogowania się. Każdy kod działa tylko raz.
mail-code-used-if-you = Jeśli to Ty, rozważ wygenerowanie nowych kodów. Jeśli nie, natychmiast zresetuj hasło: spowoduje to zakończenie wszystkich sesji.
mail-breached-subject = Zmień hasło do { $product }
mail-breached = Hasło, którym właśnie zalogowano się do { $product }, znajduje się na liście haseł ujawnionych w wyciekach danych w innych serwisach. Atakujący próbują takich haseł w pierwszej kolejności.
mail-breached-what-to-do = Zaloguj się i zmień je w ustawieniach konta na hasło, którego nie używasz nigdzie indziej. Twoje hasło nie zostało nikomu przekazane: sprawdzono je na naszym serwerze z listą tam przechowywaną.
