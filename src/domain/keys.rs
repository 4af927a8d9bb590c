//! Access-token signing keys as the database keeps them.

/// A signing key as stored in the database.
#[derive(Clone)]
pub struct SigningKeyRecord {
    pub kid: String,
    /// PKCS#8 document, standard base64.
    pub private_pkcs8: String,
    /// Unix milliseconds.
    pub created_at: i64,
}

impl std::fmt::Debug for SigningKeyRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKeyRecord")
            .field("kid", &self.kid)
            .field("created_at", &self.created_at)
            .finish_non_exhaustive()
    }
}
