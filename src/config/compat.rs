//! Compatibility profiles (`PORTCULLIS_COMPAT`): one name per seed service that makes that
//! seed's clients work unchanged. A profile turns on its seed's route set and what its clients
//! need from it, and nothing anywhere else: the seed's password rule and opt-ins apply on its
//! own route set only, so the canonical API and the pages keep the configured policy.

use std::fmt;

use crate::domain::PasswordPolicy;

/// A legacy route set (`PORTCULLIS_DIALECTS`); its name there is the variant's in kebab case.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "kebab-case")]
pub enum LegacySet {
    /// `root`: seeds 000 and 002.
    Root,
    /// `alx`: seed 004.
    Alx,
    /// `api-v1`: seed 001.
    ApiV1,
}

impl LegacySet {
    /// Its name in `PORTCULLIS_DIALECTS`.
    pub fn name(self) -> &'static str {
        self.into()
    }
}

/// One seed's compatibility profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    Seed000,
    Seed001,
    Seed002,
    Seed003,
    Seed004,
}

/// Every profile, in order.
pub const PROFILES: &[Profile] =
    &[Profile::Seed000, Profile::Seed001, Profile::Seed002, Profile::Seed003, Profile::Seed004];

/// The rule of seeds 000, 001, 002 and 004: any password that is not empty. (Their Flask apps
/// checked nothing else.)
const ANY_PASSWORD: PasswordPolicy = PasswordPolicy {
    min_length: 1,
    min_length_with_second_factor: None,
    require_letter_and_digit: false,
    block_common: false,
    breached: crate::domain::Blocklist::OFF,
};

impl Profile {
    /// `seed000` … `seed004` (`seed-004`, `004` and `4` are read too).
    pub fn parse(s: &str) -> Option<Self> {
        let digits = s.trim().to_ascii_lowercase();
        let digits = digits.strip_prefix("seed").unwrap_or(&digits);
        let digits = digits.strip_prefix('-').unwrap_or(digits);
        match digits.parse::<u8>().ok()? {
            0 => Some(Self::Seed000),
            1 => Some(Self::Seed001),
            2 => Some(Self::Seed002),
            3 => Some(Self::Seed003),
            4 => Some(Self::Seed004),
            _ => None,
        }
    }

    /// The route set its clients call (`None`: seed 003, the canonical API, always served).
    pub fn route_set(self) -> Option<LegacySet> {
        match self {
            Self::Seed000 | Self::Seed002 => Some(LegacySet::Root),
            Self::Seed001 => Some(LegacySet::ApiV1),
            Self::Seed004 => Some(LegacySet::Alx),
            Self::Seed003 => None,
        }
    }

    /// The seed's own password rule on its route set's registration and reset routes, when it
    /// is weaker than the policy (`None`: the configured policy applies).
    fn password_rule(self) -> Option<PasswordPolicy> {
        match self {
            Self::Seed003 => None,
            _ => Some(ANY_PASSWORD),
        }
    }

    /// Its route set tells an unknown address apart, as the seed did (`404`/`403`).
    fn reveals_unknown_emails(self) -> bool {
        matches!(self, Self::Seed000 | Self::Seed001 | Self::Seed004)
    }

    /// Its route set's reset keeps the user's sessions: the seed's clients log out with the
    /// session they had before the reset.
    fn reset_keeps_sessions(self) -> bool {
        matches!(self, Self::Seed001 | Self::Seed004)
    }

    /// Seed 003's rule (8 characters with letters and digits), which only adds to the policy.
    pub fn requires_letter_and_digit(self) -> bool {
        self == Self::Seed003
    }

    /// Seed 003's route set is the canonical API, and its documented client sets passwords
    /// found in breaches (`NewPassword123`): under its profile the canonical API does not
    /// screen for them (startup says so).
    pub fn turns_off_breached_screening(self) -> bool {
        self == Self::Seed003
    }

    /// The startup warning: what this profile weakens, and where. `None` for a profile that
    /// weakens nothing (seed 003).
    pub fn warning(self) -> Option<String> {
        let set = self.route_set()?.name();
        let mut weaker = vec![String::from(
            "any non-empty password is accepted on its registration and reset routes \
             (no minimum length, common passwords allowed)",
        )];
        if self.reveals_unknown_emails() {
            weaker.push("its reset route tells which email addresses have accounts".to_owned());
        }
        if self.reset_keeps_sessions() {
            weaker.push(
                "a password reset there keeps the user's sessions, so it no longer evicts \
                 someone who stole one"
                    .to_owned(),
            );
        }
        Some(format!(
            "PORTCULLIS_COMPAT={self} weakens the `{set}` route set: {}; the canonical API and \
             the pages keep the configured password policy",
            weaker.join("; ")
        ))
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = PROFILES.iter().position(|p| p == self).unwrap_or_default();
        write!(f, "seed{n:03}")
    }
}

/// The profiles in force (`PORTCULLIS_COMPAT`), and what they change on each route set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Compat {
    pub profiles: Vec<Profile>,
}

impl Compat {
    /// Reads a comma-separated list (`none` or empty: no profile). `Err` names the bad entry.
    pub fn parse(list: &str) -> Result<Self, String> {
        let mut profiles = Vec::new();
        for item in list.split(',').map(str::trim).filter(|s| !s.is_empty() && *s != "none") {
            let p = Profile::parse(item).ok_or_else(|| {
                format!(
                    "unknown profile {item:?}; expected some of seed000, seed001, seed002, \
                     seed003, seed004, or none"
                )
            })?;
            if !profiles.contains(&p) {
                profiles.push(p);
            }
        }
        Ok(Self { profiles })
    }

    fn on(&self, set: LegacySet) -> impl Iterator<Item = Profile> + '_ {
        self.profiles.iter().copied().filter(move |p| p.route_set() == Some(set))
    }

    /// The password rule on `set`'s registration and reset routes: its seed's under that
    /// seed's profile, otherwise `policy`.
    pub fn password_policy_on(&self, set: LegacySet, policy: &PasswordPolicy) -> PasswordPolicy {
        self.on(set).find_map(Profile::password_rule).unwrap_or_else(|| policy.clone())
    }

    /// A profile on `set` reveals unknown addresses.
    pub fn reveals_unknown_emails_on(&self, set: LegacySet) -> bool {
        self.on(set).any(Profile::reveals_unknown_emails)
    }

    /// A profile on `set` keeps sessions across its reset.
    pub fn reset_keeps_sessions_on(&self, set: LegacySet) -> bool {
        self.on(set).any(Profile::reset_keeps_sessions)
    }

    /// One warning per profile that weakens something, naming what (logged at startup).
    pub fn warnings(&self) -> Vec<String> {
        self.profiles.iter().filter_map(|p| p.warning()).collect()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_route_set_round_trips_through_its_name() {
        use strum::VariantArray;
        let names: Vec<&str> = LegacySet::VARIANTS.iter().map(|s| s.name()).collect();
        assert_eq!(names, ["root", "alx", "api-v1"]);
        for &set in LegacySet::VARIANTS {
            assert_eq!(set.name().parse::<LegacySet>().unwrap(), set);
        }
        assert!("api_v1".parse::<LegacySet>().is_err());
    }

    #[test]
    fn profiles_are_read_by_seed_number_and_unknown_ones_refused() {
        let c = Compat::parse("seed004, seed-001,4,none").unwrap();
        assert_eq!(c.profiles, vec![Profile::Seed004, Profile::Seed001]);
        assert_eq!(Compat::parse("").unwrap(), Compat::default());
        assert_eq!(Compat::parse("none").unwrap(), Compat::default());
        for bad in ["seed005", "alx", "seed", "seed00x"] {
            let err = Compat::parse(bad).unwrap_err();
            assert!(err.contains(bad) && err.contains("seed004"), "{err}");
        }
        assert_eq!(Profile::Seed000.to_string(), "seed000");
        assert_eq!(Profile::parse("seed000"), Some(Profile::Seed000));
    }

    #[test]
    fn each_weakening_profile_warns_naming_its_route_set_and_what_it_weakens() {
        let all = Compat { profiles: PROFILES.to_vec() };
        let warned = all.warnings();
        // Seed 003 is the canonical API: its profile only adds a rule, so it warns of nothing.
        assert_eq!(warned.len(), 4, "{warned:?}");
        assert!(Profile::Seed003.warning().is_none());
        let alx = Profile::Seed004.warning().unwrap();
        assert!(alx.starts_with("PORTCULLIS_COMPAT=seed004 weakens the `alx` route set"), "{alx}");
        for what in ["any non-empty password", "which email addresses", "keeps the user's sessions"]
        {
            assert!(alx.contains(what), "{what}: {alx}");
        }
        let root = Profile::Seed002.warning().unwrap();
        assert!(root.contains("`root`") && root.contains("any non-empty password"), "{root}");
        assert!(!root.contains("email addresses") && !root.contains("sessions"), "{root}");
        let v1 = Profile::Seed001.warning().unwrap();
        assert!(v1.contains("`api-v1`") && v1.contains("keeps the user's sessions"), "{v1}");
        assert!(Compat::default().warnings().is_empty());
        // The README quotes it word for word.
        assert!(include_str!("../../README.md").contains(&alx), "README's example is stale");
    }

    #[test]
    fn a_profile_changes_only_its_own_route_set() {
        let policy = PasswordPolicy {
            min_length: 8,
            min_length_with_second_factor: None,
            require_letter_and_digit: false,
            block_common: true,
            breached: crate::domain::Blocklist::OFF,
        };
        let alx = Compat::parse("seed004").unwrap();
        assert_eq!(alx.password_policy_on(LegacySet::Alx, &policy), ANY_PASSWORD);
        assert!(alx.reveals_unknown_emails_on(LegacySet::Alx));
        assert!(alx.reset_keeps_sessions_on(LegacySet::Alx));
        for other in [LegacySet::Root, LegacySet::ApiV1] {
            assert_eq!(alx.password_policy_on(other, &policy), policy, "{other:?}");
            assert!(!alx.reveals_unknown_emails_on(other), "{other:?}");
            assert!(!alx.reset_keeps_sessions_on(other), "{other:?}");
        }
        assert!(ANY_PASSWORD.check("b4l0u").is_ok());
        assert!(policy.check("b4l0u").is_err());
    }

    #[test]
    fn loading_a_profile_serves_its_route_set_and_leaves_the_warnings_for_the_caller() {
        use crate::config::Settings;
        let s =
            Settings::from_map([("PORTCULLIS_COMPAT", "seed004"), ("PORTCULLIS_DIALECTS", "none")])
                .unwrap();
        assert_eq!(s.dialects, vec!["alx".to_owned()]);
        assert!(s.warnings.iter().any(|w| w.starts_with("PORTCULLIS_COMPAT=seed004")), "{s:?}");
        // The global opt-ins stay off: the profile's apply on `alx` only.
        assert!(!s.reveal_unknown_emails && !s.legacy_reset_keeps_sessions);
        assert!(s.reveals_unknown_emails_on(LegacySet::Alx));
        assert!(!s.reveals_unknown_emails_on(LegacySet::Root));
        assert_eq!(s.password_policy.min_length, 8);

        // Seed 003's profile adds its rule, and turns breached screening off (its client sets
        // such a password), which it warns of.
        let s = Settings::from_map([("PORTCULLIS_COMPAT", "seed003")]).unwrap();
        assert!(s.password_policy.require_letter_and_digit && s.password_policy.block_common);
        assert!(!s.password_policy.breached.is_on());
        assert_eq!(s.warnings.len(), 1, "{:?}", s.warnings);
        assert!(s.warnings[0].contains("breached passwords are not refused"), "{:?}", s.warnings);
        let nist =
            [("PORTCULLIS_COMPAT", "seed003"), ("PORTCULLIS_PASSWORD_POLICY", "nist-800-63b-4")];
        assert!(Settings::from_map(nist).unwrap_err().to_string().contains("PORTCULLIS_COMPAT"));
        let s = Settings::from_map(Vec::<(String, String)>::new()).unwrap();
        assert!(s.password_policy.breached.is_on(), "on by default");

        // The default: no profile, nothing weakened.
        let s = Settings::from_map(Vec::<(String, String)>::new()).unwrap();
        assert_eq!(s.compat, Compat::default());
        assert!(s.warnings.is_empty(), "{:?}", s.warnings);
        for set in [LegacySet::Root, LegacySet::Alx, LegacySet::ApiV1] {
            assert_eq!(s.password_policy_on(set), s.password_policy);
        }

        let err = Settings::from_map([("PORTCULLIS_COMPAT", "seed9")]).unwrap_err().to_string();
        assert!(err.contains("PORTCULLIS_COMPAT") && err.contains("seed9"), "{err}");
    }
}
