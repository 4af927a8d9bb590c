//! The device authorization grant (RFC 8628, docs/provider.md): the user code a person types on
//! the verification page. No I/O: the random bytes are the caller's.

/// The grant type a client must be allowed, at the device authorization and token endpoints.
pub const DEVICE_CODE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

/// The letters of a user code: RFC 8628 section 6.1's alphabet, consonants only (no vowels,
/// so no words; no letter that reads as a digit), easy to read aloud and type on a phone.
pub const USER_CODE_ALPHABET: &[u8; 20] = b"BCDFGHJKLMNPQRSTVWXZ";

/// Letters in a user code: 20^8, about 2^34.6 codes. With a handful of codes live at once and
/// each person's and address's wrong guesses throttled, a guess has no practical chance.
pub const USER_CODE_LEN: usize = 8;

/// Longer input than this is not looked at (a code with dashes and spaces is far shorter).
const MAX_INPUT: usize = 64;

/// A user code in its canonical form: eight letters of [`USER_CODE_ALPHABET`], upper case, no
/// separator. Its `Debug` shows nothing of it.
#[derive(Clone, PartialEq, Eq)]
pub struct UserCode(String);

impl UserCode {
    /// What a person typed, normalised: case does not matter, and dashes and spaces are
    /// ignored. `None` unless that leaves eight letters of the alphabet.
    pub fn parse(input: &str) -> Option<Self> {
        if input.len() > MAX_INPUT {
            return None;
        }
        let code: String = input
            .chars()
            .filter(|c| *c != '-' && !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let ok =
            code.len() == USER_CODE_LEN && code.bytes().all(|b| USER_CODE_ALPHABET.contains(&b));
        ok.then_some(Self(code))
    }

    /// A code drawn from `random` (uniformly: bytes that would favour some letters are
    /// skipped). `None` when `random` runs out first, which 32 bytes make vanishingly rare.
    pub fn from_random(random: &[u8]) -> Option<Self> {
        // 240 is the largest multiple of 20 that fits a byte: b % 20 is uniform below it.
        let limit = (256 / USER_CODE_ALPHABET.len() * USER_CODE_ALPHABET.len()) as u8;
        let code: String = random
            .iter()
            .filter(|b| **b < limit)
            .take(USER_CODE_LEN)
            .map(|b| char::from(USER_CODE_ALPHABET[usize::from(*b) % USER_CODE_ALPHABET.len()]))
            .collect();
        (code.len() == USER_CODE_LEN).then_some(Self(code))
    }

    /// The canonical form (what is hashed and stored).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// As people are shown it: `BCDF-GHJK`.
    pub fn display(&self) -> String {
        let (a, b) = self.0.split_at(USER_CODE_LEN / 2);
        format!("{a}-{b}")
    }
}

impl std::fmt::Debug for UserCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UserCode([redacted])")
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn typing_is_forgiving_but_only_the_alphabet_counts() {
        let code = UserCode::parse("bcdf-ghjk").unwrap();
        assert_eq!(code.as_str(), "BCDFGHJK");
        assert_eq!(code.display(), "BCDF-GHJK");
        for same in ["BCDFGHJK", " bcdf ghjk ", "BcDf-GhJk", "B-C-D-F-G-H-J-K", "bcdf\tghjk"] {
            assert_eq!(UserCode::parse(same), Some(code.clone()), "{same:?}");
        }
        for bad in [
            "",
            "BCDF-GHJ",
            "BCDF-GHJKL",
            "ABCD-EFGH", // vowels are not in the alphabet
            "BCDF-GHJ1",
            "BCDF_GHJK",
            "ＢCDF-GHJK", // a full-width letter
            &"-".repeat(100),
        ] {
            assert_eq!(UserCode::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn random_codes_use_the_alphabet_uniformly() {
        let code = UserCode::from_random(&[0, 19, 20, 239, 240, 255, 1, 2, 3, 4]).unwrap();
        // 240 and 255 are skipped; 20 and 239 wrap onto the first and last letters.
        assert_eq!(code.as_str(), "BZBZCDFG");
        assert_eq!(UserCode::from_random(&[250; 32]), None, "not enough usable bytes");
        assert_eq!(UserCode::parse(&code.display()), Some(code.clone()));
        assert_eq!(format!("{code:?}"), "UserCode([redacted])");
    }
}
