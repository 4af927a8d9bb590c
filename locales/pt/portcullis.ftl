# Portcullis: the Portuguese catalogue, translated from the English reference (locales/en).
# Language: Brazilian Portuguese (pt-BR), not European Portuguese; register "você",
# gender-neutral phrasing where possible.
#
# Every text a person reads on the hosted pages and in mails comes from here. Keys are
# grouped by page; a translation has exactly these keys and, in each message, the same
# variables ({ $name }). Write no HTML: where a sentence holds a link or emphasis, the
# emphasised part is a variable ($link, $account…) that the page fills in.
# Numbers that select a plural form ($count) follow the language's CLDR plural rules:
# give the categories your language has ([zero], [one], [two], [few], [many], *[other]).
# Portuguese: [one] (0 and 1) and *[other] ([many], for millions, is folded into other);
# where 0 can occur, an exact [0] variant comes first.
#
# Terminology: sign in / log in = entrar (noun: login); log out / sign out = sair
# (sessions are "encerradas"); session = sessão; second factor = segundo fator;
# two-factor authentication = autenticação de dois fatores; recovery code = código de
# recuperação; organisation = organização; invitation = convite; join = participar de;
# passkey = chave de acesso; authenticator app = aplicativo autenticador; application =
# aplicativo; register = cadastrar; revoke = revogar; withdraw = retirar; role = função.

## Language and formats

# The language's own name, in the language switcher.
language-name = Português
# Dates: $day (1-31), $month (one of format-month-1 … format-month-12), $year.
format-date = { $day } de { $month } de { $year }
# A date and time (UTC): $date (format-date), $hour (00-23), $minute (00-59).
format-datetime = { $date }, { $hour }:{ $minute } UTC
format-month-1 = jan.
format-month-2 = fev.
format-month-3 = mar.
format-month-4 = abr.
format-month-5 = mai.
format-month-6 = jun.
format-month-7 = jul.
format-month-8 = ago.
format-month-9 = set.
format-month-10 = out.
format-month-11 = nov.
format-month-12 = dez.
# Numbers: the separator of thousands (put a space in quotes: {" "}) and the decimal mark.
format-number-group = .
format-number-decimal = ,

## Every page

site-skip-link = Pular para o conteúdo
site-language-label = Idioma
site-language-submit = Alterar idioma
# After a form post, the page that goes on to another site by itself.
continue-title = Continuar
continue-button = Continuar
continue-returning = Voltando ao aplicativo…
continue-signed-in = Você entrou. Voltando ao aplicativo…
go-to-account = Acesse sua conta
# "Not you? Go to your account to sign out first." $link is go-to-account, as a link.
not-you = Não é você? { $link } para sair primeiro.
# $account is the signed-in person's email address.
signed-in-as = Você entrou como { $account }.

## Form fields and their errors

field-email = E-mail
field-email-address = Endereço de e-mail
field-email-or-username = E-mail ou nome de usuário
field-username-optional = Nome de usuário (opcional)
field-username-hint = De 3 a 32 letras, dígitos, pontos, hifens ou sublinhados.
field-password = Senha
field-confirm-password = Confirme a senha
field-current-password = Senha atual
field-new-password = Nova senha
field-confirm-new-password = Confirme a nova senha
field-code = Código
field-name = Nome
# A new password's rules, under the field: $min is the fewest characters allowed.
password-hint = Pelo menos { $min } caracteres; o ideal é uma frase longa.
password-hint-letter-digit = Pelo menos { $min } caracteres, com uma letra e um dígito; o ideal é uma frase longa.
# Under a password field of the account page.
password-recent-hint = Obrigatória, a menos que você tenha entrado nos últimos minutos.
# The hidden label of a password field next to a button.
password-recent-label = Senha (obrigatória, a menos que você tenha entrado nos últimos minutos)
form-required = Este campo é obrigatório.
form-too-many-attempts = Muitas tentativas. Aguarde um pouco e tente novamente.
form-passwords-differ = As duas senhas não são iguais.
form-enter-password = Digite sua senha para continuar.
form-second-factor-needed = Esta sessão não usou seu segundo fator: saia e entre novamente usando-o.
form-link-incomplete = Este link está incompleto. Abra o link completo que está no e-mail.
form-reset-link-invalid = Este link de redefinição é inválido, expirou ou já foi usado.
form-verify-link-invalid = Este link é inválido ou expirou. Entre para solicitar um novo.
form-verify-decline-invalid = Este link é inválido ou expirou, ou o endereço já foi confirmado.
form-declined-account-removed = A conta cadastrada com seu endereço foi removida: ninguém pode entrar nela. Você pode se cadastrar quando quiser.
form-declined-change-cancelled = A alteração do endereço de uma conta para o seu foi cancelada.

## Errors from the server, shown over a form or on the error page (by error code)

error-account-exists = Já existe uma conta com este endereço de e-mail: entre nela e vincule esta na página da sua conta.
error-bad-request = Solicitação inválida.
error-client-managed-by-config = Este aplicativo é gerenciado pela configuração do servidor.
error-client-not-found = Nenhum aplicativo tem esse identificador.
error-cross-origin-request = Solicitação de origem cruzada recusada.
error-csrf-token = Este formulário expirou. Recarregue a página e tente novamente.
error-email-not-verified = Confirme primeiro seu endereço de e-mail: siga o link que enviamos para você.
error-email-taken = E-mail já cadastrado.
error-forbidden = Você não tem permissão para fazer isso.
error-grant-not-found = Nenhum acesso foi concedido a esse aplicativo.
error-hs256-mode = Este servidor assina seus tokens com um segredo compartilhado: este recurso não está disponível.
error-identity-not-found = Essa conta vinculada não existe.
error-identity-taken = Essa conta já está vinculada a outra conta aqui.
error-insufficient-scope = Este aplicativo não tem permissão para fazer isso.
error-internal-error = Algo deu errado no servidor. Tente novamente mais tarde.
error-invalid-api-key = Chave de API inválida ou revogada.
error-invalid-authorization-request = A solicitação do aplicativo não é válida.
error-invalid-body = Não foi possível ler o formulário.
error-invalid-code = Código inválido ou expirado.
error-invalid-ceremony = A solicitação da chave de acesso expirou. Tente novamente.
error-invalid-client = Aplicativo desconhecido.
error-invalid-credentials = E-mail ou senha inválidos.
error-invalid-email = Endereço de e-mail inválido.
error-invalid-field = Um campo tem um valor inválido.
error-invalid-json = Não foi possível ler a solicitação.
error-invalid-mfa-token = Login inválido ou expirado; entre novamente.
error-invalid-password = A senha está incorreta.
error-invalid-refresh-token = Sua sessão expirou. Entre novamente.
error-invalid-state = O login demorou demais ou foi iniciado em outro lugar. Tente novamente.
error-invalid-text = Um campo contém caracteres não permitidos.
error-invalid-token = Este link é inválido ou expirou.
error-invalid-username = Nome de usuário inválido.
error-invitation-not-found = Esse convite pendente não existe.
error-last-owner = Uma organização precisa de pelo menos um proprietário.
error-last-way-in = Esta é a última forma de entrar nesta conta: adicione outra primeiro.
error-member-not-found = Esse membro não existe nesta organização.
error-method-not-allowed = Este endereço da web não pode ser usado desta forma.
error-mfa-already-enabled = A autenticação de dois fatores já está ativada.
error-mfa-enrollment-required = Esta conta precisa de um segundo fator: configure um primeiro.
error-mfa-not-enabled = A autenticação de dois fatores está desativada.
error-mfa-required = Digite o código do seu aplicativo autenticador.
error-missing-field = Este campo é obrigatório.
error-no-pending-enrolment = Primeiro comece a configurar a autenticação de dois fatores.
error-not-authenticated = Entre para continuar.
error-no-passkey = Esta conta não tem nenhuma chave de acesso.
error-not-found = Não encontrado.
error-oauth-denied = O login com a outra conta foi recusado.
error-oauth-failed = O login com a outra conta falhou. Tente novamente.
error-organization-not-found = Essa organização não existe.
error-overloaded = O servidor está ocupado. Tente novamente em instantes.
error-passkey-not-found = Essa chave de acesso não existe.
error-passkey-rejected = A chave de acesso não foi aceita.
error-passkey-taken = Esta chave de acesso já está cadastrada.
error-passkeys-unavailable = As chaves de acesso não estão disponíveis neste servidor.
passkey-prompt-closed = A solicitação da chave de acesso foi fechada ou expirou.
mfa-codes-file = Códigos de recuperação do { $product }. Cada um permite entrar uma única vez.
error-payload-too-large = O que você enviou é grande demais.
error-rate-limited = Muitas tentativas. Aguarde um pouco e tente novamente.
error-reauthentication-required = Digite sua senha para continuar.
error-request-timeout = A solicitação demorou demais. Tente novamente.
error-session-not-found = Sessão não encontrada.
error-signup-disabled = Não é possível criar novas contas desta forma.
error-slug-taken = Outra organização já tem esse nome.
error-timeout = A solicitação demorou demais; tente novamente.
error-unavailable = O serviço está indisponível. Tente novamente em instantes.
error-unknown-email = Nenhum usuário encontrado com este e-mail.
error-unknown-provider = Esse provedor de login não existe.
error-unsupported-media-type = O formulário foi enviado em um formato que não é aceito.
error-user-not-found = Esse usuário não existe.
error-username-taken = Nome de usuário já em uso.
error-weak-password = Esta senha não é permitida. Escolha outra.
# The password policy's refusals, next to the password field.
error-password-required = A senha é obrigatória
error-password-too-short = A senha deve ter pelo menos { $min } caracteres
error-password-too-long = A senha deve ter no máximo { $max } caracteres
error-password-letter-digit = A senha deve conter letras e números
error-password-too-common = Esta senha é comum demais; escolha uma mais difícil de adivinhar
error-password-breached = Esta senha apareceu em um vazamento de dados, por isso os invasores a testam primeiro; escolha outra

## The error page

error-page-status = Erro { $status }
error-page-unexpected-title = Algo deu errado
error-page-unexpected = O servidor não conseguiu processar esta solicitação. Tente novamente mais tarde.
error-page-rate-limited-title = Muitas solicitações
error-page-rate-limited = Muitas tentativas a partir da sua rede. Aguarde um minuto e tente novamente.
error-page-not-found-title = Página não encontrada
error-page-not-found = Não há nenhuma página neste endereço.
error-page-form-expired-title = Este formulário expirou
error-page-form-expired = Volte, recarregue a página e envie o formulário novamente.
error-page-refused-title = Solicitação recusada
error-page-refused = Esta solicitação não veio das páginas deste site.
# Over the detail, in English, that an application's developers need (an authorization request's fault).
error-page-technical = Detalhes técnicos para os desenvolvedores do aplicativo:

## One-time messages after a form

flash-registered = Conta criada. Verifique seu e-mail: enviamos um link para confirmar seu endereço.
flash-check-email = Verifique seu e-mail. Se esse endereço tiver uma conta, um link de redefinição está a caminho.
flash-verification-sent = Verifique seu e-mail: enviamos um novo link de confirmação.
flash-email-verified = Seu endereço de e-mail foi confirmado.
flash-logged-out = Você saiu da sua conta.
flash-login-required = Entre para continuar.
flash-password-changed = Senha alterada. Suas outras sessões foram encerradas.
flash-password-reset = Senha redefinida. Entre com sua nova senha.
flash-session-revoked = Sessão revogada.
flash-other-sessions-revoked = Todas as outras sessões foram encerradas.
flash-mfa-disabled = A autenticação de dois fatores está desativada.
flash-passkey-added = Chave de acesso adicionada. Agora você pode entrar com ela.
flash-passkey-renamed = Chave de acesso renomeada.
flash-passkey-deleted = Chave de acesso excluída.
flash-identity-unlinked = Conta desvinculada.
flash-grant-revoked = Acesso retirado. O aplicativo não poderá mais usar sua conta até que você entre nele novamente.
flash-org-created = Organização criada. Você tem a função de proprietário.
# $days: how long the invitation's link works.
flash-org-invited = { $days ->
    [one] Convite enviado. O link dele funciona uma única vez, durante { $days } dia.
   *[other] Convite enviado. O link dele funciona uma única vez, durante { $days } dias.
}
flash-org-invitation-revoked = Convite revogado. O link dele não funciona mais.
flash-org-role-changed = Função alterada.
flash-org-member-removed = Membro removido.
flash-org-left = Você saiu da organização.
flash-org-switched = Esta sessão agora atua em nome da organização.
flash-language-changed = Idioma alterado.

## Log in (login.html)

login-title = Entrar
login-lead = Que bom ver você de novo. Entre para gerenciar sua conta.
login-resend-verification = Enviar um novo link de confirmação
login-submit = Entrar
login-passkey = Entrar com uma chave de acesso
login-providers-label = Entrar com outra conta
# $provider: the name of another sign-in service (e.g. GitHub).
login-continue-with = Continuar com { $provider }
login-email-link = Prefiro receber um link de login por e-mail
login-forgot = Esqueceu sua senha?
login-new-here = Ainda não tem conta?
login-create-account = Criar uma conta

## Create an account (register.html)

register-title = Criar uma conta
register-lead = Enviaremos um link para confirmar seu endereço de e-mail.
register-submit = Criar conta
register-have-account = Já tem uma conta?
register-log-in = Entrar

## Forgot and reset password (forgot_password.html, reset_password.html)

forgot-title = Esqueceu sua senha?
forgot-lead = Digite seu endereço de e-mail e enviaremos um link para você escolher uma nova senha.
forgot-submit = Enviar link de redefinição
forgot-remembered = Lembrou?
forgot-log-in = Entrar
reset-title = Escolha uma nova senha
reset-lead = Todas as sessões da sua conta serão encerradas.
reset-submit = Definir nova senha
reset-ask-again = Solicitar um novo link de redefinição

## Confirm an address (verify_email.html)

verify-title = Confirme seu e-mail
verify-done = Pronto
verify-lead = Com um clique, seu endereço estará confirmado.
verify-submit = Confirmar meu endereço de e-mail
verify-not-you = Outra pessoa usou seu endereço? Se você não solicitou isso, não o confirme:
verify-decline = Não fui eu que criei esta conta

## Sign in by email (email_login.html)

email-login-title = Entrar por e-mail
email-login-sign-in-title = Entrar
email-login-one-click = Com um clique, você entra na sua conta.
email-login-submit = Entrar
email-login-check-title = Verifique seu e-mail
# $email: the address entered, emphasised.
email-login-check-lead = Se { $email } puder entrar, enviamos para esse endereço um link e um código de 6 dígitos. Abra o link ou digite o código aqui.
email-login-lead = Enviaremos por e-mail um link e um código para você entrar, sem precisar de senha.
email-login-send = Enviar um link por e-mail
email-login-other-way = Entrar de outra forma

## Second factor (mfa_code.html, mfa_setup.html, mfa_codes.html)

mfa-code-title = Código do segundo fator
mfa-code-heading = Digite seu código
mfa-code-lead = Abra seu aplicativo autenticador e digite o código de 6 dígitos desta conta, ou um dos seus códigos de recuperação.
mfa-code-submit = Continuar
mfa-code-passkey = Usar uma chave de acesso
mfa-code-start-over = Recomeçar
mfa-setup-title = Configurar a autenticação de dois fatores
mfa-setup-lead = Escaneie este código com um aplicativo autenticador e depois digite o código de 6 dígitos que ele mostrar.
mfa-setup-qr-alt = Código QR para seu aplicativo autenticador
mfa-setup-key = Ou digite esta chave:
mfa-setup-submit = Ativar
mfa-setup-not-now = Agora não
mfa-codes-title = Códigos de recuperação
mfa-codes-heading = Seus códigos de recuperação
mfa-codes-lead = Guarde-os em um lugar seguro. Se você perder seu aplicativo autenticador, cada um permite entrar uma única vez. Eles só são mostrados agora.
mfa-codes-download = Baixar como texto
mfa-codes-done = Pronto

## The account page (account.html)

account-title = Sua conta
account-log-out = Sair
account-profile = Perfil
account-email = E-mail
account-verified = Verificado
account-not-verified = Não verificado
account-username = Nome de usuário
account-username-not-set = Não definido
account-member-since = Membro desde
account-language = Idioma
account-language-default = Automático (do navegador)
account-language-save = Salvar idioma
account-unverified-note = Confirme seu endereço com o link que enviamos por e-mail. Não recebeu?
account-send-new-link = Enviar um novo link
account-enrol-title = Só mais uma etapa
account-enrol-lead = Esta conta precisa de um segundo fator: configure um abaixo para continuar.
account-sessions = Sessões
# $count: how many sessions the account has.
account-sessions-count = { $count ->
    [one] { $count } sessão
   *[other] { $count } sessões
}
account-sessions-lead = Onde sua conta está conectada. Revogue qualquer sessão que você não reconheça.
account-this-device = Este dispositivo
# $when: a date and time.
account-last-active = última atividade em { $when }
# $device: e.g. "Firefox on Linux"; $when: a date and time.
account-revoke-session-label = Revogar a sessão de { $device }, última atividade em { $when }
account-revoke = Revogar
account-revoke-others = Encerrar as outras sessões
# How a session's device is named: $browser and $os are product names.
device-browser-on-os = { $browser } em { $os }
device-on-os = Um navegador em { $os }
device-unknown = Dispositivo desconhecido
# A device no rule names: $agent is the start of its browser's own description.
device-other = { $agent }
account-mfa = Autenticação de dois fatores
account-mfa-on = Ativada
account-mfa-on-lead = Ao entrar, é solicitado um código do seu aplicativo autenticador.
# $count: recovery codes not used yet.
account-recovery-codes-left = { $count ->
    [0] Não resta nenhum código de recuperação.
    [one] Resta { $count } código de recuperação.
   *[other] Restam { $count } códigos de recuperação.
}
account-mfa-new-codes = Novos códigos de recuperação
account-mfa-turn-off = Desativar
account-mfa-off-lead = Solicite um código de um aplicativo autenticador, além da sua senha, ao entrar.
account-mfa-set-up = Configurar a autenticação de dois fatores
account-mfa-confirm-first = Confirme primeiro seu endereço de e-mail: até lá, nenhum método de login pode ser adicionado.
account-passkeys = Chaves de acesso
account-passkeys-lead = Entre com sua impressão digital, seu rosto ou o PIN do seu dispositivo em vez de uma senha. Se você perder todas as chaves de acesso, ainda poderá entrar com sua senha (ou com um link de redefinição por e-mail).
account-passkey-synced = Sincronizada
# $when: a date and time.
account-passkey-added = adicionada em { $when }
account-last-used = último uso em { $when }
# $name: the passkey's name.
account-passkey-rename-label = Novo nome para { $name }
account-rename = Renomear
account-passkey-delete-label = Excluir a chave de acesso { $name }
account-delete = Excluir
account-passkeys-confirm-first = Confirme primeiro seu endereço de e-mail: até lá, nenhuma chave de acesso pode ser adicionada.
account-passkey-name-hint = Para você distinguir suas chaves de acesso, por exemplo, “Notebook do trabalho”.
account-passkey-add = Adicionar uma chave de acesso
account-passkey-needs-script = Para adicionar uma chave de acesso, é preciso ter o JavaScript ativado.
account-identities = Contas vinculadas
account-identities-lead = Entre com outra conta que você tenha. Para vincular uma conta, é preciso ter entrado recentemente.
account-identity-linked = vinculada em { $when }
# $provider: the name of another sign-in service.
account-unlink-label = Desvincular { $provider }
account-unlink = Desvincular
account-identities-confirm-first = Confirme primeiro seu endereço de e-mail: até lá, nenhuma conta pode ser vinculada.
account-link = Vincular { $provider }
account-grants = Aplicativos
account-grants-lead = Aplicativos em que você permitiu entrar com esta conta. Se você revogar um deles, ele não poderá mais usar sua conta até que você entre nele novamente.
account-granted = autorizado em { $when }
# $name: the application's name.
account-revoke-grant-label = Revogar o acesso de { $name }
account-organizations = Organizações
# $count: how many organisations the account belongs to.
account-organizations-count = { $count ->
    [0] Não participa de nenhuma organização.
    [one] Membro de { $count } organização.
   *[other] Membro de { $count } organizações.
}
account-new-organization = Nova organização
account-create-organization = Criar
account-change-password = Alterar senha
account-change-password-lead = Suas outras sessões serão encerradas; esta continuará ativa.
account-change-password-submit = Alterar senha

## Roles in an organisation

role-owner = proprietário
role-admin = administrador
role-member = membro

## An organisation (organization.html)

# $role (emphasised), $account (an email address), $slug (emphasised).
org-lead = Sua função aqui é { $role } e você entrou como { $account }. O identificador da organização é { $slug }.
# $name: the organisation's name.
org-switch = Atuar em nome de { $name } nesta sessão
org-members = Membros
# $count: how many members the organisation has.
org-members-count = { $count ->
    [one] { $count } membro
   *[other] { $count } membros
}
org-you = (você)
# $role; $when: a date and time.
org-joined = { $role } · participa desde { $when }
# $email: a member's address.
org-role-of = Função de { $email }
org-change-role = Alterar
org-remove-label = Remover { $email }
org-remove = Remover
org-leave = Sair da organização
org-invite-title = Convidar alguém
org-role = Função
org-invite-submit = Enviar o convite
org-open-invitations = Convites pendentes
org-invitation-until = { $role } · até { $when }
org-revoke-invitation-label = Revogar o convite de { $email }
org-revoke = Revogar
org-back = Voltar para sua conta

## An invitation (invitation.html)

# $organization: the organisation's name.
invitation-joined-title = Agora você participa de { $organization }
invitation-joined-lead = Você é membro de { $organization }, com a função de { $role }.
invitation-title = Participar de { $organization }?
# $organization and $role are emphasised.
invitation-lead = Você recebeu um convite para participar de { $organization } com a função de { $role }.
invitation-accept = Participar de { $organization }

## The provider's pages: consent, linking, sign out (consent.html, to_provider.html, logout.html)

# $client: the application's name.
consent-title = Permitir o acesso de { $client }?
consent-heading = Permitir que você entre em { $client } com esta conta?
# $host: the site the application describes itself at, emphasised.
consent-document-host = O aplicativo { $client } não está registrado aqui: a descrição dele está em { $host }. Só permita se você confiar nesse site.
consent-asks = { $client } solicita:
# $host: where the browser is sent back to, emphasised.
consent-redirect = Em seguida, você voltará para { $host }. Você pode retirar esta permissão a qualquer momento na página da sua conta.
consent-allow = Permitir
consent-deny = Negar
scope-openid = Saber quem você é (o identificador da sua conta)
scope-profile = Ver seu nome de usuário
scope-email = Ver seu endereço de e-mail e se ele está confirmado
scope-offline-access = Manter o acesso quando você não estiver presente, até que você o retire
scope-organization = Ver em nome de qual organização você atua e sua função nela
# $scope: a permission's technical name.
scope-other = Usar a permissão “{ $scope }”
# $provider: the name of another sign-in service.
to-provider-title = Continuar para { $provider }
to-provider-lead = Entre lá para vincular essa conta à sua.
logout-done-title = Sessão encerrada
logout-done-heading = Você saiu da sua conta
logout-done-lead = Você já pode fechar esta janela.
logout-log-in-again = Entrar novamente
logout-title = Sair?
logout-client-asks = { $client } solicita que você saia da sua conta.
logout-this-device = Sair da sua conta neste dispositivo?
logout-submit = Sair
logout-stay = Manter a sessão

## Connect a device (device.html, device_confirm.html, device_done.html)

device-title = Conectar um dispositivo
device-lead = Digite o código mostrado pelo seu dispositivo ou pela ferramenta de linha de comando.
device-code-hint = Oito letras, como BCDF-GHJK.
# One message for any wrong code (unknown, mistyped, expired, used): it reveals nothing more.
device-code-invalid = Esse código não é válido. Compare-o com o que seu dispositivo mostra ou comece de novo no dispositivo.
device-continue = Continuar
device-confirm-heading = Permitir o acesso de { $client } no seu dispositivo?
# $code: the code the device shows, emphasised.
device-confirm-asks = { $client }, no dispositivo que mostra { $code }, solicita:
device-confirm-no-scopes = Agir em seu nome (sem ver seus dados)
device-confirm-warning = Só permita se foi você quem iniciou isso, em um dispositivo que está em suas mãos, e se ele mostrar este mesmo código. Você pode retirar esta permissão a qualquer momento na página da sua conta.
device-allow = Permitir
device-deny = Negar
device-connected-title = Dispositivo conectado
device-connected = { $client } entrou com a sua conta. Você pode voltar ao seu dispositivo; ele continuará sozinho.
device-denied-title = Solicitação negada
device-denied = { $client } não recebe nada. Se não foi você quem iniciou isso, alguém pode ter enviado o código para você: ignore-o.

## Mails. $product is the server's name (Portcullis). Each mail has a subject, and its text
## is used in both its plain-text and HTML parts.

mail-footer = Você recebeu este e-mail por causa de uma ação na sua conta do { $product }.
mail-if-you = Se foi você, não é preciso fazer nada. Se não foi, redefina sua senha imediatamente: isso encerra todas as sessões.
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
    [one] { $count } dia
   *[other] { $count } dias
}
mail-verify-subject = Confirme seu endereço de e-mail para o { $product }
mail-verify-intro = Confirme seu endereço de e-mail para o { $product }.
mail-verify-open = Abra este link para confirmá-lo:
mail-verify-button = Confirmar endereço de e-mail
# $expires: one of mail-expires-…
mail-link-expires = O link funciona uma única vez e expira em { $expires }.
# $choice: the button's text on the page (verify-decline).
mail-verify-not-you = Não foi você que criou esta conta? Então não a confirme: abra o mesmo link e escolha “{ $choice }”. A conta que alguém cadastrou com seu endereço será removida, e ninguém poderá entrar nela em seu nome.
mail-reset-subject = Redefina sua senha do { $product }
mail-reset-intro = Alguém solicitou a redefinição da senha da sua conta do { $product }.
mail-reset-open = Abra este link para escolher uma nova senha:
mail-reset-button = Escolher uma nova senha
mail-reset-expires = O link funciona uma única vez e expira em { $expires }. Se não foi você, ignore este e-mail: sua senha continuará a mesma.
mail-email-login-subject = Entrar no { $product }
mail-email-login-intro = Alguém solicitou entrar na sua conta do { $product } com este endereço.
# $code: the six digits, emphasised.
mail-email-login-code = Seu código de login é { $code }
mail-email-login-open = Ou abra este link para entrar:
mail-email-login-button = Entrar
mail-email-login-expires = O código e o link funcionam uma única vez e expiram em { $expires }. Se não foi você, ignore este e-mail: ninguém consegue entrar sem ele.
# $organization: the organisation's name; $inviter: who invites (an address).
mail-invitation-subject = Você recebeu um convite para participar de { $organization } no { $product }
# $organization is emphasised in the HTML part.
mail-invitation-intro = { $inviter } convidou você para participar de { $organization } no { $product }, com a função de { $role }.
mail-invitation-open = Abra este link para aceitar (antes, entre ou crie uma conta com este endereço e confirme-a):
mail-invitation-button = Aceitar o convite
mail-invitation-first = Primeiro entre ou crie uma conta com este endereço e confirme-a.
mail-invitation-expires = O link funciona uma única vez e expira em { $expires }. Se você não conhece esta organização, ignore este e-mail: nada acontecerá a menos que você aceite.
mail-password-changed-subject = Sua senha do { $product } foi alterada
mail-password-changed = A senha da sua conta do { $product } acabou de ser alterada, e suas outras sessões foram encerradas.
mail-password-changed-if-you = Se foi você, não é preciso fazer nada. Se não foi, redefina sua senha imediatamente e entre em contato com seu administrador.
mail-email-change-subject = Foi solicitada a alteração do seu endereço de e-mail do { $product }
mail-email-change = Alguém conectado à sua conta do { $product } solicitou a alteração do endereço de e-mail dela.
mail-email-change-pending = O endereço só muda quando o link enviado para o novo endereço for aberto; até lá, este endereço continua sendo o da conta e ainda permite entrar nela.
mail-email-change-if-you = Se foi você, não é preciso fazer nada. Se não foi, altere sua senha imediatamente: isso encerra todas as outras sessões, e a alteração nunca será concluída.
mail-email-changed-subject = O endereço de e-mail da sua conta do { $product } foi alterado
mail-email-changed = Um administrador do { $product } alterou o endereço de e-mail da sua conta. Este endereço não permite mais entrar nela, e todas as sessões da conta foram encerradas.
mail-email-changed-if-you = Se você não esperava por isso, entre em contato com o suporte do serviço em que você se cadastrou.
mail-mfa-on-subject = A autenticação de dois fatores está ativada na sua conta do { $product }
mail-mfa-on = A autenticação de dois fatores foi ativada na sua conta do { $product }.
mail-mfa-off-subject = A autenticação de dois fatores está desativada na sua conta do { $product }
mail-mfa-off = A autenticação de dois fatores foi desativada na sua conta do { $product }.
mail-passkey-added-subject = Uma chave de acesso foi adicionada à sua conta do { $product }
mail-passkey-added = Uma chave de acesso foi adicionada à sua conta do { $product }.
mail-passkey-removed-subject = Uma chave de acesso foi removida da sua conta do { $product }
mail-passkey-removed = Uma chave de acesso foi removida da sua conta do { $product }.
# $provider: the name of another sign-in service.
mail-identity-linked-subject = Um login com { $provider } foi vinculado à sua conta do { $product }
mail-identity-linked = Um login com { $provider } foi vinculado à sua conta do { $product }.
mail-identity-linked-then = Nesse caso, desvincule também o login com { $provider } na página da sua conta: a redefinição da senha não o remove.
mail-identity-unlinked-subject = Um login com { $provider } foi desvinculado da sua conta do { $product }
mail-identity-unlinked = Um login com { $provider } foi desvinculado da sua conta do { $product }.
mail-codes-replaced-subject = Novos códigos de recuperação foram gerados para sua conta do { $product }
mail-codes-replaced = Novos códigos de recuperação foram gerados para sua conta do { $product }; os antigos não funcionam mais.
mail-code-used-subject = Um código de recuperação foi usado para entrar no { $product }
mail-code-used = Um dos seus códigos de recuperação do { $product } acabou de ser usado para entrar. Cada código funciona uma única vez.
mail-code-used-if-you = Se foi você, considere gerar novos códigos. Se não foi, redefina sua senha imediatamente: isso encerra todas as sessões.
mail-breached-subject = Altere sua senha do { $product }
mail-breached = A senha que você acabou de usar para entrar no { $product } aparece em uma lista de senhas expostas em vazamentos de dados em outros lugares. Os invasores testam essas senhas primeiro.
mail-breached-what-to-do = Entre e altere-a nas configurações da sua conta para uma que você não use em nenhum outro lugar. Sua senha não foi enviada a ninguém: ela foi verificada no nosso servidor com uma lista mantida nele.
