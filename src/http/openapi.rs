//! The OpenAPI 3.1 document: its title and description, the error schemas and the security
//! schemes here; the routes from their registration, each surface's (`http::document` gathers
//! them); then completed with the answers that the layers around the handlers give
//! ([`CommonAnswers`]).

use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::request_body::RequestBody;
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Content, RefOr, Required, Schema};
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

/// `doc` as this server answers: each new password's `minLength` is the password
/// policy's minimum on that route set (`PORTCULLIS_PASSWORD_MIN_LENGTH`, or a legacy set's
/// seed rule under `PORTCULLIS_COMPAT`).
pub fn for_settings(
    mut doc: utoipa::openapi::OpenApi,
    settings: &crate::config::Settings,
) -> utoipa::openapi::OpenApi {
    use crate::config::compat::LegacySet;
    let canonical = settings.password_policy.min_length;
    let on = |set| settings.password_policy_on(set).min_length;
    let new_passwords = [
        ("RegisterRequest", "password", canonical),
        ("ResetPasswordRequest", "new_password", canonical),
        ("ChangePasswordRequest", "new_password", canonical),
        ("CreateUserRequest", "password", canonical),
        ("RegisterBody", "password", on(LegacySet::Root)),
        ("AlxUpdatePassword", "new_password", on(LegacySet::Alx)),
        ("ApiV1UpdatePassword", "new_password", on(LegacySet::ApiV1)),
    ];
    if let Some(components) = doc.components.as_mut() {
        for (schema, field, min) in new_passwords {
            let Some(RefOr::T(Schema::Object(o))) = components.schemas.get_mut(schema) else {
                continue;
            };
            if let Some(RefOr::T(Schema::Object(p))) = o.properties.get_mut(field) {
                p.min_length = Some(min.max(1));
            }
        }
    }
    doc
}

/// The OpenAPI 3.1 document of every JSON route: `registered` (the surfaces' routes, each
/// with its documentation) under the title, error schemas and security schemes, with the
/// answers of the layers around the handlers. Without this server's settings a new
/// password's `minLength` is 1 (see [`for_settings`]).
pub fn document(registered: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    let mut doc = Document::openapi();
    doc.merge(registered);
    CommonAnswers.modify(&mut doc);
    UniqueNames.modify(&mut doc);
    doc
}

/// Every operation's `operationId` unique in the document, as OpenAPI requires (a client
/// generator names a function after it): the handlers' names repeat across surfaces (`login`,
/// `get_user`, `list`). The canonical API's (tag `auth`) keep the handler's name; every other
/// operation's is prefixed with its tag (`admin_get_user`, `passkeys_login`,
/// `legacy_api_v1_register`); and the few names repeated within `auth` are named in
/// [`UniqueNames::RENAMED`]. A test fails when a new route repeats a name.
struct UniqueNames;

impl UniqueNames {
    /// (method, path, name) for the canonical API's operations whose handler names repeat.
    const RENAMED: [(&'static str, &'static str, &'static str); 5] = [
        ("GET", "/api/auth/grants", "list_grants"),
        ("DELETE", "/api/auth/grants/{client_id}", "revoke_grant"),
        ("GET", "/api/auth/sessions", "list_sessions"),
        ("DELETE", "/api/auth/sessions/{id}", "revoke_session"),
        ("DELETE", "/api/auth/sessions", "revoke_other_sessions"),
    ];

    /// A tag as a name's prefix: `legacy api-v1 (seed 001)` -> `legacy_api_v1`.
    fn prefix(tag: &str) -> String {
        let tag = tag.split(" (").next().unwrap_or(tag);
        tag.replace(['-', ' '], "_")
    }
}

impl Modify for UniqueNames {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for_each_operation(openapi, |method, path, op| {
            let renamed = Self::RENAMED
                .iter()
                .find(|(m, p, _)| *m == method && *p == path)
                .map(|(_, _, name)| (*name).to_owned());
            let tag = op.tags.iter().flatten().next().cloned().unwrap_or_default();
            let handler = op.operation_id.clone().unwrap_or_default();
            op.operation_id = Some(match renamed {
                Some(name) => name,
                None if tag == "auth" => handler,
                None => format!("{}_{handler}", Self::prefix(&tag)),
            });
        });
    }
}

/// Calls `f` with each operation of the document, its method and its path.
fn for_each_operation(
    openapi: &mut utoipa::openapi::OpenApi,
    mut f: impl FnMut(&str, &str, &mut Operation),
) {
    for (path, item) in openapi.paths.paths.iter_mut() {
        let methods = [
            ("GET", &mut item.get),
            ("PUT", &mut item.put),
            ("POST", &mut item.post),
            ("DELETE", &mut item.delete),
            ("PATCH", &mut item.patch),
        ];
        for (method, op) in methods {
            if let Some(op) = op.as_mut() {
                f(method, path, op);
            }
        }
    }
}

/// The answers that come from outside a handler, added to every operation they can reach
/// (an answer the operation documents itself is kept as it is):
/// - an operation with query or path parameters: `400` for one of the wrong type, or a path
///   segment that is not UTF-8;
/// - an operation with a body: `400` (malformed, a field of the wrong type, a required field
///   missing or blank), `413` (over 64 KiB), `415` (neither JSON nor a form); a body whose
///   fields are all optional may be left out (an empty body reads as `{}`);
/// - a write (`POST`, `PUT`, `PATCH`, `DELETE`) on the main listener: `403` for a browser's
///   cross-origin request without a bearer token (`cross_origin_request`);
/// - an operation with a security requirement: `401`; with a session, `403` while an account
///   under `PORTCULLIS_REQUIRE_MFA` must enrol (`mfa_enrollment_required`) outside the
///   enrolment routes, and `429` for a write over the write budget; with an admin API key,
///   `403` for a key without the scope and `429` once failed key checks spent the budget;
/// - an operation anyone may call that spends the client IP's budget (every unauthenticated
///   write, and the canonical API's unauthenticated reads): `429`.
///
/// The legacy route sets answer in their seeds' shapes, so their additions carry no schema.
struct CommonAnswers;

impl Modify for CommonAnswers {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(components) = openapi.components.as_mut() {
            for name in ["LoginRequest", "LoginBody"] {
                if let Some(login) = components.schemas.get_mut(name) {
                    *login =
                        email_or_username(std::mem::replace(login, RefOr::T(Schema::default())));
                }
            }
        }
        let optional_bodies: Vec<String> = openapi
            .components
            .iter()
            .flat_map(|c| c.schemas.iter())
            .filter(|(_, s)| match s {
                RefOr::T(Schema::Object(o)) => o.required.is_empty(),
                _ => false,
            })
            .map(|(name, _)| format!("#/components/schemas/{name}"))
            .collect();
        for_each_operation(openapi, |method, path, op| {
            complete(method, path, op, &optional_bodies);
        });
    }
}

fn complete(method: &str, path: &str, op: &mut Operation, optional_bodies: &[String]) {
    let legacy = op.tags.iter().flatten().any(|t| t.starts_with("legacy"));
    let operations = op.tags.iter().flatten().any(|t| t == "operations");
    let writes = method != "GET";
    let reach = reach(op).map(str::to_owned);
    let schemes: Vec<String> = op
        .security
        .iter()
        .flatten()
        .filter_map(|r| serde_json::to_value(r).ok())
        .filter_map(|v| v.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>()))
        .flatten()
        .collect();
    let admin = schemes.iter().any(|s| s == "api_key");
    let session = schemes.iter().any(|s| s == "bearer" || s == "session_cookie");
    let mut add = |status: &str, description: &str| {
        op.responses
            .responses
            .entry(status.to_owned())
            .or_insert_with(|| RefOr::T(answer(description, legacy)));
    };
    let query = op.parameters.iter().flatten().any(|p| p.parameter_in == ParameterIn::Query);
    if query {
        add("400", "A query parameter has the wrong type, or is given twice (`invalid_field`)");
    }
    if path.contains('{') {
        add("400", "A path segment is not UTF-8 once unescaped (`invalid_field`)");
    }
    if let Some(body) = op.request_body.as_mut() {
        add(
            "400",
            "The body is malformed, a field has the wrong type, or a required field is \
             missing or blank",
        );
        add("413", "The body is over 64 KiB (`payload_too_large`)");
        add(
            "415",
            "The body is neither `application/json` nor `application/x-www-form-urlencoded` \
             (`unsupported_media_type`)",
        );
        if every_field_optional(body, optional_bodies) {
            body.required = Some(Required::False);
        }
    }
    if writes && !operations {
        add(
            "403",
            "A browser's cross-origin request without a bearer token (`cross_origin_request`)",
        );
    }
    if admin {
        add("401", "No admin API key, or an unknown or revoked one (`invalid_api_key`)");
        add("403", "The key lacks the operation's scope (`insufficient_scope`)");
        add(
            "429",
            "Too many failed key checks from this client (`rate_limited`, with `Retry-After`)",
        );
    } else if session {
        add("401", "No session, or a dead or invalid token or cookie (`not_authenticated`)");
        if reach.is_none() {
            add(
                "403",
                "The account must enrol a second factor first (`mfa_enrollment_required`, \
                 with `PORTCULLIS_REQUIRE_MFA`)",
            );
        }
        if writes && reach.as_deref() != Some(REACH_SIGN_OUT) {
            add("429", "Over the write budget (`rate_limited`, with `Retry-After`)");
        }
    } else if !operations && (writes || !legacy) {
        add("429", "The client IP's budget is spent (`rate_limited`, with `Retry-After`)");
    }
}

/// The operation extension that carries a route's [`Reach`](super::extract::Reach), set where
/// the route is registered (`surface::Surface::routes`): a session that must still enrol may
/// reach it, or it signs out.
pub(crate) const REACH: &str = "x-portcullis-reach";
pub(crate) const REACH_ENROLMENT: &str = "enrolment";
pub(crate) const REACH_SIGN_OUT: &str = "sign-out";

fn reach(op: &Operation) -> Option<&str> {
    op.extensions.as_ref().and_then(|e| e.get(REACH)).and_then(|v| v.as_str())
}

/// A login body (`email`, `username`, `password`) that needs `email` or `username` not blank:
/// the email when it is not, else the username.
fn email_or_username(login: RefOr<Schema>) -> RefOr<Schema> {
    use utoipa::openapi::schema::{AllOfBuilder, AnyOfBuilder, ObjectBuilder, Type};
    let not_blank = |field: &str| {
        let text =
            ObjectBuilder::new().schema_type(Type::String).min_length(Some(1)).pattern(Some(r"\S"));
        ObjectBuilder::new().property(field, text).required(field)
    };
    let identifier = AnyOfBuilder::new().item(not_blank("email")).item(not_blank("username"));
    RefOr::T(Schema::AllOf(AllOfBuilder::new().item(login).item(identifier).build()))
}

/// An error answer: `ErrorBody` as JSON, or (a legacy route set) its description alone.
fn answer(description: &str, legacy: bool) -> Response {
    let response = ResponseBuilder::new().description(description);
    if legacy {
        return response.build();
    }
    let schema = RefOr::Ref(utoipa::openapi::Ref::from_schema_name("ErrorBody"));
    response.content("application/json", Content::new(Some(schema))).build()
}

/// Whether the body's schema is one whose every field is optional.
fn every_field_optional(body: &RequestBody, optional_bodies: &[String]) -> bool {
    body.content.values().all(|c| match &c.schema {
        Some(RefOr::Ref(r)) => optional_bodies.contains(&r.ref_location),
        _ => false,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use serde_json::Value;

    fn json(doc: utoipa::openapi::OpenApi) -> Value {
        serde_json::to_value(doc).unwrap()
    }

    fn operations(doc: &Value) -> Vec<(String, String, &Value)> {
        let mut out = Vec::new();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                out.push((method.to_uppercase(), path.clone(), op));
            }
        }
        out
    }

    #[test]
    fn every_operation_has_a_name_of_its_own() {
        let doc = json(crate::http::document());
        let mut seen = std::collections::HashMap::new();
        for (method, path, op) in operations(&doc) {
            let name = op["operationId"].as_str().unwrap_or_default().to_owned();
            assert!(!name.is_empty(), "{method} {path} has no operationId");
            if let Some(other) = seen.insert(name.clone(), format!("{method} {path}")) {
                panic!("operationId {name} names both {other} and {method} {path}");
            }
        }
        assert_eq!(doc["paths"]["/api/admin/users/{id}"]["get"]["operationId"], "admin_get_user");
        assert_eq!(doc["paths"]["/api/auth/user"]["get"]["operationId"], "get_user");
    }

    #[test]
    fn a_required_field_is_a_string_that_cannot_be_null_or_empty() {
        let doc = json(crate::http::document());
        let body = &doc["components"]["schemas"]["ChangePasswordRequest"];
        let required: Vec<&str> =
            body["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        assert!(required.contains(&"new_password"), "{body}");
        let field = &body["properties"]["new_password"];
        assert_eq!(field["type"], "string", "{field}");
        assert_eq!(field["minLength"], 1, "{field}");
        // An optional field the server reads null as absent stays nullable.
        let optional = &doc["components"]["schemas"]["UpdateUserRequest"]["properties"]["email"];
        assert_eq!(optional["type"], serde_json::json!(["string", "null"]), "{optional}");
    }

    #[test]
    fn every_operation_lists_the_answers_of_the_layers_around_it() {
        let doc = json(crate::http::document());
        for (method, path, op) in operations(&doc) {
            let answers = op["responses"].as_object().unwrap();
            let has = |s: &str| answers.contains_key(s);
            if op.get("requestBody").is_some() {
                assert!(has("400") && has("413") && has("415"), "{method} {path}");
            }
            if op.get("security").is_some() {
                assert!(has("401"), "{method} {path}");
            }
            if method != "GET" && !path.starts_with("/dev/") {
                assert!(has("403"), "{method} {path}: cross-origin refusal");
                assert!(has("429") || path == "/api/auth/logout", "{method} {path}");
            }
        }
    }

    #[test]
    fn parameters_are_where_the_server_reads_them() {
        let doc = json(crate::http::document());
        for (method, path, op) in operations(&doc) {
            for p in op["parameters"].as_array().into_iter().flatten() {
                let name = p["name"].as_str().unwrap();
                let in_path = path.contains(&format!("{{{name}}}"));
                let expected = if in_path { "path" } else { "query" };
                assert_eq!(p["in"], expected, "{method} {path} {name}");
            }
        }
        let limit = &doc["paths"]["/api/admin/users"]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "limit")
            .unwrap()["schema"];
        assert_eq!((limit["minimum"].as_i64(), limit["maximum"].as_i64()), (Some(1), Some(200)));
    }

    #[test]
    fn a_body_of_optional_fields_may_be_left_out_and_one_with_required_ones_may_not() {
        let doc = json(crate::http::document());
        let body = |path: &str, method: &str| doc["paths"][path][method]["requestBody"].clone();
        assert_eq!(body("/api/auth/mfa/totp", "post")["required"], false);
        assert_eq!(body("/api/admin/users/{id}", "patch")["required"], false);
        assert_eq!(body("/api/auth/change-password", "post")["required"], true);
    }

    #[test]
    fn a_login_names_an_email_or_a_username() {
        let doc = json(crate::http::document());
        for name in ["LoginRequest", "LoginBody"] {
            let either = &doc["components"]["schemas"][name]["allOf"][1]["anyOf"];
            assert_eq!(either[0]["required"][0], "email", "{name}");
            assert_eq!(either[1]["required"][0], "username", "{name}");
        }
    }

    #[test]
    fn the_served_document_states_this_servers_password_minimum() {
        let settings =
            crate::config::Settings::from_map([("PORTCULLIS_PASSWORD_MIN_LENGTH", "12")]).unwrap();
        let doc = json(crate::http::document_for(&settings));
        let schemas = &doc["components"]["schemas"];
        assert_eq!(schemas["RegisterRequest"]["properties"]["password"]["minLength"], 12);
        assert_eq!(schemas["ChangePasswordRequest"]["properties"]["new_password"]["minLength"], 12);
        // A login's current password is any non-empty string.
        assert_eq!(schemas["LoginRequest"]["allOf"][0]["properties"]["password"]["minLength"], 1);
    }
}
