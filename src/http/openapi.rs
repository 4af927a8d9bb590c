//! What the OpenAPI 3.1 document says besides its routes: its title and description, the
//! error schemas and the security schemes. The routes come from their registration, each
//! surface's (`http::document` gathers them).

use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::error::{ErrorBody, ErrorCode};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Portcullis",
        description = "User authentication: registration, email verification, login with a \
            session cookie or JWT, refresh-token rotation, password reset, profile and sessions. \
            Every request body may be sent as application/json or as \
            application/x-www-form-urlencoded. Errors are `{\"message\", \"code\"}`."
    ),
    components(schemas(ErrorBody, ErrorCode)),
    modifiers(&SecuritySchemes)
)]
struct Document;

struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "api_key",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("pcak_… (portcullis api-key create)")
                    .build(),
            ),
        );
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build(),
            ),
        );
        components.add_security_scheme(
            "session_cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("session_id"))),
        );
    }
}

/// The OpenAPI 3.1 document of every JSON route: `registered` (the surfaces' routes, each
/// with its documentation) under the title, error schemas and security schemes.
pub fn document(registered: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    let mut doc = Document::openapi();
    doc.merge(registered);
    doc
}
