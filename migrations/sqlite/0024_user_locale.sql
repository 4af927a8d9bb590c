-- A person's language for pages and mails (docs/languages.md): a tag such as `fr` or `zh-Hans`;
-- NULL: chosen per request (ui_locales, the switcher's cookie, Accept-Language, the default).
ALTER TABLE users ADD COLUMN locale TEXT;
