//! Security primitives: password hashing, opaque one-time tokens, access-token JWTs.
//! No HTTP, no SQL.

pub mod jwt;
pub mod keycrypt;
pub mod legacy;
pub mod password;
pub mod token;

pub use jwt::{AccessClaims, AuthContext, Jwt, SigningKeyRecord};
pub use keycrypt::KeyCipher;
pub use password::{Hasher, Verified};
pub use token::{hash_token, OpaqueToken};
