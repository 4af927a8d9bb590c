from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.user_view import UserView


T = TypeVar("T", bound="AdminUserResponse")


@_attrs_define
class AdminUserResponse:
    """An account (`is_active`: `false` once disabled).

    Attributes:
        user (UserView): The user object of CONTRACTS section 1.
        invited (bool | None | Unset): Only when the account was created with `invite`: whether the invitation was
            queued
            (`false`: the per-address mail throttle held it back; call `send-reset` later).
    """

    user: UserView
    invited: bool | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user = self.user.to_dict()

        invited: bool | None | Unset
        if isinstance(self.invited, Unset):
            invited = UNSET
        else:
            invited = self.invited

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user": user,
            }
        )
        if invited is not UNSET:
            field_dict["invited"] = invited

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.user_view import UserView

        d = dict(src_dict)
        user = UserView.from_dict(d.pop("user"))

        def _parse_invited(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        invited = _parse_invited(d.pop("invited", UNSET))

        admin_user_response = cls(
            user=user,
            invited=invited,
        )

        admin_user_response.additional_properties = d
        return admin_user_response

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
