//! Authentication methods, named as RFC 8176 names them (`amr` in tokens and sessions).

/// One way a user proved who they are; its name is the variant's, in lower case.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "lowercase")]
pub enum Amr {
    /// A password.
    Pwd,
    /// A one-time code (TOTP, or a recovery code).
    Otp,
    /// A hardware-bound key (a security key, a platform passkey).
    Hwk,
    /// A software-bound key (a synced passkey).
    Swk,
    /// A one-time link or code mailed to the address (the name Okta and others use).
    Email,
    /// An external identity provider (OAuth 2.0 / OpenID Connect).
    Fed,
}

impl Amr {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }

    /// Whether these methods together are two factors: a passkey (it verified its user as
    /// well, so it is one by itself), or an authenticator code after another method. A mailed
    /// code or an external provider with a password is not: NIST does not count email as a
    /// second factor, and a provider's sign-in says nothing of how it authenticated.
    pub fn multi_factor(methods: &[Self]) -> bool {
        methods.iter().any(|m| matches!(m, Self::Hwk | Self::Swk))
            || (methods.contains(&Self::Otp) && methods.iter().any(|m| *m != Self::Otp))
    }

    /// The stored form of a list: names separated by spaces.
    pub fn join(methods: &[Self]) -> String {
        methods.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(" ")
    }

    /// A stored list; unknown names are dropped.
    pub fn split(stored: &str) -> Vec<Self> {
        stored.split_whitespace().filter_map(Self::parse).collect()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::Amr;
    use strum::VariantArray;

    #[test]
    fn every_method_round_trips_through_its_rfc_8176_name() {
        let names: Vec<&str> = Amr::VARIANTS.iter().map(|m| m.as_str()).collect();
        assert_eq!(names, ["pwd", "otp", "hwk", "swk", "email", "fed"]);
        for m in Amr::VARIANTS {
            assert_eq!(Amr::parse(m.as_str()), Some(*m));
        }
        assert_eq!(Amr::parse("Pwd"), None);
    }

    #[test]
    fn lists_round_trip_through_their_stored_form() {
        let methods = [Amr::Pwd, Amr::Otp];
        assert_eq!(Amr::join(&methods), "pwd otp");
        assert_eq!(Amr::split("pwd otp bogus"), methods);
    }

    #[test]
    fn two_factors_are_a_passkey_or_two_different_methods() {
        assert!(!Amr::multi_factor(&[Amr::Pwd]));
        assert!(!Amr::multi_factor(&[Amr::Email]));
        assert!(!Amr::multi_factor(&[Amr::Fed]));
        assert!(!Amr::multi_factor(&[]));
        assert!(Amr::multi_factor(&[Amr::Pwd, Amr::Otp]));
        assert!(Amr::multi_factor(&[Amr::Email, Amr::Otp]));
        assert!(Amr::multi_factor(&[Amr::Hwk]));
        assert!(Amr::multi_factor(&[Amr::Pwd, Amr::Swk]));
        assert!(!Amr::multi_factor(&[Amr::Email, Amr::Pwd]));
        assert!(!Amr::multi_factor(&[Amr::Fed, Amr::Pwd]));
        assert!(!Amr::multi_factor(&[Amr::Otp]));
    }
}
