//! Security primitives: password hashing, opaque one-time tokens, access-token JWTs.
//! No HTTP, no SQL.

pub mod breached;
pub mod idkeys;
pub mod jwt;
pub mod keycrypt;
pub mod legacy;
pub mod oauth;
pub mod passkey;
pub mod password;
pub mod token;
pub mod totp;

pub use jwt::{generate_signing_key, AccessClaims, AuthContext, Jwt};
pub use keycrypt::KeyCipher;
pub use password::{HashError, Hasher, Verified};
pub use token::{hash_token, OpaqueToken};
