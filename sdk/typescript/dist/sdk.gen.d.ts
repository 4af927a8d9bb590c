import type { Client, ClientMeta, Options as Options2, RequestResult, TDataShape } from './client/index.js';
import type { AdminAuditLogData, AdminAuditLogErrors, AdminAuditLogResponses, AdminCreateClientData, AdminCreateClientErrors, AdminCreateClientResponses, AdminCreateOrganizationData, AdminCreateOrganizationErrors, AdminCreateOrganizationResponses, AdminCreateRegistrationTokenData, AdminCreateRegistrationTokenErrors, AdminCreateRegistrationTokenResponses, AdminCreateUserData, AdminCreateUserErrors, AdminCreateUserResponses, AdminDeleteClientData, AdminDeleteClientErrors, AdminDeleteClientResponses, AdminDeleteOrganizationData, AdminDeleteOrganizationErrors, AdminDeleteOrganizationResponses, AdminDeleteUserData, AdminDeleteUserErrors, AdminDeleteUserResponses, AdminDisableUserData, AdminDisableUserErrors, AdminDisableUserResponses, AdminEnableUserData, AdminEnableUserErrors, AdminEnableUserResponses, AdminGetClientData, AdminGetClientErrors, AdminGetClientResponses, AdminGetOrganizationData, AdminGetOrganizationErrors, AdminGetOrganizationResponses, AdminGetUserData, AdminGetUserErrors, AdminGetUserResponses, AdminListClientsData, AdminListClientsErrors, AdminListClientsResponses, AdminListOrganizationsData, AdminListOrganizationsErrors, AdminListOrganizationsResponses, AdminListRegistrationTokensData, AdminListRegistrationTokensErrors, AdminListRegistrationTokensResponses, AdminListUsersData, AdminListUsersErrors, AdminListUsersResponses, AdminOrganizationMembersData, AdminOrganizationMembersErrors, AdminOrganizationMembersResponses, AdminRemoveOrganizationMemberData, AdminRemoveOrganizationMemberErrors, AdminRemoveOrganizationMemberResponses, AdminResetFactorsData, AdminResetFactorsErrors, AdminResetFactorsResponses, AdminRevokeRegistrationTokenData, AdminRevokeRegistrationTokenErrors, AdminRevokeRegistrationTokenResponses, AdminRevokeSessionsData, AdminRevokeSessionsErrors, AdminRevokeSessionsResponses, AdminRotateClientSecretData, AdminRotateClientSecretErrors, AdminRotateClientSecretResponses, AdminSendResetData, AdminSendResetErrors, AdminSendResetResponses, AdminSetOrganizationMemberData, AdminSetOrganizationMemberErrors, AdminSetOrganizationMemberResponses, AdminUpdateClientData, AdminUpdateClientErrors, AdminUpdateClientResponses, AdminUpdateOrganizationData, AdminUpdateOrganizationErrors, AdminUpdateOrganizationResponses, AdminUpdateUserData, AdminUpdateUserErrors, AdminUpdateUserResponses, ChangePasswordData, ChangePasswordErrors, ChangePasswordResponses, DeclineVerificationData, DeclineVerificationErrors, DeclineVerificationResponses, DeleteUserData, DeleteUserErrors, DeleteUserResponses, ForgotPasswordData, ForgotPasswordErrors, ForgotPasswordResponses, GetUserData, GetUserErrors, GetUserResponses, ListGrantsData, ListGrantsErrors, ListGrantsResponses, ListSessionsData, ListSessionsErrors, ListSessionsResponses, LoginData, LoginErrors, LoginResponses, LogoutData, LogoutErrors, LogoutResponses, MfaConfirmData, MfaConfirmErrors, MfaConfirmResponses, MfaDisableData, MfaDisableErrors, MfaDisableResponses, MfaEnrolData, MfaEnrolErrors, MfaEnrolResponses, MfaReauthenticateData, MfaReauthenticateErrors, MfaReauthenticateResponses, MfaRecoveryCodesData, MfaRecoveryCodesErrors, MfaRecoveryCodesResponses, MfaVerifyData, MfaVerifyErrors, MfaVerifyResponses, OperationsDevMailData, OperationsDevMailErrors, OperationsDevMailResponses, OperationsJwksData, OperationsJwksResponses, OperationsLiveData, OperationsLiveResponses, OperationsReadyData, OperationsReadyErrors, OperationsReadyResponses, OrganizationsAcceptInvitationData, OrganizationsAcceptInvitationErrors, OrganizationsAcceptInvitationResponses, OrganizationsAddTeamMemberData, OrganizationsAddTeamMemberErrors, OrganizationsAddTeamMemberResponses, OrganizationsCreateData, OrganizationsCreateErrors, OrganizationsCreateResponses, OrganizationsCreateTeamData, OrganizationsCreateTeamErrors, OrganizationsCreateTeamResponses, OrganizationsDeleteData, OrganizationsDeleteErrors, OrganizationsDeleteResponses, OrganizationsDeleteTeamData, OrganizationsDeleteTeamErrors, OrganizationsDeleteTeamResponses, OrganizationsGetData, OrganizationsGetErrors, OrganizationsGetResponses, OrganizationsInvitationsData, OrganizationsInvitationsErrors, OrganizationsInvitationsResponses, OrganizationsInviteData, OrganizationsInviteErrors, OrganizationsInviteResponses, OrganizationsListData, OrganizationsListErrors, OrganizationsListResponses, OrganizationsMembersData, OrganizationsMembersErrors, OrganizationsMembersResponses, OrganizationsRemoveMemberData, OrganizationsRemoveMemberErrors, OrganizationsRemoveMemberResponses, OrganizationsRemoveTeamMemberData, OrganizationsRemoveTeamMemberErrors, OrganizationsRemoveTeamMemberResponses, OrganizationsRevokeInvitationData, OrganizationsRevokeInvitationErrors, OrganizationsRevokeInvitationResponses, OrganizationsSetRoleData, OrganizationsSetRoleErrors, OrganizationsSetRoleResponses, OrganizationsSwitchData, OrganizationsSwitchErrors, OrganizationsSwitchResponses, OrganizationsTeamMembersData, OrganizationsTeamMembersErrors, OrganizationsTeamMembersResponses, OrganizationsTeamsData, OrganizationsTeamsErrors, OrganizationsTeamsResponses, OrganizationsUpdateData, OrganizationsUpdateErrors, OrganizationsUpdateResponses, PasskeysDeleteData, PasskeysDeleteErrors, PasskeysDeleteResponses, PasskeysListData, PasskeysListErrors, PasskeysListResponses, PasskeysLoginData, PasskeysLoginErrors, PasskeysLoginOptionsData, PasskeysLoginOptionsErrors, PasskeysLoginOptionsResponses, PasskeysLoginResponses, PasskeysRegisterData, PasskeysRegisterErrors, PasskeysRegisterOptionsData, PasskeysRegisterOptionsErrors, PasskeysRegisterOptionsResponses, PasskeysRegisterResponses, PasskeysRenameData, PasskeysRenameErrors, PasskeysRenameResponses, RefreshData, RefreshErrors, RefreshResponses, RegisterData, RegisterErrors, RegisterResponses, ResendVerificationData, ResendVerificationErrors, ResendVerificationResponses, ResetPasswordData, ResetPasswordErrors, ResetPasswordResponses, RevokeGrantData, RevokeGrantErrors, RevokeGrantResponses, RevokeOtherSessionsData, RevokeOtherSessionsErrors, RevokeOtherSessionsResponses, RevokeSessionData, RevokeSessionErrors, RevokeSessionResponses, SignInEmailLoginData, SignInEmailLoginErrors, SignInEmailLoginResponses, SignInEmailLoginVerifyData, SignInEmailLoginVerifyErrors, SignInEmailLoginVerifyResponses, SignInIdentitiesData, SignInIdentitiesErrors, SignInIdentitiesResponses, SignInOauthCallbackData, SignInOauthCallbackErrors, SignInOauthCallbackResponses, SignInOauthLinkData, SignInOauthLinkErrors, SignInOauthLinkResponses, SignInOauthStartData, SignInOauthStartErrors, SignInUnlinkData, SignInUnlinkErrors, SignInUnlinkResponses, UpdateUserData, UpdateUserErrors, UpdateUserResponses, VerifyEmailData, VerifyEmailErrors, VerifyEmailLinkData, VerifyEmailLinkErrors, VerifyEmailLinkResponses, VerifyEmailResponses } from './types.gen.js';
export type Options<TData extends TDataShape = TDataShape, ThrowOnError extends boolean = boolean, TResponse = unknown> = Options2<TData, ThrowOnError, TResponse> & {
    /**
     * You can provide a client instance returned by `createClient()` instead of
     * individual options. This might be also useful if you want to implement a
     * custom client.
     */
    client?: Client;
    /**
     * You can pass arbitrary values through the `meta` object. This can be
     * used to access values that aren't defined as part of the SDK function.
     */
    meta?: keyof ClientMeta extends never ? Record<string, unknown> : ClientMeta;
};
/**
 * The public keys that verify access tokens (an empty set in HS256 mode).
 */
export declare const operationsJwks: <ThrowOnError extends boolean = false>(options?: Options<OperationsJwksData, ThrowOnError>) => RequestResult<OperationsJwksResponses, unknown, ThrowOnError>;
/**
 * The audit log, oldest first, a page at a time.
 */
export declare const adminAuditLog: <ThrowOnError extends boolean = false>(options?: Options<AdminAuditLogData, ThrowOnError>) => RequestResult<AdminAuditLogResponses, AdminAuditLogErrors, ThrowOnError>;
/**
 * Every client of the OpenID Connect provider (docs/provider.md), by `client_id`.
 */
export declare const adminListClients: <ThrowOnError extends boolean = false>(options?: Options<AdminListClientsData, ThrowOnError>) => RequestResult<AdminListClientsResponses, AdminListClientsErrors, ThrowOnError>;
/**
 * Register a client, as `portcullis client create` does. A confidential client's
 * `client_secret` is in this answer only: it is stored as its SHA-256.
 */
export declare const adminCreateClient: <ThrowOnError extends boolean = false>(options?: Options<AdminCreateClientData, ThrowOnError>) => RequestResult<AdminCreateClientResponses, AdminCreateClientErrors, ThrowOnError>;
/**
 * Delete a client with every grant and token it holds: its tokens stop working at once.
 */
export declare const adminDeleteClient: <ThrowOnError extends boolean = false>(options: Options<AdminDeleteClientData, ThrowOnError>) => RequestResult<AdminDeleteClientResponses, AdminDeleteClientErrors, ThrowOnError>;
export declare const adminGetClient: <ThrowOnError extends boolean = false>(options: Options<AdminGetClientData, ThrowOnError>) => RequestResult<AdminGetClientResponses, AdminGetClientErrors, ThrowOnError>;
/**
 * Change a client: what the body gives replaces what was registered; the rest is kept. A
 * client that starts needing a secret (from `none` or `private_key_jwt` to a
 * `client_secret_*` method) gets one, in this answer only; one that stops needing it loses it.
 */
export declare const adminUpdateClient: <ThrowOnError extends boolean = false>(options: Options<AdminUpdateClientData, ThrowOnError>) => RequestResult<AdminUpdateClientResponses, AdminUpdateClientErrors, ThrowOnError>;
/**
 * A new secret for a confidential client, in this answer only; the old one stops working at
 * once.
 */
export declare const adminRotateClientSecret: <ThrowOnError extends boolean = false>(options: Options<AdminRotateClientSecretData, ThrowOnError>) => RequestResult<AdminRotateClientSecretResponses, AdminRotateClientSecretErrors, ThrowOnError>;
/**
 * Every organisation, in a stable order (by id), a page at a time.
 */
export declare const adminListOrganizations: <ThrowOnError extends boolean = false>(options?: Options<AdminListOrganizationsData, ThrowOnError>) => RequestResult<AdminListOrganizationsResponses, AdminListOrganizationsErrors, ThrowOnError>;
/**
 * Make an organisation whose first owner is an existing user.
 */
export declare const adminCreateOrganization: <ThrowOnError extends boolean = false>(options: Options<AdminCreateOrganizationData, ThrowOnError>) => RequestResult<AdminCreateOrganizationResponses, AdminCreateOrganizationErrors, ThrowOnError>;
/**
 * Delete an organisation with its memberships: the tokens that carry it fail at once.
 */
export declare const adminDeleteOrganization: <ThrowOnError extends boolean = false>(options: Options<AdminDeleteOrganizationData, ThrowOnError>) => RequestResult<AdminDeleteOrganizationResponses, AdminDeleteOrganizationErrors, ThrowOnError>;
export declare const adminGetOrganization: <ThrowOnError extends boolean = false>(options: Options<AdminGetOrganizationData, ThrowOnError>) => RequestResult<AdminGetOrganizationResponses, AdminGetOrganizationErrors, ThrowOnError>;
/**
 * Change an organisation's name, slug or metadata; what the body leaves out is kept.
 */
export declare const adminUpdateOrganization: <ThrowOnError extends boolean = false>(options: Options<AdminUpdateOrganizationData, ThrowOnError>) => RequestResult<AdminUpdateOrganizationResponses, AdminUpdateOrganizationErrors, ThrowOnError>;
/**
 * The members of an organisation, oldest first.
 */
export declare const adminOrganizationMembers: <ThrowOnError extends boolean = false>(options: Options<AdminOrganizationMembersData, ThrowOnError>) => RequestResult<AdminOrganizationMembersResponses, AdminOrganizationMembersErrors, ThrowOnError>;
/**
 * Remove a member: the tokens that carry the organisation for them fail at once. The last
 * owner cannot be removed.
 */
export declare const adminRemoveOrganizationMember: <ThrowOnError extends boolean = false>(options: Options<AdminRemoveOrganizationMemberData, ThrowOnError>) => RequestResult<AdminRemoveOrganizationMemberResponses, AdminRemoveOrganizationMemberErrors, ThrowOnError>;
/**
 * Make an existing user a member with a role, or give a member another role. The last owner
 * cannot be demoted.
 */
export declare const adminSetOrganizationMember: <ThrowOnError extends boolean = false>(options: Options<AdminSetOrganizationMemberData, ThrowOnError>) => RequestResult<AdminSetOrganizationMemberResponses, AdminSetOrganizationMemberErrors, ThrowOnError>;
/**
 * The initial access tokens for dynamic client registration (`PORTCULLIS_DYNAMIC_REGISTRATION
 * = token`), oldest first; never the tokens themselves.
 */
export declare const adminListRegistrationTokens: <ThrowOnError extends boolean = false>(options?: Options<AdminListRegistrationTokensData, ThrowOnError>) => RequestResult<AdminListRegistrationTokensResponses, AdminListRegistrationTokensErrors, ThrowOnError>;
/**
 * Make an initial access token, as `portcullis client registration-token create` does: the
 * token is in this answer only (stored as its SHA-256).
 */
export declare const adminCreateRegistrationToken: <ThrowOnError extends boolean = false>(options: Options<AdminCreateRegistrationTokenData, ThrowOnError>) => RequestResult<AdminCreateRegistrationTokenResponses, AdminCreateRegistrationTokenErrors, ThrowOnError>;
/**
 * Revoke an initial access token: it registers nothing more.
 */
export declare const adminRevokeRegistrationToken: <ThrowOnError extends boolean = false>(options: Options<AdminRevokeRegistrationTokenData, ThrowOnError>) => RequestResult<AdminRevokeRegistrationTokenResponses, AdminRevokeRegistrationTokenErrors, ThrowOnError>;
/**
 * Users in a stable order (by id), a page at a time.
 */
export declare const adminListUsers: <ThrowOnError extends boolean = false>(options?: Options<AdminListUsersData, ThrowOnError>) => RequestResult<AdminListUsersResponses, AdminListUsersErrors, ThrowOnError>;
/**
 * Create an account, with or without a password, optionally mailing an invitation.
 */
export declare const adminCreateUser: <ThrowOnError extends boolean = false>(options: Options<AdminCreateUserData, ThrowOnError>) => RequestResult<AdminCreateUserResponses, AdminCreateUserErrors, ThrowOnError>;
export declare const adminDeleteUser: <ThrowOnError extends boolean = false>(options: Options<AdminDeleteUserData, ThrowOnError>) => RequestResult<AdminDeleteUserResponses, AdminDeleteUserErrors, ThrowOnError>;
export declare const adminGetUser: <ThrowOnError extends boolean = false>(options: Options<AdminGetUserData, ThrowOnError>) => RequestResult<AdminGetUserResponses, AdminGetUserErrors, ThrowOnError>;
export declare const adminUpdateUser: <ThrowOnError extends boolean = false>(options: Options<AdminUpdateUserData, ThrowOnError>) => RequestResult<AdminUpdateUserResponses, AdminUpdateUserErrors, ThrowOnError>;
/**
 * Disable an account: every session ends at once, on every node.
 */
export declare const adminDisableUser: <ThrowOnError extends boolean = false>(options: Options<AdminDisableUserData, ThrowOnError>) => RequestResult<AdminDisableUserResponses, AdminDisableUserErrors, ThrowOnError>;
export declare const adminEnableUser: <ThrowOnError extends boolean = false>(options: Options<AdminEnableUserData, ThrowOnError>) => RequestResult<AdminEnableUserResponses, AdminEnableUserErrors, ThrowOnError>;
/**
 * Remove TOTP, recovery codes and passkeys (a lost device); the owner is told by mail.
 */
export declare const adminResetFactors: <ThrowOnError extends boolean = false>(options: Options<AdminResetFactorsData, ThrowOnError>) => RequestResult<AdminResetFactorsResponses, AdminResetFactorsErrors, ThrowOnError>;
/**
 * Mail a password reset link. Held back by the per-address mail throttle (a reset mail to
 * the address within the minute, an invitation included, or five within the hour): `429`
 * with `Retry-After`, and nothing is sent.
 */
export declare const adminSendReset: <ThrowOnError extends boolean = false>(options: Options<AdminSendResetData, ThrowOnError>) => RequestResult<AdminSendResetResponses, AdminSendResetErrors, ThrowOnError>;
export declare const adminRevokeSessions: <ThrowOnError extends boolean = false>(options: Options<AdminRevokeSessionsData, ThrowOnError>) => RequestResult<AdminRevokeSessionsResponses, AdminRevokeSessionsErrors, ThrowOnError>;
/**
 * Change the password. Other sessions are revoked; this one is kept; outstanding reset links
 * die. A notification is mailed. A wrong `current_password` spends the login failure budget.
 */
export declare const changePassword: <ThrowOnError extends boolean = false>(options: Options<ChangePasswordData, ThrowOnError>) => RequestResult<ChangePasswordResponses, ChangePasswordErrors, ThrowOnError>;
/**
 * Ask for a sign-in link and code by email (`PORTCULLIS_EMAIL_LOGIN`). The same answer, as
 * fast, whether or not the address has an account.
 */
export declare const signInEmailLogin: <ThrowOnError extends boolean = false>(options: Options<SignInEmailLoginData, ThrowOnError>) => RequestResult<SignInEmailLoginResponses, SignInEmailLoginErrors, ThrowOnError>;
/**
 * Finish an email sign-in with the link's `token`, or `email` and `code` (five wrong codes
 * end the request). The address is verified; the answer is the login's.
 */
export declare const signInEmailLoginVerify: <ThrowOnError extends boolean = false>(options?: Options<SignInEmailLoginVerifyData, ThrowOnError>) => RequestResult<SignInEmailLoginVerifyResponses, SignInEmailLoginVerifyErrors, ThrowOnError>;
/**
 * Ask for a password reset link. Same body and timing for unknown addresses.
 */
export declare const forgotPassword: <ThrowOnError extends boolean = false>(options: Options<ForgotPasswordData, ThrowOnError>) => RequestResult<ForgotPasswordResponses, ForgotPasswordErrors, ThrowOnError>;
/**
 * The applications the signed-in person has granted, most recent first.
 */
export declare const listGrants: <ThrowOnError extends boolean = false>(options?: Options<ListGrantsData, ThrowOnError>) => RequestResult<ListGrantsResponses, ListGrantsErrors, ThrowOnError>;
/**
 * Withdraw everything granted to one application: its refresh tokens are deleted and its
 * access tokens stop passing userinfo and introspection at once; its next sign-in asks for
 * consent again.
 */
export declare const revokeGrant: <ThrowOnError extends boolean = false>(options: Options<RevokeGrantData, ThrowOnError>) => RequestResult<RevokeGrantResponses, RevokeGrantErrors, ThrowOnError>;
/**
 * The signed-in user's linked external identities.
 */
export declare const signInIdentities: <ThrowOnError extends boolean = false>(options?: Options<SignInIdentitiesData, ThrowOnError>) => RequestResult<SignInIdentitiesResponses, SignInIdentitiesErrors, ThrowOnError>;
/**
 * Unlink an external identity. Needs a recent authentication, or `password`/`code`; refused
 * when it is the account's last way in (`409 last_way_in`).
 */
export declare const signInUnlink: <ThrowOnError extends boolean = false>(options: Options<SignInUnlinkData, ThrowOnError>) => RequestResult<SignInUnlinkResponses, SignInUnlinkErrors, ThrowOnError>;
/**
 * Log in with `email` or `username` and `password`. Sets the session cookie and returns an
 * access token and a refresh token. Every login opens a new session.
 */
export declare const login: <ThrowOnError extends boolean = false>(options: Options<LoginData, ThrowOnError>) => RequestResult<LoginResponses, LoginErrors, ThrowOnError>;
/**
 * End this session: the cookie and every access token of the session stop working.
 */
export declare const logout: <ThrowOnError extends boolean = false>(options?: Options<LogoutData, ThrowOnError>) => RequestResult<LogoutResponses, LogoutErrors, ThrowOnError>;
/**
 * New recovery codes; the old ones stop working. Needs a recent authentication.
 */
export declare const mfaRecoveryCodes: <ThrowOnError extends boolean = false>(options?: Options<MfaRecoveryCodesData, ThrowOnError>) => RequestResult<MfaRecoveryCodesResponses, MfaRecoveryCodesErrors, ThrowOnError>;
/**
 * Turn TOTP off (and its recovery codes). Needs a recent authentication, or `password`/`code`.
 */
export declare const mfaDisable: <ThrowOnError extends boolean = false>(options?: Options<MfaDisableData, ThrowOnError>) => RequestResult<MfaDisableResponses, MfaDisableErrors, ThrowOnError>;
/**
 * Start TOTP enrolment: a new secret, its `otpauth://` URI and a QR code. Nothing is on until
 * `/mfa/totp/confirm`. Needs a recent authentication, or `password`/`code`.
 */
export declare const mfaEnrol: <ThrowOnError extends boolean = false>(options?: Options<MfaEnrolData, ThrowOnError>) => RequestResult<MfaEnrolResponses, MfaEnrolErrors, ThrowOnError>;
/**
 * Turn TOTP on with a valid code; answers the recovery codes, shown once.
 */
export declare const mfaConfirm: <ThrowOnError extends boolean = false>(options: Options<MfaConfirmData, ThrowOnError>) => RequestResult<MfaConfirmResponses, MfaConfirmErrors, ThrowOnError>;
/**
 * The login's second step: the `mfa_token` of the first and a TOTP or recovery code. Gives
 * the normal login answer. Five wrong codes end the challenge; each spends the account's
 * failure budget.
 */
export declare const mfaVerify: <ThrowOnError extends boolean = false>(options: Options<MfaVerifyData, ThrowOnError>) => RequestResult<MfaVerifyResponses, MfaVerifyErrors, ThrowOnError>;
/**
 * Where the provider sends the browser back. Signed in: a redirect to `next` with the
 * session cookie. A second factor still needed: the hosted code prompt (or, without the
 * pages, the `SecondFactorResponse`).
 */
export declare const signInOauthCallback: <ThrowOnError extends boolean = false>(options: Options<SignInOauthCallbackData, ThrowOnError>) => RequestResult<SignInOauthCallbackResponses, SignInOauthCallbackErrors, ThrowOnError>;
/**
 * Link an external identity to the signed-in account: like `start`, for an account that
 * authenticated within `PORTCULLIS_REAUTH_WINDOW` (or that sends its password or a code).
 * A POST, so another site cannot begin it with the user's cookie (`SameSite=Lax` cookies
 * ride along on a cross-site GET). The provider must vouch for the identity's address. The
 * link is bound to this session and its password: it completes only while this session is
 * live and the password unchanged.
 */
export declare const signInOauthLink: <ThrowOnError extends boolean = false>(options: Options<SignInOauthLinkData, ThrowOnError>) => RequestResult<SignInOauthLinkResponses, SignInOauthLinkErrors, ThrowOnError>;
/**
 * Begin a sign-in with an external identity provider: a redirect to it. Configured by
 * `PORTCULLIS_OAUTH_<NAME>_*`.
 */
export declare const signInOauthStart: <ThrowOnError extends boolean = false>(options: Options<SignInOauthStartData, ThrowOnError>) => RequestResult<unknown, SignInOauthStartErrors, ThrowOnError>;
/**
 * The organisations the caller belongs to.
 */
export declare const organizationsList: <ThrowOnError extends boolean = false>(options?: Options<OrganizationsListData, ThrowOnError>) => RequestResult<OrganizationsListResponses, OrganizationsListErrors, ThrowOnError>;
/**
 * Make an organisation; the caller is its first owner.
 */
export declare const organizationsCreate: <ThrowOnError extends boolean = false>(options?: Options<OrganizationsCreateData, ThrowOnError>) => RequestResult<OrganizationsCreateResponses, OrganizationsCreateErrors, ThrowOnError>;
/**
 * Act for an organisation (or none) in this session: answers a new access token carrying it.
 */
export declare const organizationsSwitch: <ThrowOnError extends boolean = false>(options?: Options<OrganizationsSwitchData, ThrowOnError>) => RequestResult<OrganizationsSwitchResponses, OrganizationsSwitchErrors, ThrowOnError>;
/**
 * Accept an invitation with its link's token: the signed-in account must be the one whose
 * confirmed address it names. Single use.
 */
export declare const organizationsAcceptInvitation: <ThrowOnError extends boolean = false>(options?: Options<OrganizationsAcceptInvitationData, ThrowOnError>) => RequestResult<OrganizationsAcceptInvitationResponses, OrganizationsAcceptInvitationErrors, ThrowOnError>;
/**
 * Delete an organisation (an owner, after a step-up); its members' tokens for it stop.
 */
export declare const organizationsDelete: <ThrowOnError extends boolean = false>(options: Options<OrganizationsDeleteData, ThrowOnError>) => RequestResult<OrganizationsDeleteResponses, OrganizationsDeleteErrors, ThrowOnError>;
/**
 * One organisation the caller belongs to.
 */
export declare const organizationsGet: <ThrowOnError extends boolean = false>(options: Options<OrganizationsGetData, ThrowOnError>) => RequestResult<OrganizationsGetResponses, OrganizationsGetErrors, ThrowOnError>;
/**
 * Change an organisation's name, slug or metadata (`organization:update`: owners, admins).
 */
export declare const organizationsUpdate: <ThrowOnError extends boolean = false>(options: Options<OrganizationsUpdateData, ThrowOnError>) => RequestResult<OrganizationsUpdateResponses, OrganizationsUpdateErrors, ThrowOnError>;
/**
 * The open invitations of an organisation (`members:write`).
 */
export declare const organizationsInvitations: <ThrowOnError extends boolean = false>(options: Options<OrganizationsInvitationsData, ThrowOnError>) => RequestResult<OrganizationsInvitationsResponses, OrganizationsInvitationsErrors, ThrowOnError>;
/**
 * Invite an address to join (`members:write`; as `owner`, an owner): a single-use link, good
 * for 7 days, is mailed to it.
 */
export declare const organizationsInvite: <ThrowOnError extends boolean = false>(options: Options<OrganizationsInviteData, ThrowOnError>) => RequestResult<OrganizationsInviteResponses, OrganizationsInviteErrors, ThrowOnError>;
/**
 * Revoke an open invitation (`members:write`): its link stops working.
 */
export declare const organizationsRevokeInvitation: <ThrowOnError extends boolean = false>(options: Options<OrganizationsRevokeInvitationData, ThrowOnError>) => RequestResult<OrganizationsRevokeInvitationResponses, OrganizationsRevokeInvitationErrors, ThrowOnError>;
/**
 * The members of an organisation (`members:read`: every member).
 */
export declare const organizationsMembers: <ThrowOnError extends boolean = false>(options: Options<OrganizationsMembersData, ThrowOnError>) => RequestResult<OrganizationsMembersResponses, OrganizationsMembersErrors, ThrowOnError>;
/**
 * Remove a member (`members:write`; an owner, an owner), or leave (one's own id). The last
 * owner cannot. The removed member's tokens for the organisation stop at once.
 */
export declare const organizationsRemoveMember: <ThrowOnError extends boolean = false>(options: Options<OrganizationsRemoveMemberData, ThrowOnError>) => RequestResult<OrganizationsRemoveMemberResponses, OrganizationsRemoveMemberErrors, ThrowOnError>;
/**
 * Give a member another role (`members:write`; to or from `owner`, an owner). The last
 * owner cannot be demoted.
 */
export declare const organizationsSetRole: <ThrowOnError extends boolean = false>(options: Options<OrganizationsSetRoleData, ThrowOnError>) => RequestResult<OrganizationsSetRoleResponses, OrganizationsSetRoleErrors, ThrowOnError>;
/**
 * The teams of an organisation (every member).
 */
export declare const organizationsTeams: <ThrowOnError extends boolean = false>(options: Options<OrganizationsTeamsData, ThrowOnError>) => RequestResult<OrganizationsTeamsResponses, OrganizationsTeamsErrors, ThrowOnError>;
/**
 * Make a team inside an organisation (`members:write`).
 */
export declare const organizationsCreateTeam: <ThrowOnError extends boolean = false>(options: Options<OrganizationsCreateTeamData, ThrowOnError>) => RequestResult<OrganizationsCreateTeamResponses, OrganizationsCreateTeamErrors, ThrowOnError>;
/**
 * Delete a team (`members:write`); its members stay in the organisation.
 */
export declare const organizationsDeleteTeam: <ThrowOnError extends boolean = false>(options: Options<OrganizationsDeleteTeamData, ThrowOnError>) => RequestResult<OrganizationsDeleteTeamResponses, OrganizationsDeleteTeamErrors, ThrowOnError>;
/**
 * The members of a team (every member of the organisation).
 */
export declare const organizationsTeamMembers: <ThrowOnError extends boolean = false>(options: Options<OrganizationsTeamMembersData, ThrowOnError>) => RequestResult<OrganizationsTeamMembersResponses, OrganizationsTeamMembersErrors, ThrowOnError>;
/**
 * Take a member out of a team (`members:write`).
 */
export declare const organizationsRemoveTeamMember: <ThrowOnError extends boolean = false>(options: Options<OrganizationsRemoveTeamMemberData, ThrowOnError>) => RequestResult<OrganizationsRemoveTeamMemberResponses, OrganizationsRemoveTeamMemberErrors, ThrowOnError>;
/**
 * Put a member of the organisation in a team (`members:write`).
 */
export declare const organizationsAddTeamMember: <ThrowOnError extends boolean = false>(options: Options<OrganizationsAddTeamMemberData, ThrowOnError>) => RequestResult<OrganizationsAddTeamMemberResponses, OrganizationsAddTeamMemberErrors, ThrowOnError>;
/**
 * The signed-in user's passkeys.
 */
export declare const passkeysList: <ThrowOnError extends boolean = false>(options?: Options<PasskeysListData, ThrowOnError>) => RequestResult<PasskeysListResponses, PasskeysListErrors, ThrowOnError>;
/**
 * Finish a passkey sign-in: the normal login answer, with `amr` `hwk` or `swk` (after `pwd`
 * when it was the second step).
 */
export declare const passkeysLogin: <ThrowOnError extends boolean = false>(options: Options<PasskeysLoginData, ThrowOnError>) => RequestResult<PasskeysLoginResponses, PasskeysLoginErrors, ThrowOnError>;
/**
 * Begin a sign-in with a passkey: alone (no body), or as the second step of a password
 * login (`mfa_token`).
 */
export declare const passkeysLoginOptions: <ThrowOnError extends boolean = false>(options?: Options<PasskeysLoginOptionsData, ThrowOnError>) => RequestResult<PasskeysLoginOptionsResponses, PasskeysLoginOptionsErrors, ThrowOnError>;
/**
 * Finish registering a passkey with the browser's answer.
 */
export declare const passkeysRegister: <ThrowOnError extends boolean = false>(options: Options<PasskeysRegisterData, ThrowOnError>) => RequestResult<PasskeysRegisterResponses, PasskeysRegisterErrors, ThrowOnError>;
/**
 * Begin registering a passkey. Needs a recent authentication, or `password`/`code`.
 */
export declare const passkeysRegisterOptions: <ThrowOnError extends boolean = false>(options?: Options<PasskeysRegisterOptionsData, ThrowOnError>) => RequestResult<PasskeysRegisterOptionsResponses, PasskeysRegisterOptionsErrors, ThrowOnError>;
/**
 * Delete one of your passkeys. Needs a recent authentication, or `password`/`code`.
 */
export declare const passkeysDelete: <ThrowOnError extends boolean = false>(options: Options<PasskeysDeleteData, ThrowOnError>) => RequestResult<PasskeysDeleteResponses, PasskeysDeleteErrors, ThrowOnError>;
/**
 * Rename one of your passkeys.
 */
export declare const passkeysRename: <ThrowOnError extends boolean = false>(options: Options<PasskeysRenameData, ThrowOnError>) => RequestResult<PasskeysRenameResponses, PasskeysRenameErrors, ThrowOnError>;
/**
 * Authenticate again (a password or a code): the session's `auth_time` becomes now, for the
 * changes that need a recent authentication.
 */
export declare const mfaReauthenticate: <ThrowOnError extends boolean = false>(options?: Options<MfaReauthenticateData, ThrowOnError>) => RequestResult<MfaReauthenticateResponses, MfaReauthenticateErrors, ThrowOnError>;
/**
 * Exchange a refresh token for a new access token and a new refresh token. The old refresh
 * token is spent; presenting it again after the grace period revokes the session.
 */
export declare const refresh: <ThrowOnError extends boolean = false>(options: Options<RefreshData, ThrowOnError>) => RequestResult<RefreshResponses, RefreshErrors, ThrowOnError>;
/**
 * Create an account; a verification email is sent.
 */
export declare const register: <ThrowOnError extends boolean = false>(options: Options<RegisterData, ThrowOnError>) => RequestResult<RegisterResponses, RegisterErrors, ThrowOnError>;
/**
 * Send a new verification email. Answers the same whether or not the address is registered.
 */
export declare const resendVerification: <ThrowOnError extends boolean = false>(options: Options<ResendVerificationData, ThrowOnError>) => RequestResult<ResendVerificationResponses, ResendVerificationErrors, ThrowOnError>;
/**
 * Set a new password with the token from the reset email. Every session is revoked.
 */
export declare const resetPassword: <ThrowOnError extends boolean = false>(options: Options<ResetPasswordData, ThrowOnError>) => RequestResult<ResetPasswordResponses, ResetPasswordErrors, ThrowOnError>;
/**
 * Revoke every session but this one.
 */
export declare const revokeOtherSessions: <ThrowOnError extends boolean = false>(options?: Options<RevokeOtherSessionsData, ThrowOnError>) => RequestResult<RevokeOtherSessionsResponses, RevokeOtherSessionsErrors, ThrowOnError>;
/**
 * The live sessions of the authenticated user.
 */
export declare const listSessions: <ThrowOnError extends boolean = false>(options?: Options<ListSessionsData, ThrowOnError>) => RequestResult<ListSessionsResponses, ListSessionsErrors, ThrowOnError>;
/**
 * Revoke one of your sessions.
 */
export declare const revokeSession: <ThrowOnError extends boolean = false>(options: Options<RevokeSessionData, ThrowOnError>) => RequestResult<RevokeSessionResponses, RevokeSessionErrors, ThrowOnError>;
/**
 * Delete the account (password required; it spends the login failure budget) and all its
 * sessions.
 */
export declare const deleteUser: <ThrowOnError extends boolean = false>(options: Options<DeleteUserData, ThrowOnError>) => RequestResult<DeleteUserResponses, DeleteUserErrors, ThrowOnError>;
/**
 * The authenticated user.
 */
export declare const getUser: <ThrowOnError extends boolean = false>(options?: Options<GetUserData, ThrowOnError>) => RequestResult<GetUserResponses, GetUserErrors, ThrowOnError>;
/**
 * Change username, email and/or language (`locale`). An email change needs `current_password` (which spends the
 * login failure budget) and takes effect only when the link mailed to the new address is
 * followed: until then the answer shows the old address, which still logs in.
 */
export declare const updateUser: <ThrowOnError extends boolean = false>(options?: Options<UpdateUserData, ThrowOnError>) => RequestResult<UpdateUserResponses, UpdateUserErrors, ThrowOnError>;
/**
 * Verify an email address with the token from the verification email.
 */
export declare const verifyEmail: <ThrowOnError extends boolean = false>(options: Options<VerifyEmailData, ThrowOnError>) => RequestResult<VerifyEmailResponses, VerifyEmailErrors, ThrowOnError>;
/**
 * Verify an email address from a link.
 */
export declare const verifyEmailLink: <ThrowOnError extends boolean = false>(options: Options<VerifyEmailLinkData, ThrowOnError>) => RequestResult<VerifyEmailLinkResponses, VerifyEmailLinkErrors, ThrowOnError>;
/**
 * "I did not create this account": the verification mail's other answer, for whoever
 * receives a mail they did not ask for. With the token of a new account's link, that account
 * (never confirmed) is deleted with its sessions, so nobody can keep using it in the
 * address owner's name; with the token of an email change to this address, the change is
 * cancelled. The token is spent either way.
 */
export declare const declineVerification: <ThrowOnError extends boolean = false>(options: Options<DeclineVerificationData, ThrowOnError>) => RequestResult<DeclineVerificationResponses, DeclineVerificationErrors, ThrowOnError>;
/**
 * Dev mode only: the outbox as a mailbox.
 */
export declare const operationsDevMail: <ThrowOnError extends boolean = false>(options?: Options<OperationsDevMailData, ThrowOnError>) => RequestResult<OperationsDevMailResponses, OperationsDevMailErrors, ThrowOnError>;
/**
 * Liveness: the process answers.
 */
export declare const operationsLive: <ThrowOnError extends boolean = false>(options?: Options<OperationsLiveData, ThrowOnError>) => RequestResult<OperationsLiveResponses, unknown, ThrowOnError>;
/**
 * Readiness: the database answers.
 */
export declare const operationsReady: <ThrowOnError extends boolean = false>(options?: Options<OperationsReadyData, ThrowOnError>) => RequestResult<OperationsReadyResponses, OperationsReadyErrors, ThrowOnError>;
