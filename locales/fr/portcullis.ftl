# Portcullis: the French catalogue, translated from the English one (locales/en/portcullis.ftl), the reference.
#
# This file: French (fr). Register: formal "vous"; French typography (no-break spaces before : ; ? !, « » quotes, ’ apostrophes).
#
# Every text a person reads on the hosted pages and in mails comes from here. Keys are
# grouped by page; a translation has exactly these keys and, in each message, the same
# variables ({ $name }). Write no HTML: where a sentence holds a link or emphasis, the
# emphasised part is a variable ($link, $account…) that the page fills in.
# Numbers that select a plural form ($count) follow the language's CLDR plural rules:
# give the categories your language has ([zero], [one], [two], [few], [many], *[other]).

## Language and formats

# The language's own name, in the language switcher.
language-name = Français
# Dates: $day (1-31), $month (one of format-month-1 … format-month-12), $year.
format-date = { $day } { $month } { $year }
# A date and time (UTC): $date (format-date), $hour (00-23), $minute (00-59).
format-datetime = { $date } à { $hour }:{ $minute } UTC
format-month-1 = janv.
format-month-2 = févr.
format-month-3 = mars
format-month-4 = avr.
format-month-5 = mai
format-month-6 = juin
format-month-7 = juil.
format-month-8 = août
format-month-9 = sept.
format-month-10 = oct.
format-month-11 = nov.
format-month-12 = déc.
# Numbers: the separator of thousands (put a space in quotes: {" "}) and the decimal mark.
format-number-group = {"\u202F"}
format-number-decimal = ,

## Every page

site-skip-link = Aller au contenu
site-language-label = Langue
site-language-submit = Changer de langue
# After a form post, the page that goes on to another site by itself.
continue-title = Continuer
continue-button = Continuer
continue-returning = Retour à l’application…
continue-signed-in = Connexion réussie. Retour à l’application…
go-to-account = Accéder à votre compte
# "Not you? Go to your account to sign out first." $link is go-to-account, as a link.
not-you = Ce n’est pas vous ? { $link } pour vous déconnecter d’abord.
# $account is the signed-in person's email address.
signed-in-as = Vous êtes connecté en tant que { $account }.

## Form fields and their errors

field-email = Adresse e-mail
field-email-address = Adresse e-mail
field-email-or-username = Adresse e-mail ou nom d’utilisateur
field-username-optional = Nom d’utilisateur (facultatif)
field-username-hint = De 3 à 32 lettres, chiffres, points, tirets ou traits de soulignement.
field-password = Mot de passe
field-confirm-password = Confirmer le mot de passe
field-current-password = Mot de passe actuel
field-new-password = Nouveau mot de passe
field-confirm-new-password = Confirmer le nouveau mot de passe
field-code = Code
field-name = Nom
# A new password's rules, under the field: $min is the fewest characters allowed.
password-hint = Au moins { $min } caractères ; une longue phrase est idéale.
password-hint-letter-digit = Au moins { $min } caractères, dont une lettre et un chiffre ; une longue phrase est idéale.
# Under a password field of the account page.
password-recent-hint = Obligatoire, sauf si vous vous êtes connecté au cours des dernières minutes.
# The hidden label of a password field next to a button.
password-recent-label = Mot de passe (obligatoire, sauf si vous vous êtes connecté au cours des dernières minutes)
form-required = Ce champ est obligatoire.
form-too-many-attempts = Trop de tentatives. Patientez un peu, puis réessayez.
form-passwords-differ = Les deux mots de passe ne sont pas identiques.
form-enter-password = Saisissez votre mot de passe pour continuer.
form-second-factor-needed = Cette session n’a pas utilisé votre second facteur : déconnectez-vous, puis reconnectez-vous en l’utilisant.
form-link-incomplete = Ce lien est incomplet. Ouvrez le lien complet figurant dans l’e-mail.
form-reset-link-invalid = Ce lien de réinitialisation n’est pas valide, a expiré ou a déjà été utilisé.
form-verify-link-invalid = Ce lien n’est pas valide ou a expiré. Connectez-vous pour en demander un nouveau.
form-verify-decline-invalid = Ce lien n’est pas valide ou a expiré, ou l’adresse est déjà confirmée.
form-declined-account-removed = Le compte créé avec votre adresse a été supprimé : personne ne peut s’y connecter. Vous pouvez créer votre propre compte quand vous le souhaitez.
form-declined-change-cancelled = Le remplacement de l’adresse d’un compte par la vôtre a été annulé.

## Errors from the server, shown over a form or on the error page (by error code)

error-account-exists = Un compte utilise déjà cette adresse e-mail : connectez-vous, puis associez ce compte-ci depuis la page de votre compte.
error-bad-request = Requête incorrecte.
error-client-managed-by-config = Cette application est gérée par la configuration du serveur.
error-client-not-found = Aucune application ne porte cet identifiant.
error-cross-origin-request = Requête provenant d’une autre origine refusée.
error-csrf-token = Ce formulaire a expiré. Rechargez la page et réessayez.
error-email-not-verified = Confirmez d’abord votre adresse e-mail : suivez le lien que nous vous avons envoyé par e-mail.
error-email-taken = Adresse e-mail déjà enregistrée.
error-forbidden = Vous n’êtes pas autorisé à effectuer cette action.
error-grant-not-found = Aucun accès n’est accordé à cette application.
error-hs256-mode = Ce serveur signe ses jetons avec un secret partagé : cette fonction n’est pas disponible.
error-identity-not-found = Compte associé introuvable.
error-identity-taken = Ce compte est déjà associé à un autre compte de ce service.
error-insufficient-scope = Cette application n’est pas autorisée à effectuer cette action.
error-internal-error = Une erreur s’est produite sur le serveur. Réessayez plus tard.
error-invalid-api-key = Clé d’API non valide ou révoquée.
error-invalid-authorization-request = La requête de l’application n’est pas valide.
error-invalid-body = Le formulaire n’a pas pu être lu.
error-invalid-code = Code non valide ou expiré.
error-invalid-ceremony = La demande de clé d’accès a expiré. Réessayez.
error-invalid-client = Application inconnue.
error-invalid-credentials = Adresse e-mail ou mot de passe incorrect.
error-invalid-email = Adresse e-mail non valide.
error-invalid-field = Un champ contient une valeur non valide.
error-invalid-json = La requête n’a pas pu être lue.
error-invalid-mfa-token = Connexion non valide ou expirée ; reconnectez-vous.
error-invalid-password = Mot de passe incorrect.
error-invalid-refresh-token = Votre session a expiré. Reconnectez-vous.
error-invalid-state = La connexion a pris trop de temps ou a été lancée ailleurs. Réessayez.
error-invalid-text = Un champ contient des caractères non autorisés.
error-invalid-token = Ce lien n’est pas valide ou a expiré.
error-invalid-username = Nom d’utilisateur non valide.
error-invitation-not-found = Invitation en attente introuvable.
error-last-owner = Une organisation doit avoir au moins un propriétaire.
error-last-way-in = C’est le dernier moyen de connexion de ce compte : ajoutez-en d’abord un autre.
error-member-not-found = Membre introuvable dans cette organisation.
error-method-not-allowed = Cette adresse ne peut pas être utilisée de cette façon.
error-mfa-already-enabled = L’authentification à deux facteurs est déjà activée.
error-mfa-enrollment-required = Ce compte exige un second facteur : configurez-en un d’abord.
error-mfa-not-enabled = L’authentification à deux facteurs est désactivée.
error-mfa-required = Saisissez le code de votre application d’authentification.
error-missing-field = Ce champ est obligatoire.
error-no-pending-enrolment = Commencez d’abord la configuration de l’authentification à deux facteurs.
error-not-authenticated = Connectez-vous pour continuer.
error-no-passkey = Ce compte n’a aucune clé d’accès.
error-not-found = Introuvable.
error-oauth-denied = La connexion avec l’autre compte a été refusée.
error-oauth-failed = La connexion avec l’autre compte a échoué. Réessayez.
error-organization-not-found = Organisation introuvable.
error-overloaded = Le serveur est surchargé. Réessayez dans un instant.
error-passkey-not-found = Clé d’accès introuvable.
error-passkey-rejected = La clé d’accès n’a pas été acceptée.
error-passkey-taken = Cette clé d’accès est déjà enregistrée.
error-passkeys-unavailable = Les clés d’accès ne sont pas disponibles sur ce serveur.
passkey-prompt-closed = La fenêtre de la clé d’accès a été fermée ou a expiré.
mfa-codes-file = Codes de récupération { $product }. Chacun permet de se connecter une seule fois.
error-payload-too-large = Les données envoyées sont trop volumineuses.
error-rate-limited = Trop de tentatives. Patientez un peu, puis réessayez.
error-reauthentication-required = Saisissez votre mot de passe pour continuer.
error-request-timeout = La requête a pris trop de temps. Réessayez.
error-session-not-found = Session introuvable.
error-signup-disabled = Impossible de créer un compte de cette façon.
error-slug-taken = Une autre organisation porte déjà ce nom.
error-timeout = La requête a pris trop de temps ; réessayez.
error-unavailable = Le service est indisponible. Réessayez dans un instant.
error-unknown-email = Aucun utilisateur ne correspond à cette adresse e-mail.
error-unknown-provider = Fournisseur de connexion inconnu.
error-unsupported-media-type = Le formulaire a été envoyé dans un format non accepté.
error-user-not-found = Utilisateur introuvable.
error-username-taken = Ce nom d’utilisateur est déjà pris.
error-weak-password = Ce mot de passe n’est pas autorisé. Choisissez-en un autre.
# The password policy's refusals, next to the password field.
error-password-required = Le mot de passe est obligatoire
error-password-too-short = Le mot de passe doit comporter au moins { $min } caractères
error-password-too-long = Le mot de passe doit comporter au plus { $max } caractères
error-password-letter-digit = Le mot de passe doit contenir à la fois des lettres et des chiffres
error-password-too-common = Ce mot de passe est trop courant ; choisissez-en un plus difficile à deviner
error-password-breached = Ce mot de passe figure dans une fuite de données, les attaquants l’essaient donc en premier ; choisissez-en un autre

## The error page

error-page-status = Erreur { $status }
error-page-unexpected-title = Une erreur s’est produite
error-page-unexpected = Le serveur n’a pas pu traiter cette requête. Réessayez plus tard.
error-page-rate-limited-title = Trop de requêtes
error-page-rate-limited = Trop de tentatives depuis votre réseau. Patientez une minute, puis réessayez.
error-page-not-found-title = Page introuvable
error-page-not-found = Il n’y a aucune page à cette adresse.
error-page-form-expired-title = Ce formulaire a expiré
error-page-form-expired = Revenez en arrière, rechargez la page et renvoyez le formulaire.
error-page-refused-title = Requête refusée
error-page-refused = Cette requête ne provient pas des pages de ce site.
# Over the detail, in English, that an application's developers need (an authorization request's fault).
error-page-technical = Détail technique pour les développeurs de l’application :

## One-time messages after a form

flash-registered = Compte créé. Consultez vos e-mails : un lien vous permettra de confirmer votre adresse.
flash-check-email = Consultez vos e-mails. Si un compte existe pour cette adresse, un lien de réinitialisation vous a été envoyé.
flash-verification-sent = Consultez vos e-mails : un nouveau lien de confirmation vous a été envoyé.
flash-email-verified = Votre adresse e-mail est confirmée.
flash-logged-out = Vous êtes déconnecté.
flash-login-required = Veuillez vous connecter pour continuer.
flash-password-changed = Mot de passe modifié. Vos autres sessions ont été fermées.
flash-password-reset = Mot de passe réinitialisé. Connectez-vous avec votre nouveau mot de passe.
flash-session-revoked = Session révoquée.
flash-other-sessions-revoked = Toutes les autres sessions ont été fermées.
flash-mfa-disabled = L’authentification à deux facteurs est désactivée.
flash-passkey-added = Clé d’accès ajoutée. Vous pouvez désormais vous connecter avec celle-ci.
flash-passkey-renamed = Clé d’accès renommée.
flash-passkey-deleted = Clé d’accès supprimée.
flash-identity-unlinked = Compte dissocié.
flash-grant-revoked = Accès retiré. L’application ne peut plus utiliser votre compte jusqu’à ce que vous vous y connectiez à nouveau.
flash-org-created = Organisation créée. Vous en êtes le propriétaire.
# $days: how long the invitation's link works.
flash-org-invited = { $days ->
    [one] Invitation envoyée. Son lien n’est utilisable qu’une fois, pendant { $days } jour.
   *[other] Invitation envoyée. Son lien n’est utilisable qu’une fois, pendant { $days } jours.
}
flash-org-invitation-revoked = Invitation révoquée. Son lien ne fonctionne plus.
flash-org-role-changed = Rôle modifié.
flash-org-member-removed = Membre retiré.
flash-org-left = Vous avez quitté l’organisation.
flash-org-switched = Cette session agit désormais au nom de l’organisation.
flash-language-changed = Langue modifiée.

## Log in (login.html)

login-title = Connexion
login-lead = Bon retour parmi nous. Connectez-vous pour gérer votre compte.
login-resend-verification = Envoyer un nouveau lien de confirmation
login-submit = Se connecter
login-passkey = Se connecter avec une clé d’accès
login-providers-label = Se connecter avec un autre compte
# $provider: the name of another sign-in service (e.g. GitHub).
login-continue-with = Continuer avec { $provider }
login-email-link = Recevoir plutôt un lien de connexion par e-mail
login-forgot = Mot de passe oublié ?
login-new-here = Pas encore de compte ?
login-create-account = Créer un compte

## Create an account (register.html)

register-title = Créer un compte
register-lead = Nous vous enverrons un lien pour confirmer votre adresse e-mail.
register-submit = Créer le compte
register-have-account = Vous avez déjà un compte ?
register-log-in = Se connecter

## Forgot and reset password (forgot_password.html, reset_password.html)

forgot-title = Mot de passe oublié ?
forgot-lead = Saisissez votre adresse e-mail : nous vous enverrons un lien pour choisir un nouveau mot de passe.
forgot-submit = Envoyer le lien de réinitialisation
forgot-remembered = Vous vous en souvenez ?
forgot-log-in = Se connecter
reset-title = Choisir un nouveau mot de passe
reset-lead = Toutes les sessions de votre compte seront fermées.
reset-submit = Définir le nouveau mot de passe
reset-ask-again = Demander un nouveau lien de réinitialisation

## Confirm an address (verify_email.html)

verify-title = Confirmer votre adresse e-mail
verify-done = Terminé
verify-lead = Un clic, et votre adresse est confirmée.
verify-submit = Confirmer mon adresse e-mail
verify-not-you = Quelqu’un d’autre a-t-il utilisé votre adresse ? Si vous n’avez rien demandé, ne confirmez pas l’adresse :
verify-decline = Je n’ai pas créé ce compte

## Sign in by email (email_login.html)

email-login-title = Connexion par e-mail
email-login-sign-in-title = Connexion
email-login-one-click = Un clic suffit pour vous connecter.
email-login-submit = Se connecter
email-login-check-title = Consultez vos e-mails
# $email: the address entered, emphasised.
email-login-check-lead = Si l’adresse { $email } permet de se connecter, nous y avons envoyé un lien et un code à 6 chiffres. Ouvrez le lien ou saisissez le code ici.
email-login-lead = Nous vous enverrons par e-mail un lien et un code pour vous connecter, sans mot de passe.
email-login-send = M’envoyer un lien
email-login-other-way = Se connecter autrement

## Second factor (mfa_code.html, mfa_setup.html, mfa_codes.html)

mfa-code-title = Code d’authentification
mfa-code-heading = Saisissez votre code
mfa-code-lead = Ouvrez votre application d’authentification et saisissez le code à 6 chiffres de ce compte, ou l’un de vos codes de récupération.
mfa-code-submit = Continuer
mfa-code-passkey = Utiliser plutôt une clé d’accès
mfa-code-start-over = Recommencer
mfa-setup-title = Configurer l’authentification à deux facteurs
mfa-setup-lead = Scannez ce code avec une application d’authentification, puis saisissez le code à 6 chiffres qu’elle affiche.
mfa-setup-qr-alt = Code QR pour votre application d’authentification
mfa-setup-key = Ou saisissez cette clé :
mfa-setup-submit = Activer
mfa-setup-not-now = Plus tard
mfa-codes-title = Codes de récupération
mfa-codes-heading = Vos codes de récupération
mfa-codes-lead = Conservez-les en lieu sûr. Chacun permet de vous connecter une seule fois si vous perdez votre application d’authentification. Ils ne sont affichés que cette fois-ci.
mfa-codes-download = Télécharger au format texte
mfa-codes-done = Terminé

## The account page (account.html)

account-title = Votre compte
account-log-out = Se déconnecter
account-profile = Profil
account-email = Adresse e-mail
account-verified = Vérifiée
account-not-verified = Non vérifiée
account-username = Nom d’utilisateur
account-username-not-set = Non défini
account-member-since = Membre depuis
account-language = Langue
account-language-default = Automatique (selon le navigateur)
account-language-save = Enregistrer la langue
account-unverified-note = Confirmez votre adresse avec le lien que nous vous avons envoyé par e-mail. Vous ne l’avez pas reçu ?
account-send-new-link = Envoyer un nouveau lien
account-enrol-title = Encore une étape
account-enrol-lead = Ce compte exige un second facteur : configurez-en un ci-dessous pour continuer.
account-sessions = Sessions
# $count: how many sessions the account has.
account-sessions-count = { $count ->
    [one] { $count } session
   *[other] { $count } sessions
}
account-sessions-lead = Les endroits où votre compte est connecté. Révoquez toute session que vous ne reconnaissez pas.
account-this-device = Cet appareil
# $when: a date and time.
account-last-active = dernière activité le { $when }
# $device: e.g. "Firefox on Linux"; $when: a date and time.
account-revoke-session-label = Révoquer la session sur { $device }, dernière activité le { $when }
account-revoke = Révoquer
account-revoke-others = Fermer toutes les autres sessions
# How a session's device is named: $browser and $os are product names.
device-browser-on-os = { $browser } sous { $os }
device-on-os = Un navigateur sous { $os }
device-unknown = Appareil inconnu
# A device no rule names: $agent is the start of its browser's own description.
device-other = { $agent }
account-mfa = Authentification à deux facteurs
account-mfa-on = Activée
account-mfa-on-lead = La connexion demande un code de votre application d’authentification.
# $count: recovery codes not used yet.
account-recovery-codes-left = { $count ->
    [one] { $count } code de récupération restant.
   *[other] { $count } codes de récupération restants.
}
account-mfa-new-codes = Nouveaux codes de récupération
account-mfa-turn-off = Désactiver
account-mfa-off-lead = Demander, à la connexion, un code d’une application d’authentification en plus de votre mot de passe.
account-mfa-set-up = Configurer l’authentification à deux facteurs
account-mfa-confirm-first = Confirmez d’abord votre adresse e-mail : d’ici là, aucune méthode de connexion ne peut être ajoutée.
account-passkeys = Clés d’accès
account-passkeys-lead = Connectez-vous avec votre empreinte digitale, votre visage ou le code PIN de votre appareil plutôt qu’avec un mot de passe. Si vous perdez toutes vos clés d’accès, votre mot de passe (ou un lien de réinitialisation envoyé par e-mail) vous permet toujours de vous connecter.
account-passkey-synced = Synchronisée
# $when: a date and time.
account-passkey-added = ajoutée le { $when }
account-last-used = dernière utilisation le { $when }
# $name: the passkey's name.
account-passkey-rename-label = Nouveau nom pour { $name }
account-rename = Renommer
account-passkey-delete-label = Supprimer la clé d’accès { $name }
account-delete = Supprimer
account-passkeys-confirm-first = Confirmez d’abord votre adresse e-mail : d’ici là, aucune clé d’accès ne peut être ajoutée.
account-passkey-name-hint = Pour distinguer vos clés d’accès, par exemple « Portable du bureau ».
account-passkey-add = Ajouter une clé d’accès
account-passkey-needs-script = L’ajout d’une clé d’accès nécessite JavaScript.
account-identities = Comptes associés
account-identities-lead = Connectez-vous avec un autre compte que vous possédez. L’association exige une connexion récente.
account-identity-linked = associé le { $when }
# $provider: the name of another sign-in service.
account-unlink-label = Dissocier { $provider }
account-unlink = Dissocier
account-identities-confirm-first = Confirmez d’abord votre adresse e-mail : d’ici là, aucun compte ne peut être associé.
account-link = Associer { $provider }
account-grants = Applications
account-grants-lead = Les applications que vous autorisez à vous connecter avec ce compte. Si vous en révoquez une, elle ne peut plus utiliser votre compte jusqu’à ce que vous vous y connectiez à nouveau.
account-granted = autorisée le { $when }
# $name: the application's name.
account-revoke-grant-label = Révoquer l’accès de { $name }
account-organizations = Organisations
# $count: how many organisations the account belongs to.
account-organizations-count = { $count ->
    [one] Membre de { $count } organisation.
   *[other] Membre de { $count } organisations.
}
account-new-organization = Nouvelle organisation
account-create-organization = Créer
account-change-password = Changer le mot de passe
account-change-password-lead = Vos autres sessions seront fermées ; celle-ci restera ouverte.
account-change-password-submit = Changer le mot de passe

## Roles in an organisation

role-owner = propriétaire
role-admin = administrateur
role-member = membre

## An organisation (organization.html)

# $role (emphasised), $account (an email address), $slug (emphasised).
org-lead = Vous êtes { $role } de cette organisation, connecté en tant que { $account }. Son identifiant court est { $slug }.
# $name: the organisation's name.
org-switch = Agir au nom de { $name } dans cette session
org-members = Membres
# $count: how many members the organisation has.
org-members-count = { $count ->
    [one] { $count } membre
   *[other] { $count } membres
}
org-you = (vous)
# $role; $when: a date and time.
org-joined = { $role } · membre depuis le { $when }
# $email: a member's address.
org-role-of = Rôle de { $email }
org-change-role = Modifier
org-remove-label = Retirer { $email }
org-remove = Retirer
org-leave = Quitter
org-invite-title = Inviter quelqu’un
org-role = Rôle
org-invite-submit = Envoyer l’invitation
org-open-invitations = Invitations en attente
org-invitation-until = { $role } · jusqu’au { $when }
org-revoke-invitation-label = Révoquer l’invitation envoyée à { $email }
org-revoke = Révoquer
org-back = Retour à votre compte

## An invitation (invitation.html)

# $organization: the organisation's name.
invitation-joined-title = Vous avez rejoint { $organization }
invitation-joined-lead = Vous êtes membre de { $organization }, en tant que { $role }.
invitation-title = Rejoindre { $organization } ?
# $organization and $role are emphasised.
invitation-lead = Vous avez reçu une invitation à rejoindre { $organization } en tant que { $role }.
invitation-accept = Rejoindre { $organization }

## The provider's pages: consent, linking, sign out (consent.html, to_provider.html, logout.html)

# $client: the application's name.
consent-title = Autoriser { $client } ?
consent-heading = Autoriser { $client } à vous connecter ?
# $host: the site the application describes itself at, emphasised.
consent-document-host = { $client } n’est pas une application enregistrée ici : sa description se trouve sur { $host }. Ne l’autorisez que si vous faites confiance à ce site.
consent-asks = { $client } demande à :
# $host: where the browser is sent back to, emphasised.
consent-redirect = Votre navigateur sera ensuite renvoyé vers { $host }. Vous pouvez retirer cette autorisation à tout moment depuis la page de votre compte.
consent-allow = Autoriser
consent-deny = Refuser
scope-openid = Savoir qui vous êtes (l’identifiant de votre compte)
scope-profile = Voir votre nom d’utilisateur
scope-email = Voir votre adresse e-mail et savoir si elle est confirmée
scope-offline-access = Conserver l’accès en votre absence, jusqu’à ce que vous le retiriez
scope-organization = Voir au nom de quelle organisation vous agissez, et votre rôle au sein de celle-ci
# $scope: a permission's technical name.
scope-other = Utiliser l’autorisation « { $scope } »
# $provider: the name of another sign-in service.
to-provider-title = Continuer vers { $provider }
to-provider-lead = Connectez-vous sur ce service pour l’associer à votre compte.
logout-done-title = Déconnexion effectuée
logout-done-heading = Vous êtes déconnecté
logout-done-lead = Vous pouvez fermer cette fenêtre.
logout-log-in-again = Se reconnecter
logout-title = Se déconnecter ?
logout-client-asks = { $client } demande à vous déconnecter de votre compte.
logout-this-device = Vous déconnecter de votre compte sur cet appareil ?
logout-submit = Se déconnecter
logout-stay = Rester connecté

## Connect a device (device.html, device_confirm.html, device_done.html)

device-title = Connecter un appareil
device-lead = Saisissez le code affiché par votre appareil ou votre outil en ligne de commande.
device-code-hint = Huit lettres, par exemple BCDF-GHJK.
# One message for any wrong code (unknown, mistyped, expired, used): it reveals nothing more.
device-code-invalid = Ce code n’est pas valide. Comparez-le à celui qu’affiche votre appareil, ou recommencez sur l’appareil.
device-continue = Continuer
device-confirm-heading = Autoriser { $client } sur votre appareil ?
# $code: the code the device shows, emphasised.
device-confirm-asks = { $client }, sur l’appareil qui affiche { $code }, demande à :
device-confirm-no-scopes = Agir en votre nom (sans voir vos informations)
device-confirm-warning = N’autorisez cette demande que si vous l’avez lancée vous-même, sur un appareil que vous avez en main, et si celui-ci affiche ce même code. Vous pouvez retirer cette autorisation à tout moment depuis la page de votre compte.
device-allow = Autoriser
device-deny = Refuser
device-connected-title = Appareil connecté
device-connected = { $client } est maintenant connecté à votre compte. Vous pouvez revenir à votre appareil : la suite s’y déroule automatiquement.
device-denied-title = Demande refusée
device-denied = { $client } n’obtient aucun accès. Si vous n’êtes pas à l’origine de cette demande, quelqu’un vous a peut-être envoyé ce code : ignorez-le.

## Mails. $product is the server's name (Portcullis). Each mail has a subject, and its text
## is used in both its plain-text and HTML parts.

mail-footer = Vous recevez cet e-mail à la suite d’une action effectuée sur votre compte { $product }.
mail-if-you = Si c’était vous, vous n’avez rien à faire. Sinon, réinitialisez immédiatement votre mot de passe : cela fermera toutes les sessions.
# How long a mailed link works.
mail-expires-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
mail-expires-hours = { $count ->
    [one] { $count } heure
   *[other] { $count } heures
}
mail-expires-days = { $count ->
    [one] { $count } jour
   *[other] { $count } jours
}
mail-verify-subject = Confirmez votre adresse e-mail pour { $product }
mail-verify-intro = Confirmez votre adresse e-mail pour { $product }.
mail-verify-open = Ouvrez ce lien pour la confirmer :
mail-verify-button = Confirmer l’adresse e-mail
# $expires: one of mail-expires-…
mail-link-expires = Ce lien n’est utilisable qu’une fois et expire dans { $expires }.
# $choice: the button's text on the page (verify-decline).
mail-verify-not-you = Vous n’avez pas créé ce compte ? Dans ce cas, ne confirmez pas l’adresse : ouvrez ce même lien et choisissez « { $choice } ». Le compte que quelqu’un a créé avec votre adresse sera alors supprimé, et personne ne pourra s’y connecter en votre nom.
mail-reset-subject = Réinitialisation de votre mot de passe { $product }
mail-reset-intro = Quelqu’un a demandé la réinitialisation du mot de passe de votre compte { $product }.
mail-reset-open = Ouvrez ce lien pour choisir un nouveau mot de passe :
mail-reset-button = Choisir un nouveau mot de passe
mail-reset-expires = Ce lien n’est utilisable qu’une fois et expire dans { $expires }. Si vous n’êtes pas à l’origine de cette demande, ignorez cet e-mail : votre mot de passe reste inchangé.
mail-email-login-subject = Connexion à { $product }
mail-email-login-intro = Quelqu’un a demandé à se connecter à votre compte { $product } avec cette adresse.
# $code: the six digits, emphasised.
mail-email-login-code = Votre code de connexion est { $code }
mail-email-login-open = Ou ouvrez ce lien pour vous connecter :
mail-email-login-button = Se connecter
mail-email-login-expires = Le code et le lien ne sont utilisables qu’une fois et expirent dans { $expires }. Si vous n’êtes pas à l’origine de cette demande, ignorez cet e-mail : personne ne peut se connecter sans celui-ci.
# $organization: the organisation's name; $inviter: who invites (an address).
mail-invitation-subject = Invitation à rejoindre { $organization } sur { $product }
# $organization is emphasised in the HTML part.
mail-invitation-intro = { $inviter } vous invite à rejoindre { $organization } sur { $product }, en tant que { $role }.
mail-invitation-open = Ouvrez ce lien pour accepter (connectez-vous d’abord, ou créez un compte avec cette adresse et confirmez-la) :
mail-invitation-button = Accepter l’invitation
mail-invitation-first = Connectez-vous d’abord, ou créez un compte avec cette adresse et confirmez-la.
mail-invitation-expires = Ce lien n’est utilisable qu’une fois et expire dans { $expires }. Si vous ne connaissez pas cette organisation, ignorez cet e-mail : rien ne se passe tant que vous n’acceptez pas.
mail-password-changed-subject = Le mot de passe de votre compte { $product } a été modifié
mail-password-changed = Le mot de passe de votre compte { $product } vient d’être modifié, et vos autres sessions ont été fermées.
mail-password-changed-if-you = Si c’était vous, vous n’avez rien à faire. Sinon, réinitialisez immédiatement votre mot de passe et contactez votre administrateur.
mail-email-change-subject = Une modification de l’adresse e-mail de votre compte { $product } a été demandée
mail-email-change = Une personne connectée à votre compte { $product } a demandé la modification de l’adresse e-mail du compte.
mail-email-change-pending = L’adresse ne change que lorsque le lien envoyé à la nouvelle adresse est ouvert ; d’ici là, cette adresse reste celle du compte et permet toujours de s’y connecter.
mail-email-change-if-you = Si c’était vous, vous n’avez rien à faire. Sinon, changez immédiatement votre mot de passe : cela fermera toutes les autres sessions, et la modification ne sera jamais effectuée.
mail-email-changed-subject = L’adresse e-mail de votre compte { $product } a été modifiée
mail-email-changed = Un administrateur de { $product } a modifié l’adresse e-mail de votre compte. Cette adresse ne permet plus de s’y connecter, et toutes les sessions du compte ont été fermées.
mail-email-changed-if-you = Si vous ne vous y attendiez pas, contactez l’assistance du service auprès duquel vous vous êtes inscrit.
mail-mfa-on-subject = L’authentification à deux facteurs est activée pour votre compte { $product }
mail-mfa-on = L’authentification à deux facteurs a été activée pour votre compte { $product }.
mail-mfa-off-subject = L’authentification à deux facteurs est désactivée pour votre compte { $product }
mail-mfa-off = L’authentification à deux facteurs a été désactivée pour votre compte { $product }.
mail-passkey-added-subject = Une clé d’accès a été ajoutée à votre compte { $product }
mail-passkey-added = Une clé d’accès a été ajoutée à votre compte { $product }.
mail-passkey-removed-subject = Une clé d’accès a été supprimée de votre compte { $product }
mail-passkey-removed = Une clé d’accès a été supprimée de votre compte { $product }.
# $provider: the name of another sign-in service.
mail-identity-linked-subject = Un compte { $provider } a été associé à votre compte { $product }
mail-identity-linked = Un compte { $provider } a été associé à votre compte { $product }.
mail-identity-linked-then = Dissociez ensuite le compte { $provider } depuis la page de votre compte : une réinitialisation du mot de passe ne le supprime pas.
mail-identity-unlinked-subject = Un compte { $provider } a été dissocié de votre compte { $product }
mail-identity-unlinked = Un compte { $provider } a été dissocié de votre compte { $product }.
mail-codes-replaced-subject = De nouveaux codes de récupération ont été générés pour votre compte { $product }
mail-codes-replaced = De nouveaux codes de récupération ont été générés pour votre compte { $product } ; les anciens ne fonctionnent plus.
mail-code-used-subject = Un code de récupération a été utilisé pour se connecter à { $product }
mail-code-used = L’un de vos codes de récupération { $product } vient d’être utilisé pour se connecter. Chaque code ne fonctionne qu’une fois.
mail-code-used-if-you = Si c’était vous, pensez à générer de nouveaux codes. Sinon, réinitialisez immédiatement votre mot de passe : cela fermera toutes les sessions.
mail-breached-subject = Changez votre mot de passe { $product }
mail-breached = Le mot de passe que vous venez d’utiliser pour vous connecter à { $product } figure dans une liste de mots de passe divulgués lors de fuites de données ailleurs. Les attaquants essaient ces mots de passe en premier.
mail-breached-what-to-do = Connectez-vous et remplacez-le dans les paramètres de votre compte par un mot de passe que vous n’utilisez nulle part ailleurs. Votre mot de passe n’a été communiqué à personne : il a été vérifié sur notre serveur, avec une liste conservée sur place.
