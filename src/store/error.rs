//! The store's own error: what a statement did wrong, for the caller to judge. The HTTP status
//! it becomes is chosen in `crate::error`, not here.

/// A store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database refused, failed or did not answer in time (see [`super::is_transient`]).
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    /// Something a store method was handed failed (rendering a mail inside a transaction).
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

/// The result of a store operation.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Whether the database refused text it cannot store: PostgreSQL refuses NUL characters
/// (SQLSTATE `22021`, `character_not_in_repertoire`) and characters its encoding lacks
/// (`22P05`, `untranslatable_character`). Bad input, not a bug.
pub fn is_unencodable_text(e: &sqlx::Error) -> bool {
    e.as_database_error().is_some_and(|d| matches!(d.code().as_deref(), Some("22021" | "22P05")))
}
