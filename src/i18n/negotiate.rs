//! Which language answers a request, in this order: the person's stored locale, the
//! application's `ui_locales` (OpenID Connect), the switcher's cookie, `Accept-Language`,
//! then `PORTCULLIS_DEFAULT_LOCALE`. Each is matched to the languages there are: `fr-CA`
//! is answered in `fr`, `zh-CN` in `zh-Hans`; one that matches none is passed over.

use unic_langid::LanguageIdentifier;

use super::Catalogues;

/// The cookie the language switcher sets (a tag, such as `fr`).
pub const LANG_COOKIE: &str = "portcullis_lang";

/// What a request says of its language, strongest first.
#[derive(Clone, Debug, Default)]
pub struct Preferences {
    /// The signed-in person's stored locale.
    pub stored: Option<String>,
    /// `ui_locales`: space-separated tags, in order of preference.
    pub ui_locales: Option<String>,
    /// The switcher's cookie.
    pub cookie: Option<String>,
    /// The `Accept-Language` header.
    pub accept_language: Option<String>,
}

impl Preferences {
    /// The language to answer in: the first preference some catalogue matches, or the default.
    pub fn choose<'c>(&self, cats: &'c Catalogues) -> &'c str {
        let ui = self.ui_locales.iter().flat_map(|s| s.split_whitespace().map(str::to_owned));
        let accept = self.accept_language.iter().flat_map(|h| accept_language(h));
        self.stored
            .iter()
            .cloned()
            .chain(ui)
            .chain(self.cookie.iter().cloned())
            .chain(accept)
            .find_map(|tag| cats.resolve(&tag))
            .unwrap_or_else(|| cats.default_locale())
    }
}

/// The tags of an `Accept-Language` header by quality, best first (equal ones in their
/// order); `*` and `q=0` are left out, and so is what does not parse.
pub fn accept_language(header: &str) -> Vec<String> {
    let mut tags: Vec<(u16, usize, String)> = header
        .split(',')
        .enumerate()
        .filter_map(|(i, part)| {
            let mut pieces = part.split(';');
            let tag = pieces.next()?.trim();
            if tag.is_empty() || tag == "*" {
                return None;
            }
            let mut q = 1000;
            for p in pieces {
                let (k, v) = p.split_once('=')?;
                if k.trim().eq_ignore_ascii_case("q") {
                    let v: f32 = v.trim().parse().ok()?;
                    if !(0.0..=1.0).contains(&v) {
                        return None;
                    }
                    q = (v * 1000.0).round() as u16;
                }
            }
            (q > 0).then(|| (q, i, tag.to_owned()))
        })
        .collect();
    tags.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    tags.into_iter().map(|(_, _, t)| t).collect()
}

/// The index of the tag in `available` that best serves `wanted`: the same tag; else one of
/// the same language whose script and region, where it has them, are `wanted`'s (the script
/// of Chinese inferred from its region); the most specific wins.
pub fn best_match(available: &[&str], wanted: &str) -> Option<usize> {
    if let Some(i) = available.iter().position(|a| a.eq_ignore_ascii_case(wanted)) {
        return Some(i);
    }
    let wanted: LanguageIdentifier = wanted.parse().ok()?;
    let script = wanted.script.map(|s| s.as_str().to_owned()).or_else(|| implied_script(&wanted));
    let region = wanted.region.map(|r| r.as_str().to_owned());
    let mut best: Option<(usize, usize)> = None;
    for (i, a) in available.iter().enumerate() {
        let Ok(a) = a.parse::<LanguageIdentifier>() else { continue };
        if a.language != wanted.language {
            continue;
        }
        let mut score = 1;
        if let Some(s) = a.script {
            if script.as_deref() != Some(s.as_str()) {
                continue;
            }
            score += 2;
        }
        if let Some(r) = a.region {
            if region.as_deref() != Some(r.as_str()) {
                continue;
            }
            score += 1;
        }
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((i, score));
        }
    }
    best.map(|(i, _)| i)
}

/// Chinese's script from its region: Traditional in Taiwan, Hong Kong and Macao, Simplified
/// elsewhere.
fn implied_script(id: &LanguageIdentifier) -> Option<String> {
    if id.language.as_str() != "zh" {
        return None;
    }
    let traditional = id.region.is_some_and(|r| matches!(r.as_str(), "TW" | "HK" | "MO"));
    Some(if traditional { "Hant" } else { "Hans" }.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_is_sorted_by_quality() {
        let tags = accept_language("fr-CA;q=0.8, de;q=0.9, *;q=0.5, en, es;q=0, x;q=2");
        assert_eq!(tags, ["en", "de", "fr-CA"]);
        assert_eq!(accept_language(""), Vec::<String>::new());
        assert_eq!(accept_language("ja ; q=0.5 , pl"), ["pl", "ja"]);
    }

    #[test]
    fn tags_match_the_closest_language() {
        let available = ["en", "fr", "zh-Hans", "pt", "en-XA"];
        assert_eq!(best_match(&available, "fr-CA"), Some(1));
        assert_eq!(best_match(&available, "FR"), Some(1));
        assert_eq!(best_match(&available, "zh-CN"), Some(2));
        assert_eq!(best_match(&available, "zh-Hans-CN"), Some(2));
        assert_eq!(best_match(&available, "zh"), Some(2));
        assert_eq!(best_match(&available, "zh-TW"), None);
        assert_eq!(best_match(&available, "pt-BR"), Some(3));
        assert_eq!(best_match(&available, "en-US"), Some(0));
        assert_eq!(best_match(&available, "en-xa"), Some(4));
        assert_eq!(best_match(&available, "de"), None);
        assert_eq!(best_match(&available, "not a tag"), None);
    }
}
