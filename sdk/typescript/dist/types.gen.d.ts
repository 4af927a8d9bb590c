export type ClientOptions = {
    baseUrl: `${string}://${string}` | (string & {});
};
export type AcceptInvitationRequest = {
    /**
     * The token of the invitation's link.
     */
    token?: string | null;
};
export type ActiveOrganizationRequest = {
    /**
     * The organisation to act for, or `null` for none.
     */
    organization_id?: string | null;
};
export type ActiveOrganizationResponse = {
    /**
     * A new access token carrying the organisation (`org_id`, `org_slug`, `org_role`,
     * `org_permissions`), or none.
     */
    access_token: string;
    /**
     * `Bearer`, or `DPoP` for a session bound to a key.
     */
    token_type: string;
    expires_in: number;
    organization?: null | OrganizationView;
};
/**
 * A new organisation and its first owner, an existing user named by id or by address (one of
 * the two).
 */
export type AdminCreateOrganizationRequest = {
    /**
     * 1 to 200 characters.
     */
    name: string;
    /**
     * 2 to 48 of `a-z`, `0-9` and inner `-`; unique. Default: made from the name.
     */
    slug?: string | null;
    /**
     * A JSON object of the application's own, at most 4 KiB.
     */
    metadata?: {
        [key: string]: unknown;
    } | null;
    /**
     * The first owner, by id.
     */
    owner_user_id?: string | null;
    /**
     * The first owner, by email address.
     */
    owner_email?: string | null;
};
/**
 * The member just added or changed.
 */
export type AdminMemberResponse = {
    member: OrganizationMember;
    /**
     * `true`: they were not a member before this call.
     */
    added: boolean;
};
export type AdminMemberRoleRequest = {
    /**
     * `owner`, `admin`, `member`, or a role of `PORTCULLIS_ORG_ROLES`.
     */
    role: string;
};
/**
 * An organisation as the operator sees it (no caller's role: the operator has none).
 */
export type AdminOrganization = {
    id: string;
    slug: string;
    name: string;
    metadata: {
        [key: string]: unknown;
    };
    created_at: string;
    updated_at: string;
};
export type AdminOrganizationMembersPage = {
    /**
     * Oldest first.
     */
    members: Array<OrganizationMember>;
};
export type AdminOrganizationsPage = {
    organizations: Array<AdminOrganization>;
    /**
     * Pass as `after` for the next page; absent on the last one.
     */
    next?: string | null;
};
export type AdminUpdateUserRequest = {
    /**
     * A new address (unverified unless `email_verified` is sent too).
     */
    email?: string | null;
    username?: string | null;
    email_verified?: boolean | null;
};
/**
 * An account (`is_active`: `false` once disabled).
 */
export type AdminUserResponse = {
    user: UserView;
    /**
     * Only when the account was created with `invite`: whether the invitation was queued
     * (`false`: the per-address mail throttle held it back; call `send-reset` later).
     */
    invited?: boolean | null;
};
export type AuditEntryView = {
    id: string;
    at: string;
    event: string;
    outcome: string;
    user_id?: string | null;
    ip?: string | null;
    user_agent?: string | null;
    detail?: string | null;
};
export type AuditPage = {
    entries: Array<AuditEntryView>;
    next?: string | null;
};
export type CeremonyResponse = {
    /**
     * Finishes this ceremony (once, within five minutes, on any node).
     */
    ceremony: string;
    /**
     * `{"publicKey": …}` for `navigator.credentials.create()` or `.get()`, binary fields as
     * base64url.
     */
    options: {
        [key: string]: unknown;
    };
};
export type ChangePasswordRequest = {
    current_password: string;
    new_password: string;
};
/**
 * What a registration says; unset fields take the defaults (or, on update, keep their value).
 */
export type ClientSpec = {
    /**
     * Chosen by the operator (letters, digits, `-._~`), or generated.
     */
    client_id?: string | null;
    name?: string | null;
    redirect_uris?: Array<string> | null;
    post_logout_redirect_uris?: Array<string> | null;
    /**
     * `authorization_code`, `refresh_token`, `client_credentials`,
     * `urn:ietf:params:oauth:grant-type:device_code`. Default: the first two.
     */
    grant_types?: Array<string> | null;
    /**
     * Default: `openid profile email offline_access`.
     */
    scopes?: Array<string> | null;
    backchannel_logout_uri?: string | null;
    /**
     * A first-party application: no consent page.
     */
    skip_consent?: boolean | null;
    /**
     * `client_secret_basic` (default), `client_secret_post`, `private_key_jwt`, or `none` (a
     * public client; what `public: true` means).
     */
    token_endpoint_auth_method?: string | null;
    public?: boolean | null;
    jwks_uri?: string | null;
    /**
     * `RS256` (default), `ES256` or `EdDSA`.
     */
    id_token_signed_response_alg?: string | null;
    /**
     * The resource indicators (RFC 8707) it may ask tokens for: absolute URIs, or prefixes
     * written `https://api.example.com*`.
     */
    resources?: Array<string> | null;
    /**
     * It must push its authorization requests (RFC 9126).
     */
    require_pushed_authorization_requests?: boolean | null;
};
/**
 * A client as the command line prints it and the admin API answers it: the registration's
 * names are OAuth's (RFC 7591), and `client_secret` appears only when it was just made.
 */
export type ClientView = {
    client_id: string;
    client_secret?: string | null;
    name: string;
    token_endpoint_auth_method: string;
    redirect_uris: Array<string>;
    post_logout_redirect_uris: Array<string>;
    grant_types: Array<string>;
    scopes: Array<string>;
    backchannel_logout_uri?: string | null;
    skip_consent: boolean;
    jwks_uri?: string | null;
    id_token_signed_response_alg: string;
    resources: Array<string>;
    require_pushed_authorization_requests: boolean;
    /**
     * `api` (command line, admin API), `config` (rewritten from the configuration at start),
     * `dynamic` (registered itself at `/oauth2/register`) or `document` (its
     * `client_id` is the URL of its metadata document, from which it is written).
     */
    managed_by: string;
    created_at: string;
    updated_at: string;
};
export type ClientsPage = {
    /**
     * Every registered client, by `client_id`; none carries a `client_secret`.
     */
    clients: Array<ClientView>;
};
export type CodeRequest = {
    /**
     * The 6-digit code the authenticator app shows.
     */
    code: string;
};
export type CreateUserRequest = {
    email: string;
    username?: string | null;
    /**
     * Without one the account has no password: it signs in by a reset link (`invite`), or
     * the other ways in.
     */
    password?: string | null;
    email_verified?: boolean;
    /**
     * Mail a link to set a password.
     */
    invite?: boolean;
};
/**
 * `GET /api/auth/user`: the user and which second factors are on.
 */
export type CurrentUserResponse = {
    /**
     * The user object of every route set, unchanged.
     */
    user: UserView;
    /**
     * The language chosen for the hosted pages and mails (a tag such as `fr`); `null`: each
     * request decides (docs/languages.md). Only on `/api/auth/user`.
     */
    locale?: string | null;
    factors: FactorsView;
};
/**
 * A step-up for a deletion: the password or a code, unless the session authenticated within
 * `PORTCULLIS_REAUTH_WINDOW`.
 */
export type DeleteOrganizationRequest = {
    password?: string | null;
    code?: string | null;
};
export type DeleteUserRequest = {
    password: string;
};
export type EmailLoginVerifyRequest = {
    /**
     * The `token` of the mailed link; or else `email` and `code`.
     */
    token?: string | null;
    email?: string | null;
    /**
     * The 6-digit code of the mail.
     */
    code?: string | null;
};
export type EmailRequest = {
    email: string;
};
export type EnrolmentResponse = {
    /**
     * Base32, to type into an authenticator app.
     */
    secret: string;
    /**
     * `otpauth://totp/…`: what the QR code holds.
     */
    otpauth_uri: string;
    /**
     * The QR code, as an SVG document.
     */
    qr_svg: string;
};
/**
 * Every error body: `{"message", "code"}`.
 */
export type ErrorBody = {
    message: string;
    code: ErrorCode;
};
/**
 * Every error `code` a client can see: stable snake_case strings (the variant's name, as
 * strum writes it), matched by the route sets and pages as values of this enum rather than
 * as strings.
 */
export type ErrorCode = 'account_exists' | 'bad_request' | 'client_managed_by_config' | 'client_not_found' | 'cross_origin_request' | 'csrf_token' | 'email_not_verified' | 'email_taken' | 'forbidden' | 'grant_not_found' | 'hs256_mode' | 'identity_not_found' | 'identity_taken' | 'insufficient_scope' | 'internal_error' | 'invalid_api_key' | 'invalid_authorization_request' | 'invalid_body' | 'invalid_code' | 'invalid_ceremony' | 'invalid_client' | 'invalid_credentials' | 'invalid_email' | 'invalid_field' | 'invalid_json' | 'invalid_mfa_token' | 'invalid_password' | 'invalid_refresh_token' | 'invalid_state' | 'invalid_text' | 'invalid_token' | 'invalid_username' | 'invitation_not_found' | 'last_owner' | 'last_way_in' | 'member_not_found' | 'method_not_allowed' | 'mfa_already_enabled' | 'mfa_enrollment_required' | 'mfa_not_enabled' | 'mfa_required' | 'missing_field' | 'no_pending_enrolment' | 'not_authenticated' | 'no_passkey' | 'not_found' | 'oauth_denied' | 'oauth_failed' | 'organization_not_found' | 'overloaded' | 'passkey_not_found' | 'passkey_rejected' | 'passkey_taken' | 'passkeys_unavailable' | 'password_breached' | 'payload_too_large' | 'rate_limited' | 'reauthentication_required' | 'request_timeout' | 'session_not_found' | 'signup_disabled' | 'slug_taken' | 'timeout' | 'unavailable' | 'unknown_email' | 'unknown_provider' | 'unsupported_media_type' | 'user_not_found' | 'username_taken' | 'weak_password';
export type FactorsView = {
    totp: boolean;
    recovery_codes_left: number;
};
/**
 * A fresh proof for a sensitive change, needed unless the session authenticated within
 * `PORTCULLIS_REAUTH_WINDOW`: the password, or a current code.
 */
export type FreshRequest = {
    password?: string | null;
    code?: string | null;
};
/**
 * An application the person has granted access to their account.
 */
export type GrantView = {
    client_id: string;
    /**
     * The application's name, as its registration gives it.
     */
    name: string;
    /**
     * Every scope the person has allowed it (the union of what it asked for).
     */
    scopes: Array<string>;
    /**
     * When it was first granted.
     */
    granted_at: string;
    /**
     * When the grant last changed: a new sign-in or a wider set of scopes.
     */
    updated_at: string;
    /**
     * When it last got tokens (a sign-in completed, a refresh), if ever.
     */
    last_used_at?: string | null;
};
export type GrantsResponse = {
    /**
     * The most recently granted first.
     */
    grants: Array<GrantView>;
};
export type IdentitiesResponse = {
    identities: Array<IdentityView>;
};
export type IdentityView = {
    id: string;
    /**
     * The provider's name, as in `/api/auth/oauth/{provider}/…`.
     */
    provider: string;
    /**
     * The address the provider gave at the last sign-in.
     */
    email?: string | null;
    created_at: string;
    last_used_at?: string | null;
};
export type InvitationView = {
    id: string;
    organization_id: string;
    email: string;
    role: string;
    invited_by: string;
    created_at: string;
    expires_at: string;
};
export type InvitationsResponse = {
    invitations: Array<InvitationView>;
};
export type InviteRequest = {
    email?: string | null;
    /**
     * Default `member`.
     */
    role?: string | null;
};
export type LinkRequest = {
    /**
     * A path on this server to go to afterwards (default: `/account/`, or `/` without the
     * hosted pages).
     */
    next?: string | null;
    /**
     * Needed unless the session authenticated within `PORTCULLIS_REAUTH_WINDOW`: the
     * password, or a current code.
     */
    password?: string | null;
    code?: string | null;
};
export type LinkResponse = {
    /**
     * The provider's authorization URL: send the browser there (in the browser that made
     * this request, which now holds the cookie that binds the callback to it).
     */
    url: string;
};
export type LoginRequest = {
    email?: string | null;
    username?: string | null;
    password: string;
} & ({
    email: string;
} | {
    username: string;
});
export type LoginResponse = {
    message: string;
    access_token: string;
    /**
     * Always `Bearer`.
     */
    token_type: string;
    /**
     * Seconds until `access_token` expires.
     */
    expires_in: number;
    refresh_token: string;
    user: UserView;
    /**
     * Only with `PORTCULLIS_REQUIRE_MFA`, for an account without a second factor: enrol
     * (`POST /api/auth/mfa/totp`) before anything else.
     */
    mfa_enrollment_required?: boolean;
};
export type MembersResponse = {
    members: Array<OrganizationMember>;
};
export type MessageResponse = {
    message: string;
};
export type MfaVerifyRequest = {
    /**
     * From the login answer `{"mfa_required": true, "mfa_token", …}`.
     */
    mfa_token: string;
    /**
     * A TOTP code or a recovery code.
     */
    code: string;
};
/**
 * What a create or update says; what it leaves out is kept (or, on create, made: the slug
 * from the name, empty metadata).
 */
export type OrgInput = {
    /**
     * 1 to 200 characters.
     */
    name?: string | null;
    /**
     * 2 to 48 of `a-z`, `0-9` and inner `-`; unique.
     */
    slug?: string | null;
    /**
     * A JSON object of the application's own, at most 4 KiB.
     */
    metadata?: {
        [key: string]: unknown;
    } | null;
};
/**
 * A member, as the members and the operator see it.
 */
export type OrganizationMember = {
    user_id: string;
    email: string;
    username?: string | null;
    /**
     * `owner`, `admin`, `member`, or a role of `PORTCULLIS_ORG_ROLES`.
     */
    role: string;
    joined_at: string;
};
/**
 * An organisation, with the caller's role in it.
 */
export type OrganizationView = {
    id: string;
    slug: string;
    name: string;
    metadata: {
        [key: string]: unknown;
    };
    /**
     * The caller's role.
     */
    role: string;
    /**
     * What that role may do (the tokens' `org_permissions`).
     */
    permissions: Array<string>;
    created_at: string;
    updated_at: string;
};
export type OrganizationsResponse = {
    /**
     * Oldest membership first.
     */
    organizations: Array<OrganizationView>;
};
export type PasskeyLoginOptionsRequest = {
    /**
     * To use a passkey as the second step of a password login: that login's `mfa_token`.
     * Without it, a sign-in with a passkey alone, no username needed.
     */
    mfa_token?: string | null;
};
export type PasskeyLoginRequest = {
    ceremony: string;
    /**
     * The browser's answer to `navigator.credentials.get()`, as JSON.
     */
    credential: {
        [key: string]: unknown;
    };
};
export type PasskeyResponse = {
    passkey: PasskeyView;
};
export type PasskeyView = {
    id: string;
    name: string;
    created_at: string;
    last_used_at?: string | null;
    /**
     * The authenticator may back it up (a synced passkey): it signs in as `swk`, else `hwk`.
     */
    backup_eligible: boolean;
    backed_up: boolean;
};
export type PasskeysResponse = {
    passkeys: Array<PasskeyView>;
};
export type ReauthResponse = {
    /**
     * A new access token whose `auth_time` is now.
     */
    access_token: string;
    token_type: string;
    expires_in: number;
};
export type RecoveryCodesResponse = {
    /**
     * Ten single-use codes, shown this once.
     */
    recovery_codes: Array<string>;
};
export type RefreshRequest = {
    refresh_token: string;
};
export type RefreshResponse = {
    access_token: string;
    token_type: string;
    expires_in: number;
    refresh_token: string;
};
export type RegisterPasskeyRequest = {
    ceremony: string;
    /**
     * What the user calls it (1 to 64 characters); `Passkey` when absent.
     */
    name?: string | null;
    /**
     * The browser's answer to `navigator.credentials.create()`, as JSON.
     */
    credential: {
        [key: string]: unknown;
    };
};
export type RegisterRequest = {
    email: string;
    password: string;
    username?: string | null;
};
export type RegisterResponse = {
    message: string;
    user: UserView;
};
/**
 * What makes an initial access token.
 */
export type RegistrationTokenRequest = {
    /**
     * What it is for (shown in lists and the audit log).
     */
    label: string;
    /**
     * Seconds it works for; default 7 days, at most a year.
     */
    expires_in?: number | null;
    /**
     * Registrations it allows (at most a million); default: any number until it expires.
     */
    uses?: number | null;
};
/**
 * An initial access token for dynamic client registration, as listed (never the token).
 */
export type RegistrationTokenView = {
    id: string;
    label: string;
    created_at: string;
    expires_at: string;
    /**
     * Registrations it may still make; absent: any number until it expires.
     */
    uses_left?: number | null;
    /**
     * The token itself: in the answer that made it only.
     */
    token?: string | null;
};
export type RegistrationTokensPage = {
    tokens: Array<RegistrationTokenView>;
};
export type RenamePasskeyRequest = {
    name: string;
};
export type ResetPasswordRequest = {
    token: string;
    new_password: string;
};
export type RevokedResponse = {
    message: string;
    /**
     * How many sessions were revoked.
     */
    revoked: number;
};
export type RevokedSessions = {
    revoked: number;
};
export type RoleRequest = {
    /**
     * `owner`, `admin`, `member`, or a role of `PORTCULLIS_ORG_ROLES`.
     */
    role?: string | null;
};
/**
 * The first step of a login for an account with a second factor: no session yet.
 */
export type SecondFactorResponse = {
    /**
     * Always `true`.
     */
    mfa_required: boolean;
    /**
     * Send it with a code to `POST /api/auth/mfa/verify` within 5 minutes.
     */
    mfa_token: string;
    /**
     * `totp`, `recovery_code`.
     */
    methods: Array<string>;
};
export type SessionView = {
    id: string;
    created_at: string;
    last_used_at: string;
    ip?: string | null;
    user_agent?: string | null;
    /**
     * This request's own session.
     */
    current: boolean;
};
export type SessionsResponse = {
    sessions: Array<SessionView>;
};
export type TeamRequest = {
    /**
     * 1 to 200 characters.
     */
    name?: string | null;
};
export type TeamView = {
    id: string;
    organization_id: string;
    name: string;
    created_at: string;
};
export type TeamsResponse = {
    teams: Array<TeamView>;
};
export type TokenRequest = {
    token: string;
};
export type UpdateUserRequest = {
    username?: string | null;
    email?: string | null;
    /**
     * Required when `email` changes.
     */
    current_password?: string | null;
    /**
     * The language of the hosted pages and mails: a tag such as `fr` or `pt-BR` (stored as
     * the language that matched it, here `pt`); `""` clears it (each request decides). A
     * tag no language matches is `400 invalid_field`.
     */
    locale?: string | null;
};
export type UserResponse = {
    user: UserView;
    /**
     * As in `GET /api/auth/user`.
     */
    locale?: string | null;
};
/**
 * The user object of CONTRACTS section 1.
 */
export type UserView = {
    id: string;
    email: string;
    username?: string | null;
    is_active: boolean;
    email_verified: boolean;
    /**
     * RFC 3339, UTC.
     */
    created_at: string;
    updated_at: string;
};
export type UsersPage = {
    users: Array<UserView>;
    /**
     * Pass as `after` for the next page; absent on the last one.
     */
    next?: string | null;
};
export type OperationsJwksData = {
    body?: never;
    path?: never;
    query?: never;
    url: '/.well-known/jwks.json';
};
export type OperationsJwksResponses = {
    /**
     * A JSON Web Key Set: `{"keys": [{"kty": "OKP", "crv": "Ed25519", "kid", "x", …}]}`
     */
    200: unknown;
};
export type AdminAuditLogData = {
    body?: never;
    path?: never;
    query?: {
        user_id?: string;
        /**
         * An audit event name, e.g. `login`.
         */
        event?: string;
        /**
         * The cursor: `next` of the previous page.
         */
        after?: string;
        /**
         * Entries at or after this time (Unix milliseconds).
         */
        since?: number;
        /**
         * 1 to 200 (default 50).
         */
        limit?: number;
    };
    url: '/api/admin/audit';
};
export type AdminAuditLogErrors = {
    /**
     * A query parameter has the wrong type, or is given twice (`invalid_field`)
     */
    400: ErrorBody;
    /**
     * No admin API key, or an unknown or revoked one (`invalid_api_key`)
     */
    401: ErrorBody;
    403: ErrorBody;
    /**
     * Too many failed key checks from this client (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type AdminAuditLogError = AdminAuditLogErrors[keyof AdminAuditLogErrors];
export type AdminAuditLogResponses = {
    200: AuditPage;
};
export type AdminAuditLogResponse = AdminAuditLogResponses[keyof AdminAuditLogResponses];
export type AdminListClientsData = {
    body?: never;
    path?: never;
    query?: never;
    url: '/api/admin/clients';
};
export type AdminListClientsErrors = {
    /**
     * No admin API key, or an unknown or revoked one (`invalid_api_key`)
     */
    401: ErrorBody;
    /**
     * The key lacks the operation's scope (`insufficient_scope`)
     */
    403: ErrorBody;
    /**
     * Too many failed key checks from this client (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type AdminListClientsError = AdminListClientsErrors[keyof AdminListClientsErrors];
export type AdminListClientsResponses = {
    200: ClientsPage;
};
export type AdminListClientsResponse = AdminListClientsResponses[keyof AdminListClientsResponses];
export type AdminCreateClientData = {
    body?: ClientSpec;
    path?: never;
    query?: never;
    url: '/api/admin/clients';
};
export type AdminCreateClientErrors = {
    /**
     * An invalid registration (`invalid_client`, with what is wrong), or an unknown field
     */
    400: ErrorBody;
    /**
     * No admin API key, or an unknown or revoked one (`invalid_api_key`)
     */
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    /**
     * The chosen `client_id` is taken (`invalid_client`)
     */
    409: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * Too many failed key checks from this client (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type AdminCreateClientError = AdminCreateClientErrors[keyof AdminCreateClientErrors];
export type AdminCreateClientResponses = {
    /**
     * Registered; `client_secret` (confidential clients) shown this once
     */
    201: ClientView;
};
export type AdminCreateClientResponse = AdminCreateClientResponses[keyof AdminCreateClientResponses];
export type AdminDeleteClientData = {
    body?: never;
    path: {
        client_id: string;
    };
    query?: never;
    url: '/api/admin/clients/{client_id}';
};
export type AdminDeleteClientErrors = {
    /**
     * A path segment is not UTF-8 once unescaped (`invalid_field`)
     */
    400: ErrorBody;
    /**
     * No admin API key, or an unknown or revoked one (`invalid_api_key`)
     */
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    /**
     * No such client (`client_not_found`)
     */
    404: ErrorBody;
    /**
     * The client is declared in the configuration (`client_managed_by_config`)
     */
    409: ErrorBody;
    /**
     * Too many failed key checks from this client (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type AdminDeleteClientError = AdminDeleteClientErrors[keyof AdminDeleteClientErrors];
export type AdminDeleteClientResponses = {
    200: MessageResponse;
};
export type AdminDeleteClientResponse = AdminDeleteClientResponses[keyof AdminDeleteClientResponses];
export type AdminGetClientData = {
    body?: never;
    path: {
        client_id: string;
    };
    query?: never;
    url: '/api/admin/clients/{client_id}';
};
export type AdminGetClientErrors = {
    /**
     * A path segment is not UTF-8 once unescaped (`invalid_field`)
     */
    400: ErrorBody;
    /**
     * No admin API key, or an unknown or revoked one (`invalid_api_key`)
     */
    401: ErrorBody;
    /**
     * The key lacks the operation's scope (`insufficient_scope`)
     */
    403: ErrorBody;
    /**
     * No such client (`client_not_found`)
     */
    404: ErrorBody;
    /**
     * Too many failed key checks from this client (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type AdminGetClientError = AdminGetClientErrors[keyof AdminGetClientErrors];
export type AdminGetClientResponses = {
    /**
     * The registration, without a secret
     */
    200: ClientView;
};
export type AdminGetClientResponse = AdminGetClientResponses[keyof AdminGetClientResponses];
export type AdminUpdateClientData = {
    body?: ClientSpec;
    path: {
        client_id: string;
    };
    query?: never;
    url: '/api/admin/clients/{client_id}';
};
export type AdminUpdateClientErrors = {
    /**
     * An invalid registration, or a different `client_id` (`invalid_client`), or an unknown field
     */
    400: ErrorBody;
    /**
     * No admin API key, or an unknown or revoked one (`invalid_api_key`)
     */
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    /**
     * No such client (`client_not_found`)
     */
    404: ErrorBody;
    /**
     * The client is declared in the configuration (`client_managed_by_config`)
     */
    409: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * Too many failed key checks from this client (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type AdminUpdateClientError = AdminUpdateClientErrors[keyof AdminUpdateClientErrors];
export type AdminUpdateClientResponses = {
    /**
     * The registration; `client_secret` only when this change gave the client its first one
     */
    200: ClientView;
};
export type AdminUpdateClientResponse = AdminUpdateClientResponses[keyof AdminUpdateClientResponses];
export type AdminRotateClientSecretData = {
    body?: never;
    path: {
        client_id: string;
    };
    query?: never;
    url: '/api/admin/clients/{client_id}/rotate-secret';
};
export type AdminRotateClientSecretErrors = {
    /**
     * The client authenticates without a secret (`invalid_client`)
     */
    400: ErrorBody;
    /**
     * No admin API key, or an unknown or revoked one (`invalid_api_key`)
     */
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    /**
     * No such client (`client_not_found`)
     */
    404: ErrorBody;
    /**
     * The client is declared in the configuration (`client_managed_by_config`)
     */
    409: ErrorBody;
    /**
     * Too many failed key checks from this client (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type AdminRotateClientSecretError = AdminRotateClientSecretErrors[keyof AdminRotateClientSecretErrors];
export type AdminRotateClientSecretResponses = {
    /**
     * The registration with its new `client_secret`, shown this once
     */
    200: ClientView;
};
export type AdminRotateClientSecretResponse = AdminRotateClientSecretResponses[keyof AdminRotateClientSecretResponses];
export type AdminListOrganizationsData = {
    body?: never;
    path?: never;
    query?: {
        /**
         * The cursor: `next` of the previous page.
         */
        after?: string;
        /**
         * 1 to 200 (default 50).
         */
        limit?: number;
    };
    url: '/api/admin/organizations';
};
export type AdminListOrganizationsErrors = {
    400: ErrorBody;
    401: ErrorBody;
    403: ErrorBody;
    /**
     * Too many failed key checks from this client (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type AdminListOrganizationsError = AdminListOrganizationsErrors[keyof AdminListOrganizationsErrors];
export type AdminListOrganizationsResponses = {
    200: AdminOrganizationsPage;
};
export type AdminListOrganizationsResponse = AdminListOrganizationsResponses[keyof AdminListOrganizationsResponses];
export type AdminCreateOrganizationData = {
    body: AdminCreateOrganizationRequest;
    path?: never;
    query?: never;
    url: '/api/admin/organizations';
};
export type AdminCreateOrganizationErrors = {
    /**
     * A name, slug or metadata outside the rules, no owner or both ways of naming one, or an unknown field
     */
    400: ErrorBody;
    401: ErrorBody;
    403: ErrorBody;
    /**
     * No such user (`user_not_found`)
     */
    404: ErrorBody;
    /**
     * The slug is taken (`slug_taken`)
     */
    409: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * Too many failed key checks from this client (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type AdminCreateOrganizationError = AdminCreateOrganizationErrors[keyof AdminCreateOrganizationErrors];
export type AdminCreateOrganizationResponses = {
    201: AdminOrganization;
};
export type AdminCreateOrganizationResponse = AdminCreateOrganizationResponses[keyof AdminCreateOrganizationResponses];
export type AdminDeleteOrganizationData = {
    body?: never;
    path: {
        id: string;
    };
    query?: never;
    url: '/api/admin/organizations/{id}';
};
export type AdminDeleteOrganizationErrors = {
    /**
     * A path segment is not UTF-8 once unescaped (`invalid_field`)
     */
    400: ErrorBody;
    401: ErrorBody;
    403: ErrorBody;
    /**
     * No such organisation (`organization_not_found`)
     */
    404: ErrorBody;
    /**
     * Too many failed key checks from this client (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type AdminDeleteOrganizationError = AdminDeleteOrganizationErrors[keyof AdminDeleteOrganizationErrors];
export type AdminDeleteOrganizationResponses = {
    200: MessageResponse;
};
export type AdminDeleteOrganizationResponse = AdminDeleteOrganizationResponses[keyof AdminDeleteOrganizationResponses];
export type AdminGetOrganizationData = {
    body?: never;
    path: {
        id: string;
    };
    query?: never;
    url: '/api/admin/organizations/{id}';
};
export type AdminGetOrganizationErrors = {
    /**
     * A path segment is not UTF-8 once unescaped (`invalid_field`)
     */
    400: ErrorBody;
    401: ErrorBody;
    403: ErrorBody;
    /**
     * No such organisation (`organization_not_found`)
     */
    404: ErrorBody;
    /**
     * Too many failed key checks from this client (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type AdminGetOrganizationError = AdminGetOrganizationErrors[keyof AdminGetOrganizationErrors];
export type AdminGetOrganizationResponses = {
    200: AdminOrganization;
};
export type AdminGetOrganizationResponse = AdminGetOrganizationResponses[keyof AdminGetOrganizationResponses];
export type AdminUpdateOrganizationData = {
    body?: OrgInput;
    path: {
        id: string;
    };
    query?: never;
    url: '/api/admin/organizations/{id}';
};
export type AdminUpdateOrganizationErrors = {
    /**
     * A name, slug or metadata outside the rules, or an unknown field
     */
    400: ErrorBody;
    401: ErrorBody;
    403: ErrorBody;
    /**
     * No such organisation (`organization_not_found`)
     */
    404: ErrorBody;
    /**
     * The slug is taken (`slug_taken`)
     */
    409: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * Too many failed key checks from this client (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type AdminUpdateOrganizationError = AdminUpdateOrganizationErrors[keyof AdminUpdateOrganizationErrors];
export type AdminUpdateOrganizationResponses = {
    200: AdminOrganization;
};
export type AdminUpdateOrganizationResponse = AdminUpdateOrganizationResponses[keyof AdminUpdateOrganizationResponses];
export type AdminOrganizationMembersData = {
    body?: never;
    path: {
        id: string;
    };
    query?: never;
    url: '/api/admin/organizations/{id}/members';
};
export type AdminOrganizationMembersErrors = {
    /**
     * A path segment is not UTF-8 once unescaped (`invalid_field`)
     */
    400: ErrorBody;
    401: ErrorBody;
    403: ErrorBody;
    /**
     * No such organisation (`organization_not_found`)
     */
    404: ErrorBody;
    /**
     * Too many failed key checks from this client (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type AdminOrganizationMembersError = AdminOrganizationMembersErrors[keyof AdminOrganizationMembersErrors];
export type AdminOrganizationMembersResponses = {
    200: AdminOrganizationMembersPage;
};
export type AdminOrganizationMembersResponse = AdminOrganizationMembersResponses[keyof AdminOrganizationMembersResponses];
export type AdminRemoveOrganizationMemberData = {
    body?: never;
    path: {
        id: string;
        user_id: string;
    };
    query?: never;
    url: '/api/admin/organizations/{id}/members/{user_id}';
};
export type AdminRemoveOrganizationMemberErrors = {
    /**
     * A path segment is not UTF-8 once unescaped (`invalid_field`)
     */
    400: ErrorBody;
    401: ErrorBody;
    403: ErrorBody;
    /**
     * `organization_not_found` or `member_not_found`
     */
    404: ErrorBody;
    /**
     * The last owner (`last_owner`)
     */
    409: ErrorBody;
    /**
     * Too many failed key checks from this client (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type AdminRemoveOrganizationMemberError = AdminRemoveOrganizationMemberErrors[keyof AdminRemoveOrganizationMemberErrors];
export type AdminRemoveOrganizationMemberResponses = {
    200: MessageResponse;
};
export type AdminRemoveOrganizationMemberResponse = AdminRemoveOrganizationMemberResponses[keyof AdminRemoveOrganizationMemberResponses];
export type AdminSetOrganizationMemberData = {
    body: AdminMemberRoleRequest;
    path: {
        id: string;
        user_id: string;
    };
    query?: never;
    url: '/api/admin/organizations/{id}/members/{user_id}';
};
export type AdminSetOrganizationMemberErrors = {
    /**
     * A role this deployment does not have, or an unknown field
     */
    400: ErrorBody;
    401: ErrorBody;
    403: ErrorBody;
    /**
     * `organization_not_found` or `user_not_found`
     */
    404: ErrorBody;
    /**
     * The last owner (`last_owner`)
     */
    409: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * Too many failed key checks from this client (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type AdminSetOrganizationMemberError = AdminSetOrganizationMemberErrors[keyof AdminSetOrganizationMemberErrors];
export type AdminSetOrganizationMemberResponses = {
    200: AdminMemberResponse;
};
export type AdminSetOrganizationMemberResponse = AdminSetOrganizationMemberResponses[keyof AdminSetOrganizationMemberResponses];
export type AdminListRegistrationTokensData = {
    body?: never;
    path?: never;
    query?: never;
    url: '/api/admin/registration-tokens';
};
export type AdminListRegistrationTokensErrors = {
    /**
     * No admin API key, or an unknown or revoked one (`invalid_api_key`)
     */
    401: ErrorBody;
    /**
     * The key lacks the operation's scope (`insufficient_scope`)
     */
    403: ErrorBody;
    /**
     * Too many failed key checks from this client (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type AdminListRegistrationTokensError = AdminListRegistrationTokensErrors[keyof AdminListRegistrationTokensErrors];
export type AdminListRegistrationTokensResponses = {
    200: RegistrationTokensPage;
};
export type AdminListRegistrationTokensResponse = AdminListRegistrationTokensResponses[keyof AdminListRegistrationTokensResponses];
export type AdminCreateRegistrationTokenData = {
    body: RegistrationTokenRequest;
    path?: never;
    query?: never;
    url: '/api/admin/registration-tokens';
};
export type AdminCreateRegistrationTokenErrors = {
    /**
     * A blank label, a lifetime out of range, or an unknown field
     */
    400: ErrorBody;
    /**
     * No admin API key, or an unknown or revoked one (`invalid_api_key`)
     */
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * Too many failed key checks from this client (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type AdminCreateRegistrationTokenError = AdminCreateRegistrationTokenErrors[keyof AdminCreateRegistrationTokenErrors];
export type AdminCreateRegistrationTokenResponses = {
    /**
     * Made; `token` shown this once
     */
    201: RegistrationTokenView;
};
export type AdminCreateRegistrationTokenResponse = AdminCreateRegistrationTokenResponses[keyof AdminCreateRegistrationTokenResponses];
export type AdminRevokeRegistrationTokenData = {
    body?: never;
    path: {
        id: string;
    };
    query?: never;
    url: '/api/admin/registration-tokens/{id}';
};
export type AdminRevokeRegistrationTokenErrors = {
    /**
     * A path segment is not UTF-8 once unescaped (`invalid_field`)
     */
    400: ErrorBody;
    /**
     * No admin API key, or an unknown or revoked one (`invalid_api_key`)
     */
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    /**
     * No such token (`not_found`)
     */
    404: ErrorBody;
    /**
     * Too many failed key checks from this client (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type AdminRevokeRegistrationTokenError = AdminRevokeRegistrationTokenErrors[keyof AdminRevokeRegistrationTokenErrors];
export type AdminRevokeRegistrationTokenResponses = {
    200: MessageResponse;
};
export type AdminRevokeRegistrationTokenResponse = AdminRevokeRegistrationTokenResponses[keyof AdminRevokeRegistrationTokenResponses];
export type AdminListUsersData = {
    body?: never;
    path?: never;
    query?: {
        /**
         * The cursor: `next` of the previous page.
         */
        after?: string;
        /**
         * Users whose email or username starts with this.
         */
        q?: string;
        /**
         * 1 to 200 (default 50).
         */
        limit?: number;
    };
    url: '/api/admin/users';
};
export type AdminListUsersErrors = {
    400: ErrorBody;
    401: ErrorBody;
    403: ErrorBody;
    /**
     * Too many failed key checks from this client (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type AdminListUsersError = AdminListUsersErrors[keyof AdminListUsersErrors];
export type AdminListUsersResponses = {
    200: UsersPage;
};
export type AdminListUsersResponse = AdminListUsersResponses[keyof AdminListUsersResponses];
export type AdminCreateUserData = {
    body: CreateUserRequest;
    path?: never;
    query?: never;
    url: '/api/admin/users';
};
export type AdminCreateUserErrors = {
    400: ErrorBody;
    /**
     * No admin API key, or an unknown or revoked one (`invalid_api_key`)
     */
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    409: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * Too many failed key checks from this client (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type AdminCreateUserError = AdminCreateUserErrors[keyof AdminCreateUserErrors];
export type AdminCreateUserResponses = {
    201: AdminUserResponse;
};
export type AdminCreateUserResponse = AdminCreateUserResponses[keyof AdminCreateUserResponses];
export type AdminDeleteUserData = {
    body?: never;
    path: {
        id: string;
    };
    query?: never;
    url: '/api/admin/users/{id}';
};
export type AdminDeleteUserErrors = {
    /**
     * A path segment is not UTF-8 once unescaped (`invalid_field`)
     */
    400: ErrorBody;
    /**
     * No admin API key, or an unknown or revoked one (`invalid_api_key`)
     */
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    404: ErrorBody;
    /**
     * The only owner of an organisation others belong to (`last_owner`): make another member an owner first
     */
    409: ErrorBody;
    /**
     * Too many failed key checks from this client (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type AdminDeleteUserError = AdminDeleteUserErrors[keyof AdminDeleteUserErrors];
export type AdminDeleteUserResponses = {
    200: MessageResponse;
};
export type AdminDeleteUserResponse = AdminDeleteUserResponses[keyof AdminDeleteUserResponses];
export type AdminGetUserData = {
    body?: never;
    path: {
        id: string;
    };
    query?: never;
    url: '/api/admin/users/{id}';
};
export type AdminGetUserErrors = {
    /**
     * A path segment is not UTF-8 once unescaped (`invalid_field`)
     */
    400: ErrorBody;
    /**
     * No admin API key, or an unknown or revoked one (`invalid_api_key`)
     */
    401: ErrorBody;
    /**
     * The key lacks the operation's scope (`insufficient_scope`)
     */
    403: ErrorBody;
    404: ErrorBody;
    /**
     * Too many failed key checks from this client (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type AdminGetUserError = AdminGetUserErrors[keyof AdminGetUserErrors];
export type AdminGetUserResponses = {
    200: AdminUserResponse;
};
export type AdminGetUserResponse = AdminGetUserResponses[keyof AdminGetUserResponses];
export type AdminUpdateUserData = {
    body?: AdminUpdateUserRequest;
    path: {
        id: string;
    };
    query?: never;
    url: '/api/admin/users/{id}';
};
export type AdminUpdateUserErrors = {
    400: ErrorBody;
    /**
     * No admin API key, or an unknown or revoked one (`invalid_api_key`)
     */
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    404: ErrorBody;
    409: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * Too many failed key checks from this client (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type AdminUpdateUserError = AdminUpdateUserErrors[keyof AdminUpdateUserErrors];
export type AdminUpdateUserResponses = {
    200: AdminUserResponse;
};
export type AdminUpdateUserResponse = AdminUpdateUserResponses[keyof AdminUpdateUserResponses];
export type AdminDisableUserData = {
    body?: never;
    path: {
        id: string;
    };
    query?: never;
    url: '/api/admin/users/{id}/disable';
};
export type AdminDisableUserErrors = {
    /**
     * A path segment is not UTF-8 once unescaped (`invalid_field`)
     */
    400: ErrorBody;
    /**
     * No admin API key, or an unknown or revoked one (`invalid_api_key`)
     */
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    404: ErrorBody;
    /**
     * Too many failed key checks from this client (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type AdminDisableUserError = AdminDisableUserErrors[keyof AdminDisableUserErrors];
export type AdminDisableUserResponses = {
    200: AdminUserResponse;
};
export type AdminDisableUserResponse = AdminDisableUserResponses[keyof AdminDisableUserResponses];
export type AdminEnableUserData = {
    body?: never;
    path: {
        id: string;
    };
    query?: never;
    url: '/api/admin/users/{id}/enable';
};
export type AdminEnableUserErrors = {
    /**
     * A path segment is not UTF-8 once unescaped (`invalid_field`)
     */
    400: ErrorBody;
    /**
     * No admin API key, or an unknown or revoked one (`invalid_api_key`)
     */
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    404: ErrorBody;
    /**
     * Too many failed key checks from this client (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type AdminEnableUserError = AdminEnableUserErrors[keyof AdminEnableUserErrors];
export type AdminEnableUserResponses = {
    200: AdminUserResponse;
};
export type AdminEnableUserResponse = AdminEnableUserResponses[keyof AdminEnableUserResponses];
export type AdminResetFactorsData = {
    body?: never;
    path: {
        id: string;
    };
    query?: never;
    url: '/api/admin/users/{id}/factors/reset';
};
export type AdminResetFactorsErrors = {
    /**
     * A path segment is not UTF-8 once unescaped (`invalid_field`)
     */
    400: ErrorBody;
    /**
     * No admin API key, or an unknown or revoked one (`invalid_api_key`)
     */
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    404: ErrorBody;
    /**
     * Too many failed key checks from this client (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type AdminResetFactorsError = AdminResetFactorsErrors[keyof AdminResetFactorsErrors];
export type AdminResetFactorsResponses = {
    200: MessageResponse;
};
export type AdminResetFactorsResponse = AdminResetFactorsResponses[keyof AdminResetFactorsResponses];
export type AdminSendResetData = {
    body?: never;
    path: {
        id: string;
    };
    query?: never;
    url: '/api/admin/users/{id}/send-reset';
};
export type AdminSendResetErrors = {
    /**
     * A path segment is not UTF-8 once unescaped (`invalid_field`)
     */
    400: ErrorBody;
    /**
     * No admin API key, or an unknown or revoked one (`invalid_api_key`)
     */
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    404: ErrorBody;
    /**
     * Held back by the mail throttle: nothing sent; `Retry-After` says when to try again
     */
    429: ErrorBody;
};
export type AdminSendResetError = AdminSendResetErrors[keyof AdminSendResetErrors];
export type AdminSendResetResponses = {
    /**
     * The link is queued for delivery
     */
    200: MessageResponse;
};
export type AdminSendResetResponse = AdminSendResetResponses[keyof AdminSendResetResponses];
export type AdminRevokeSessionsData = {
    body?: never;
    path: {
        id: string;
    };
    query?: never;
    url: '/api/admin/users/{id}/sessions/revoke';
};
export type AdminRevokeSessionsErrors = {
    /**
     * A path segment is not UTF-8 once unescaped (`invalid_field`)
     */
    400: ErrorBody;
    /**
     * No admin API key, or an unknown or revoked one (`invalid_api_key`)
     */
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    404: ErrorBody;
    /**
     * Too many failed key checks from this client (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type AdminRevokeSessionsError = AdminRevokeSessionsErrors[keyof AdminRevokeSessionsErrors];
export type AdminRevokeSessionsResponses = {
    200: RevokedSessions;
};
export type AdminRevokeSessionsResponse = AdminRevokeSessionsResponses[keyof AdminRevokeSessionsResponses];
export type ChangePasswordData = {
    body: ChangePasswordRequest;
    path?: never;
    query?: never;
    url: '/api/auth/change-password';
};
export type ChangePasswordErrors = {
    400: ErrorBody;
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * Too many wrong passwords
     */
    429: ErrorBody;
};
export type ChangePasswordError = ChangePasswordErrors[keyof ChangePasswordErrors];
export type ChangePasswordResponses = {
    200: MessageResponse;
};
export type ChangePasswordResponse = ChangePasswordResponses[keyof ChangePasswordResponses];
export type SignInEmailLoginData = {
    body: EmailRequest;
    path?: never;
    query?: never;
    url: '/api/auth/email-login';
};
export type SignInEmailLoginErrors = {
    /**
     * Missing or malformed email
     */
    400: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    /**
     * Sign-in by email is off
     */
    404: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    429: ErrorBody;
};
export type SignInEmailLoginError = SignInEmailLoginErrors[keyof SignInEmailLoginErrors];
export type SignInEmailLoginResponses = {
    200: MessageResponse;
};
export type SignInEmailLoginResponse = SignInEmailLoginResponses[keyof SignInEmailLoginResponses];
export type SignInEmailLoginVerifyData = {
    body?: EmailLoginVerifyRequest;
    path?: never;
    query?: never;
    url: '/api/auth/email-login/verify';
};
export type SignInEmailLoginVerifyErrors = {
    /**
     * Missing field, or a dead link (`invalid_token`)
     */
    400: ErrorBody;
    /**
     * Wrong or dead code (`invalid_code`)
     */
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    /**
     * Sign-in by email is off
     */
    404: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    429: ErrorBody;
};
export type SignInEmailLoginVerifyError = SignInEmailLoginVerifyErrors[keyof SignInEmailLoginVerifyErrors];
export type SignInEmailLoginVerifyResponses = {
    /**
     * `LoginResponse`, or `SecondFactorResponse` for an account with a second factor
     */
    200: LoginResponse;
};
export type SignInEmailLoginVerifyResponse = SignInEmailLoginVerifyResponses[keyof SignInEmailLoginVerifyResponses];
export type ForgotPasswordData = {
    body: EmailRequest;
    path?: never;
    query?: never;
    url: '/api/auth/forgot-password';
};
export type ForgotPasswordErrors = {
    /**
     * Missing email
     */
    400: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * The client IP's budget is spent (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type ForgotPasswordError = ForgotPasswordErrors[keyof ForgotPasswordErrors];
export type ForgotPasswordResponses = {
    200: MessageResponse;
};
export type ForgotPasswordResponse = ForgotPasswordResponses[keyof ForgotPasswordResponses];
export type ListGrantsData = {
    body?: never;
    path?: never;
    query?: never;
    url: '/api/auth/grants';
};
export type ListGrantsErrors = {
    401: ErrorBody;
    /**
     * The account must enrol a second factor first (`mfa_enrollment_required`, with `PORTCULLIS_REQUIRE_MFA`)
     */
    403: ErrorBody;
};
export type ListGrantsError = ListGrantsErrors[keyof ListGrantsErrors];
export type ListGrantsResponses = {
    200: GrantsResponse;
};
export type ListGrantsResponse = ListGrantsResponses[keyof ListGrantsResponses];
export type RevokeGrantData = {
    body?: never;
    path: {
        /**
         * From GET /api/auth/grants
         */
        client_id: string;
    };
    query?: never;
    url: '/api/auth/grants/{client_id}';
};
export type RevokeGrantErrors = {
    /**
     * A path segment is not UTF-8 once unescaped (`invalid_field`)
     */
    400: ErrorBody;
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    /**
     * Nothing is granted to that client (`grant_not_found`)
     */
    404: ErrorBody;
    /**
     * Over the write budget (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type RevokeGrantError = RevokeGrantErrors[keyof RevokeGrantErrors];
export type RevokeGrantResponses = {
    200: MessageResponse;
};
export type RevokeGrantResponse = RevokeGrantResponses[keyof RevokeGrantResponses];
export type SignInIdentitiesData = {
    body?: never;
    path?: never;
    query?: never;
    url: '/api/auth/identities';
};
export type SignInIdentitiesErrors = {
    401: ErrorBody;
    /**
     * The account must enrol a second factor first (`mfa_enrollment_required`, with `PORTCULLIS_REQUIRE_MFA`)
     */
    403: ErrorBody;
};
export type SignInIdentitiesError = SignInIdentitiesErrors[keyof SignInIdentitiesErrors];
export type SignInIdentitiesResponses = {
    200: IdentitiesResponse;
};
export type SignInIdentitiesResponse = SignInIdentitiesResponses[keyof SignInIdentitiesResponses];
export type SignInUnlinkData = {
    body?: FreshRequest;
    path: {
        /**
         * From GET /api/auth/identities
         */
        id: string;
    };
    query?: never;
    url: '/api/auth/identities/{id}';
};
export type SignInUnlinkErrors = {
    /**
     * A path segment is not UTF-8 once unescaped (`invalid_field`)
     */
    400: ErrorBody;
    /**
     * No session, or a dead or invalid token or cookie (`not_authenticated`)
     */
    401: ErrorBody;
    403: ErrorBody;
    404: ErrorBody;
    409: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * Over the write budget (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type SignInUnlinkError = SignInUnlinkErrors[keyof SignInUnlinkErrors];
export type SignInUnlinkResponses = {
    200: MessageResponse;
};
export type SignInUnlinkResponse = SignInUnlinkResponses[keyof SignInUnlinkResponses];
export type LoginData = {
    body: LoginRequest;
    path?: never;
    query?: never;
    url: '/api/auth/login';
};
export type LoginErrors = {
    /**
     * Missing field, or an email over 320 bytes / a username over 32 characters
     */
    400: ErrorBody;
    /**
     * Invalid email or password; or email not verified (when required)
     */
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * Too many failures for this account or identifier, or from this client
     */
    429: ErrorBody;
    /**
     * Password hashing queue full
     */
    503: ErrorBody;
};
export type LoginError = LoginErrors[keyof LoginErrors];
export type LoginResponses = {
    /**
     * Logged in (`LoginResponse`, with the session cookie), or, for an account with a second factor, `SecondFactorResponse` with no session and no cookie: finish with `POST /api/auth/mfa/verify`
     */
    200: LoginResponse;
};
export type LoginResponse2 = LoginResponses[keyof LoginResponses];
export type LogoutData = {
    body?: never;
    path?: never;
    query?: never;
    url: '/api/auth/logout';
};
export type LogoutErrors = {
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
};
export type LogoutError = LogoutErrors[keyof LogoutErrors];
export type LogoutResponses = {
    200: MessageResponse;
};
export type LogoutResponse = LogoutResponses[keyof LogoutResponses];
export type MfaRecoveryCodesData = {
    body?: FreshRequest;
    path?: never;
    query?: never;
    url: '/api/auth/mfa/recovery-codes';
};
export type MfaRecoveryCodesErrors = {
    /**
     * The body is malformed, a field has the wrong type, or a required field is missing or blank
     */
    400: ErrorBody;
    /**
     * No session, or a dead or invalid token or cookie (`not_authenticated`)
     */
    401: ErrorBody;
    403: ErrorBody;
    /**
     * Two-factor authentication is off
     */
    404: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * Over the write budget (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type MfaRecoveryCodesError = MfaRecoveryCodesErrors[keyof MfaRecoveryCodesErrors];
export type MfaRecoveryCodesResponses = {
    200: RecoveryCodesResponse;
};
export type MfaRecoveryCodesResponse = MfaRecoveryCodesResponses[keyof MfaRecoveryCodesResponses];
export type MfaDisableData = {
    body?: FreshRequest;
    path?: never;
    query?: never;
    url: '/api/auth/mfa/totp';
};
export type MfaDisableErrors = {
    /**
     * The body is malformed, a field has the wrong type, or a required field is missing or blank
     */
    400: ErrorBody;
    /**
     * No session, or a dead or invalid token or cookie (`not_authenticated`)
     */
    401: ErrorBody;
    403: ErrorBody;
    /**
     * Not on
     */
    404: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * Over the write budget (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type MfaDisableError = MfaDisableErrors[keyof MfaDisableErrors];
export type MfaDisableResponses = {
    200: MessageResponse;
};
export type MfaDisableResponse = MfaDisableResponses[keyof MfaDisableResponses];
export type MfaEnrolData = {
    body?: FreshRequest;
    path?: never;
    query?: never;
    url: '/api/auth/mfa/totp';
};
export type MfaEnrolErrors = {
    /**
     * The body is malformed, a field has the wrong type, or a required field is missing or blank
     */
    400: ErrorBody;
    401: ErrorBody;
    /**
     * Authenticate again first (`reauthentication_required`)
     */
    403: ErrorBody;
    /**
     * Already on
     */
    409: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * Over the write budget (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type MfaEnrolError = MfaEnrolErrors[keyof MfaEnrolErrors];
export type MfaEnrolResponses = {
    200: EnrolmentResponse;
};
export type MfaEnrolResponse = MfaEnrolResponses[keyof MfaEnrolResponses];
export type MfaConfirmData = {
    body: CodeRequest;
    path?: never;
    query?: never;
    url: '/api/auth/mfa/totp/confirm';
};
export type MfaConfirmErrors = {
    400: ErrorBody;
    /**
     * Wrong code
     */
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * Over the write budget (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type MfaConfirmError = MfaConfirmErrors[keyof MfaConfirmErrors];
export type MfaConfirmResponses = {
    200: RecoveryCodesResponse;
};
export type MfaConfirmResponse = MfaConfirmResponses[keyof MfaConfirmResponses];
export type MfaVerifyData = {
    body: MfaVerifyRequest;
    path?: never;
    query?: never;
    url: '/api/auth/mfa/verify';
};
export type MfaVerifyErrors = {
    400: ErrorBody;
    /**
     * Wrong code, or a dead challenge (`invalid_mfa_token`)
     */
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    429: ErrorBody;
};
export type MfaVerifyError = MfaVerifyErrors[keyof MfaVerifyErrors];
export type MfaVerifyResponses = {
    200: LoginResponse;
};
export type MfaVerifyResponse = MfaVerifyResponses[keyof MfaVerifyResponses];
export type SignInOauthCallbackData = {
    body?: never;
    path: {
        /**
         * A configured provider
         */
        provider: string;
    };
    query?: {
        code?: string;
        state?: string;
        error?: string;
    };
    url: '/api/auth/oauth/{provider}/callback';
};
export type SignInOauthCallbackErrors = {
    /**
     * A forged, replayed or expired `state`, or another browser's (`invalid_state`); an address the provider does not vouch for (`email_not_verified`). Every error is the hosted error page (`text/html`) while the pages are on (the default), else the JSON error
     */
    400: ErrorBody;
    /**
     * The provider's answer did not verify: code exchange, ID-token signature, issuer, audience, expiry or nonce (`oauth_failed`); or the user refused (`oauth_denied`)
     */
    401: ErrorBody;
    /**
     * No account, and `PORTCULLIS_OAUTH_SIGNUP=false` (`signup_disabled`)
     */
    403: ErrorBody;
    /**
     * No such provider (`unknown_provider`)
     */
    404: ErrorBody;
    /**
     * An account has this address: sign in and link (`account_exists`); or the identity is another account's (`identity_taken`)
     */
    409: ErrorBody;
    /**
     * The client IP's budget is spent (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
    /**
     * The provider could not be reached
     */
    503: ErrorBody;
};
export type SignInOauthCallbackError = SignInOauthCallbackErrors[keyof SignInOauthCallbackErrors];
export type SignInOauthCallbackResponses = {
    /**
     * Without the hosted pages (`PORTCULLIS_PAGES=false`), an account with a second factor: no session yet
     */
    200: SecondFactorResponse;
};
export type SignInOauthCallbackResponse = SignInOauthCallbackResponses[keyof SignInOauthCallbackResponses];
export type SignInOauthLinkData = {
    body?: LinkRequest;
    path: {
        /**
         * A configured provider
         */
        provider: string;
    };
    query?: never;
    url: '/api/auth/oauth/{provider}/link';
};
export type SignInOauthLinkErrors = {
    /**
     * A path segment is not UTF-8 once unescaped (`invalid_field`)
     */
    400: ErrorBody;
    401: ErrorBody;
    /**
     * Authenticate again first (`reauthentication_required`)
     */
    403: ErrorBody;
    404: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * Over the write budget (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type SignInOauthLinkError = SignInOauthLinkErrors[keyof SignInOauthLinkErrors];
export type SignInOauthLinkResponses = {
    /**
     * A JSON body: the provider's URL, with the cookie that binds the callback to this browser
     */
    200: LinkResponse;
};
export type SignInOauthLinkResponse = SignInOauthLinkResponses[keyof SignInOauthLinkResponses];
export type SignInOauthStartData = {
    body?: never;
    path: {
        /**
         * A configured provider, e.g. `google`, `github`
         */
        provider: string;
    };
    query?: {
        /**
         * A path on this server to go to afterwards (default: `/account/`, or `/` without the
         * hosted pages).
         */
        next?: string;
    };
    url: '/api/auth/oauth/{provider}/start';
};
export type SignInOauthStartErrors = {
    /**
     * A query parameter has the wrong type, or is given twice (`invalid_field`)
     */
    400: ErrorBody;
    /**
     * No such provider (`unknown_provider`)
     */
    404: ErrorBody;
    /**
     * The client IP's budget is spent (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
    /**
     * The provider could not be reached
     */
    503: ErrorBody;
};
export type SignInOauthStartError = SignInOauthStartErrors[keyof SignInOauthStartErrors];
export type OrganizationsListData = {
    body?: never;
    path?: never;
    query?: never;
    url: '/api/auth/organizations';
};
export type OrganizationsListErrors = {
    401: ErrorBody;
    /**
     * The account must enrol a second factor first (`mfa_enrollment_required`, with `PORTCULLIS_REQUIRE_MFA`)
     */
    403: ErrorBody;
};
export type OrganizationsListError = OrganizationsListErrors[keyof OrganizationsListErrors];
export type OrganizationsListResponses = {
    200: OrganizationsResponse;
};
export type OrganizationsListResponse = OrganizationsListResponses[keyof OrganizationsListResponses];
export type OrganizationsCreateData = {
    body?: OrgInput;
    path?: never;
    query?: never;
    url: '/api/auth/organizations';
};
export type OrganizationsCreateErrors = {
    400: ErrorBody;
    401: ErrorBody;
    /**
     * The account's address is not confirmed yet (`email_not_verified`)
     */
    403: ErrorBody;
    /**
     * The slug is taken (`slug_taken`)
     */
    409: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * Over the write budget (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type OrganizationsCreateError = OrganizationsCreateErrors[keyof OrganizationsCreateErrors];
export type OrganizationsCreateResponses = {
    201: OrganizationView;
};
export type OrganizationsCreateResponse = OrganizationsCreateResponses[keyof OrganizationsCreateResponses];
export type OrganizationsSwitchData = {
    body?: ActiveOrganizationRequest;
    path?: never;
    query?: never;
    url: '/api/auth/organizations/active';
};
export type OrganizationsSwitchErrors = {
    400: ErrorBody;
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    404: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * Over the write budget (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type OrganizationsSwitchError = OrganizationsSwitchErrors[keyof OrganizationsSwitchErrors];
export type OrganizationsSwitchResponses = {
    200: ActiveOrganizationResponse;
};
export type OrganizationsSwitchResponse = OrganizationsSwitchResponses[keyof OrganizationsSwitchResponses];
export type OrganizationsAcceptInvitationData = {
    body?: AcceptInvitationRequest;
    path?: never;
    query?: never;
    url: '/api/auth/organizations/invitations/accept';
};
export type OrganizationsAcceptInvitationErrors = {
    /**
     * `invalid_token`: unknown, used, revoked or expired
     */
    400: ErrorBody;
    401: ErrorBody;
    /**
     * Another address's invitation, or `email_not_verified`
     */
    403: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * Over the write budget (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type OrganizationsAcceptInvitationError = OrganizationsAcceptInvitationErrors[keyof OrganizationsAcceptInvitationErrors];
export type OrganizationsAcceptInvitationResponses = {
    200: OrganizationView;
};
export type OrganizationsAcceptInvitationResponse = OrganizationsAcceptInvitationResponses[keyof OrganizationsAcceptInvitationResponses];
export type OrganizationsDeleteData = {
    body?: DeleteOrganizationRequest;
    path: {
        organization_id: string;
    };
    query?: never;
    url: '/api/auth/organizations/{organization_id}';
};
export type OrganizationsDeleteErrors = {
    400: ErrorBody;
    401: ErrorBody;
    /**
     * Not an owner, or `reauthentication_required`
     */
    403: ErrorBody;
    404: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * Over the write budget (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type OrganizationsDeleteError = OrganizationsDeleteErrors[keyof OrganizationsDeleteErrors];
export type OrganizationsDeleteResponses = {
    200: MessageResponse;
};
export type OrganizationsDeleteResponse = OrganizationsDeleteResponses[keyof OrganizationsDeleteResponses];
export type OrganizationsGetData = {
    body?: never;
    path: {
        organization_id: string;
    };
    query?: never;
    url: '/api/auth/organizations/{organization_id}';
};
export type OrganizationsGetErrors = {
    /**
     * A path segment is not UTF-8 once unescaped (`invalid_field`)
     */
    400: ErrorBody;
    401: ErrorBody;
    /**
     * The account must enrol a second factor first (`mfa_enrollment_required`, with `PORTCULLIS_REQUIRE_MFA`)
     */
    403: ErrorBody;
    /**
     * No such organisation, or the caller is not a member (`organization_not_found`)
     */
    404: ErrorBody;
};
export type OrganizationsGetError = OrganizationsGetErrors[keyof OrganizationsGetErrors];
export type OrganizationsGetResponses = {
    200: OrganizationView;
};
export type OrganizationsGetResponse = OrganizationsGetResponses[keyof OrganizationsGetResponses];
export type OrganizationsUpdateData = {
    body?: OrgInput;
    path: {
        organization_id: string;
    };
    query?: never;
    url: '/api/auth/organizations/{organization_id}';
};
export type OrganizationsUpdateErrors = {
    400: ErrorBody;
    401: ErrorBody;
    403: ErrorBody;
    404: ErrorBody;
    409: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * Over the write budget (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type OrganizationsUpdateError = OrganizationsUpdateErrors[keyof OrganizationsUpdateErrors];
export type OrganizationsUpdateResponses = {
    200: OrganizationView;
};
export type OrganizationsUpdateResponse = OrganizationsUpdateResponses[keyof OrganizationsUpdateResponses];
export type OrganizationsInvitationsData = {
    body?: never;
    path: {
        organization_id: string;
    };
    query?: never;
    url: '/api/auth/organizations/{organization_id}/invitations';
};
export type OrganizationsInvitationsErrors = {
    /**
     * A path segment is not UTF-8 once unescaped (`invalid_field`)
     */
    400: ErrorBody;
    401: ErrorBody;
    403: ErrorBody;
    404: ErrorBody;
};
export type OrganizationsInvitationsError = OrganizationsInvitationsErrors[keyof OrganizationsInvitationsErrors];
export type OrganizationsInvitationsResponses = {
    200: InvitationsResponse;
};
export type OrganizationsInvitationsResponse = OrganizationsInvitationsResponses[keyof OrganizationsInvitationsResponses];
export type OrganizationsInviteData = {
    body?: InviteRequest;
    path: {
        organization_id: string;
    };
    query?: never;
    url: '/api/auth/organizations/{organization_id}/invitations';
};
export type OrganizationsInviteErrors = {
    400: ErrorBody;
    401: ErrorBody;
    403: ErrorBody;
    404: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * Over the write budget (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type OrganizationsInviteError = OrganizationsInviteErrors[keyof OrganizationsInviteErrors];
export type OrganizationsInviteResponses = {
    201: InvitationView;
};
export type OrganizationsInviteResponse = OrganizationsInviteResponses[keyof OrganizationsInviteResponses];
export type OrganizationsRevokeInvitationData = {
    body?: never;
    path: {
        organization_id: string;
        invitation_id: string;
    };
    query?: never;
    url: '/api/auth/organizations/{organization_id}/invitations/{invitation_id}';
};
export type OrganizationsRevokeInvitationErrors = {
    /**
     * A path segment is not UTF-8 once unescaped (`invalid_field`)
     */
    400: ErrorBody;
    401: ErrorBody;
    403: ErrorBody;
    /**
     * `organization_not_found` or `invitation_not_found`
     */
    404: ErrorBody;
    /**
     * Over the write budget (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type OrganizationsRevokeInvitationError = OrganizationsRevokeInvitationErrors[keyof OrganizationsRevokeInvitationErrors];
export type OrganizationsRevokeInvitationResponses = {
    200: MessageResponse;
};
export type OrganizationsRevokeInvitationResponse = OrganizationsRevokeInvitationResponses[keyof OrganizationsRevokeInvitationResponses];
export type OrganizationsMembersData = {
    body?: never;
    path: {
        organization_id: string;
    };
    query?: never;
    url: '/api/auth/organizations/{organization_id}/members';
};
export type OrganizationsMembersErrors = {
    /**
     * A path segment is not UTF-8 once unescaped (`invalid_field`)
     */
    400: ErrorBody;
    401: ErrorBody;
    403: ErrorBody;
    404: ErrorBody;
};
export type OrganizationsMembersError = OrganizationsMembersErrors[keyof OrganizationsMembersErrors];
export type OrganizationsMembersResponses = {
    200: MembersResponse;
};
export type OrganizationsMembersResponse = OrganizationsMembersResponses[keyof OrganizationsMembersResponses];
export type OrganizationsRemoveMemberData = {
    body?: never;
    path: {
        organization_id: string;
        user_id: string;
    };
    query?: never;
    url: '/api/auth/organizations/{organization_id}/members/{user_id}';
};
export type OrganizationsRemoveMemberErrors = {
    /**
     * A path segment is not UTF-8 once unescaped (`invalid_field`)
     */
    400: ErrorBody;
    401: ErrorBody;
    403: ErrorBody;
    404: ErrorBody;
    /**
     * The last owner (`last_owner`)
     */
    409: ErrorBody;
    /**
     * Over the write budget (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type OrganizationsRemoveMemberError = OrganizationsRemoveMemberErrors[keyof OrganizationsRemoveMemberErrors];
export type OrganizationsRemoveMemberResponses = {
    200: MessageResponse;
};
export type OrganizationsRemoveMemberResponse = OrganizationsRemoveMemberResponses[keyof OrganizationsRemoveMemberResponses];
export type OrganizationsSetRoleData = {
    body?: RoleRequest;
    path: {
        organization_id: string;
        user_id: string;
    };
    query?: never;
    url: '/api/auth/organizations/{organization_id}/members/{user_id}';
};
export type OrganizationsSetRoleErrors = {
    400: ErrorBody;
    401: ErrorBody;
    403: ErrorBody;
    /**
     * `organization_not_found` or `member_not_found`
     */
    404: ErrorBody;
    /**
     * The last owner (`last_owner`)
     */
    409: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * Over the write budget (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type OrganizationsSetRoleError = OrganizationsSetRoleErrors[keyof OrganizationsSetRoleErrors];
export type OrganizationsSetRoleResponses = {
    200: MessageResponse;
};
export type OrganizationsSetRoleResponse = OrganizationsSetRoleResponses[keyof OrganizationsSetRoleResponses];
export type OrganizationsTeamsData = {
    body?: never;
    path: {
        organization_id: string;
    };
    query?: never;
    url: '/api/auth/organizations/{organization_id}/teams';
};
export type OrganizationsTeamsErrors = {
    /**
     * A path segment is not UTF-8 once unescaped (`invalid_field`)
     */
    400: ErrorBody;
    401: ErrorBody;
    /**
     * The account must enrol a second factor first (`mfa_enrollment_required`, with `PORTCULLIS_REQUIRE_MFA`)
     */
    403: ErrorBody;
    404: ErrorBody;
};
export type OrganizationsTeamsError = OrganizationsTeamsErrors[keyof OrganizationsTeamsErrors];
export type OrganizationsTeamsResponses = {
    200: TeamsResponse;
};
export type OrganizationsTeamsResponse = OrganizationsTeamsResponses[keyof OrganizationsTeamsResponses];
export type OrganizationsCreateTeamData = {
    body?: TeamRequest;
    path: {
        organization_id: string;
    };
    query?: never;
    url: '/api/auth/organizations/{organization_id}/teams';
};
export type OrganizationsCreateTeamErrors = {
    400: ErrorBody;
    401: ErrorBody;
    403: ErrorBody;
    404: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * Over the write budget (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type OrganizationsCreateTeamError = OrganizationsCreateTeamErrors[keyof OrganizationsCreateTeamErrors];
export type OrganizationsCreateTeamResponses = {
    201: TeamView;
};
export type OrganizationsCreateTeamResponse = OrganizationsCreateTeamResponses[keyof OrganizationsCreateTeamResponses];
export type OrganizationsDeleteTeamData = {
    body?: never;
    path: {
        organization_id: string;
        team_id: string;
    };
    query?: never;
    url: '/api/auth/organizations/{organization_id}/teams/{team_id}';
};
export type OrganizationsDeleteTeamErrors = {
    /**
     * A path segment is not UTF-8 once unescaped (`invalid_field`)
     */
    400: ErrorBody;
    401: ErrorBody;
    403: ErrorBody;
    404: ErrorBody;
    /**
     * Over the write budget (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type OrganizationsDeleteTeamError = OrganizationsDeleteTeamErrors[keyof OrganizationsDeleteTeamErrors];
export type OrganizationsDeleteTeamResponses = {
    200: MessageResponse;
};
export type OrganizationsDeleteTeamResponse = OrganizationsDeleteTeamResponses[keyof OrganizationsDeleteTeamResponses];
export type OrganizationsTeamMembersData = {
    body?: never;
    path: {
        organization_id: string;
        team_id: string;
    };
    query?: never;
    url: '/api/auth/organizations/{organization_id}/teams/{team_id}/members';
};
export type OrganizationsTeamMembersErrors = {
    /**
     * A path segment is not UTF-8 once unescaped (`invalid_field`)
     */
    400: ErrorBody;
    401: ErrorBody;
    403: ErrorBody;
    404: ErrorBody;
};
export type OrganizationsTeamMembersError = OrganizationsTeamMembersErrors[keyof OrganizationsTeamMembersErrors];
export type OrganizationsTeamMembersResponses = {
    200: MembersResponse;
};
export type OrganizationsTeamMembersResponse = OrganizationsTeamMembersResponses[keyof OrganizationsTeamMembersResponses];
export type OrganizationsRemoveTeamMemberData = {
    body?: never;
    path: {
        organization_id: string;
        team_id: string;
        user_id: string;
    };
    query?: never;
    url: '/api/auth/organizations/{organization_id}/teams/{team_id}/members/{user_id}';
};
export type OrganizationsRemoveTeamMemberErrors = {
    /**
     * A path segment is not UTF-8 once unescaped (`invalid_field`)
     */
    400: ErrorBody;
    401: ErrorBody;
    403: ErrorBody;
    404: ErrorBody;
    /**
     * Over the write budget (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type OrganizationsRemoveTeamMemberError = OrganizationsRemoveTeamMemberErrors[keyof OrganizationsRemoveTeamMemberErrors];
export type OrganizationsRemoveTeamMemberResponses = {
    200: MessageResponse;
};
export type OrganizationsRemoveTeamMemberResponse = OrganizationsRemoveTeamMemberResponses[keyof OrganizationsRemoveTeamMemberResponses];
export type OrganizationsAddTeamMemberData = {
    body?: never;
    path: {
        organization_id: string;
        team_id: string;
        user_id: string;
    };
    query?: never;
    url: '/api/auth/organizations/{organization_id}/teams/{team_id}/members/{user_id}';
};
export type OrganizationsAddTeamMemberErrors = {
    /**
     * A path segment is not UTF-8 once unescaped (`invalid_field`)
     */
    400: ErrorBody;
    401: ErrorBody;
    403: ErrorBody;
    /**
     * No such organisation, team, or member of the organisation
     */
    404: ErrorBody;
    /**
     * Over the write budget (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type OrganizationsAddTeamMemberError = OrganizationsAddTeamMemberErrors[keyof OrganizationsAddTeamMemberErrors];
export type OrganizationsAddTeamMemberResponses = {
    200: MessageResponse;
};
export type OrganizationsAddTeamMemberResponse = OrganizationsAddTeamMemberResponses[keyof OrganizationsAddTeamMemberResponses];
export type PasskeysListData = {
    body?: never;
    path?: never;
    query?: never;
    url: '/api/auth/passkeys';
};
export type PasskeysListErrors = {
    401: ErrorBody;
    /**
     * The account must enrol a second factor first (`mfa_enrollment_required`, with `PORTCULLIS_REQUIRE_MFA`)
     */
    403: ErrorBody;
};
export type PasskeysListError = PasskeysListErrors[keyof PasskeysListErrors];
export type PasskeysListResponses = {
    200: PasskeysResponse;
};
export type PasskeysListResponse = PasskeysListResponses[keyof PasskeysListResponses];
export type PasskeysLoginData = {
    body: PasskeyLoginRequest;
    path?: never;
    query?: never;
    url: '/api/auth/passkeys/login';
};
export type PasskeysLoginErrors = {
    /**
     * Missing or malformed field, or a dead ceremony (`invalid_ceremony`)
     */
    400: ErrorBody;
    /**
     * The assertion does not verify, the passkey is unknown, or its sign counter went back (`passkey_rejected`); a dead login challenge (`invalid_mfa_token`)
     */
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    /**
     * Passkeys are off (`passkeys_unavailable`)
     */
    404: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    429: ErrorBody;
};
export type PasskeysLoginError = PasskeysLoginErrors[keyof PasskeysLoginErrors];
export type PasskeysLoginResponses = {
    200: LoginResponse;
};
export type PasskeysLoginResponse = PasskeysLoginResponses[keyof PasskeysLoginResponses];
export type PasskeysLoginOptionsData = {
    body?: PasskeyLoginOptionsRequest;
    path?: never;
    query?: never;
    url: '/api/auth/passkeys/login/options';
};
export type PasskeysLoginOptionsErrors = {
    /**
     * The account of `mfa_token` has no passkey (`no_passkey`)
     */
    400: ErrorBody;
    /**
     * A dead `mfa_token` (`invalid_mfa_token`)
     */
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    /**
     * Passkeys are off (`passkeys_unavailable`)
     */
    404: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    429: ErrorBody;
};
export type PasskeysLoginOptionsError = PasskeysLoginOptionsErrors[keyof PasskeysLoginOptionsErrors];
export type PasskeysLoginOptionsResponses = {
    200: CeremonyResponse;
};
export type PasskeysLoginOptionsResponse = PasskeysLoginOptionsResponses[keyof PasskeysLoginOptionsResponses];
export type PasskeysRegisterData = {
    body: RegisterPasskeyRequest;
    path?: never;
    query?: never;
    url: '/api/auth/passkeys/register';
};
export type PasskeysRegisterErrors = {
    /**
     * Missing or malformed field, a dead ceremony (`invalid_ceremony`), or an answer that does not verify (`passkey_rejected`)
     */
    400: ErrorBody;
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    /**
     * Passkeys are off: `PORTCULLIS_PUBLIC_URL` cannot be a relying party (`passkeys_unavailable`)
     */
    404: ErrorBody;
    /**
     * That passkey is registered already (`passkey_taken`)
     */
    409: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * Over the write budget (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type PasskeysRegisterError = PasskeysRegisterErrors[keyof PasskeysRegisterErrors];
export type PasskeysRegisterResponses = {
    201: PasskeyResponse;
};
export type PasskeysRegisterResponse = PasskeysRegisterResponses[keyof PasskeysRegisterResponses];
export type PasskeysRegisterOptionsData = {
    body?: FreshRequest;
    path?: never;
    query?: never;
    url: '/api/auth/passkeys/register/options';
};
export type PasskeysRegisterOptionsErrors = {
    /**
     * The body is malformed, a field has the wrong type, or a required field is missing or blank
     */
    400: ErrorBody;
    401: ErrorBody;
    /**
     * Authenticate again first (`reauthentication_required`)
     */
    403: ErrorBody;
    /**
     * Passkeys are off: `PORTCULLIS_PUBLIC_URL` cannot be a relying party (`passkeys_unavailable`)
     */
    404: ErrorBody;
    /**
     * Twenty passkeys already
     */
    409: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * Over the write budget (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type PasskeysRegisterOptionsError = PasskeysRegisterOptionsErrors[keyof PasskeysRegisterOptionsErrors];
export type PasskeysRegisterOptionsResponses = {
    200: CeremonyResponse;
};
export type PasskeysRegisterOptionsResponse = PasskeysRegisterOptionsResponses[keyof PasskeysRegisterOptionsResponses];
export type PasskeysDeleteData = {
    body?: FreshRequest;
    path: {
        /**
         * Passkey id from GET /api/auth/passkeys
         */
        id: string;
    };
    query?: never;
    url: '/api/auth/passkeys/{id}';
};
export type PasskeysDeleteErrors = {
    /**
     * A path segment is not UTF-8 once unescaped (`invalid_field`)
     */
    400: ErrorBody;
    401: ErrorBody;
    403: ErrorBody;
    404: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * Over the write budget (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type PasskeysDeleteError = PasskeysDeleteErrors[keyof PasskeysDeleteErrors];
export type PasskeysDeleteResponses = {
    200: MessageResponse;
};
export type PasskeysDeleteResponse = PasskeysDeleteResponses[keyof PasskeysDeleteResponses];
export type PasskeysRenameData = {
    body: RenamePasskeyRequest;
    path: {
        /**
         * Passkey id from GET /api/auth/passkeys
         */
        id: string;
    };
    query?: never;
    url: '/api/auth/passkeys/{id}';
};
export type PasskeysRenameErrors = {
    400: ErrorBody;
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    404: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * Over the write budget (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type PasskeysRenameError = PasskeysRenameErrors[keyof PasskeysRenameErrors];
export type PasskeysRenameResponses = {
    200: MessageResponse;
};
export type PasskeysRenameResponse = PasskeysRenameResponses[keyof PasskeysRenameResponses];
export type MfaReauthenticateData = {
    body?: FreshRequest;
    path?: never;
    query?: never;
    url: '/api/auth/reauthenticate';
};
export type MfaReauthenticateErrors = {
    400: ErrorBody;
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * Over the write budget (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type MfaReauthenticateError = MfaReauthenticateErrors[keyof MfaReauthenticateErrors];
export type MfaReauthenticateResponses = {
    200: ReauthResponse;
};
export type MfaReauthenticateResponse = MfaReauthenticateResponses[keyof MfaReauthenticateResponses];
export type RefreshData = {
    body: RefreshRequest;
    path?: never;
    query?: never;
    url: '/api/auth/refresh';
};
export type RefreshErrors = {
    400: ErrorBody;
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * The client IP's budget is spent (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type RefreshError = RefreshErrors[keyof RefreshErrors];
export type RefreshResponses = {
    200: RefreshResponse;
};
export type RefreshResponse2 = RefreshResponses[keyof RefreshResponses];
export type RegisterData = {
    body: RegisterRequest;
    path?: never;
    query?: never;
    url: '/api/auth/register';
};
export type RegisterErrors = {
    /**
     * Missing field, invalid email or username, password policy
     */
    400: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    /**
     * Email already registered, or username taken
     */
    409: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * The client IP's budget is spent (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
    /**
     * Password hashing queue full
     */
    503: ErrorBody;
};
export type RegisterError = RegisterErrors[keyof RegisterErrors];
export type RegisterResponses = {
    201: RegisterResponse;
};
export type RegisterResponse2 = RegisterResponses[keyof RegisterResponses];
export type ResendVerificationData = {
    body: EmailRequest;
    path?: never;
    query?: never;
    url: '/api/auth/resend-verification';
};
export type ResendVerificationErrors = {
    400: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * The client IP's budget is spent (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type ResendVerificationError = ResendVerificationErrors[keyof ResendVerificationErrors];
export type ResendVerificationResponses = {
    200: MessageResponse;
};
export type ResendVerificationResponse = ResendVerificationResponses[keyof ResendVerificationResponses];
export type ResetPasswordData = {
    body: ResetPasswordRequest;
    path?: never;
    query?: never;
    url: '/api/auth/reset-password';
};
export type ResetPasswordErrors = {
    /**
     * Invalid, expired or spent token; password policy
     */
    400: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * The client IP's budget is spent (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type ResetPasswordError = ResetPasswordErrors[keyof ResetPasswordErrors];
export type ResetPasswordResponses = {
    200: MessageResponse;
};
export type ResetPasswordResponse = ResetPasswordResponses[keyof ResetPasswordResponses];
export type RevokeOtherSessionsData = {
    body?: never;
    path?: never;
    query?: never;
    url: '/api/auth/sessions';
};
export type RevokeOtherSessionsErrors = {
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    /**
     * Over the write budget (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type RevokeOtherSessionsError = RevokeOtherSessionsErrors[keyof RevokeOtherSessionsErrors];
export type RevokeOtherSessionsResponses = {
    200: RevokedResponse;
};
export type RevokeOtherSessionsResponse = RevokeOtherSessionsResponses[keyof RevokeOtherSessionsResponses];
export type ListSessionsData = {
    body?: never;
    path?: never;
    query?: never;
    url: '/api/auth/sessions';
};
export type ListSessionsErrors = {
    401: ErrorBody;
    /**
     * The account must enrol a second factor first (`mfa_enrollment_required`, with `PORTCULLIS_REQUIRE_MFA`)
     */
    403: ErrorBody;
};
export type ListSessionsError = ListSessionsErrors[keyof ListSessionsErrors];
export type ListSessionsResponses = {
    200: SessionsResponse;
};
export type ListSessionsResponse = ListSessionsResponses[keyof ListSessionsResponses];
export type RevokeSessionData = {
    body?: never;
    path: {
        /**
         * Session id from GET /api/auth/sessions
         */
        id: string;
    };
    query?: never;
    url: '/api/auth/sessions/{id}';
};
export type RevokeSessionErrors = {
    /**
     * A path segment is not UTF-8 once unescaped (`invalid_field`)
     */
    400: ErrorBody;
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    404: ErrorBody;
    /**
     * Over the write budget (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type RevokeSessionError = RevokeSessionErrors[keyof RevokeSessionErrors];
export type RevokeSessionResponses = {
    200: MessageResponse;
};
export type RevokeSessionResponse = RevokeSessionResponses[keyof RevokeSessionResponses];
export type DeleteUserData = {
    body: DeleteUserRequest;
    path?: never;
    query?: never;
    url: '/api/auth/user';
};
export type DeleteUserErrors = {
    400: ErrorBody;
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    /**
     * The only owner of an organisation others belong to (`last_owner`)
     */
    409: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * Too many wrong passwords
     */
    429: ErrorBody;
};
export type DeleteUserError = DeleteUserErrors[keyof DeleteUserErrors];
export type DeleteUserResponses = {
    200: MessageResponse;
};
export type DeleteUserResponse = DeleteUserResponses[keyof DeleteUserResponses];
export type GetUserData = {
    body?: never;
    path?: never;
    query?: never;
    url: '/api/auth/user';
};
export type GetUserErrors = {
    401: ErrorBody;
};
export type GetUserError = GetUserErrors[keyof GetUserErrors];
export type GetUserResponses = {
    200: CurrentUserResponse;
};
export type GetUserResponse = GetUserResponses[keyof GetUserResponses];
export type UpdateUserData = {
    body?: UpdateUserRequest;
    path?: never;
    query?: never;
    url: '/api/auth/user';
};
export type UpdateUserErrors = {
    /**
     * Missing field, invalid email or username, or a `locale` no language matches (`invalid_field`)
     */
    400: ErrorBody;
    401: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    409: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * Too many wrong passwords, or too many email changes of this account or to this address
     */
    429: ErrorBody;
};
export type UpdateUserError = UpdateUserErrors[keyof UpdateUserErrors];
export type UpdateUserResponses = {
    200: UserResponse;
};
export type UpdateUserResponse = UpdateUserResponses[keyof UpdateUserResponses];
export type VerifyEmailData = {
    body: TokenRequest;
    path?: never;
    query?: never;
    url: '/api/auth/verify-email';
};
export type VerifyEmailErrors = {
    /**
     * Invalid or expired token
     */
    400: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    /**
     * An email change whose new address was registered meanwhile
     */
    409: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * The client IP's budget is spent (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type VerifyEmailError = VerifyEmailErrors[keyof VerifyEmailErrors];
export type VerifyEmailResponses = {
    200: MessageResponse;
};
export type VerifyEmailResponse = VerifyEmailResponses[keyof VerifyEmailResponses];
export type VerifyEmailLinkData = {
    body?: never;
    path?: never;
    query: {
        token: string;
    };
    url: '/api/auth/verify-email-link';
};
export type VerifyEmailLinkErrors = {
    /**
     * Invalid or expired token
     */
    400: ErrorBody;
    /**
     * An email change whose new address was registered meanwhile
     */
    409: ErrorBody;
    /**
     * The client IP's budget is spent (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type VerifyEmailLinkError = VerifyEmailLinkErrors[keyof VerifyEmailLinkErrors];
export type VerifyEmailLinkResponses = {
    200: MessageResponse;
};
export type VerifyEmailLinkResponse = VerifyEmailLinkResponses[keyof VerifyEmailLinkResponses];
export type DeclineVerificationData = {
    body: TokenRequest;
    path?: never;
    query?: never;
    url: '/api/auth/verify-email/decline';
};
export type DeclineVerificationErrors = {
    /**
     * Invalid, expired or spent token, or an account whose address is confirmed already (`invalid_token`)
     */
    400: ErrorBody;
    /**
     * A browser's cross-origin request without a bearer token (`cross_origin_request`)
     */
    403: ErrorBody;
    /**
     * The body is over 64 KiB (`payload_too_large`)
     */
    413: ErrorBody;
    /**
     * The body is neither `application/json` nor `application/x-www-form-urlencoded` (`unsupported_media_type`)
     */
    415: ErrorBody;
    /**
     * The client IP's budget is spent (`rate_limited`, with `Retry-After`)
     */
    429: ErrorBody;
};
export type DeclineVerificationError = DeclineVerificationErrors[keyof DeclineVerificationErrors];
export type DeclineVerificationResponses = {
    200: MessageResponse;
};
export type DeclineVerificationResponse = DeclineVerificationResponses[keyof DeclineVerificationResponses];
export type OperationsDevMailData = {
    body?: never;
    path?: never;
    query?: {
        /**
         * only mail to this address
         */
        to?: string;
    };
    url: '/dev/mail';
};
export type OperationsDevMailErrors = {
    /**
     * A query parameter has the wrong type, or is given twice (`invalid_field`)
     */
    400: ErrorBody;
    /**
     * Not in dev mode
     */
    404: unknown;
};
export type OperationsDevMailError = OperationsDevMailErrors[keyof OperationsDevMailErrors];
export type OperationsDevMailResponses = {
    /**
     * `{"messages": [{"to", "subject", "text", "html", "sent_at"}]}`, oldest first
     */
    200: unknown;
};
export type OperationsLiveData = {
    body?: never;
    path?: never;
    query?: never;
    url: '/health/live';
};
export type OperationsLiveResponses = {
    /**
     * `{"status": "ok"}`
     */
    200: unknown;
};
export type OperationsReadyData = {
    body?: never;
    path?: never;
    query?: never;
    url: '/health/ready';
};
export type OperationsReadyErrors = {
    /**
     * Database unreachable
     */
    503: ErrorBody;
};
export type OperationsReadyError = OperationsReadyErrors[keyof OperationsReadyErrors];
export type OperationsReadyResponses = {
    /**
     * `{"status": "ok"}`
     */
    200: unknown;
};
