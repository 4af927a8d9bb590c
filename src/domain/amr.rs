//! Authentication methods, named as RFC 8176 names them (`amr` in tokens and sessions).

/// One way a user proved who they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amr {
    /// A password.
    Pwd,
    /// A one-time code (TOTP, or a recovery code).
    Otp,
    /// A hardware-bound key (a security key, a platform passkey).
    Hwk,
    /// A software-bound key (a synced passkey).
    Swk,
}

impl Amr {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pwd => "pwd",
            Self::Otp => "otp",
            Self::Hwk => "hwk",
            Self::Swk => "swk",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Pwd, Self::Otp, Self::Hwk, Self::Swk].into_iter().find(|m| m.as_str() == s)
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
mod tests {
    use super::Amr;

    #[test]
    fn lists_round_trip_through_their_stored_form() {
        let methods = [Amr::Pwd, Amr::Otp];
        assert_eq!(Amr::join(&methods), "pwd otp");
        assert_eq!(Amr::split("pwd otp bogus"), methods);
    }
}
