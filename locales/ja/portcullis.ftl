# Portcullis: the English catalogue, the reference for every other language.
#
# This file: Japanese (ja), translated from the English catalogue. Register: polite です/ます style.
#
# Every text a person reads on the hosted pages and in mails comes from here. Keys are
# grouped by page; a translation has exactly these keys and, in each message, the same
# variables ({ $name }). Write no HTML: where a sentence holds a link or emphasis, the
# emphasised part is a variable ($link, $account…) that the page fills in.
# Numbers that select a plural form ($count) follow the language's CLDR plural rules:
# give the categories your language has ([zero], [one], [two], [few], [many], *[other]).

## Language and formats

# The language's own name, in the language switcher.
language-name = 日本語
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

site-skip-link = 本文へスキップ
site-language-label = 言語
site-language-submit = 言語を変更
# After a form post, the page that goes on to another site by itself.
continue-title = 続行
continue-button = 続行
continue-returning = アプリケーションに戻っています…
continue-signed-in = ログインしました。アプリケーションに戻っています…
go-to-account = アカウントページへ移動
# "Not you? Go to your account to sign out first." $link is go-to-account, as a link.
not-you = ご本人ではありませんか？{ $link }し、先にログアウトしてください。
# $account is the signed-in person's email address.
signed-in-as = { $account } としてログインしています。

## Form fields and their errors

field-email = メールアドレス
field-email-address = メールアドレス
field-email-or-username = メールアドレスまたはユーザー名
field-username-optional = ユーザー名（任意）
field-username-hint = 3〜32文字。英字、数字、ドット、ハイフン、アンダースコアを使用できます。
field-password = パスワード
field-confirm-password = パスワード（確認）
field-current-password = 現在のパスワード
field-new-password = 新しいパスワード
field-confirm-new-password = 新しいパスワード（確認）
field-code = コード
field-name = 名前
# A new password's rules, under the field: $min is the fewest characters allowed.
password-hint = { $min }文字以上。長いフレーズがおすすめです。
password-hint-letter-digit = { $min }文字以上で、英字と数字をそれぞれ1つ以上含めてください。長いフレーズがおすすめです。
# Under a password field of the account page.
password-recent-hint = 直近数分以内にログインした場合を除き、入力が必要です。
# The hidden label of a password field next to a button.
password-recent-label = パスワード（直近数分以内にログインした場合を除き必要）
form-required = この項目は必須です。
form-too-many-attempts = 試行回数が多すぎます。しばらく待ってから、もう一度お試しください。
form-passwords-differ = 2つのパスワードが一致しません。
form-enter-password = 続行するにはパスワードを入力してください。
form-second-factor-needed = このセッションでは2段階認証が使用されていません。ログアウトしてから、2段階認証を使ってもう一度ログインしてください。
form-link-incomplete = このリンクは不完全です。メールに記載されたリンクを省略せずに開いてください。
form-reset-link-invalid = このリセット用リンクは無効か、有効期限が切れているか、すでに使用されています。
form-verify-link-invalid = このリンクは無効か、有効期限が切れています。ログインして新しいリンクをリクエストしてください。
form-verify-decline-invalid = このリンクは無効か、有効期限が切れているか、アドレスがすでに確認済みです。
form-declined-account-removed = あなたのアドレスで登録されたアカウントは削除されました。このアカウントには誰もログインできません。ご自身でのアカウント登録はいつでも可能です。
form-declined-change-cancelled = アカウントのメールアドレスをあなたのアドレスに変更する手続きはキャンセルされました。

## Errors from the server, shown over a form or on the error page (by error code)

error-account-exists = このメールアドレスのアカウントがすでに存在します。そのアカウントにログインし、アカウントページからこのアカウントを連携してください。
error-bad-request = 不正なリクエストです。
error-client-managed-by-config = このアプリケーションはサーバーの設定で管理されています。
error-client-not-found = その識別子のアプリケーションはありません。
error-cross-origin-request = クロスオリジンリクエストは拒否されました。
error-csrf-token = このフォームの有効期限が切れました。ページを再読み込みして、もう一度お試しください。
error-email-not-verified = 先にメールアドレスを確認してください。お送りしたメールのリンクを開いてください。
error-email-taken = このメールアドレスはすでに登録されています。
error-forbidden = この操作を行う権限がありません。
error-grant-not-found = このアプリケーションには何も許可されていません。
error-hs256-mode = このサーバーは共有シークレットでトークンに署名しているため、この機能は利用できません。
error-identity-not-found = その連携アカウントは存在しません。
error-identity-taken = そのアカウントは、このサーバー上の別のアカウントにすでに連携されています。
error-insufficient-scope = このアプリケーションにはこの操作が許可されていません。
error-internal-error = サーバーで問題が発生しました。しばらくしてからもう一度お試しください。
error-invalid-api-key = API キーが無効か、取り消されています。
error-invalid-authorization-request = アプリケーションのリクエストが無効です。
error-invalid-body = フォームを読み取れませんでした。
error-invalid-code = コードが無効か、有効期限が切れています。
error-invalid-ceremony = パスキーのリクエストの有効期限が切れました。もう一度お試しください。
error-invalid-client = 不明なアプリケーションです。
error-invalid-credentials = メールアドレスまたはパスワードが正しくありません。
error-invalid-email = メールアドレスが無効です。
error-invalid-field = 無効な値が入力された項目があります。
error-invalid-json = リクエストを読み取れませんでした。
error-invalid-mfa-token = ログイン手続きが無効か、有効期限が切れています。もう一度ログインしてください。
error-invalid-password = パスワードが正しくありません。
error-invalid-refresh-token = セッションの有効期限が切れました。もう一度ログインしてください。
error-invalid-state = ログインに時間がかかりすぎたか、ログインが別の場所で開始されました。もう一度お試しください。
error-invalid-text = 使用できない文字が含まれている項目があります。
error-invalid-token = このリンクは無効か、有効期限が切れています。
error-invalid-username = ユーザー名が無効です。
error-invitation-not-found = 該当する保留中の招待はありません。
error-last-owner = 組織には少なくとも1人のオーナーが必要です。
error-last-way-in = これはこのアカウントに残された最後のログイン方法です。先に別のログイン方法を追加してください。
error-member-not-found = この組織にそのメンバーはいません。
error-method-not-allowed = この URL はこの方法では使用できません。
error-mfa-already-enabled = 2段階認証はすでにオンになっています。
error-mfa-enrollment-required = このアカウントには2段階認証が必要です。先に設定してください。
error-mfa-not-enabled = 2段階認証はオフになっています。
error-mfa-required = 認証アプリに表示されているコードを入力してください。
error-missing-field = この項目は必須です。
error-no-pending-enrolment = 先に2段階認証の設定を開始してください。
error-not-authenticated = 続行するにはログインしてください。
error-no-passkey = このアカウントにはパスキーがありません。
error-not-found = 見つかりません。
error-oauth-denied = 他のアカウントでのログインが拒否されました。
error-oauth-failed = 他のアカウントでのログインに失敗しました。もう一度お試しください。
error-organization-not-found = その組織は存在しません。
error-overloaded = サーバーが混み合っています。しばらくしてからもう一度お試しください。
error-passkey-not-found = そのパスキーは存在しません。
error-passkey-rejected = パスキーが受け付けられませんでした。
error-passkey-taken = このパスキーはすでに登録されています。
error-passkeys-unavailable = このサーバーではパスキーを利用できません。
passkey-prompt-closed = パスキーの確認画面が閉じられたか、タイムアウトしました。
mfa-codes-file = { $product } のリカバリーコード。各コードで1回だけログインできます。
error-payload-too-large = 送信されたデータが大きすぎます。
error-rate-limited = 試行回数が多すぎます。しばらく待ってから、もう一度お試しください。
error-reauthentication-required = 続行するにはパスワードを入力してください。
error-request-timeout = リクエストに時間がかかりすぎました。もう一度お試しください。
error-session-not-found = セッションが見つかりません。
error-signup-disabled = この方法では新しいアカウントを作成できません。
error-slug-taken = その名前は別の組織で使用されています。
error-timeout = リクエストに時間がかかりすぎました。もう一度お試しください。
error-unavailable = サービスを利用できません。しばらくしてからもう一度お試しください。
error-unknown-email = このメールアドレスのユーザーは見つかりません。
error-unknown-provider = そのログインプロバイダーは存在しません。
error-unsupported-media-type = フォームが受け付けられない形式で送信されました。
error-user-not-found = そのユーザーは存在しません。
error-username-taken = このユーザー名はすでに使用されています。
error-weak-password = このパスワードは使用できません。別のパスワードを選んでください。
# The password policy's refusals, next to the password field.
error-password-required = パスワードは必須です
error-password-too-short = パスワードは{ $min }文字以上にしてください
error-password-too-long = パスワードは{ $max }文字以下にしてください
error-password-letter-digit = パスワードには英字と数字の両方を含めてください
error-password-too-common = このパスワードはよく使われています。推測されにくいパスワードを選んでください
error-password-breached = このパスワードはデータ漏えいで流出しており、攻撃者が真っ先に試します。別のパスワードを選んでください

## The error page

error-page-status = エラー { $status }
error-page-unexpected-title = 問題が発生しました
error-page-unexpected = サーバーはこのリクエストを処理できませんでした。しばらくしてからもう一度お試しください。
error-page-rate-limited-title = リクエストが多すぎます
error-page-rate-limited = お使いのネットワークからの試行回数が多すぎます。1分ほど待ってから、もう一度お試しください。
error-page-not-found-title = ページが見つかりません
error-page-not-found = このアドレスにはページがありません。
error-page-form-expired-title = このフォームの有効期限が切れました
error-page-form-expired = 前のページに戻り、ページを再読み込みしてから、フォームをもう一度送信してください。
error-page-refused-title = リクエストが拒否されました
error-page-refused = このリクエストは、このサイト自身のページから送信されたものではありません。
# Over the detail, in English, that an application's developers need (an authorization request's fault).
error-page-technical = アプリケーション開発者向けの技術的な詳細：

## One-time messages after a form

flash-registered = アカウントを作成しました。メールアドレス確認用のリンクをお送りしましたので、メールをご確認ください。
flash-check-email = メールをご確認ください。そのアドレスのアカウントが存在する場合は、リセット用リンクをお送りしました。
flash-verification-sent = 新しい確認用リンクをお送りしました。メールをご確認ください。
flash-email-verified = メールアドレスが確認されました。
flash-logged-out = ログアウトしました。
flash-login-required = 続行するにはログインしてください。
flash-password-changed = パスワードを変更しました。他のセッションはすべてログアウトされました。
flash-password-reset = パスワードをリセットしました。新しいパスワードでログインしてください。
flash-session-revoked = セッションを取り消しました。
flash-other-sessions-revoked = 他のすべてのセッションをログアウトしました。
flash-mfa-disabled = 2段階認証をオフにしました。
flash-passkey-added = パスキーを追加しました。このパスキーでログインできるようになりました。
flash-passkey-renamed = パスキーの名前を変更しました。
flash-passkey-deleted = パスキーを削除しました。
flash-identity-unlinked = アカウントの連携を解除しました。
flash-grant-revoked = アクセスを取り消しました。このアプリケーションにもう一度ログインするまで、アプリケーションはあなたのアカウントを使用できません。
flash-org-created = 組織を作成しました。あなたがこの組織のオーナーです。
# $days: how long the invitation's link works.
flash-org-invited = 招待を送信しました。招待に含まれるリンクは{ $days }日間有効で、1回だけ使用できます。
flash-org-invitation-revoked = 招待を取り消しました。招待のリンクは使用できなくなりました。
flash-org-role-changed = ロールを変更しました。
flash-org-member-removed = メンバーを削除しました。
flash-org-left = 組織から脱退しました。
flash-org-switched = このセッションは現在、この組織として操作しています。
flash-language-changed = 言語を変更しました。

## Log in (login.html)

login-title = ログイン
login-lead = おかえりなさい。アカウントを管理するにはログインしてください。
login-resend-verification = 新しい確認用リンクを送信
login-submit = ログイン
login-passkey = パスキーでログイン
login-providers-label = 他のアカウントでログイン
# $provider: the name of another sign-in service (e.g. GitHub).
login-continue-with = { $provider } で続行
login-email-link = 代わりにログイン用リンクをメールで受け取る
login-forgot = パスワードをお忘れですか？
login-new-here = 初めてご利用ですか？
login-create-account = アカウントを作成

## Create an account (register.html)

register-title = アカウントを作成
register-lead = メールアドレスを確認するためのリンクをお送りします。
register-submit = アカウントを作成
register-have-account = すでにアカウントをお持ちですか？
register-log-in = ログイン

## Forgot and reset password (forgot_password.html, reset_password.html)

forgot-title = パスワードをお忘れですか？
forgot-lead = メールアドレスを入力してください。新しいパスワードを設定するためのリンクをお送りします。
forgot-submit = リセット用リンクを送信
forgot-remembered = 思い出しましたか？
forgot-log-in = ログイン
reset-title = 新しいパスワードを設定
reset-lead = アカウントのすべてのセッションがログアウトされます。
reset-submit = 新しいパスワードを設定
reset-ask-again = 新しいリセット用リンクをリクエスト

## Confirm an address (verify_email.html)

verify-title = メールアドレスの確認
verify-done = 完了
verify-lead = ワンクリックでアドレスの確認が完了します。
verify-submit = メールアドレスを確認
verify-not-you = 他の誰かがあなたのアドレスを使用しましたか？ご自身でリクエストしていない場合は、確認しないでください：
verify-decline = このアカウントは作成していません

## Sign in by email (email_login.html)

email-login-title = メールでログイン
email-login-sign-in-title = ログイン
email-login-one-click = ワンクリックでログインできます。
email-login-submit = ログイン
email-login-check-title = メールをご確認ください
# $email: the address entered, emphasised.
email-login-check-lead = { $email } でログインできる場合は、そのアドレスにリンクと6桁のコードをお送りしました。リンクを開くか、ここにコードを入力してください。
email-login-lead = ログイン用のリンクとコードをメールでお送りします。パスワードは不要です。
email-login-send = リンクをメールで受け取る
email-login-other-way = 別の方法でログイン

## Second factor (mfa_code.html, mfa_setup.html, mfa_codes.html)

mfa-code-title = 2段階認証コード
mfa-code-heading = コードを入力
mfa-code-lead = 認証アプリを開いてこのアカウントの6桁のコードを入力するか、リカバリーコードのいずれかを入力してください。
mfa-code-submit = 続行
mfa-code-passkey = 代わりにパスキーを使用
mfa-code-start-over = 最初からやり直す
mfa-setup-title = 2段階認証の設定
mfa-setup-lead = 認証アプリでこの QR コードをスキャンし、表示された6桁のコードを入力してください。
mfa-setup-qr-alt = 認証アプリ用の QR コード
mfa-setup-key = または、次のキーを入力してください：
mfa-setup-submit = オンにする
mfa-setup-not-now = 後で
mfa-codes-title = リカバリーコード
mfa-codes-heading = リカバリーコード
mfa-codes-lead = これらのコードは安全な場所に保管してください。認証アプリを紛失した場合、各コードで1回ずつログインできます。コードが表示されるのは今回だけです。
mfa-codes-download = テキストファイルでダウンロード
mfa-codes-done = 完了

## The account page (account.html)

account-title = アカウント
account-log-out = ログアウト
account-profile = プロフィール
account-email = メールアドレス
account-verified = 確認済み
account-not-verified = 未確認
account-username = ユーザー名
account-username-not-set = 未設定
account-member-since = 登録日
account-language = 言語
account-language-default = 自動（ブラウザの設定）
account-language-save = 言語を保存
account-unverified-note = お送りしたメールのリンクからアドレスを確認してください。メールが届いていませんか？
account-send-new-link = 新しいリンクを送信
account-enrol-title = あと1ステップ
account-enrol-lead = このアカウントには2段階認証が必要です。続行するには、下で設定してください。
account-sessions = セッション
# $count: how many sessions the account has.
account-sessions-count = { $count }件のセッション
account-sessions-lead = あなたのアカウントがログインしている場所です。心当たりのないセッションは取り消してください。
account-this-device = このデバイス
# $when: a date and time.
account-last-active = 最終アクティブ：{ $when }
# $device: e.g. "Firefox on Linux"; $when: a date and time.
account-revoke-session-label = { $device } のセッションを取り消す（最終アクティブ：{ $when }）
account-revoke = 取り消す
account-revoke-others = 他のすべての場所からログアウト
# How a session's device is named: $browser and $os are product names.
device-browser-on-os = { $os } の { $browser }
device-on-os = { $os } のブラウザ
device-unknown = 不明なデバイス
# A device no rule names: $agent is the start of its browser's own description.
device-other = { $agent }
account-mfa = 2段階認証
account-mfa-on = オン
account-mfa-on-lead = ログイン時に、認証アプリのコードの入力を求められます。
# $count: recovery codes not used yet.
account-recovery-codes-left = リカバリーコードは残り{ $count }個です。
account-mfa-new-codes = 新しいリカバリーコードを作成
account-mfa-turn-off = オフにする
account-mfa-off-lead = ログイン時に、パスワードに加えて認証アプリのコードの入力を求めるようにします。
account-mfa-set-up = 2段階認証を設定
account-mfa-confirm-first = 先にメールアドレスを確認してください。確認が完了するまで、ログイン方法は追加できません。
account-passkeys = パスキー
account-passkeys-lead = パスワードの代わりに、指紋、顔認証、またはデバイスの PIN でログインできます。すべてのパスキーを失った場合でも、パスワード（またはメールで届くリセット用リンク）でログインできます。
account-passkey-synced = 同期済み
# $when: a date and time.
account-passkey-added = 追加日時：{ $when }
account-last-used = 最終使用：{ $when }
# $name: the passkey's name.
account-passkey-rename-label = { $name } の新しい名前
account-rename = 名前を変更
account-passkey-delete-label = パスキー { $name } を削除
account-delete = 削除
account-passkeys-confirm-first = 先にメールアドレスを確認してください。確認が完了するまで、パスキーは追加できません。
account-passkey-name-hint = パスキーを見分けられるように付ける名前です（例：「仕事用ノートパソコン」）。
account-passkey-add = パスキーを追加
account-passkey-needs-script = パスキーを追加するには JavaScript が必要です。
account-identities = 連携アカウント
account-identities-lead = お持ちの他のアカウントでログインできます。連携するには、直近にログインしている必要があります。
account-identity-linked = 連携日時：{ $when }
# $provider: the name of another sign-in service.
account-unlink-label = { $provider } の連携を解除
account-unlink = 連携を解除
account-identities-confirm-first = 先にメールアドレスを確認してください。確認が完了するまで、アカウントは連携できません。
account-link = { $provider } を連携
account-grants = アプリケーション
account-grants-lead = このアカウントでのログインを許可したアプリケーションです。アクセスを取り消すと、そのアプリケーションにもう一度ログインするまで、アプリケーションはあなたのアカウントを使用できなくなります。
account-granted = 許可日時：{ $when }
# $name: the application's name.
account-revoke-grant-label = { $name } のアクセスを取り消す
account-organizations = 組織
# $count: how many organisations the account belongs to.
account-organizations-count = { $count }個の組織に所属しています。
account-new-organization = 新しい組織
account-create-organization = 作成
account-change-password = パスワードの変更
account-change-password-lead = 他のセッションはログアウトされます。このセッションはログインしたままです。
account-change-password-submit = パスワードを変更

## Roles in an organisation

role-owner = オーナー
role-admin = 管理者
role-member = メンバー

## An organisation (organization.html)

# $role (emphasised), $account (an email address), $slug (emphasised).
org-lead = あなたはこの組織の{ $role }です（{ $account } としてログイン中）。この組織のスラッグは { $slug } です。
# $name: the organisation's name.
org-switch = このセッションで { $name } として操作
org-members = メンバー
# $count: how many members the organisation has.
org-members-count = メンバー{ $count }人
org-you = （あなた）
# $role; $when: a date and time.
org-joined = { $role } · 参加日時：{ $when }
# $email: a member's address.
org-role-of = { $email } のロール
org-change-role = 変更
org-remove-label = { $email } を削除
org-remove = 削除
org-leave = 脱退
org-invite-title = メンバーを招待
org-role = ロール
org-invite-submit = 招待を送信
org-open-invitations = 保留中の招待
org-invitation-until = { $role } · 有効期限：{ $when }
org-revoke-invitation-label = { $email } への招待を取り消す
org-revoke = 取り消す
org-back = アカウントに戻る

## An invitation (invitation.html)

# $organization: the organisation's name.
invitation-joined-title = { $organization } に参加しました
invitation-joined-lead = あなたは{ $role }として { $organization } のメンバーになりました。
invitation-title = { $organization } に参加しますか？
# $organization and $role are emphasised.
invitation-lead = { $organization } に{ $role }として招待されています。
invitation-accept = { $organization } に参加

## The provider's pages: consent, linking, sign out (consent.html, to_provider.html, logout.html)

# $client: the application's name.
consent-title = { $client } を許可しますか？
consent-heading = { $client } があなたのアカウントでログインすることを許可しますか？
# $host: the site the application describes itself at, emphasised.
consent-document-host = { $client } はこのサーバーに登録されていません。このアプリケーションの情報は { $host } で公開されています。このサイトを信頼できる場合にのみ許可してください。
consent-asks = { $client } が次の操作を求めています：
# $host: where the browser is sent back to, emphasised.
consent-redirect = 許可すると { $host } に戻ります。この許可はアカウントページからいつでも取り消せます。
consent-allow = 許可
consent-deny = 拒否
scope-openid = あなたが誰であるかを識別する（アカウントの識別子）
scope-profile = ユーザー名を参照する
scope-email = メールアドレスと、その確認状況を参照する
scope-offline-access = あなたが利用していないときも、許可を取り消すまで接続を維持する
scope-organization = あなたが操作している組織と、その組織でのロールを参照する
# $scope: a permission's technical name.
scope-other = 権限「{ $scope }」を使用する
# $provider: the name of another sign-in service.
to-provider-title = { $provider } へ進む
to-provider-lead = 移動先でログインすると、そのアカウントがあなたのアカウントに連携されます。
logout-done-title = ログアウトしました
logout-done-heading = ログアウトしました
logout-done-lead = このウィンドウは閉じてかまいません。
logout-log-in-again = もう一度ログイン
logout-title = ログアウトしますか？
logout-client-asks = { $client } があなたのアカウントからのログアウトを求めています。
logout-this-device = このデバイスでアカウントからログアウトしますか？
logout-submit = ログアウト
logout-stay = ログインしたままにする

## Connect a device (device.html, device_confirm.html, device_done.html)

device-title = デバイスを接続
device-lead = デバイスまたはコマンドラインツールに表示されているコードを入力してください。
device-code-hint = 英字8文字です（例：BCDF-GHJK）。
# One message for any wrong code (unknown, mistyped, expired, used): it reveals nothing more.
device-code-invalid = このコードは無効です。デバイスに表示されているコードと照合するか、デバイスで最初からやり直してください。
device-continue = 続行
device-confirm-heading = お使いのデバイスで { $client } を許可しますか？
# $code: the code the device shows, emphasised.
device-confirm-asks = { $code } を表示しているデバイス上の { $client } が、次の操作を求めています：
device-confirm-no-scopes = あなたに代わって操作する（あなたの情報は参照しません）
device-confirm-warning = ご自身で開始した操作であり、お手元のデバイスにこれと同じコードが表示されている場合にのみ許可してください。この許可はアカウントページからいつでも取り消せます。
device-allow = 許可
device-deny = 拒否
device-connected-title = デバイスを接続しました
device-connected = { $client } はあなたとしてログインしました。デバイスに戻ってください。処理は自動的に続行されます。
device-denied-title = リクエストを拒否しました
device-denied = { $client } には何も許可されていません。この操作をご自身で開始していない場合は、誰かがあなたにこのコードを送った可能性があります。そのコードは無視してください。

## Mails. $product is the server's name (Portcullis). Each mail has a subject, and its text
## is used in both its plain-text and HTML parts.

mail-footer = このメールは、お使いの { $product } アカウントでの操作に伴いお送りしています。
mail-if-you = ご自身による操作であれば、対応は不要です。心当たりがない場合は、ただちにパスワードをリセットしてください。リセットすると、すべてのセッションが終了します。
# How long a mailed link works.
mail-expires-minutes = { $count }分
mail-expires-hours = { $count }時間
mail-expires-days = { $count }日
mail-verify-subject = { $product } のメールアドレスを確認してください
mail-verify-intro = { $product } のメールアドレスを確認してください。
mail-verify-open = 次のリンクを開いて確認してください：
mail-verify-button = メールアドレスを確認
# $expires: one of mail-expires-…
mail-link-expires = このリンクは1回のみ使用でき、{ $expires }後に有効期限が切れます。
# $choice: the button's text on the page (verify-decline).
mail-verify-not-you = このアカウントを作成していない場合は、確認しないでください。同じリンクを開き、「{ $choice }」を選択してください。誰かがあなたのアドレスで登録したアカウントは削除され、あなたの名前でそのアカウントにログインすることは誰にもできなくなります。
mail-reset-subject = { $product } のパスワードのリセット
mail-reset-intro = お使いの { $product } アカウントのパスワードのリセットがリクエストされました。
mail-reset-open = 次のリンクを開いて、新しいパスワードを設定してください：
mail-reset-button = 新しいパスワードを設定
mail-reset-expires = このリンクは1回のみ使用でき、{ $expires }後に有効期限が切れます。心当たりがない場合は、このメールを無視してください。パスワードは変更されません。
mail-email-login-subject = { $product } へのログイン
mail-email-login-intro = このアドレスを使った、お使いの { $product } アカウントへのログインがリクエストされました。
# $code: the six digits, emphasised.
mail-email-login-code = ログインコード：{ $code }
mail-email-login-open = または、次のリンクを開いてログインしてください：
mail-email-login-button = ログイン
mail-email-login-expires = コードとリンクは1回のみ使用でき、{ $expires }後に有効期限が切れます。心当たりがない場合は、このメールを無視してください。このメールがなければ、誰もログインできません。
# $organization: the organisation's name; $inviter: who invites (an address).
mail-invitation-subject = { $product } の { $organization } に招待されています
# $organization is emphasised in the HTML part.
mail-invitation-intro = { $inviter } から、{ $product } の { $organization } に{ $role }として招待されました。
mail-invitation-open = 次のリンクを開いて招待を承諾してください（先にログインするか、このアドレスでアカウントを作成して確認を済ませてください）：
mail-invitation-button = 招待を承諾
mail-invitation-first = 先にログインするか、このアドレスでアカウントを作成して確認を済ませてください。
mail-invitation-expires = このリンクは1回のみ使用でき、{ $expires }後に有効期限が切れます。この組織に心当たりがない場合は、このメールを無視してください。承諾しない限り、何も起こりません。
mail-password-changed-subject = { $product } のパスワードが変更されました
mail-password-changed = お使いの { $product } アカウントのパスワードがたった今変更され、他のセッションはログアウトされました。
mail-password-changed-if-you = ご自身による操作であれば、対応は不要です。心当たりがない場合は、ただちにパスワードをリセットし、管理者に連絡してください。
mail-email-change-subject = { $product } のメールアドレスの変更がリクエストされました
mail-email-change = お使いの { $product } アカウントにログインしている誰かが、アカウントのメールアドレスの変更をリクエストしました。
mail-email-change-pending = 新しいアドレスに送信されたリンクが開かれるまで、アドレスは変更されません。それまでは、このアドレスが引き続きアカウントのアドレスであり、ログインにも使用できます。
mail-email-change-if-you = ご自身による操作であれば、対応は不要です。心当たりがない場合は、ただちにパスワードを変更してください。他のすべてのセッションが終了し、アドレスの変更は完了しなくなります。
mail-email-changed-subject = { $product } アカウントのメールアドレスが変更されました
mail-email-changed = { $product } の管理者が、お使いのアカウントのメールアドレスを変更しました。このアドレスではそのアカウントにログインできなくなり、アカウントのすべてのセッションが終了しました。
mail-email-changed-if-you = 心当たりがない場合は、ご登録いただいたサービスのサポートにお問い合わせください。
mail-mfa-on-subject = { $product } アカウントの2段階認証がオンになりました
mail-mfa-on = お使いの { $product } アカウントで2段階認証がオンになりました。
mail-mfa-off-subject = { $product } アカウントの2段階認証がオフになりました
mail-mfa-off = お使いの { $product } アカウントで2段階認証がオフになりました。
mail-passkey-added-subject = { $product } アカウントにパスキーが追加されました
mail-passkey-added = お使いの { $product } アカウントにパスキーが追加されました。
mail-passkey-removed-subject = { $product } アカウントからパスキーが削除されました
mail-passkey-removed = お使いの { $product } アカウントからパスキーが削除されました。
# $provider: the name of another sign-in service.
mail-identity-linked-subject = { $product } アカウントに { $provider } でのログインが連携されました
mail-identity-linked = お使いの { $product } アカウントに { $provider } でのログインが連携されました。
mail-identity-linked-then = その後、アカウントページで { $provider } でのログインの連携を解除してください。パスワードをリセットしても、この連携は解除されません。
mail-identity-unlinked-subject = { $product } アカウントから { $provider } でのログインの連携が解除されました
mail-identity-unlinked = お使いの { $product } アカウントから { $provider } でのログインの連携が解除されました。
mail-codes-replaced-subject = { $product } アカウントの新しいリカバリーコードが作成されました
mail-codes-replaced = お使いの { $product } アカウントの新しいリカバリーコードが作成されました。以前のコードは使用できなくなりました。
mail-code-used-subject = { $product } へのログインにリカバリーコードが使用されました
mail-code-used = お使いの { $product } のリカバリーコードの1つが、たった今ログインに使用されました。各コードは1回しか使用できません。
mail-code-used-if-you = ご自身による操作であれば、新しいコードの作成をご検討ください。心当たりがない場合は、ただちにパスワードをリセットしてください。リセットすると、すべてのセッションが終了します。
mail-breached-subject = { $product } のパスワードを変更してください
mail-breached = { $product } へのサインインに使われたパスワードは、他のサービスのデータ漏えいで流出したパスワードのリストに含まれています。攻撃者はこうしたパスワードを真っ先に試します。
mail-breached-what-to-do = サインインして、アカウント設定で他のどこでも使っていないパスワードに変更してください。パスワードは誰にも送られていません。当社のサーバー上で、そこに保管されたリストと照合しただけです。
