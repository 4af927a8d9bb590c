from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GrantView")


@_attrs_define
class GrantView:
    """An application the person has granted access to their account.

    Attributes:
        client_id (str):
        name (str): The application's name, as its registration gives it.
        scopes (list[str]): Every scope the person has allowed it (the union of what it asked for).
        granted_at (str): When it was first granted.
        updated_at (str): When the grant last changed: a new sign-in or a wider set of scopes.
        last_used_at (None | str | Unset): When it last got tokens (a sign-in completed, a refresh), if ever.
    """

    client_id: str
    name: str
    scopes: list[str]
    granted_at: str
    updated_at: str
    last_used_at: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        client_id = self.client_id

        name = self.name

        scopes = self.scopes

        granted_at = self.granted_at

        updated_at = self.updated_at

        last_used_at: None | str | Unset
        if isinstance(self.last_used_at, Unset):
            last_used_at = UNSET
        else:
            last_used_at = self.last_used_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "client_id": client_id,
                "name": name,
                "scopes": scopes,
                "granted_at": granted_at,
                "updated_at": updated_at,
            }
        )
        if last_used_at is not UNSET:
            field_dict["last_used_at"] = last_used_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        client_id = d.pop("client_id")

        name = d.pop("name")

        scopes = cast(list[str], d.pop("scopes"))

        granted_at = d.pop("granted_at")

        updated_at = d.pop("updated_at")

        def _parse_last_used_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_used_at = _parse_last_used_at(d.pop("last_used_at", UNSET))

        grant_view = cls(
            client_id=client_id,
            name=name,
            scopes=scopes,
            granted_at=granted_at,
            updated_at=updated_at,
            last_used_at=last_used_at,
        )

        grant_view.additional_properties = d
        return grant_view

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
