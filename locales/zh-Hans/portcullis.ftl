# Portcullis: the English catalogue, the reference for every other language.
#
# This file: Simplified Chinese (zh-Hans), translated from the English catalogue. Register: neutral, polite 您.
#
# Every text a person reads on the hosted pages and in mails comes from here. Keys are
# grouped by page; a translation has exactly these keys and, in each message, the same
# variables ({ $name }). Write no HTML: where a sentence holds a link or emphasis, the
# emphasised part is a variable ($link, $account…) that the page fills in.
# Numbers that select a plural form ($count) follow the language's CLDR plural rules:
# give the categories your language has ([zero], [one], [two], [few], [many], *[other]).

## Language and formats

# The language's own name, in the language switcher.
language-name = 简体中文
# Dates: $day (1-31), $month (one of format-month-1 … format-month-12), $year.
format-date = { $year }年{ $month }{ $day }日
# A date and time (UTC): $date (format-date), $hour (00-23), $minute (00-59).
format-datetime = { $date } { $hour }:{ $minute } UTC
format-month-1 = 1月
format-month-2 = 2月
format-month-3 = 3月
format-month-4 = 4月
format-month-5 = 5月
format-month-6 = 6月
format-month-7 = 7月
format-month-8 = 8月
format-month-9 = 9月
format-month-10 = 10月
format-month-11 = 11月
format-month-12 = 12月
# Numbers: the separator of thousands (put a space in quotes: {" "}) and the decimal mark.
format-number-group = ,
format-number-decimal = .

## Every page

site-skip-link = 跳至主要内容
site-language-label = 语言
site-language-submit = 更改语言
# After a form post, the page that goes on to another site by itself.
continue-title = 继续
continue-button = 继续
continue-returning = 正在返回应用…
continue-signed-in = 已登录。正在返回应用…
go-to-account = 前往您的账户
# "Not you? Go to your account to sign out first." $link is go-to-account, as a link.
not-you = 不是您本人？请先{ $link }并退出登录。
# $account is the signed-in person's email address.
signed-in-as = 您当前以 { $account } 的身份登录。

## Form fields and their errors

field-email = 邮箱
field-email-address = 邮箱地址
field-email-or-username = 邮箱或用户名
field-username-optional = 用户名（可选）
field-username-hint = 3 到 32 个字符，可使用字母、数字、点、短横线或下划线。
field-password = 密码
field-confirm-password = 确认密码
field-current-password = 当前密码
field-new-password = 新密码
field-confirm-new-password = 确认新密码
field-code = 验证码
field-name = 名称
# A new password's rules, under the field: $min is the fewest characters allowed.
password-hint = 至少 { $min } 个字符；建议使用较长的短语。
password-hint-letter-digit = 至少 { $min } 个字符，且须同时包含字母和数字；建议使用较长的短语。
# Under a password field of the account page.
password-recent-hint = 如果您在最近几分钟内登录过，则无需填写。
# The hidden label of a password field next to a button.
password-recent-label = 密码（如果您在最近几分钟内登录过，则无需填写）
form-required = 此字段为必填项。
form-too-many-attempts = 尝试次数过多。请稍候再试。
form-passwords-differ = 两次输入的密码不一致。
form-enter-password = 请输入密码以继续。
form-second-factor-needed = 此会话未使用双重验证：请退出登录，然后使用双重验证重新登录。
form-link-incomplete = 此链接不完整。请打开邮件中的完整链接。
form-reset-link-invalid = 此重置链接无效、已过期或已被使用。
form-verify-link-invalid = 此链接无效或已过期。请登录以获取新链接。
form-verify-decline-invalid = 此链接无效或已过期，或该地址已经确认。
form-declined-account-removed = 使用您的地址注册的账户已被删除：任何人都无法再登录该账户。您可以随时自行注册。
form-declined-change-cancelled = 将某个账户的地址更改为您的地址的操作已取消。

## Errors from the server, shown over a form or on the error page (by error code)

error-account-exists = 已有账户使用此邮箱地址：请登录该账户，然后在账户页面中关联此账户。
error-bad-request = 请求无效。
error-client-managed-by-config = 此应用由服务器配置管理。
error-client-not-found = 没有使用该标识符的应用。
error-cross-origin-request = 跨域请求已被拒绝。
error-csrf-token = 此表单已过期。请重新加载页面后重试。
error-email-not-verified = 请先确认您的邮箱地址：打开我们发送给您的邮件中的链接。
error-email-taken = 该邮箱已被注册。
error-forbidden = 您无权执行此操作。
error-grant-not-found = 未向该应用授予任何权限。
error-hs256-mode = 此服务器使用共享密钥签署令牌：此功能不可用。
error-identity-not-found = 不存在该关联账户。
error-identity-taken = 该账户已关联到此处的另一个账户。
error-insufficient-scope = 该应用无权执行此操作。
error-internal-error = 服务器出错。请稍后再试。
error-invalid-api-key = API 密钥无效或已被撤销。
error-invalid-authorization-request = 应用的请求无效。
error-invalid-body = 无法读取表单。
error-invalid-code = 验证码无效或已过期。
error-invalid-ceremony = 通行密钥请求已过期。请重试。
error-invalid-client = 未知应用。
error-invalid-credentials = 邮箱或密码错误。
error-invalid-email = 邮箱地址无效。
error-invalid-field = 某个字段的值无效。
error-invalid-json = 无法读取请求。
error-invalid-mfa-token = 登录无效或已过期；请重新登录。
error-invalid-password = 密码错误。
error-invalid-refresh-token = 您的会话已过期。请重新登录。
error-invalid-state = 登录耗时过长，或是在其他地方发起的。请重试。
error-invalid-text = 某个字段包含不允许使用的字符。
error-invalid-token = 此链接无效或已过期。
error-invalid-username = 用户名无效。
error-invitation-not-found = 不存在该待处理的邀请。
error-last-owner = 组织至少需要一位所有者。
error-last-way-in = 这是该账户的最后一种登录方式：请先添加其他登录方式。
error-member-not-found = 此组织中没有该成员。
error-method-not-allowed = 此网址不能以这种方式使用。
error-mfa-already-enabled = 双重验证已开启。
error-mfa-enrollment-required = 此账户必须使用双重验证：请先进行设置。
error-mfa-not-enabled = 双重验证未开启。
error-mfa-required = 请输入身份验证器应用中的验证码。
error-missing-field = 此字段为必填项。
error-no-pending-enrolment = 请先开始设置双重验证。
error-not-authenticated = 请登录以继续。
error-no-passkey = 此账户没有通行密钥。
error-not-found = 未找到。
error-oauth-denied = 使用其他账户登录的请求被拒绝。
error-oauth-failed = 使用其他账户登录失败。请重试。
error-organization-not-found = 不存在该组织。
error-overloaded = 服务器繁忙。请稍后再试。
error-passkey-not-found = 不存在该通行密钥。
error-passkey-rejected = 该通行密钥未被接受。
error-passkey-taken = 此通行密钥已注册。
error-passkeys-unavailable = 此服务器不支持通行密钥。
passkey-prompt-closed = 通行密钥提示已关闭或已超时。
mfa-codes-file = { $product } 恢复码。每个恢复码只能登录一次。
error-payload-too-large = 您发送的内容过大。
error-rate-limited = 尝试次数过多。请稍候再试。
error-reauthentication-required = 请输入密码以继续。
error-request-timeout = 请求耗时过长。请重试。
error-session-not-found = 未找到会话。
error-signup-disabled = 无法通过此方式创建新账户。
error-slug-taken = 其他组织已使用该名称。
error-timeout = 请求耗时过长；请重试。
error-unavailable = 服务不可用。请稍后再试。
error-unknown-email = 未找到使用此邮箱的用户。
error-unknown-provider = 不存在该登录服务提供方。
error-unsupported-media-type = 表单的发送格式不受支持。
error-user-not-found = 不存在该用户。
error-username-taken = 该用户名已被使用。
error-weak-password = 不允许使用此密码。请另选一个。
# The password policy's refusals, next to the password field.
error-password-required = 密码为必填项
error-password-too-short = 密码长度至少为 { $min } 个字符
error-password-too-long = 密码长度不能超过 { $max } 个字符
error-password-letter-digit = 密码必须同时包含字母和数字
error-password-too-common = 此密码过于常见；请选择一个更难被猜到的密码
error-password-breached = 此密码曾出现在数据泄露中，攻击者会优先尝试它；请另选一个密码

## The error page

error-page-status = 错误 { $status }
error-page-unexpected-title = 出错了
error-page-unexpected = 服务器无法处理此请求。请稍后再试。
error-page-rate-limited-title = 请求过多
error-page-rate-limited = 来自您所在网络的尝试次数过多。请等待一分钟后重试。
error-page-not-found-title = 找不到页面
error-page-not-found = 此地址上没有页面。
error-page-form-expired-title = 此表单已过期
error-page-form-expired = 请返回上一页，重新加载页面，然后再次提交表单。
error-page-refused-title = 请求被拒绝
error-page-refused = 此请求并非来自本站自己的页面。
# Over the detail, in English, that an application's developers need (an authorization request's fault).
error-page-technical = 供应用开发者参考的技术详情：

## One-time messages after a form

flash-registered = 账户已创建。请查收邮件，通过其中的链接确认您的邮箱地址。
flash-check-email = 请查收邮件。如果该地址对应一个账户，重置链接已在发送途中。
flash-verification-sent = 请查收邮件中的新确认链接。
flash-email-verified = 您的邮箱地址已确认。
flash-logged-out = 您已退出登录。
flash-login-required = 请登录以继续。
flash-password-changed = 密码已更改。您的其他会话均已退出登录。
flash-password-reset = 密码已重置。请使用新密码登录。
flash-session-revoked = 会话已撤销。
flash-other-sessions-revoked = 所有其他会话均已退出登录。
flash-mfa-disabled = 双重验证已关闭。
flash-passkey-added = 通行密钥已添加。您现在可以使用它登录。
flash-passkey-renamed = 通行密钥已重命名。
flash-passkey-deleted = 通行密钥已删除。
flash-identity-unlinked = 已取消关联账户。
flash-grant-revoked = 访问权限已撤销。在您再次登录该应用之前，它将无法使用您的账户。
flash-org-created = 组织已创建。您是该组织的所有者。
# $days: how long the invitation's link works.
flash-org-invited = 邀请已发送。其中的链接仅可使用一次，有效期为 { $days } 天。
flash-org-invitation-revoked = 邀请已撤销。其中的链接已失效。
flash-org-role-changed = 角色已更改。
flash-org-member-removed = 成员已移除。
flash-org-left = 您已退出该组织。
flash-org-switched = 此会话现在代表该组织进行操作。
flash-language-changed = 语言已更改。

## Log in (login.html)

login-title = 登录
login-lead = 欢迎回来。请登录以管理您的账户。
login-resend-verification = 发送新的确认链接
login-submit = 登录
login-passkey = 使用通行密钥登录
login-providers-label = 使用其他账户登录
# $provider: the name of another sign-in service (e.g. GitHub).
login-continue-with = 使用 { $provider } 继续
login-email-link = 改为通过邮件接收登录链接
login-forgot = 忘记密码？
login-new-here = 新用户？
login-create-account = 创建账户

## Create an account (register.html)

register-title = 创建账户
register-lead = 我们将向您发送一个链接，用于确认您的邮箱地址。
register-submit = 创建账户
register-have-account = 已有账户？
register-log-in = 登录

## Forgot and reset password (forgot_password.html, reset_password.html)

forgot-title = 忘记密码？
forgot-lead = 请输入您的邮箱地址，我们将向您发送一个用于设置新密码的链接。
forgot-submit = 发送重置链接
forgot-remembered = 想起来了？
forgot-log-in = 登录
reset-title = 设置新密码
reset-lead = 您账户的所有会话都将退出登录。
reset-submit = 设置新密码
reset-ask-again = 获取新的重置链接

## Confirm an address (verify_email.html)

verify-title = 确认您的邮箱
verify-done = 完成
verify-lead = 只需点击一下，即可确认您的地址。
verify-submit = 确认我的邮箱地址
verify-not-you = 有其他人使用了您的地址？如果这不是您本人的请求，请勿确认：
verify-decline = 我没有创建此账户

## Sign in by email (email_login.html)

email-login-title = 通过邮件登录
email-login-sign-in-title = 登录
email-login-one-click = 只需点击一下，即可登录。
email-login-submit = 登录
email-login-check-title = 请查收邮件
# $email: the address entered, emphasised.
email-login-check-lead = 如果 { $email } 可以登录，我们已向该地址发送一个链接和一个 6 位数验证码。请打开链接，或在此处输入验证码。
email-login-lead = 我们将通过邮件向您发送用于登录的链接和验证码，无需密码。
email-login-send = 通过邮件发送链接
email-login-other-way = 使用其他方式登录

## Second factor (mfa_code.html, mfa_setup.html, mfa_codes.html)

mfa-code-title = 双重验证码
mfa-code-heading = 输入验证码
mfa-code-lead = 请打开身份验证器应用，输入此账户的 6 位数验证码，或输入您的一个恢复码。
mfa-code-submit = 继续
mfa-code-passkey = 改用通行密钥
mfa-code-start-over = 重新开始
mfa-setup-title = 设置双重验证
mfa-setup-lead = 请使用身份验证器应用扫描此二维码，然后输入其显示的 6 位数验证码。
mfa-setup-qr-alt = 用于身份验证器应用的二维码
mfa-setup-key = 或手动输入此密钥：
mfa-setup-submit = 开启
mfa-setup-not-now = 以后再说
mfa-codes-title = 恢复码
mfa-codes-heading = 您的恢复码
mfa-codes-lead = 请将这些恢复码保存在安全的地方。如果您丢失了身份验证器应用，每个恢复码可用于登录一次。恢复码仅在此时显示。
mfa-codes-download = 下载为文本文件
mfa-codes-done = 完成

## The account page (account.html)

account-title = 您的账户
account-log-out = 退出登录
account-profile = 个人资料
account-email = 邮箱
account-verified = 已确认
account-not-verified = 未确认
account-username = 用户名
account-username-not-set = 未设置
account-member-since = 注册时间
account-language = 语言
account-language-default = 自动（根据浏览器设置）
account-language-save = 保存语言
account-unverified-note = 请通过我们发送给您的邮件中的链接确认您的地址。没有收到邮件？
account-send-new-link = 发送新链接
account-enrol-title = 还差一步
account-enrol-lead = 此账户必须使用双重验证：请在下方完成设置以继续。
account-sessions = 会话
# $count: how many sessions the account has.
account-sessions-count = { $count } 个会话
account-sessions-lead = 您的账户在以下位置处于登录状态。如有无法识别的会话，请将其撤销。
account-this-device = 此设备
# $when: a date and time.
account-last-active = 上次活动于 { $when }
# $device: e.g. "Firefox on Linux"; $when: a date and time.
account-revoke-session-label = 撤销 { $device } 的会话（上次活动于 { $when }）
account-revoke = 撤销
account-revoke-others = 在所有其他位置退出登录
# How a session's device is named: $browser and $os are product names.
device-browser-on-os = { $os } 上的 { $browser }
device-on-os = { $os } 上的浏览器
device-unknown = 未知设备
# A device no rule names: $agent is the start of its browser's own description.
device-other = { $agent }
account-mfa = 双重验证
account-mfa-on = 已开启
account-mfa-on-lead = 登录时需要输入身份验证器应用中的验证码。
# $count: recovery codes not used yet.
account-recovery-codes-left = 剩余 { $count } 个恢复码。
account-mfa-new-codes = 生成新的恢复码
account-mfa-turn-off = 关闭
account-mfa-off-lead = 登录时，除密码外还需输入身份验证器应用中的验证码。
account-mfa-set-up = 设置双重验证
account-mfa-confirm-first = 请先确认您的邮箱地址：在此之前无法添加任何登录方式。
account-passkeys = 通行密钥
account-passkeys-lead = 使用指纹、面容或设备 PIN 码代替密码登录。即使您丢失了所有通行密钥，仍可使用密码（或通过邮件获取的重置链接）登录。
account-passkey-synced = 已同步
# $when: a date and time.
account-passkey-added = 添加于 { $when }
account-last-used = 上次使用于 { $when }
# $name: the passkey's name.
account-passkey-rename-label = { $name } 的新名称
account-rename = 重命名
account-passkey-delete-label = 删除通行密钥 { $name }
account-delete = 删除
account-passkeys-confirm-first = 请先确认您的邮箱地址：在此之前无法添加通行密钥。
account-passkey-name-hint = 便于区分您的各个通行密钥，例如“工作笔记本电脑”。
account-passkey-add = 添加通行密钥
account-passkey-needs-script = 添加通行密钥需要启用 JavaScript。
account-identities = 关联账户
account-identities-lead = 使用您拥有的其他账户登录。关联账户要求您最近登录过。
account-identity-linked = 关联于 { $when }
# $provider: the name of another sign-in service.
account-unlink-label = 取消关联 { $provider }
account-unlink = 取消关联
account-identities-confirm-first = 请先确认您的邮箱地址：在此之前无法关联任何账户。
account-link = 关联 { $provider }
account-grants = 应用
account-grants-lead = 您已允许使用此账户登录的应用。撤销某个应用的访问权限后，在您再次登录该应用之前，它将无法使用您的账户。
account-granted = 授权于 { $when }
# $name: the application's name.
account-revoke-grant-label = 撤销 { $name } 的访问权限
account-organizations = 组织
# $count: how many organisations the account belongs to.
account-organizations-count = 您是 { $count } 个组织的成员。
account-new-organization = 新组织
account-create-organization = 创建
account-change-password = 更改密码
account-change-password-lead = 您的其他会话将退出登录；当前会话保持登录。
account-change-password-submit = 更改密码

## Roles in an organisation

role-owner = 所有者
role-admin = 管理员
role-member = 成员

## An organisation (organization.html)

# $role (emphasised), $account (an email address), $slug (emphasised).
org-lead = 您是此组织的{ $role }，当前以 { $account } 的身份登录。此组织的 URL 标识为 { $slug }。
# $name: the organisation's name.
org-switch = 在此会话中代表 { $name } 操作
org-members = 成员
# $count: how many members the organisation has.
org-members-count = { $count } 位成员
org-you = （您）
# $role; $when: a date and time.
org-joined = { $role } · 加入于 { $when }
# $email: a member's address.
org-role-of = { $email } 的角色
org-change-role = 更改
org-remove-label = 移除 { $email }
org-remove = 移除
org-leave = 退出
org-invite-title = 邀请成员
org-role = 角色
org-invite-submit = 发送邀请
org-open-invitations = 待处理的邀请
org-invitation-until = { $role } · 有效期至 { $when }
org-revoke-invitation-label = 撤销对 { $email } 的邀请
org-revoke = 撤销
org-back = 返回您的账户

## An invitation (invitation.html)

# $organization: the organisation's name.
invitation-joined-title = 您已加入 { $organization }
invitation-joined-lead = 您已以{ $role }身份成为 { $organization } 的成员。
invitation-title = 要加入 { $organization } 吗？
# $organization and $role are emphasised.
invitation-lead = 您受邀以{ $role }身份加入 { $organization }。
invitation-accept = 加入 { $organization }

## The provider's pages: consent, linking, sign out (consent.html, to_provider.html, logout.html)

# $client: the application's name.
consent-title = 要允许 { $client } 吗？
consent-heading = 要允许 { $client } 使用您的账户为您登录吗？
# $host: the site the application describes itself at, emphasised.
consent-document-host = { $client } 未在此处注册：它在 { $host } 上提供了自身的描述信息。仅当您信任该网站时才可允许。
consent-asks = { $client } 请求：
# $host: where the browser is sent back to, emphasised.
consent-redirect = 之后将返回 { $host }。您可以随时在账户页面中撤销此授权。
consent-allow = 允许
consent-deny = 拒绝
scope-openid = 识别您的身份（您账户的标识符）
scope-profile = 查看您的用户名
scope-email = 查看您的邮箱地址及其是否已确认
scope-offline-access = 在您离开时保持连接，直到您撤销授权
scope-organization = 查看您所代表的组织，以及您在该组织中的角色
# $scope: a permission's technical name.
scope-other = 使用“{ $scope }”权限
# $provider: the name of another sign-in service.
to-provider-title = 前往 { $provider }
to-provider-lead = 请在该处登录，以将其关联到您的账户。
logout-done-title = 已退出登录
logout-done-heading = 您已退出登录
logout-done-lead = 您可以关闭此窗口。
logout-log-in-again = 重新登录
logout-title = 要退出登录吗？
logout-client-asks = { $client } 请求让您退出账户登录。
logout-this-device = 要在此设备上退出您的账户登录吗？
logout-submit = 退出登录
logout-stay = 保持登录

## Connect a device (device.html, device_confirm.html, device_done.html)

device-title = 连接设备
device-lead = 请输入您的设备或命令行工具上显示的验证码。
device-code-hint = 8 个字母，例如 BCDF-GHJK。
# One message for any wrong code (unknown, mistyped, expired, used): it reveals nothing more.
device-code-invalid = 该验证码无效。请与设备上显示的验证码进行核对，或在设备上重新开始。
device-continue = 继续
device-confirm-heading = 要允许您设备上的 { $client } 吗？
# $code: the code the device shows, emphasised.
device-confirm-asks = 显示 { $code } 的设备上的 { $client } 请求：
device-confirm-no-scopes = 代表您进行操作（不查看您的详细信息）
device-confirm-warning = 仅当此操作由您本人发起、设备就在您手中且显示的是同一验证码时，才可允许。您可以随时在账户页面中撤销此授权。
device-allow = 允许
device-deny = 拒绝
device-connected-title = 设备已连接
device-connected = { $client } 已以您的身份登录。您可以返回您的设备，它会自动继续。
device-denied-title = 请求已拒绝
device-denied = { $client } 未获得任何权限。如果此操作不是您发起的，可能有人向您发送了该验证码：请忽略它。

## Mails. $product is the server's name (Portcullis). Each mail has a subject, and its text
## is used in both its plain-text and HTML parts.

mail-footer = 您收到此邮件，是因为您的 { $product } 账户上发生了某项操作。
mail-if-you = 如果这是您本人的操作，则无需进行任何处理。如果不是，请立即重置密码：这将结束所有会话。
# How long a mailed link works.
mail-expires-minutes = { $count } 分钟
mail-expires-hours = { $count } 小时
mail-expires-days = { $count } 天
mail-verify-subject = 确认您的 { $product } 邮箱地址
mail-verify-intro = 请确认您的 { $product } 邮箱地址。
mail-verify-open = 请打开此链接进行确认：
mail-verify-button = 确认邮箱地址
# $expires: one of mail-expires-…
mail-link-expires = 此链接仅可使用一次，将在 { $expires }后过期。
# $choice: the button's text on the page (verify-decline).
mail-verify-not-you = 这个账户不是您创建的？那么请勿确认：请打开同一链接并选择“{ $choice }”。他人使用您的地址注册的账户将被删除，任何人都无法以您的名义登录该账户。
mail-reset-subject = 重置您的 { $product } 密码
mail-reset-intro = 有人请求重置您的 { $product } 账户密码。
mail-reset-open = 请打开此链接设置新密码：
mail-reset-button = 设置新密码
mail-reset-expires = 此链接仅可使用一次，将在 { $expires }后过期。如果这不是您本人的请求，请忽略此邮件：您的密码将保持不变。
mail-email-login-subject = 登录 { $product }
mail-email-login-intro = 有人请求使用此地址登录您的 { $product } 账户。
# $code: the six digits, emphasised.
mail-email-login-code = 您的登录验证码是 { $code }
mail-email-login-open = 或打开此链接登录：
mail-email-login-button = 登录
mail-email-login-expires = 验证码和链接均仅可使用一次，将在 { $expires }后过期。如果这不是您本人的请求，请忽略此邮件：没有这封邮件，任何人都无法登录。
# $organization: the organisation's name; $inviter: who invites (an address).
mail-invitation-subject = 您受邀加入 { $product } 上的 { $organization }
# $organization is emphasised in the HTML part.
mail-invitation-intro = { $inviter } 邀请您以{ $role }身份加入 { $product } 上的 { $organization }。
mail-invitation-open = 请打开此链接接受邀请（请先登录，或使用此地址创建账户并完成确认）：
mail-invitation-button = 接受邀请
mail-invitation-first = 请先登录，或使用此地址创建账户并完成确认。
mail-invitation-expires = 此链接仅可使用一次，将在 { $expires }后过期。如果您不了解该组织，请忽略此邮件：除非您接受邀请，否则什么都不会发生。
mail-password-changed-subject = 您的 { $product } 密码已更改
mail-password-changed = 您的 { $product } 账户密码刚刚被更改，您的其他会话均已退出登录。
mail-password-changed-if-you = 如果这是您本人的操作，则无需进行任何处理。如果不是，请立即重置密码并联系您的管理员。
mail-email-change-subject = 有人请求更改您的 { $product } 邮箱地址
mail-email-change = 已登录您的 { $product } 账户的某人请求更改该账户的邮箱地址。
mail-email-change-pending = 只有打开发送到新地址的链接后，地址才会更改；在此之前，此地址仍属于该账户，并且仍可用于登录。
mail-email-change-if-you = 如果这是您本人的操作，则无需进行任何处理。如果不是，请立即更改密码：这将结束所有其他会话，且地址更改永远不会完成。
mail-email-changed-subject = 您的 { $product } 账户的邮箱地址已更改
mail-email-changed = { $product } 的一位管理员更改了您账户的邮箱地址。此地址已无法再用于登录该账户，且该账户的所有会话均已结束。
mail-email-changed-if-you = 如果您对此并不知情，请联系您注册时所用服务的支持团队。
mail-mfa-on-subject = 您的 { $product } 账户已开启双重验证
mail-mfa-on = 您的 { $product } 账户已开启双重验证。
mail-mfa-off-subject = 您的 { $product } 账户已关闭双重验证
mail-mfa-off = 您的 { $product } 账户已关闭双重验证。
mail-passkey-added-subject = 您的 { $product } 账户已添加通行密钥
mail-passkey-added = 您的 { $product } 账户已添加了一个通行密钥。
mail-passkey-removed-subject = 您的 { $product } 账户已移除通行密钥
mail-passkey-removed = 您的 { $product } 账户已移除了一个通行密钥。
# $provider: the name of another sign-in service.
mail-identity-linked-subject = 您的 { $product } 账户已关联 { $provider } 登录方式
mail-identity-linked = 您的 { $product } 账户已关联了一个 { $provider } 登录方式。
mail-identity-linked-then = 然后请在账户页面中取消关联该 { $provider } 登录方式：重置密码不会将其移除。
mail-identity-unlinked-subject = 您的 { $product } 账户已取消关联 { $provider } 登录方式
mail-identity-unlinked = 您的 { $product } 账户已取消关联一个 { $provider } 登录方式。
mail-codes-replaced-subject = 已为您的 { $product } 账户生成新的恢复码
mail-codes-replaced = 已为您的 { $product } 账户生成新的恢复码；旧的恢复码已失效。
mail-code-used-subject = 有恢复码被用于登录 { $product }
mail-code-used = 您的一个 { $product } 恢复码刚刚被用于登录。每个恢复码仅可使用一次。
mail-code-used-if-you = 如果这是您本人的操作，建议生成新的恢复码。如果不是，请立即重置密码：这将结束所有会话。
mail-breached-subject = 请更改您的 { $product } 密码
mail-breached = 您刚才用于登录 { $product } 的密码出现在其他网站数据泄露所公开的密码列表中。攻击者会优先尝试这类密码。
mail-breached-what-to-do = 请登录，并在账户设置中将其改为您在其他任何地方都未使用过的密码。您的密码没有发送给任何人：它只是在我们的服务器上与保存在那里的列表进行了比对。
