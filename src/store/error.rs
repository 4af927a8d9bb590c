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
