from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="AdminMemberRoleRequest")


@_attrs_define
class AdminMemberRoleRequest:
    """
    Attributes:
        role (str): `owner`, `admin`, `member`, or a role of `PORTCULLIS_ORG_ROLES`.
    """

    role: str

    def to_dict(self) -> dict[str, Any]:
        role = self.role

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        role = d.pop("role")

        admin_member_role_request = cls(
            role=role,
        )

        return admin_member_role_request
