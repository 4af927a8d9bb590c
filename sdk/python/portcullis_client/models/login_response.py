from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.user_view import UserView


T = TypeVar("T", bound="LoginResponse")


@_attrs_define
class LoginResponse:
    """
    Attributes:
        message (str):
        access_token (str):
        token_type (str): Always `Bearer`.
        expires_in (int): Seconds until `access_token` expires.
        refresh_token (str):
        user (UserView): The user object of CONTRACTS section 1.
        mfa_enrollment_required (bool | Unset): Only with `PORTCULLIS_REQUIRE_MFA`, for an account without a second
            factor: enrol
            (`POST /api/auth/mfa/totp`) before anything else.
    """

    message: str
    access_token: str
    token_type: str
    expires_in: int
    refresh_token: str
    user: UserView
    mfa_enrollment_required: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        access_token = self.access_token

        token_type = self.token_type

        expires_in = self.expires_in

        refresh_token = self.refresh_token

        user = self.user.to_dict()

        mfa_enrollment_required = self.mfa_enrollment_required

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
                "access_token": access_token,
                "token_type": token_type,
                "expires_in": expires_in,
                "refresh_token": refresh_token,
                "user": user,
            }
        )
        if mfa_enrollment_required is not UNSET:
            field_dict["mfa_enrollment_required"] = mfa_enrollment_required

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.user_view import UserView

        d = dict(src_dict)
        message = d.pop("message")

        access_token = d.pop("access_token")

        token_type = d.pop("token_type")

        expires_in = d.pop("expires_in")

        refresh_token = d.pop("refresh_token")

        user = UserView.from_dict(d.pop("user"))

        mfa_enrollment_required = d.pop("mfa_enrollment_required", UNSET)

        login_response = cls(
            message=message,
            access_token=access_token,
            token_type=token_type,
            expires_in=expires_in,
            refresh_token=refresh_token,
            user=user,
            mfa_enrollment_required=mfa_enrollment_required,
        )

        login_response.additional_properties = d
        return login_response

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
