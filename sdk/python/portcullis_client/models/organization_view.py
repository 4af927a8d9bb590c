from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.organization_view_metadata import OrganizationViewMetadata


T = TypeVar("T", bound="OrganizationView")


@_attrs_define
class OrganizationView:
    """An organisation, with the caller's role in it.

    Attributes:
        id (str):
        slug (str):
        name (str):
        metadata (OrganizationViewMetadata):
        role (str): The caller's role.
        permissions (list[str]): What that role may do (the tokens' `org_permissions`).
        created_at (str):
        updated_at (str):
    """

    id: str
    slug: str
    name: str
    metadata: OrganizationViewMetadata
    role: str
    permissions: list[str]
    created_at: str
    updated_at: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        slug = self.slug

        name = self.name

        metadata = self.metadata.to_dict()

        role = self.role

        permissions = self.permissions

        created_at = self.created_at

        updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "slug": slug,
                "name": name,
                "metadata": metadata,
                "role": role,
                "permissions": permissions,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.organization_view_metadata import OrganizationViewMetadata

        d = dict(src_dict)
        id = d.pop("id")

        slug = d.pop("slug")

        name = d.pop("name")

        metadata = OrganizationViewMetadata.from_dict(d.pop("metadata"))

        role = d.pop("role")

        permissions = cast(list[str], d.pop("permissions"))

        created_at = d.pop("created_at")

        updated_at = d.pop("updated_at")

        organization_view = cls(
            id=id,
            slug=slug,
            name=name,
            metadata=metadata,
            role=role,
            permissions=permissions,
            created_at=created_at,
            updated_at=updated_at,
        )

        organization_view.additional_properties = d
        return organization_view

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
