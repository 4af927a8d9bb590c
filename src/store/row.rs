//! How the store reads rows: one way. Every statement that answers rows is decoded by a
//! `#[derive(sqlx::FromRow)]` struct whose fields are the columns it selects, by name. Columns
//! whose `Any` form is not the field's type say how to read them with `#[sqlx(try_from = …)]`
//! and one of the column types here: MySQL/MariaDB hand `TEXT` columns to the `Any` driver as
//! bytes, not text ([`Text`], [`NullableText`]), booleans are stored as 0/1 ([`Flag`]), and some columns hold more than one value ([`Words`]).

use sqlx::any::{AnyTypeInfo, AnyTypeInfoKind, AnyValueRef};
use sqlx::decode::Decode;
use sqlx::error::BoxDynError;
use sqlx::{Any, Type, ValueRef};

/// A text column: text on SQLite, PostgreSQL and MySQL's `VARCHAR`, bytes (UTF-8) from MySQL's
/// `TEXT`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Text(pub(super) String);

impl Type<Any> for Text {
    fn type_info() -> AnyTypeInfo {
        <String as Type<Any>>::type_info()
    }

    fn compatible(ty: &AnyTypeInfo) -> bool {
        matches!(ty.kind(), AnyTypeInfoKind::Text | AnyTypeInfoKind::Blob)
    }
}

impl<'r> Decode<'r, Any> for Text {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
        if value.type_info().kind() == AnyTypeInfoKind::Blob {
            let bytes = <Vec<u8> as Decode<Any>>::decode(value)?;
            return Ok(Self(String::from_utf8(bytes)?));
        }
        Ok(Self(<String as Decode<Any>>::decode(value)?))
    }
}

impl From<Text> for String {
    fn from(text: Text) -> Self {
        text.0
    }
}

/// A text column that may be `NULL` (see [`Text`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct NullableText(pub(super) Option<String>);

impl Type<Any> for NullableText {
    fn type_info() -> AnyTypeInfo {
        Text::type_info()
    }

    fn compatible(ty: &AnyTypeInfo) -> bool {
        Text::compatible(ty)
    }
}

impl<'r> Decode<'r, Any> for NullableText {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
        if value.is_null() {
            return Ok(Self(None));
        }
        Ok(Self(Some(Text::decode(value)?.0)))
    }
}

impl From<NullableText> for Option<String> {
    fn from(text: NullableText) -> Self {
        text.0
    }
}

/// A text column of words separated by spaces (an API key's scopes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Words(pub(super) Vec<String>);

impl Type<Any> for Words {
    fn type_info() -> AnyTypeInfo {
        Text::type_info()
    }

    fn compatible(ty: &AnyTypeInfo) -> bool {
        Text::compatible(ty)
    }
}

impl<'r> Decode<'r, Any> for Words {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(Self(Text::decode(value)?.0.split_whitespace().map(str::to_owned).collect()))
    }
}

impl From<Words> for Vec<String> {
    fn from(words: Words) -> Self {
        words.0
    }
}

/// A 0/1 column read as a boolean (the schema has no boolean type: see `store`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Flag(pub(super) bool);

impl Type<Any> for Flag {
    fn type_info() -> AnyTypeInfo {
        <i64 as Type<Any>>::type_info()
    }

    fn compatible(ty: &AnyTypeInfo) -> bool {
        <i64 as Type<Any>>::compatible(ty)
    }
}

impl<'r> Decode<'r, Any> for Flag {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(Self(<i64 as Decode<Any>>::decode(value)? != 0))
    }
}

impl From<Flag> for bool {
    fn from(flag: Flag) -> Self {
        flag.0
    }
}

/// A nullable timestamp read as whether it is set (`confirmed_at` as "confirmed").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct IsSet(pub(super) bool);

impl Type<Any> for IsSet {
    fn type_info() -> AnyTypeInfo {
        <i64 as Type<Any>>::type_info()
    }

    fn compatible(ty: &AnyTypeInfo) -> bool {
        <i64 as Type<Any>>::compatible(ty)
    }
}

impl<'r> Decode<'r, Any> for IsSet {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(Self(<Option<i64> as Decode<Any>>::decode(value)?.is_some()))
    }
}

impl From<IsSet> for bool {
    fn from(set: IsSet) -> Self {
        set.0
    }
}

#[cfg(test)]
mod tests {
    use super::{Flag, IsSet, NullableText, Text, Words};
    use sqlx::Row;

    /// Text arrives as text or as bytes (MySQL's `TEXT`); both read the same, and bytes that
    /// are not UTF-8 are an error, not a panic or a lossy string.
    #[tokio::test]
    async fn text_columns_read_from_text_or_bytes() {
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect("sqlite::memory:").await.unwrap();
        let row = sqlx::query(
            "SELECT 'a' AS t, ' x  y ' AS w, CAST('b' AS BLOB) AS b, NULL AS n, X'FF' AS bad, 1 AS one, \
             0 AS zero, NULL AS unset, 5 AS set5",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        assert_eq!(row.try_get::<Text, _>("t").unwrap(), Text("a".into()));
        assert_eq!(row.try_get::<Text, _>("b").unwrap(), Text("b".into()));
        assert_eq!(row.try_get::<NullableText, _>("b").unwrap(), NullableText(Some("b".into())));
        assert_eq!(row.try_get::<NullableText, _>("n").unwrap(), NullableText(None));
        assert!(row.try_get::<Text, _>("n").is_err());
        assert!(row.try_get::<Text, _>("bad").is_err());
        assert!(row.try_get::<Text, _>("one").is_err());
        assert_eq!(row.try_get::<Words, _>("w").unwrap(), Words(vec!["x".into(), "y".into()]));
        assert_eq!(row.try_get::<Flag, _>("one").unwrap(), Flag(true));
        assert_eq!(row.try_get::<Flag, _>("zero").unwrap(), Flag(false));
        assert_eq!(row.try_get::<IsSet, _>("unset").unwrap(), IsSet(false));
        assert_eq!(row.try_get::<IsSet, _>("set5").unwrap(), IsSet(true));
    }
}
