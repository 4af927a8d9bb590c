"""Contains all the data models used in inputs/outputs"""

from .accept_invitation_request import AcceptInvitationRequest
from .active_organization_request import ActiveOrganizationRequest
from .active_organization_response import ActiveOrganizationResponse
from .admin_create_organization_request import AdminCreateOrganizationRequest
from .admin_create_organization_request_metadata_type_0 import (
    AdminCreateOrganizationRequestMetadataType0,
)
from .admin_member_response import AdminMemberResponse
from .admin_member_role_request import AdminMemberRoleRequest
from .admin_organization import AdminOrganization
from .admin_organization_members_page import AdminOrganizationMembersPage
from .admin_organization_metadata import AdminOrganizationMetadata
from .admin_organizations_page import AdminOrganizationsPage
from .admin_update_user_request import AdminUpdateUserRequest
from .admin_user_response import AdminUserResponse
from .audit_entry_view import AuditEntryView
from .audit_page import AuditPage
from .ceremony_response import CeremonyResponse
from .ceremony_response_options import CeremonyResponseOptions
from .change_password_request import ChangePasswordRequest
from .client_spec import ClientSpec
from .client_view import ClientView
from .clients_page import ClientsPage
from .code_request import CodeRequest
from .create_user_request import CreateUserRequest
from .current_user_response import CurrentUserResponse
from .delete_organization_request import DeleteOrganizationRequest
from .delete_user_request import DeleteUserRequest
from .email_login_verify_request import EmailLoginVerifyRequest
from .email_request import EmailRequest
from .enrolment_response import EnrolmentResponse
from .error_body import ErrorBody
from .error_code import ErrorCode
from .factors_view import FactorsView
from .fresh_request import FreshRequest
from .grant_view import GrantView
from .grants_response import GrantsResponse
from .identities_response import IdentitiesResponse
from .identity_view import IdentityView
from .invitation_view import InvitationView
from .invitations_response import InvitationsResponse
from .invite_request import InviteRequest
from .link_request import LinkRequest
from .link_response import LinkResponse
from .login_request import LoginRequest
from .login_response import LoginResponse
from .members_response import MembersResponse
from .message_response import MessageResponse
from .mfa_verify_request import MfaVerifyRequest
from .org_input import OrgInput
from .org_input_metadata_type_0 import OrgInputMetadataType0
from .organization_member import OrganizationMember
from .organization_view import OrganizationView
from .organization_view_metadata import OrganizationViewMetadata
from .organizations_response import OrganizationsResponse
from .passkey_login_options_request import PasskeyLoginOptionsRequest
from .passkey_login_request import PasskeyLoginRequest
from .passkey_login_request_credential import PasskeyLoginRequestCredential
from .passkey_response import PasskeyResponse
from .passkey_view import PasskeyView
from .passkeys_response import PasskeysResponse
from .reauth_response import ReauthResponse
from .recovery_codes_response import RecoveryCodesResponse
from .refresh_request import RefreshRequest
from .refresh_response import RefreshResponse
from .register_passkey_request import RegisterPasskeyRequest
from .register_passkey_request_credential import RegisterPasskeyRequestCredential
from .register_request import RegisterRequest
from .register_response import RegisterResponse
from .registration_token_request import RegistrationTokenRequest
from .registration_token_view import RegistrationTokenView
from .registration_tokens_page import RegistrationTokensPage
from .rename_passkey_request import RenamePasskeyRequest
from .reset_password_request import ResetPasswordRequest
from .revoked_response import RevokedResponse
from .revoked_sessions import RevokedSessions
from .role_request import RoleRequest
from .second_factor_response import SecondFactorResponse
from .session_view import SessionView
from .sessions_response import SessionsResponse
from .team_request import TeamRequest
from .team_view import TeamView
from .teams_response import TeamsResponse
from .token_request import TokenRequest
from .update_user_request import UpdateUserRequest
from .user_response import UserResponse
from .user_view import UserView
from .users_page import UsersPage

__all__ = (
    "AcceptInvitationRequest",
    "ActiveOrganizationRequest",
    "ActiveOrganizationResponse",
    "AdminCreateOrganizationRequest",
    "AdminCreateOrganizationRequestMetadataType0",
    "AdminMemberResponse",
    "AdminMemberRoleRequest",
    "AdminOrganization",
    "AdminOrganizationMembersPage",
    "AdminOrganizationMetadata",
    "AdminOrganizationsPage",
    "AdminUpdateUserRequest",
    "AdminUserResponse",
    "AuditEntryView",
    "AuditPage",
    "CeremonyResponse",
    "CeremonyResponseOptions",
    "ChangePasswordRequest",
    "ClientSpec",
    "ClientView",
    "ClientsPage",
    "CodeRequest",
    "CreateUserRequest",
    "CurrentUserResponse",
    "DeleteOrganizationRequest",
    "DeleteUserRequest",
    "EmailLoginVerifyRequest",
    "EmailRequest",
    "EnrolmentResponse",
    "ErrorBody",
    "ErrorCode",
    "FactorsView",
    "FreshRequest",
    "GrantView",
    "GrantsResponse",
    "IdentitiesResponse",
    "IdentityView",
    "InvitationView",
    "InvitationsResponse",
    "InviteRequest",
    "LinkRequest",
    "LinkResponse",
    "LoginRequest",
    "LoginResponse",
    "MembersResponse",
    "MessageResponse",
    "MfaVerifyRequest",
    "OrgInput",
    "OrgInputMetadataType0",
    "OrganizationMember",
    "OrganizationView",
    "OrganizationViewMetadata",
    "OrganizationsResponse",
    "PasskeyLoginOptionsRequest",
    "PasskeyLoginRequest",
    "PasskeyLoginRequestCredential",
    "PasskeyResponse",
    "PasskeyView",
    "PasskeysResponse",
    "ReauthResponse",
    "RecoveryCodesResponse",
    "RefreshRequest",
    "RefreshResponse",
    "RegisterPasskeyRequest",
    "RegisterPasskeyRequestCredential",
    "RegisterRequest",
    "RegisterResponse",
    "RegistrationTokenRequest",
    "RegistrationTokenView",
    "RegistrationTokensPage",
    "RenamePasskeyRequest",
    "ResetPasswordRequest",
    "RevokedResponse",
    "RevokedSessions",
    "RoleRequest",
    "SecondFactorResponse",
    "SessionView",
    "SessionsResponse",
    "TeamRequest",
    "TeamView",
    "TeamsResponse",
    "TokenRequest",
    "UpdateUserRequest",
    "UserResponse",
    "UserView",
    "UsersPage",
)
