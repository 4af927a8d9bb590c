//! `en-XA`: English with every letter accented and every text a third longer, in brackets,
//! so that a text that skips the catalogues stands out, and so does a layout that cannot
//! take longer words. Variables are left as they are (Fluent transforms only the text).

use std::borrow::Cow;

const LOWER: [char; 26] = [
    'á', 'ƀ', 'ç', 'ð', 'é', 'ƒ', 'ĝ', 'ĥ', 'î', 'ĵ', 'ķ', 'ĺ', 'ɱ', 'ñ', 'ö', 'þ', 'ǫ', 'ŕ', 'š',
    'ţ', 'û', 'ṽ', 'ŵ', 'ẋ', 'ý', 'ž',
];
const UPPER: [char; 26] = [
    'Å', 'Ɓ', 'Ç', 'Ð', 'É', 'Ƒ', 'Ĝ', 'Ĥ', 'Î', 'Ĵ', 'Ķ', 'Ĺ', 'Ṁ', 'Ñ', 'Ö', 'Þ', 'Ǫ', 'Ŕ', 'Š',
    'Ţ', 'Û', 'Ṽ', 'Ŵ', 'Ẋ', 'Ý', 'Ž',
];

/// One text element of a message, accented and lengthened.
pub(super) fn transform(s: &str) -> Cow<'_, str> {
    let mut out = String::with_capacity(s.len() * 2);
    let mut letters = 0;
    for c in s.chars() {
        let i =
            (c as u32).wrapping_sub(u32::from(if c.is_ascii_lowercase() { b'a' } else { b'A' }));
        match c {
            'a'..='z' => out.push(LOWER[i as usize]),
            'A'..='Z' => out.push(UPPER[i as usize]),
            c => out.push(c),
        }
        if c.is_ascii_alphabetic() {
            letters += 1;
        }
    }
    for _ in 0..letters / 3 {
        out.push('~');
    }
    Cow::Owned(out)
}

/// A whole message, in brackets, so that a cut-off or concatenated text shows.
pub(super) fn wrap(s: &str) -> String {
    format!("[{s}]")
}

#[cfg(test)]
mod tests {
    #[test]
    fn letters_are_accented_and_the_text_longer() {
        assert_eq!(super::transform("Log in"), "Ĺöĝ îñ~");
        assert_eq!(super::transform("A-z 9"), "Å-ž 9");
        assert_eq!(super::wrap("x"), "[x]");
    }
}
