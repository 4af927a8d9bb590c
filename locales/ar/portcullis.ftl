# Portcullis: the Arabic catalogue, translated from the English one (the reference).
# Language: Arabic (ar), Modern Standard Arabic, right-to-left (the page sets dir=rtl).
# Register: formal; gender-neutral where possible: buttons and headings as verbal nouns
# ("تسجيل الدخول", "إنشاء حساب"), requests as "يُرجى" + verbal noun, statements in the
# passive ("تم…"), instead of gendered imperatives. Digits are Western (0-9), as the server
# writes them, so the number separators are "," and ".".
#
# Every text a person reads on the hosted pages and in mails comes from here. Keys are
# grouped by page; a translation has exactly these keys and, in each message, the same
# variables ({ $name }). Write no HTML: where a sentence holds a link or emphasis, the
# emphasised part is a variable ($link, $account…) that the page fills in.
# Numbers that select a plural form ($count) follow the language's CLDR plural rules:
# give the categories your language has ([zero], [one], [two], [few], [many], *[other]).
# Arabic: [zero] 0; [one] 1; [two] 2; [few] 3-10, 103-110…; [many] 11-99, 111-199…;
# *[other] 100-102, 200-202… (and fractions).

## Language and formats

# The language's own name, in the language switcher.
language-name = العربية
# Dates: $day (1-31), $month (one of format-month-1 … format-month-12), $year.
format-date = { $day } { $month } { $year }
# A date and time (UTC): $date (format-date), $hour (00-23), $minute (00-59).
format-datetime = { $date }، { $hour }:{ $minute } UTC
format-month-1 = يناير
format-month-2 = فبراير
format-month-3 = مارس
format-month-4 = أبريل
format-month-5 = مايو
format-month-6 = يونيو
format-month-7 = يوليو
format-month-8 = أغسطس
format-month-9 = سبتمبر
format-month-10 = أكتوبر
format-month-11 = نوفمبر
format-month-12 = ديسمبر
# Numbers: the separator of thousands (put a space in quotes: {" "}) and the decimal mark.
# (Western digits, so the Western separators.)
format-number-group = ,
format-number-decimal = .

## Every page

site-skip-link = الانتقال إلى المحتوى
site-language-label = اللغة
site-language-submit = تغيير اللغة
# After a form post, the page that goes on to another site by itself.
continue-title = متابعة
continue-button = متابعة
continue-returning = جارٍ الرجوع إلى التطبيق…
continue-signed-in = تم تسجيل الدخول. جارٍ الرجوع إلى التطبيق…
go-to-account = الانتقال إلى حسابك
# "Not you? Go to your account to sign out first." $link is go-to-account, as a link.
not-you = أليس هذا حسابك؟ { $link } لتسجيل الخروج أولًا.
# $account is the signed-in person's email address.
signed-in-as = تم تسجيل دخولك بالحساب { $account }.

## Form fields and their errors

field-email = البريد الإلكتروني
field-email-address = عنوان البريد الإلكتروني
field-email-or-username = البريد الإلكتروني أو اسم المستخدم
field-username-optional = اسم المستخدم (اختياري)
field-username-hint = من 3 إلى 32 من الأحرف أو الأرقام أو النقاط أو الشرطات أو الشرطات السفلية.
field-password = كلمة المرور
field-confirm-password = تأكيد كلمة المرور
field-current-password = كلمة المرور الحالية
field-new-password = كلمة المرور الجديدة
field-confirm-new-password = تأكيد كلمة المرور الجديدة
field-code = الرمز
field-name = الاسم
# A new password's rules, under the field: $min is the fewest characters allowed.
password-hint = { $min ->
        [zero] { $min } حرف
        [one] حرف واحد
        [two] حرفان
        [few] { $min } أحرف
        [many] { $min } حرفًا
       *[other] { $min } حرف
    } على الأقل؛ ويُفضَّل استخدام عبارة طويلة.
password-hint-letter-digit = { $min ->
        [zero] { $min } حرف
        [one] حرف واحد
        [two] حرفان
        [few] { $min } أحرف
        [many] { $min } حرفًا
       *[other] { $min } حرف
    } على الأقل، تتضمن حرفًا ورقمًا؛ ويُفضَّل استخدام عبارة طويلة.
# Under a password field of the account page.
password-recent-hint = مطلوبة ما لم يكن تسجيل الدخول قد تم خلال الدقائق القليلة الماضية.
# The hidden label of a password field next to a button.
password-recent-label = كلمة المرور (مطلوبة ما لم يكن تسجيل الدخول قد تم خلال الدقائق القليلة الماضية)
form-required = هذا الحقل مطلوب.
form-too-many-attempts = محاولات كثيرة جدًا. يُرجى الانتظار قليلًا ثم المحاولة مجددًا.
form-passwords-differ = كلمتا المرور غير متطابقتين.
form-enter-password = يُرجى إدخال كلمة المرور للمتابعة.
form-second-factor-needed = لم يُستخدم العامل الثاني في هذه الجلسة: يُرجى تسجيل الخروج ثم تسجيل الدخول مجددًا باستخدامه.
form-link-incomplete = هذا الرابط غير مكتمل. يُرجى فتح الرابط كاملًا من رسالة البريد الإلكتروني.
form-reset-link-invalid = رابط إعادة التعيين هذا غير صالح أو منتهي الصلاحية أو سبق استخدامه.
form-verify-link-invalid = هذا الرابط غير صالح أو منتهي الصلاحية. يُرجى تسجيل الدخول لطلب رابط جديد.
form-verify-decline-invalid = هذا الرابط غير صالح أو منتهي الصلاحية، أو أن العنوان مؤكَّد بالفعل.
form-declined-account-removed = تمت إزالة الحساب المسجَّل بعنوانك: لم يعد بإمكان أحد تسجيل الدخول إليه. يمكنك التسجيل بنفسك متى شئت.
form-declined-change-cancelled = تم إلغاء تغيير عنوان البريد الإلكتروني لأحد الحسابات إلى عنوانك.

## Errors from the server, shown over a form or on the error page (by error code)

error-account-exists = يوجد حساب بعنوان البريد الإلكتروني هذا: يُرجى تسجيل الدخول إليه وربط هذا الحساب من صفحة حسابك.
error-bad-request = طلب غير صالح.
error-client-managed-by-config = يُدار هذا التطبيق من خلال إعدادات الخادم.
error-client-not-found = لا يوجد تطبيق بهذا المعرِّف.
error-cross-origin-request = تم رفض الطلب لأنه صادر من موقع آخر.
error-csrf-token = انتهت صلاحية هذا النموذج. يُرجى إعادة تحميل الصفحة والمحاولة مجددًا.
error-email-not-verified = يُرجى تأكيد عنوان بريدك الإلكتروني أولًا عبر الرابط الذي أرسلناه إليك بالبريد الإلكتروني.
error-email-taken = عنوان البريد الإلكتروني مسجَّل بالفعل.
error-forbidden = ليست لديك صلاحية تنفيذ هذا الإجراء.
error-grant-not-found = لم يُمنح هذا التطبيق أي صلاحية وصول.
error-hs256-mode = يوقّع هذا الخادم رموزه المميزة بمفتاح سري مشترك: هذه الميزة غير متاحة.
error-identity-not-found = الحساب المرتبط غير موجود.
error-identity-taken = هذا الحساب مرتبط بالفعل بحساب آخر هنا.
error-insufficient-scope = لا يملك هذا التطبيق صلاحية تنفيذ هذا الإجراء.
error-internal-error = حدث خطأ في الخادم. يُرجى المحاولة لاحقًا.
error-invalid-api-key = مفتاح API غير صالح أو تم إبطاله.
error-invalid-authorization-request = طلب التطبيق غير صالح.
error-invalid-body = تعذّرت قراءة النموذج.
error-invalid-code = الرمز غير صالح أو منتهي الصلاحية.
error-invalid-ceremony = انتهت صلاحية طلب مفتاح المرور. يُرجى المحاولة مجددًا.
error-invalid-client = تطبيق غير معروف.
error-invalid-credentials = البريد الإلكتروني أو كلمة المرور غير صحيحة.
error-invalid-email = عنوان البريد الإلكتروني غير صالح.
error-invalid-field = أحد الحقول يحتوي على قيمة غير صالحة.
error-invalid-json = تعذّرت قراءة الطلب.
error-invalid-mfa-token = عملية تسجيل الدخول غير صالحة أو منتهية الصلاحية؛ يُرجى تسجيل الدخول مجددًا.
error-invalid-password = كلمة المرور غير صحيحة.
error-invalid-refresh-token = انتهت صلاحية جلستك. يُرجى تسجيل الدخول مجددًا.
error-invalid-state = استغرق تسجيل الدخول وقتًا طويلًا جدًا أو بدأ من مكان آخر. يُرجى المحاولة مجددًا.
error-invalid-text = أحد الحقول يحتوي على أحرف غير مسموح بها.
error-invalid-token = هذا الرابط غير صالح أو منتهي الصلاحية.
error-invalid-username = اسم المستخدم غير صالح.
error-invitation-not-found = لا توجد دعوة معلّقة كهذه.
error-last-owner = يجب أن يكون للمؤسسة مالك واحد على الأقل.
error-last-way-in = هذه آخر طريقة لتسجيل الدخول إلى الحساب: يُرجى إضافة طريقة أخرى أولًا.
error-member-not-found = لا يوجد عضو كهذا في هذه المؤسسة.
error-method-not-allowed = لا يمكن استخدام هذا العنوان بهذه الطريقة.
error-mfa-already-enabled = المصادقة الثنائية مفعّلة بالفعل.
error-mfa-enrollment-required = يتطلب هذا الحساب عاملًا ثانيًا: يُرجى إعداده أولًا.
error-mfa-not-enabled = المصادقة الثنائية غير مفعّلة.
error-mfa-required = يُرجى إدخال الرمز من تطبيق المصادقة.
error-missing-field = هذا الحقل مطلوب.
error-no-pending-enrolment = يُرجى بدء إعداد المصادقة الثنائية أولًا.
error-not-authenticated = يُرجى تسجيل الدخول للمتابعة.
error-no-passkey = لا يملك هذا الحساب أي مفتاح مرور.
error-not-found = غير موجود.
error-oauth-denied = تم رفض تسجيل الدخول باستخدام الحساب الآخر.
error-oauth-failed = فشل تسجيل الدخول باستخدام الحساب الآخر. يُرجى المحاولة مجددًا.
error-organization-not-found = لا توجد مؤسسة كهذه.
error-overloaded = الخادم مشغول. يُرجى المحاولة بعد قليل.
error-passkey-not-found = مفتاح المرور غير موجود.
error-passkey-rejected = لم يُقبل مفتاح المرور.
error-passkey-taken = مفتاح المرور هذا مسجَّل بالفعل.
error-passkeys-unavailable = مفاتيح المرور غير متاحة على هذا الخادم.
passkey-prompt-closed = أُغلقت نافذة مفتاح المرور أو انتهت مهلتها.
mfa-codes-file = رموز الاسترداد لـ { $product }. يتيح كل رمز تسجيل الدخول مرة واحدة فقط.
error-payload-too-large = البيانات المرسَلة كبيرة جدًا.
error-rate-limited = محاولات كثيرة جدًا. يُرجى الانتظار قليلًا ثم المحاولة مجددًا.
error-reauthentication-required = يُرجى إدخال كلمة المرور للمتابعة.
error-request-timeout = استغرق الطلب وقتًا طويلًا جدًا. يُرجى المحاولة مجددًا.
error-session-not-found = الجلسة غير موجودة.
error-signup-disabled = لا يمكن إنشاء حسابات جديدة بهذه الطريقة.
error-slug-taken = هذا الاسم مستخدَم لمؤسسة أخرى.
error-timeout = استغرق الطلب وقتًا طويلًا جدًا؛ يُرجى المحاولة مجددًا.
error-unavailable = الخدمة غير متاحة. يُرجى المحاولة بعد قليل.
error-unknown-email = لم يتم العثور على مستخدم بهذا البريد الإلكتروني.
error-unknown-provider = مزوّد تسجيل الدخول هذا غير موجود.
error-unsupported-media-type = تم إرسال النموذج بتنسيق غير مقبول.
error-user-not-found = المستخدم غير موجود.
error-username-taken = اسم المستخدم محجوز بالفعل.
error-weak-password = كلمة المرور هذه غير مسموح بها. يُرجى اختيار كلمة مرور أخرى.
# The password policy's refusals, next to the password field.
error-password-required = كلمة المرور مطلوبة
error-password-too-short = يجب ألا يقل طول كلمة المرور عن { $min ->
        [zero] { $min } حرف
        [one] حرف واحد
        [two] حرفين
        [few] { $min } أحرف
        [many] { $min } حرفًا
       *[other] { $min } حرف
    }
error-password-too-long = يجب ألا يزيد طول كلمة المرور على { $max ->
        [zero] { $max } حرف
        [one] حرف واحد
        [two] حرفين
        [few] { $max } أحرف
        [many] { $max } حرفًا
       *[other] { $max } حرف
    }
error-password-letter-digit = يجب أن تحتوي كلمة المرور على أحرف وأرقام معًا
error-password-too-common = كلمة المرور هذه شائعة جدًا؛ يُرجى اختيار كلمة مرور يصعب تخمينها
error-password-breached = ظهرت كلمة المرور هذه في تسريب للبيانات، لذا يجرّبها المهاجمون أولًا؛ يُرجى اختيار كلمة مرور أخرى

## The error page

error-page-status = خطأ { $status }
error-page-unexpected-title = حدث خطأ ما
error-page-unexpected = تعذّر على الخادم معالجة هذا الطلب. يُرجى المحاولة لاحقًا.
error-page-rate-limited-title = طلبات كثيرة جدًا
error-page-rate-limited = محاولات كثيرة جدًا من شبكتك. يُرجى الانتظار دقيقة ثم المحاولة مجددًا.
error-page-not-found-title = الصفحة غير موجودة
error-page-not-found = لا توجد صفحة على هذا العنوان.
error-page-form-expired-title = انتهت صلاحية هذا النموذج
error-page-form-expired = يُرجى الرجوع وإعادة تحميل الصفحة ثم إرسال النموذج مجددًا.
error-page-refused-title = تم رفض الطلب
error-page-refused = لم يصدر هذا الطلب من صفحات هذا الموقع نفسه.
# Over the detail, in English, that an application's developers need (an authorization request's fault).
error-page-technical = تفاصيل تقنية لمطوّري التطبيق (بالإنجليزية):

## One-time messages after a form

flash-registered = تم إنشاء الحساب. أرسلنا إلى بريدك الإلكتروني رابطًا لتأكيد عنوانك.
flash-check-email = يُرجى التحقق من بريدك الإلكتروني. إذا كان لهذا العنوان حساب، فإن رابط إعادة التعيين في طريقه إليك.
flash-verification-sent = أرسلنا إلى بريدك الإلكتروني رابط تأكيد جديدًا.
flash-email-verified = تم تأكيد عنوان بريدك الإلكتروني.
flash-logged-out = تم تسجيل الخروج.
flash-login-required = يُرجى تسجيل الدخول للمتابعة.
flash-password-changed = تم تغيير كلمة المرور، وتم تسجيل الخروج من جلساتك الأخرى.
flash-password-reset = تمت إعادة تعيين كلمة المرور. يُرجى تسجيل الدخول بكلمة المرور الجديدة.
flash-session-revoked = تم إبطال الجلسة.
flash-other-sessions-revoked = تم تسجيل الخروج من جميع الجلسات الأخرى.
flash-mfa-disabled = تم إيقاف المصادقة الثنائية.
flash-passkey-added = تمت إضافة مفتاح المرور. يمكنك الآن تسجيل الدخول به.
flash-passkey-renamed = تمت إعادة تسمية مفتاح المرور.
flash-passkey-deleted = تم حذف مفتاح المرور.
flash-identity-unlinked = تم إلغاء ربط الحساب.
flash-grant-revoked = تم سحب صلاحية الوصول. لم يعد بإمكان التطبيق استخدام حسابك إلى أن تسجّل الدخول إليه مجددًا.
flash-org-created = تم إنشاء المؤسسة، ودورك فيها: مالك.
# $days: how long the invitation's link works.
flash-org-invited = { $days ->
    [zero] تم إرسال الدعوة. يعمل الرابط الوارد فيها مرة واحدة، لمدة { $days } يوم.
    [one] تم إرسال الدعوة. يعمل الرابط الوارد فيها مرة واحدة، لمدة يوم واحد.
    [two] تم إرسال الدعوة. يعمل الرابط الوارد فيها مرة واحدة، لمدة يومين.
    [few] تم إرسال الدعوة. يعمل الرابط الوارد فيها مرة واحدة، لمدة { $days } أيام.
    [many] تم إرسال الدعوة. يعمل الرابط الوارد فيها مرة واحدة، لمدة { $days } يومًا.
   *[other] تم إرسال الدعوة. يعمل الرابط الوارد فيها مرة واحدة، لمدة { $days } يوم.
}
flash-org-invitation-revoked = تم إبطال الدعوة. لم يعد رابطها يعمل.
flash-org-role-changed = تم تغيير الدور.
flash-org-member-removed = تمت إزالة العضو.
flash-org-left = تمت مغادرة المؤسسة.
flash-org-switched = تعمل هذه الجلسة الآن نيابةً عن المؤسسة.
flash-language-changed = تم تغيير اللغة.

## Log in (login.html)

login-title = تسجيل الدخول
login-lead = مرحبًا بعودتك. يُرجى تسجيل الدخول لإدارة حسابك.
login-resend-verification = إرسال رابط تأكيد جديد
login-submit = تسجيل الدخول
login-passkey = تسجيل الدخول باستخدام مفتاح مرور
login-providers-label = تسجيل الدخول باستخدام حساب آخر
# $provider: the name of another sign-in service (e.g. GitHub).
login-continue-with = المتابعة باستخدام { $provider }
login-email-link = إرسال رابط تسجيل الدخول إليّ بالبريد الإلكتروني بدلًا من ذلك
login-forgot = هل نسيت كلمة المرور؟
login-new-here = ليس لديك حساب؟
login-create-account = إنشاء حساب

## Create an account (register.html)

register-title = إنشاء حساب
register-lead = سنرسل إليك رابطًا لتأكيد عنوان بريدك الإلكتروني.
register-submit = إنشاء الحساب
register-have-account = هل لديك حساب بالفعل؟
register-log-in = تسجيل الدخول

## Forgot and reset password (forgot_password.html, reset_password.html)

forgot-title = هل نسيت كلمة المرور؟
forgot-lead = يُرجى إدخال عنوان بريدك الإلكتروني، وسنرسل إليك رابطًا لاختيار كلمة مرور جديدة.
forgot-submit = إرسال رابط إعادة التعيين
forgot-remembered = هل تذكّرت كلمة المرور؟
forgot-log-in = تسجيل الدخول
reset-title = اختيار كلمة مرور جديدة
reset-lead = سيتم تسجيل الخروج من جميع جلسات حسابك.
reset-submit = تعيين كلمة المرور الجديدة
reset-ask-again = طلب رابط جديد لإعادة التعيين

## Confirm an address (verify_email.html)

verify-title = تأكيد بريدك الإلكتروني
verify-done = تم
verify-lead = نقرة واحدة ويتم تأكيد عنوانك.
verify-submit = تأكيد عنوان بريدي الإلكتروني
verify-not-you = هل استخدم شخص آخر عنوانك؟ إن لم يكن هذا الطلب منك، فيُرجى عدم تأكيده:
verify-decline = لم أُنشئ هذا الحساب

## Sign in by email (email_login.html)

email-login-title = تسجيل الدخول عبر البريد الإلكتروني
email-login-sign-in-title = تسجيل الدخول
email-login-one-click = نقرة واحدة ويتم تسجيل دخولك.
email-login-submit = تسجيل الدخول
email-login-check-title = التحقق من بريدك الإلكتروني
# $email: the address entered, emphasised.
email-login-check-lead = إذا كان بإمكان { $email } تسجيل الدخول، فقد أرسلنا إليه رابطًا ورمزًا مكوَّنًا من 6 أرقام. يُرجى فتح الرابط أو إدخال الرمز هنا.
email-login-lead = سنرسل إليك بالبريد الإلكتروني رابطًا ورمزًا لتسجيل دخولك، دون الحاجة إلى كلمة مرور.
email-login-send = إرسال رابط إلى بريدي الإلكتروني
email-login-other-way = تسجيل الدخول بطريقة أخرى

## Second factor (mfa_code.html, mfa_setup.html, mfa_codes.html)

mfa-code-title = رمز المصادقة الثنائية
mfa-code-heading = إدخال الرمز
mfa-code-lead = يُرجى فتح تطبيق المصادقة وإدخال الرمز المكوَّن من 6 أرقام لهذا الحساب، أو أحد رموز الاسترداد الخاصة بك.
mfa-code-submit = متابعة
mfa-code-passkey = استخدام مفتاح مرور بدلًا من ذلك
mfa-code-start-over = البدء من جديد
mfa-setup-title = إعداد المصادقة الثنائية
mfa-setup-lead = يُرجى مسح هذا الرمز ضوئيًا باستخدام تطبيق مصادقة، ثم إدخال الرمز المكوَّن من 6 أرقام الذي يعرضه.
mfa-setup-qr-alt = رمز QR لتطبيق المصادقة
mfa-setup-key = أو يمكنك كتابة هذا المفتاح:
mfa-setup-submit = تفعيل
mfa-setup-not-now = ليس الآن
mfa-codes-title = رموز الاسترداد
mfa-codes-heading = رموز الاسترداد الخاصة بك
mfa-codes-lead = يُرجى حفظها في مكان آمن. يتيح لك كل رمز منها تسجيل الدخول مرة واحدة إذا فقدت تطبيق المصادقة. لن تُعرض إلا الآن.
mfa-codes-download = تنزيل كملف نصي
mfa-codes-done = تم

## The account page (account.html)

account-title = حسابك
account-log-out = تسجيل الخروج
account-profile = الملف الشخصي
account-email = البريد الإلكتروني
account-verified = مؤكَّد
account-not-verified = غير مؤكَّد
account-username = اسم المستخدم
account-username-not-set = غير محدَّد
account-member-since = تاريخ الانضمام
account-language = اللغة
account-language-default = تلقائية (حسب المتصفح)
account-language-save = حفظ اللغة
account-unverified-note = يُرجى تأكيد عنوانك عبر الرابط الذي أرسلناه إليك بالبريد الإلكتروني. لم تصلك الرسالة؟
account-send-new-link = إرسال رابط جديد
account-enrol-title = خطوة واحدة أخرى
account-enrol-lead = يتطلب هذا الحساب عاملًا ثانيًا: يُرجى إعداده أدناه للمتابعة.
account-sessions = الجلسات
# $count: how many sessions the account has.
account-sessions-count = { $count ->
    [zero] لا توجد جلسات
    [one] جلسة واحدة
    [two] جلستان
    [few] { $count } جلسات
    [many] { $count } جلسة
   *[other] { $count } جلسة
}
account-sessions-lead = الأماكن التي تم فيها تسجيل الدخول إلى حسابك. يُرجى إبطال أي جلسة غير معروفة لك.
account-this-device = هذا الجهاز
# $when: a date and time.
account-last-active = آخر نشاط: { $when }
# $device: e.g. "Firefox on Linux"; $when: a date and time.
account-revoke-session-label = إبطال جلسة { $device }، آخر نشاط: { $when }
account-revoke = إبطال
account-revoke-others = تسجيل الخروج من جميع الجلسات الأخرى
# How a session's device is named: $browser and $os are product names.
device-browser-on-os = { $browser } على { $os }
device-on-os = متصفح على { $os }
device-unknown = جهاز غير معروف
# A device no rule names: $agent is the start of its browser's own description.
device-other = { $agent }
account-mfa = المصادقة الثنائية
account-mfa-on = مفعّلة
account-mfa-on-lead = يُطلب عند تسجيل الدخول رمز من تطبيق المصادقة.
# $count: recovery codes not used yet.
account-recovery-codes-left = { $count ->
    [zero] لم يتبقَّ أي رمز استرداد.
    [one] يتبقى رمز استرداد واحد.
    [two] يتبقى رمزا استرداد.
    [few] يتبقى { $count } رموز استرداد.
    [many] يتبقى { $count } رمزًا للاسترداد.
   *[other] يتبقى { $count } رمز استرداد.
}
account-mfa-new-codes = إنشاء رموز استرداد جديدة
account-mfa-turn-off = إيقاف
account-mfa-off-lead = طلب رمز من تطبيق المصادقة بالإضافة إلى كلمة المرور عند تسجيل الدخول.
account-mfa-set-up = إعداد المصادقة الثنائية
account-mfa-confirm-first = يُرجى تأكيد عنوان بريدك الإلكتروني أولًا: لا يمكن إضافة أي طريقة لتسجيل الدخول قبل ذلك.
account-passkeys = مفاتيح المرور
account-passkeys-lead = يمكنك تسجيل الدخول باستخدام بصمة الإصبع أو الوجه أو رمز PIN الخاص بجهازك بدلًا من كلمة المرور. وإذا فقدت جميع مفاتيح المرور، فستظل كلمة مرورك (أو رابط إعادة التعيين عبر البريد الإلكتروني) تتيح لك الدخول.
account-passkey-synced = متزامن
# $when: a date and time.
account-passkey-added = أُضيف في { $when }
account-last-used = آخر استخدام: { $when }
# $name: the passkey's name.
account-passkey-rename-label = الاسم الجديد لمفتاح المرور { $name }
account-rename = إعادة تسمية
account-passkey-delete-label = حذف مفتاح المرور { $name }
account-delete = حذف
account-passkeys-confirm-first = يُرجى تأكيد عنوان بريدك الإلكتروني أولًا: لا يمكن إضافة أي مفتاح مرور قبل ذلك.
account-passkey-name-hint = للتمييز بين مفاتيح المرور الخاصة بك، مثل «حاسوب العمل المحمول».
account-passkey-add = إضافة مفتاح مرور
account-passkey-needs-script = تتطلب إضافة مفتاح مرور تفعيل JavaScript.
account-identities = الحسابات المرتبطة
account-identities-lead = يمكنك تسجيل الدخول باستخدام حساب آخر لديك. يتطلب الربط تسجيل دخول حديثًا.
account-identity-linked = تم الربط في { $when }
# $provider: the name of another sign-in service.
account-unlink-label = إلغاء ربط { $provider }
account-unlink = إلغاء الربط
account-identities-confirm-first = يُرجى تأكيد عنوان بريدك الإلكتروني أولًا: لا يمكن ربط أي حساب قبل ذلك.
account-link = ربط { $provider }
account-grants = التطبيقات
account-grants-lead = التطبيقات التي سمحت لها بتسجيل دخولك بهذا الحساب. عند سحب صلاحية أحدها، لن يتمكن من استخدام حسابك إلى أن تسجّل الدخول إليه مجددًا.
account-granted = مُنح الوصول في { $when }
# $name: the application's name.
account-revoke-grant-label = سحب صلاحية وصول { $name }
account-organizations = المؤسسات
# $count: how many organisations the account belongs to.
account-organizations-count = { $count ->
    [zero] لست عضوًا في أي مؤسسة.
    [one] عضو في مؤسسة واحدة.
    [two] عضو في مؤسستين.
    [few] عضو في { $count } مؤسسات.
    [many] عضو في { $count } مؤسسة.
   *[other] عضو في { $count } مؤسسة.
}
account-new-organization = مؤسسة جديدة
account-create-organization = إنشاء
account-change-password = تغيير كلمة المرور
account-change-password-lead = سيتم تسجيل الخروج من جلساتك الأخرى، وستبقى هذه الجلسة نشطة.
account-change-password-submit = تغيير كلمة المرور

## Roles in an organisation

role-owner = مالك
role-admin = مسؤول
role-member = عضو

## An organisation (organization.html)

# $role (emphasised), $account (an email address), $slug (emphasised).
org-lead = دورك هنا: { $role }، وتم تسجيل دخولك بالحساب { $account }. المعرِّف المختصر للمؤسسة: { $slug }.
# $name: the organisation's name.
org-switch = العمل نيابةً عن { $name } في هذه الجلسة
org-members = الأعضاء
# $count: how many members the organisation has.
org-members-count = { $count ->
    [zero] لا يوجد أعضاء
    [one] عضو واحد
    [two] عضوان
    [few] { $count } أعضاء
    [many] { $count } عضوًا
   *[other] { $count } عضو
}
org-you = (أنت)
# $role; $when: a date and time.
org-joined = { $role } · تاريخ الانضمام: { $when }
# $email: a member's address.
org-role-of = دور { $email }
org-change-role = تغيير
org-remove-label = إزالة { $email }
org-remove = إزالة
org-leave = مغادرة المؤسسة
org-invite-title = دعوة شخص
org-role = الدور
org-invite-submit = إرسال الدعوة
org-open-invitations = الدعوات المعلّقة
org-invitation-until = { $role } · صالحة حتى { $when }
org-revoke-invitation-label = إبطال دعوة { $email }
org-revoke = إبطال
org-back = الرجوع إلى حسابك

## An invitation (invitation.html)

# $organization: the organisation's name.
invitation-joined-title = تم انضمامك إلى { $organization }
invitation-joined-lead = أنت الآن عضو في { $organization }، بدور { $role }.
invitation-title = الانضمام إلى { $organization }؟
# $organization and $role are emphasised.
invitation-lead = تمت دعوتك للانضمام إلى { $organization } بدور { $role }.
invitation-accept = الانضمام إلى { $organization }

## The provider's pages: consent, linking, sign out (consent.html, to_provider.html, logout.html)

# $client: the application's name.
consent-title = السماح للتطبيق { $client }؟
consent-heading = السماح للتطبيق { $client } بتسجيل دخولك؟
# $host: the site the application describes itself at, emphasised.
consent-document-host = التطبيق { $client } غير مسجَّل هنا: وهو يعرّف بنفسه على { $host }. يُرجى عدم السماح له إلا إذا كان هذا الموقع موثوقًا لديك.
consent-asks = يطلب التطبيق { $client } الإذن بما يلي:
# $host: where the browser is sent back to, emphasised.
consent-redirect = ستتم إعادة المتصفح إلى { $host }. يمكنك سحب هذا الإذن في أي وقت من صفحة حسابك.
consent-allow = سماح
consent-deny = رفض
scope-openid = معرفة هويتك (معرِّف حسابك)
scope-profile = الاطلاع على اسم المستخدم الخاص بك
scope-email = الاطلاع على عنوان بريدك الإلكتروني ومعرفة ما إذا كان مؤكَّدًا
scope-offline-access = البقاء متصلًا في أثناء غيابك، إلى أن تسحب هذا الإذن
scope-organization = معرفة المؤسسة التي تعمل نيابةً عنها، ودورك فيها
# $scope: a permission's technical name.
scope-other = استخدام الإذن «{ $scope }»
# $provider: the name of another sign-in service.
to-provider-title = المتابعة إلى { $provider }
to-provider-lead = يُرجى تسجيل الدخول هناك لربط ذلك الحساب بحسابك هنا.
logout-done-title = تم تسجيل الخروج
logout-done-heading = تم تسجيل خروجك
logout-done-lead = يمكنك إغلاق هذه النافذة.
logout-log-in-again = تسجيل الدخول مجددًا
logout-title = تسجيل الخروج؟
logout-client-asks = يطلب التطبيق { $client } تسجيل خروجك من حسابك.
logout-this-device = تسجيل الخروج من حسابك على هذا الجهاز؟
logout-submit = تسجيل الخروج
logout-stay = إبقاء تسجيل الدخول

## Connect a device (device.html, device_confirm.html, device_done.html)

device-title = ربط جهاز
device-lead = يُرجى إدخال الرمز الذي يعرضه جهازك أو أداة سطر الأوامر.
device-code-hint = ثمانية أحرف، مثل BCDF-GHJK.
# One message for any wrong code (unknown, mistyped, expired, used): it reveals nothing more.
device-code-invalid = هذا الرمز غير صالح. يُرجى مطابقته مع الرمز الذي يعرضه جهازك، أو البدء من جديد على الجهاز.
device-continue = متابعة
device-confirm-heading = السماح للتطبيق { $client } على جهازك؟
# $code: the code the device shows, emphasised.
device-confirm-asks = يطلب التطبيق { $client }، على الجهاز الذي يعرض الرمز { $code }، الإذن بما يلي:
device-confirm-no-scopes = التصرف نيابةً عنك (دون الاطلاع على بياناتك)
device-confirm-warning = يُرجى عدم السماح بذلك إلا إذا كنت أنت من بدأ هذه العملية بنفسك، على جهاز بين يديك يعرض الرمز نفسه. يمكنك سحب هذا الإذن في أي وقت من صفحة حسابك.
device-allow = سماح
device-deny = رفض
device-connected-title = تم ربط الجهاز
device-connected = تم تسجيل دخول التطبيق { $client } بحسابك. يمكنك العودة إلى جهازك، وسيتابع من تلقاء نفسه.
device-denied-title = تم رفض الطلب
device-denied = لن يحصل التطبيق { $client } على أي صلاحية. إذا لم تكن أنت من بدأ هذه العملية، فربما أرسل إليك شخص ما هذا الرمز: يُرجى تجاهله.

## Mails. $product is the server's name (Portcullis). Each mail has a subject, and its text
## is used in both its plain-text and HTML parts.

mail-footer = تلقّيت هذه الرسالة بسبب إجراء على حسابك في { $product }.
mail-if-you = إذا كنت أنت من قام بذلك، فلا حاجة إلى أي إجراء. وإن لم يكن كذلك، فيُرجى إعادة تعيين كلمة المرور فورًا: فذلك ينهي جميع الجلسات.
# How long a mailed link works.
# (Arabic: after "بعد", so the genitive: "بعد دقيقتين", "بعد 15 دقيقة".)
mail-expires-minutes = { $count ->
    [zero] { $count } دقيقة
    [one] دقيقة واحدة
    [two] دقيقتين
    [few] { $count } دقائق
    [many] { $count } دقيقة
   *[other] { $count } دقيقة
}
mail-expires-hours = { $count ->
    [zero] { $count } ساعة
    [one] ساعة واحدة
    [two] ساعتين
    [few] { $count } ساعات
    [many] { $count } ساعة
   *[other] { $count } ساعة
}
mail-expires-days = { $count ->
    [zero] { $count } يوم
    [one] يوم واحد
    [two] يومين
    [few] { $count } أيام
    [many] { $count } يومًا
   *[other] { $count } يوم
}
mail-verify-subject = تأكيد عنوان بريدك الإلكتروني في { $product }
mail-verify-intro = يُرجى تأكيد عنوان بريدك الإلكتروني في { $product }.
mail-verify-open = يُرجى فتح هذا الرابط لتأكيده:
mail-verify-button = تأكيد عنوان البريد الإلكتروني
# $expires: one of mail-expires-…
mail-link-expires = يعمل الرابط مرة واحدة وتنتهي صلاحيته بعد { $expires }.
# $choice: the button's text on the page (verify-decline).
mail-verify-not-you = هل أُنشئ هذا الحساب دون علمك؟ إذن يُرجى عدم تأكيده، بل فتح الرابط نفسه واختيار «{ $choice }». عندئذٍ يُحذف الحساب الذي سجّله شخص ما بعنوانك، ولا يمكن لأحد تسجيل الدخول إليه باسمك.
mail-reset-subject = إعادة تعيين كلمة المرور في { $product }
mail-reset-intro = طلب شخص ما إعادة تعيين كلمة المرور لحسابك في { $product }.
mail-reset-open = يُرجى فتح هذا الرابط لاختيار كلمة مرور جديدة:
mail-reset-button = اختيار كلمة مرور جديدة
mail-reset-expires = يعمل الرابط مرة واحدة وتنتهي صلاحيته بعد { $expires }. إذا لم تكن أنت من طلب ذلك، فيُرجى تجاهل هذه الرسالة: ستبقى كلمة مرورك كما هي.
mail-email-login-subject = تسجيل الدخول إلى { $product }
mail-email-login-intro = طلب شخص ما تسجيل الدخول إلى حسابك في { $product } باستخدام هذا العنوان.
# $code: the six digits, emphasised.
mail-email-login-code = رمز تسجيل الدخول الخاص بك هو { $code }
mail-email-login-open = أو يمكنك فتح هذا الرابط لتسجيل الدخول:
mail-email-login-button = تسجيل الدخول
mail-email-login-expires = يعمل الرمز والرابط مرة واحدة وتنتهي صلاحيتهما بعد { $expires }. إذا لم تكن أنت من طلب ذلك، فيُرجى تجاهل هذه الرسالة: لا يمكن لأحد تسجيل الدخول من دونها.
# $organization: the organisation's name; $inviter: who invites (an address).
mail-invitation-subject = دعوة للانضمام إلى { $organization } في { $product }
# $organization is emphasised in the HTML part.
mail-invitation-intro = يدعوك { $inviter } للانضمام إلى { $organization } في { $product }، بدور { $role }.
mail-invitation-open = يُرجى فتح هذا الرابط لقبول الدعوة (يلزم أولًا تسجيل الدخول، أو إنشاء حساب بهذا العنوان وتأكيده):
mail-invitation-button = قبول الدعوة
mail-invitation-first = يُرجى تسجيل الدخول أولًا، أو إنشاء حساب بهذا العنوان وتأكيده.
mail-invitation-expires = يعمل الرابط مرة واحدة وتنتهي صلاحيته بعد { $expires }. إذا كانت هذه المؤسسة غير معروفة لك، فيُرجى تجاهل هذه الرسالة: لن يحدث شيء ما لم تُقبل الدعوة.
mail-password-changed-subject = تم تغيير كلمة المرور لحسابك في { $product }
mail-password-changed = تم للتو تغيير كلمة المرور لحسابك في { $product }، وتم تسجيل الخروج من جلساتك الأخرى.
mail-password-changed-if-you = إذا كنت أنت من قام بذلك، فلا حاجة إلى أي إجراء. وإن لم يكن كذلك، فيُرجى إعادة تعيين كلمة المرور فورًا والتواصل مع المسؤول.
mail-email-change-subject = تم طلب تغيير عنوان البريد الإلكتروني لحسابك في { $product }
mail-email-change = طلب شخص سجّل الدخول إلى حسابك في { $product } تغيير عنوان البريد الإلكتروني للحساب.
mail-email-change-pending = لن يتغير العنوان إلا بعد فتح الرابط المرسَل إلى العنوان الجديد؛ وحتى ذلك الحين يظل هذا العنوان عنوان الحساب ويمكن استخدامه لتسجيل الدخول.
mail-email-change-if-you = إذا كنت أنت من قام بذلك، فلا حاجة إلى أي إجراء. وإن لم يكن كذلك، فيُرجى تغيير كلمة المرور فورًا: فذلك ينهي جميع الجلسات الأخرى، ولن يكتمل تغيير العنوان أبدًا.
mail-email-changed-subject = تم تغيير عنوان البريد الإلكتروني لحسابك في { $product }
mail-email-changed = غيّر أحد مسؤولي { $product } عنوان البريد الإلكتروني لحسابك. لم يعد بالإمكان استخدام هذا العنوان لتسجيل الدخول إلى الحساب، وتم إنهاء جميع جلسات الحساب.
mail-email-changed-if-you = إذا لم يكن هذا متوقعًا، فيُرجى التواصل مع فريق الدعم في الخدمة التي سجّلت فيها.
mail-mfa-on-subject = تم تفعيل المصادقة الثنائية لحسابك في { $product }
mail-mfa-on = تم تفعيل المصادقة الثنائية لحسابك في { $product }.
mail-mfa-off-subject = تم إيقاف المصادقة الثنائية لحسابك في { $product }
mail-mfa-off = تم إيقاف المصادقة الثنائية لحسابك في { $product }.
mail-passkey-added-subject = تمت إضافة مفتاح مرور إلى حسابك في { $product }
mail-passkey-added = تمت إضافة مفتاح مرور إلى حسابك في { $product }.
mail-passkey-removed-subject = تمت إزالة مفتاح مرور من حسابك في { $product }
mail-passkey-removed = تمت إزالة مفتاح مرور من حسابك في { $product }.
# $provider: the name of another sign-in service.
mail-identity-linked-subject = تم ربط تسجيل الدخول عبر { $provider } بحسابك في { $product }
mail-identity-linked = تم ربط تسجيل الدخول عبر { $provider } بحسابك في { $product }.
mail-identity-linked-then = وبعد ذلك يُرجى إلغاء ربط تسجيل الدخول عبر { $provider } من صفحة حسابك: فإعادة تعيين كلمة المرور لا تزيله.
mail-identity-unlinked-subject = تم إلغاء ربط تسجيل الدخول عبر { $provider } من حسابك في { $product }
mail-identity-unlinked = تم إلغاء ربط تسجيل الدخول عبر { $provider } من حسابك في { $product }.
mail-codes-replaced-subject = تم إنشاء رموز استرداد جديدة لحسابك في { $product }
mail-codes-replaced = تم إنشاء رموز استرداد جديدة لحسابك في { $product }؛ ولم تعد الرموز القديمة صالحة.
mail-code-used-subject = تم استخدام رمز استرداد لتسجيل الدخول إلى { $product }
mail-code-used = تم للتو استخدام أحد رموز الاسترداد الخاصة بحسابك في { $product } لتسجيل الدخول. يعمل كل رمز مرة واحدة فقط.
mail-code-used-if-you = إذا كنت أنت من قام بذلك، فننصح بإنشاء رموز جديدة. وإن لم يكن كذلك، فيُرجى إعادة تعيين كلمة المرور فورًا: فذلك ينهي جميع الجلسات.
mail-breached-subject = غيّر كلمة مرورك في { $product }
mail-breached = كلمة المرور التي استخدمتها للتو لتسجيل الدخول إلى { $product } موجودة في قائمة كلمات مرور كُشفت في تسريبات بيانات في أماكن أخرى. يجرّب المهاجمون مثل هذه الكلمات أولًا.
mail-breached-what-to-do = يُرجى تسجيل الدخول وتغييرها من إعدادات حسابك إلى كلمة مرور لا تستخدمها في أي مكان آخر. لم تُرسل كلمة مرورك إلى أحد: فقد جرى التحقق منها على خادمنا مقارنةً بقائمة محفوظة عليه.
