from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SecondFactorResponse")


@_attrs_define
class SecondFactorResponse:
    """The first step of a login for an account with a second factor: no session yet.

    Attributes:
        mfa_required (bool): Always `true`.
        mfa_token (str): Send it with a code to `POST /api/auth/mfa/verify` within 5 minutes.
        methods (list[str]): `totp`, `recovery_code`.
    """

    mfa_required: bool
    mfa_token: str
    methods: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        mfa_required = self.mfa_required

        mfa_token = self.mfa_token

        methods = self.methods

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "mfa_required": mfa_required,
                "mfa_token": mfa_token,
                "methods": methods,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        mfa_required = d.pop("mfa_required")

        mfa_token = d.pop("mfa_token")

        methods = cast(list[str], d.pop("methods"))

        second_factor_response = cls(
            mfa_required=mfa_required,
            mfa_token=mfa_token,
            methods=methods,
        )

        second_factor_response.additional_properties = d
        return second_factor_response

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
