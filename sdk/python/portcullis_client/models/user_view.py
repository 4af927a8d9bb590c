from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UserView")


@_attrs_define
class UserView:
    """The user object of CONTRACTS section 1.

    Attributes:
        id (str):
        email (str):
        is_active (bool):
        email_verified (bool):
        created_at (str): RFC 3339, UTC.
        updated_at (str):
        username (None | str | Unset):
    """

    id: str
    email: str
    is_active: bool
    email_verified: bool
    created_at: str
    updated_at: str
    username: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        email = self.email

        is_active = self.is_active

        email_verified = self.email_verified

        created_at = self.created_at

        updated_at = self.updated_at

        username: None | str | Unset
        if isinstance(self.username, Unset):
            username = UNSET
        else:
            username = self.username

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "email": email,
                "is_active": is_active,
                "email_verified": email_verified,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if username is not UNSET:
            field_dict["username"] = username

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        email = d.pop("email")

        is_active = d.pop("is_active")

        email_verified = d.pop("email_verified")

        created_at = d.pop("created_at")

        updated_at = d.pop("updated_at")

        def _parse_username(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        username = _parse_username(d.pop("username", UNSET))

        user_view = cls(
            id=id,
            email=email,
            is_active=is_active,
            email_verified=email_verified,
            created_at=created_at,
            updated_at=updated_at,
            username=username,
        )

        user_view.additional_properties = d
        return user_view

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
