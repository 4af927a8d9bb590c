from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.organization_member import OrganizationMember


T = TypeVar("T", bound="AdminMemberResponse")


@_attrs_define
class AdminMemberResponse:
    """The member just added or changed.

    Attributes:
        member (OrganizationMember): A member, as the members and the operator see it.
        added (bool): `true`: they were not a member before this call.
    """

    member: OrganizationMember
    added: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        member = self.member.to_dict()

        added = self.added

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "member": member,
                "added": added,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.organization_member import OrganizationMember

        d = dict(src_dict)
        member = OrganizationMember.from_dict(d.pop("member"))

        added = d.pop("added")

        admin_member_response = cls(
            member=member,
            added=added,
        )

        admin_member_response.additional_properties = d
        return admin_member_response

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
