from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RegistrationTokenView")


@_attrs_define
class RegistrationTokenView:
    """An initial access token for dynamic client registration, as listed (never the token).

    Attributes:
        id (str):
        label (str):
        created_at (str):
        expires_at (str):
        uses_left (int | None | Unset): Registrations it may still make; absent: any number until it expires.
        token (None | str | Unset): The token itself: in the answer that made it only.
    """

    id: str
    label: str
    created_at: str
    expires_at: str
    uses_left: int | None | Unset = UNSET
    token: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        label = self.label

        created_at = self.created_at

        expires_at = self.expires_at

        uses_left: int | None | Unset
        if isinstance(self.uses_left, Unset):
            uses_left = UNSET
        else:
            uses_left = self.uses_left

        token: None | str | Unset
        if isinstance(self.token, Unset):
            token = UNSET
        else:
            token = self.token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "label": label,
                "created_at": created_at,
                "expires_at": expires_at,
            }
        )
        if uses_left is not UNSET:
            field_dict["uses_left"] = uses_left
        if token is not UNSET:
            field_dict["token"] = token

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        label = d.pop("label")

        created_at = d.pop("created_at")

        expires_at = d.pop("expires_at")

        def _parse_uses_left(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        uses_left = _parse_uses_left(d.pop("uses_left", UNSET))

        def _parse_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        token = _parse_token(d.pop("token", UNSET))

        registration_token_view = cls(
            id=id,
            label=label,
            created_at=created_at,
            expires_at=expires_at,
            uses_left=uses_left,
            token=token,
        )

        registration_token_view.additional_properties = d
        return registration_token_view

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
