from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.passkey_login_request_credential import PasskeyLoginRequestCredential


T = TypeVar("T", bound="PasskeyLoginRequest")


@_attrs_define
class PasskeyLoginRequest:
    """
    Attributes:
        ceremony (str):
        credential (PasskeyLoginRequestCredential): The browser's answer to `navigator.credentials.get()`, as JSON.
    """

    ceremony: str
    credential: PasskeyLoginRequestCredential
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ceremony = self.ceremony

        credential = self.credential.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ceremony": ceremony,
                "credential": credential,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.passkey_login_request_credential import (
            PasskeyLoginRequestCredential,
        )

        d = dict(src_dict)
        ceremony = d.pop("ceremony")

        credential = PasskeyLoginRequestCredential.from_dict(d.pop("credential"))

        passkey_login_request = cls(
            ceremony=ceremony,
            credential=credential,
        )

        passkey_login_request.additional_properties = d
        return passkey_login_request

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
