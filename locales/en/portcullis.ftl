# Portcullis: the English catalogue, the reference for every other language.
#
# Every text a person reads on the hosted pages and in mails comes from here. Keys are
# grouped by page; a translation has exactly these keys and, in each message, the same
# variables ({ $name }). Write no HTML: where a sentence holds a link or emphasis, the
# emphasised part is a variable ($link, $account…) that the page fills in.
# Numbers that select a plural form ($count) follow the language's CLDR plural rules:
# give the categories your language has ([zero], [one], [two], [few], [many], *[other]).

## Language and formats

# The language's own name, in the language switcher.
language-name = English
# Dates: $day (1-31), $month (one of format-month-1 … format-month-12), $year.
format-date = { $day } { $month } { $year }
# A date and time (UTC): $date (format-date), $hour (00-23), $minute (00-59).
format-datetime = { $date }, { $hour }:{ $minute } UTC
format-month-1 = Jan
format-month-2 = Feb
format-month-3 = Mar
format-month-4 = Apr
format-month-5 = May
format-month-6 = Jun
format-month-7 = Jul
format-month-8 = Aug
format-month-9 = Sep
format-month-10 = Oct
format-month-11 = Nov
format-month-12 = Dec
# Numbers: the separator of thousands (put a space in quotes: {" "}) and the decimal mark.
format-number-group = ,
format-number-decimal = .

## Every page

site-skip-link = Skip to content
site-language-label = Language
site-language-submit = Change language
# After a form post, the page that goes on to another site by itself.
continue-title = Continue
continue-button = Continue
continue-returning = Returning to the application…
continue-signed-in = Signed in. Returning to the application…
go-to-account = Go to your account
# "Not you? Go to your account to sign out first." $link is go-to-account, as a link.
not-you = Not you? { $link } to sign out first.
# $account is the signed-in person's email address.
signed-in-as = You are signed in as { $account }.

## Form fields and their errors

field-email = Email
field-email-address = Email address
field-email-or-username = Email or username
field-username-optional = Username (optional)
field-username-hint = 3 to 32 letters, digits, dots, dashes or underscores.
field-password = Password
field-confirm-password = Confirm password
field-current-password = Current password
field-new-password = New password
field-confirm-new-password = Confirm new password
field-code = Code
field-name = Name
# A new password's rules, under the field: $min is the fewest characters allowed.
password-hint = At least { $min } characters; a long phrase is best.
password-hint-letter-digit = At least { $min } characters, with a letter and a digit; a long phrase is best.
# Under a password field of the account page.
password-recent-hint = Needed unless you logged in within the last few minutes.
# The hidden label of a password field next to a button.
password-recent-label = Password (needed unless you logged in within the last few minutes)
form-required = This field is required.
form-too-many-attempts = Too many attempts. Wait a little and try again.
form-passwords-differ = The two passwords are not the same.
form-enter-password = Enter your password to continue.
form-second-factor-needed = This session did not use your second factor: log out and log in again with it.
form-link-incomplete = This link is incomplete. Open the whole link from the email.
form-reset-link-invalid = This reset link is invalid, has expired or was already used.
form-verify-link-invalid = This link is invalid or has expired. Log in to ask for a new one.
form-verify-decline-invalid = This link is invalid or has expired, or the address is confirmed already.
form-declined-account-removed = The account registered with your address has been removed: nobody can sign in to it. You may register yourself whenever you like.
form-declined-change-cancelled = The change of an account's address to yours has been cancelled.

## Errors from the server, shown over a form or on the error page (by error code)

error-account-exists = An account has this email address: sign in and link this one from your account page.
error-bad-request = Bad request.
error-client-managed-by-config = This application is managed by the server's configuration.
error-client-not-found = No application has that identifier.
error-cross-origin-request = Cross-origin request refused.
error-csrf-token = This form has expired. Reload the page and try again.
error-email-not-verified = Confirm your email address first: follow the link we emailed you.
error-email-taken = Email already registered.
error-forbidden = You are not allowed to do this.
error-grant-not-found = Nothing is granted to that application.
error-hs256-mode = This server signs its tokens with a shared secret: this is not available.
error-identity-not-found = No such linked account.
error-identity-taken = That account is already linked to another account here.
error-insufficient-scope = This application was not allowed to do this.
error-internal-error = Something went wrong on the server. Try again later.
error-invalid-api-key = Invalid or revoked API key.
error-invalid-authorization-request = The application's request is not valid.
error-invalid-body = The form could not be read.
error-invalid-code = Invalid or expired code.
error-invalid-ceremony = The passkey request has expired. Try again.
error-invalid-client = Unknown application.
error-invalid-credentials = Invalid email or password.
error-invalid-email = Invalid email address.
error-invalid-field = A field has a value that is not valid.
error-invalid-json = The request could not be read.
error-invalid-mfa-token = Invalid or expired sign-in; log in again.
error-invalid-password = Password is incorrect.
error-invalid-refresh-token = Your session has expired. Log in again.
error-invalid-state = The sign-in took too long or was started elsewhere. Try again.
error-invalid-text = A field holds characters that are not allowed.
error-invalid-token = This link is invalid or has expired.
error-invalid-username = Invalid username.
error-invitation-not-found = No such open invitation.
error-last-owner = An organisation needs at least one owner.
error-last-way-in = This is the account's last way to sign in: add another one first.
error-member-not-found = No such member of this organisation.
error-method-not-allowed = This address cannot be used this way.
error-mfa-already-enabled = Two-factor authentication is on already.
error-mfa-enrollment-required = This account needs a second factor: set one up first.
error-mfa-not-enabled = Two-factor authentication is off.
error-mfa-required = Enter the code from your authenticator app.
error-missing-field = This field is required.
error-no-pending-enrolment = Start setting up two-factor authentication first.
error-not-authenticated = Log in to continue.
error-no-passkey = This account has no passkey.
error-not-found = Not found.
error-oauth-denied = The sign-in with the other account was refused.
error-oauth-failed = The sign-in with the other account failed. Try again.
error-organization-not-found = No such organisation.
error-overloaded = The server is busy. Try again in a moment.
error-passkey-not-found = No such passkey.
error-passkey-rejected = The passkey was not accepted.
error-passkey-taken = This passkey is registered already.
error-passkeys-unavailable = Passkeys are not available on this server.
# Shown when the browser's passkey prompt was dismissed or ran out of time.
passkey-prompt-closed = The passkey prompt was closed or timed out.
# The first line of the downloaded recovery codes file (plain text).
mfa-codes-file = { $product } recovery codes. Each signs you in once.
error-payload-too-large = What you sent is too large.
error-rate-limited = Too many attempts. Wait a little and try again.
error-reauthentication-required = Enter your password to continue.
error-request-timeout = The request took too long. Try again.
error-session-not-found = Session not found.
error-signup-disabled = New accounts cannot be created this way.
error-slug-taken = Another organisation has that name.
error-timeout = The request took too long; try again.
error-unavailable = The service is unavailable. Try again in a moment.
error-unknown-email = No user found with this email.
error-unknown-provider = No such sign-in provider.
error-unsupported-media-type = The form was sent in a format that is not accepted.
error-user-not-found = No such user.
error-username-taken = Username already taken.
error-weak-password = This password is not allowed. Choose another one.
# The password policy's refusals, next to the password field.
error-password-required = Password is required
error-password-too-short = Password must be at least { $min } characters long
error-password-too-long = Password must be at most { $max } characters long
error-password-letter-digit = Password must contain both letters and numbers
error-password-too-common = This password is too common; choose a less guessable one
error-password-breached = This password has appeared in a data breach, so attackers try it first; choose another

## The error page

error-page-status = Error { $status }
error-page-unexpected-title = Something went wrong
error-page-unexpected = The server could not handle this request. Try again later.
error-page-rate-limited-title = Too many requests
error-page-rate-limited = Too many attempts from your network. Wait a minute and try again.
error-page-not-found-title = Page not found
error-page-not-found = There is no page at this address.
error-page-form-expired-title = This form has expired
error-page-form-expired = Go back, reload the page and submit the form again.
error-page-refused-title = Request refused
error-page-refused = This request did not come from this site's own pages.
# Over the detail, in English, that an application's developers need (an authorization request's fault).
error-page-technical = Technical detail for the application's developers:

## One-time messages after a form

flash-registered = Account created. Check your email for a link to confirm your address.
flash-check-email = Check your email. If that address has an account, a reset link is on its way.
flash-verification-sent = Check your email for a new confirmation link.
flash-email-verified = Your email address is confirmed.
flash-logged-out = You have logged out.
flash-login-required = Please log in to continue.
flash-password-changed = Password changed. Your other sessions have been logged out.
flash-password-reset = Password reset. Log in with your new password.
flash-session-revoked = Session revoked.
flash-other-sessions-revoked = Every other session has been logged out.
flash-mfa-disabled = Two-factor authentication is off.
flash-passkey-added = Passkey added. You can sign in with it now.
flash-passkey-renamed = Passkey renamed.
flash-passkey-deleted = Passkey deleted.
flash-identity-unlinked = Identity unlinked.
flash-grant-revoked = Access withdrawn. The application can no longer use your account until you sign in to it again.
flash-org-created = Organisation created. You are its owner.
# $days: how long the invitation's link works.
flash-org-invited = { $days ->
    [one] Invitation sent. The link in it works once, for { $days } day.
   *[other] Invitation sent. The link in it works once, for { $days } days.
}
flash-org-invitation-revoked = Invitation revoked. Its link no longer works.
flash-org-role-changed = Role changed.
flash-org-member-removed = Member removed.
flash-org-left = You left the organisation.
flash-org-switched = This session now acts for the organisation.
flash-language-changed = Language changed.

## Log in (login.html)

login-title = Log in
login-lead = Welcome back. Log in to manage your account.
login-resend-verification = Send a new confirmation link
login-submit = Log in
login-passkey = Sign in with a passkey
login-providers-label = Sign in with another account
# $provider: the name of another sign-in service (e.g. GitHub).
login-continue-with = Continue with { $provider }
login-email-link = Email me a sign-in link instead
login-forgot = Forgot your password?
login-new-here = New here?
login-create-account = Create an account

## Create an account (register.html)

register-title = Create an account
register-lead = We will send you a link to confirm your email address.
register-submit = Create account
register-have-account = Already have an account?
register-log-in = Log in

## Forgot and reset password (forgot_password.html, reset_password.html)

forgot-title = Forgot your password?
forgot-lead = Enter your email address and we will send you a link to choose a new password.
forgot-submit = Send reset link
forgot-remembered = Remembered it?
forgot-log-in = Log in
reset-title = Choose a new password
reset-lead = Every session of your account will be logged out.
reset-submit = Set new password
reset-ask-again = Ask for a new reset link

## Confirm an address (verify_email.html)

verify-title = Confirm your email
verify-done = Done
verify-lead = One click and your address is confirmed.
verify-submit = Confirm my email address
verify-not-you = Did someone else use your address? If you did not ask for this, do not confirm it:
verify-decline = I did not create this account

## Sign in by email (email_login.html)

email-login-title = Sign in by email
email-login-sign-in-title = Sign in
email-login-one-click = One click and you are signed in.
email-login-submit = Sign in
email-login-check-title = Check your email
# $email: the address entered, emphasised.
email-login-check-lead = If { $email } can sign in, we sent it a link and a 6-digit code. Open the link, or enter the code here.
email-login-lead = We will email you a link and a code that sign you in, no password needed.
email-login-send = Email me a link
email-login-other-way = Sign in another way

## Second factor (mfa_code.html, mfa_setup.html, mfa_codes.html)

mfa-code-title = Two-factor code
mfa-code-heading = Enter your code
mfa-code-lead = Open your authenticator app and enter the 6-digit code for this account, or one of your recovery codes.
mfa-code-submit = Continue
mfa-code-passkey = Use a passkey instead
mfa-code-start-over = Start over
mfa-setup-title = Set up two-factor authentication
mfa-setup-lead = Scan this code with an authenticator app, then enter the 6-digit code it shows.
mfa-setup-qr-alt = QR code for your authenticator app
mfa-setup-key = Or type this key:
mfa-setup-submit = Turn on
mfa-setup-not-now = Not now
mfa-codes-title = Recovery codes
mfa-codes-heading = Your recovery codes
mfa-codes-lead = Keep these somewhere safe. Each one signs you in once if you lose your authenticator app. They are shown only now.
mfa-codes-download = Download as text
mfa-codes-done = Done

## The account page (account.html)

account-title = Your account
account-log-out = Log out
account-profile = Profile
account-email = Email
account-verified = Verified
account-not-verified = Not verified
account-username = Username
account-username-not-set = Not set
account-member-since = Member since
account-language = Language
account-language-default = Automatic (from the browser)
account-language-save = Save language
account-unverified-note = Confirm your address with the link we emailed you. No email?
account-send-new-link = Send a new link
account-enrol-title = One more step
account-enrol-lead = This account needs a second factor: set one up below to continue.
account-sessions = Sessions
# $count: how many sessions the account has.
account-sessions-count = { $count ->
    [one] { $count } session
   *[other] { $count } sessions
}
account-sessions-lead = Where your account is logged in. Revoke any session you do not recognise.
account-this-device = This device
# $when: a date and time.
account-last-active = last active { $when }
# $device: e.g. "Firefox on Linux"; $when: a date and time.
account-revoke-session-label = Revoke the session of { $device }, last active { $when }
account-revoke = Revoke
account-revoke-others = Log out everywhere else
# How a session's device is named: $browser and $os are product names.
device-browser-on-os = { $browser } on { $os }
device-on-os = A browser on { $os }
device-unknown = Unknown device
# A device no rule names: $agent is the start of its browser's own description.
device-other = { $agent }
account-mfa = Two-factor authentication
account-mfa-on = On
account-mfa-on-lead = Logging in asks for a code from your authenticator app.
# $count: recovery codes not used yet.
account-recovery-codes-left = { $count ->
    [one] { $count } recovery code left.
   *[other] { $count } recovery codes left.
}
account-mfa-new-codes = New recovery codes
account-mfa-turn-off = Turn off
account-mfa-off-lead = Ask for a code from an authenticator app as well as your password when you log in.
account-mfa-set-up = Set up two-factor authentication
account-mfa-confirm-first = Confirm your email address first: until then, no sign-in method can be added.
account-passkeys = Passkeys
account-passkeys-lead = Sign in with your fingerprint, face or device PIN instead of a password. If you lose every passkey, your password (or a reset link by email) still lets you in.
account-passkey-synced = Synced
# $when: a date and time.
account-passkey-added = added { $when }
account-last-used = last used { $when }
# $name: the passkey's name.
account-passkey-rename-label = New name for { $name }
account-rename = Rename
account-passkey-delete-label = Delete the passkey { $name }
account-delete = Delete
account-passkeys-confirm-first = Confirm your email address first: until then, no passkey can be added.
account-passkey-name-hint = So you can tell your passkeys apart, e.g. “Work laptop”.
account-passkey-add = Add a passkey
account-passkey-needs-script = Adding a passkey needs JavaScript.
account-identities = Linked accounts
account-identities-lead = Sign in with another account you have. Linking needs a recent sign-in.
account-identity-linked = linked { $when }
# $provider: the name of another sign-in service.
account-unlink-label = Unlink { $provider }
account-unlink = Unlink
account-identities-confirm-first = Confirm your email address first: until then, no account can be linked.
account-link = Link { $provider }
account-grants = Applications
account-grants-lead = Applications you let sign you in with this account. Revoke one and it can no longer use your account until you sign in to it again.
account-granted = granted { $when }
# $name: the application's name.
account-revoke-grant-label = Revoke the access of { $name }
account-organizations = Organisations
# $count: how many organisations the account belongs to.
account-organizations-count = { $count ->
    [one] Member of { $count } organisation.
   *[other] Member of { $count } organisations.
}
account-new-organization = New organisation
account-create-organization = Create
account-change-password = Change password
account-change-password-lead = Your other sessions will be logged out; this one stays.
account-change-password-submit = Change password

## Roles in an organisation

role-owner = owner
role-admin = admin
role-member = member

## An organisation (organization.html)

# $role (emphasised), $account (an email address), $slug (emphasised).
org-lead = You are { $role } here, signed in as { $account }. Its slug is { $slug }.
# $name: the organisation's name.
org-switch = Act for { $name } in this session
org-members = Members
# $count: how many members the organisation has.
org-members-count = { $count ->
    [one] { $count } member
   *[other] { $count } members
}
org-you = (you)
# $role; $when: a date and time.
org-joined = { $role } · joined { $when }
# $email: a member's address.
org-role-of = Role of { $email }
org-change-role = Change
org-remove-label = Remove { $email }
org-remove = Remove
org-leave = Leave
org-invite-title = Invite someone
org-role = Role
org-invite-submit = Send the invitation
org-open-invitations = Open invitations
org-invitation-until = { $role } · until { $when }
org-revoke-invitation-label = Revoke the invitation of { $email }
org-revoke = Revoke
org-back = Back to your account

## An invitation (invitation.html)

# $organization: the organisation's name.
invitation-joined-title = You joined { $organization }
invitation-joined-lead = You are a member of { $organization }, as { $role }.
invitation-title = Join { $organization }?
# $organization and $role are emphasised.
invitation-lead = You are invited to join { $organization } as { $role }.
invitation-accept = Join { $organization }

## The provider's pages: consent, linking, sign out (consent.html, to_provider.html, logout.html)

# $client: the application's name.
consent-title = Allow { $client }?
consent-heading = Allow { $client } to sign you in?
# $host: the site the application describes itself at, emphasised.
consent-document-host = { $client } is not registered here: it describes itself at { $host }. Allow it only if you trust that site.
consent-asks = { $client } asks to:
# $host: where the browser is sent back to, emphasised.
consent-redirect = It will be sent back to { $host }. You can withdraw this at any time on your account page.
consent-allow = Allow
consent-deny = Deny
scope-openid = Know who you are (your account's identifier)
scope-profile = See your username
scope-email = See your email address and whether it is confirmed
scope-offline-access = Stay connected when you are away, until you withdraw it
scope-organization = See which organisation you act for, and your role in it
# $scope: a permission's technical name.
scope-other = Use the permission “{ $scope }”
# $provider: the name of another sign-in service.
to-provider-title = Continue to { $provider }
to-provider-lead = Sign in there to link it to your account.
logout-done-title = Signed out
logout-done-heading = You are signed out
logout-done-lead = You can close this window.
logout-log-in-again = Log in again
logout-title = Sign out?
logout-client-asks = { $client } asks to sign you out of your account.
logout-this-device = Sign out of your account on this device?
logout-submit = Sign out
logout-stay = Stay signed in

## Connect a device (device.html, device_confirm.html, device_done.html)

device-title = Connect a device
device-lead = Enter the code your device or command-line tool shows.
device-code-hint = Eight letters, such as BCDF-GHJK.
# One message for any wrong code (unknown, mistyped, expired, used): it reveals nothing more.
device-code-invalid = That code is not valid. Check it against the one your device shows, or start again on the device.
device-continue = Continue
device-confirm-heading = Allow { $client } on your device?
# $code: the code the device shows, emphasised.
device-confirm-asks = { $client }, on the device showing { $code }, asks to:
device-confirm-no-scopes = Act on your behalf (without seeing your details)
device-confirm-warning = Allow it only if you started this yourself, on a device you are holding, and it shows this same code. You can withdraw this at any time on your account page.
device-allow = Allow
device-deny = Deny
device-connected-title = Device connected
device-connected = { $client } is signed in as you. You can go back to your device; it continues by itself.
device-denied-title = Request denied
device-denied = { $client } gets nothing. If you did not start this, someone may have sent you the code: ignore it.

## Mails. $product is the server's name (Portcullis). Each mail has a subject, and its text
## is used in both its plain-text and HTML parts.

mail-footer = You received this email because of an action on your { $product } account.
mail-if-you = If this was you, there is nothing to do. If it was not, reset your password at once: that ends every session.
# How long a mailed link works.
mail-expires-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
mail-expires-hours = { $count ->
    [one] { $count } hour
   *[other] { $count } hours
}
mail-expires-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
mail-verify-subject = Confirm your email address for { $product }
mail-verify-intro = Confirm your email address for { $product }.
mail-verify-open = Open this link to confirm it:
mail-verify-button = Confirm email address
# $expires: one of mail-expires-…
mail-link-expires = The link works once and expires in { $expires }.
# $choice: the button's text on the page (verify-decline).
mail-verify-not-you = Did you not create this account? Then do not confirm it: open the same link and choose “{ $choice }”. The account someone registered with your address is removed, and nobody can sign in to it in your name.
mail-reset-subject = Reset your { $product } password
mail-reset-intro = Someone asked to reset the password of your { $product } account.
mail-reset-open = Open this link to choose a new password:
mail-reset-button = Choose a new password
mail-reset-expires = The link works once and expires in { $expires }. If it was not you, ignore this email: your password stays as it is.
mail-email-login-subject = Sign in to { $product }
mail-email-login-intro = Someone asked to sign in to your { $product } account with this address.
# $code: the six digits, emphasised.
mail-email-login-code = Your sign-in code is { $code }
mail-email-login-open = Or open this link to sign in:
mail-email-login-button = Sign in
mail-email-login-expires = The code and the link work once and expire in { $expires }. If it was not you, ignore this email: nobody can sign in without it.
# $organization: the organisation's name; $inviter: who invites (an address).
mail-invitation-subject = You are invited to join { $organization } on { $product }
# $organization is emphasised in the HTML part.
mail-invitation-intro = { $inviter } invites you to join { $organization } on { $product }, as { $role }.
mail-invitation-open = Open this link to accept (sign in, or create an account with this address and confirm it, first):
mail-invitation-button = Accept the invitation
mail-invitation-first = Sign in first, or create an account with this address and confirm it.
mail-invitation-expires = The link works once and expires in { $expires }. If you do not know this organisation, ignore this email: nothing happens unless you accept.
mail-password-changed-subject = Your { $product } password was changed
mail-password-changed = The password of your { $product } account was just changed, and your other sessions were signed out.
mail-password-changed-if-you = If this was you, there is nothing to do. If it was not, reset your password at once and contact your administrator.
mail-email-change-subject = A change of your { $product } email address was requested
mail-email-change = Someone signed in to your { $product } account asked to change its email address.
mail-email-change-pending = The address changes only when the link mailed to the new address is followed; until then this address stays the account's and still signs in.
mail-email-change-if-you = If this was you, there is nothing to do. If it was not, change your password at once: that ends every other session, and the change is never completed.
mail-email-changed-subject = The email address of your { $product } account was changed
mail-email-changed = An administrator of { $product } changed the email address of your account. This address no longer signs in to it, and every session of the account was ended.
mail-email-changed-if-you = If you did not expect this, contact the support of the service you signed up with.
mail-mfa-on-subject = Two-factor authentication is on for your { $product } account
mail-mfa-on = Two-factor authentication was turned on for your { $product } account.
mail-mfa-off-subject = Two-factor authentication is off for your { $product } account
mail-mfa-off = Two-factor authentication was turned off for your { $product } account.
mail-passkey-added-subject = A passkey was added to your { $product } account
mail-passkey-added = A passkey was added to your { $product } account.
mail-passkey-removed-subject = A passkey was removed from your { $product } account
mail-passkey-removed = A passkey was removed from your { $product } account.
# $provider: the name of another sign-in service.
mail-identity-linked-subject = A { $provider } sign-in was linked to your { $product } account
mail-identity-linked = A { $provider } sign-in was linked to your { $product } account.
mail-identity-linked-then = Then unlink the { $provider } sign-in on your account page: a password reset does not remove it.
mail-identity-unlinked-subject = A { $provider } sign-in was unlinked from your { $product } account
mail-identity-unlinked = A { $provider } sign-in was unlinked from your { $product } account.
mail-codes-replaced-subject = New recovery codes were made for your { $product } account
mail-codes-replaced = New recovery codes were made for your { $product } account; the old ones no longer work.
mail-code-used-subject = A recovery code was used to sign in to { $product }
mail-code-used = One of your { $product } recovery codes was just used to sign in. Each code works once.
mail-code-used-if-you = If this was you, consider making new codes. If it was not, reset your password at once: that ends every session.
mail-breached-subject = Change your { $product } password
mail-breached = The password you just used to sign in to { $product } appears in a list of passwords exposed in data breaches elsewhere. Attackers try such passwords first.
mail-breached-what-to-do = Please sign in and change it in your account settings to one you use nowhere else. Nobody has been told your password: it was checked on our server against a list kept there.
