from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.admin_organization_metadata import AdminOrganizationMetadata


T = TypeVar("T", bound="AdminOrganization")


@_attrs_define
class AdminOrganization:
    """An organisation as the operator sees it (no caller's role: the operator has none).

    Attributes:
        id (str):
        slug (str):
        name (str):
        metadata (AdminOrganizationMetadata):
        created_at (str):
        updated_at (str):
    """

    id: str
    slug: str
    name: str
    metadata: AdminOrganizationMetadata
    created_at: str
    updated_at: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        slug = self.slug

        name = self.name

        metadata = self.metadata.to_dict()

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
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.admin_organization_metadata import AdminOrganizationMetadata

        d = dict(src_dict)
        id = d.pop("id")

        slug = d.pop("slug")

        name = d.pop("name")

        metadata = AdminOrganizationMetadata.from_dict(d.pop("metadata"))

        created_at = d.pop("created_at")

        updated_at = d.pop("updated_at")

        admin_organization = cls(
            id=id,
            slug=slug,
            name=name,
            metadata=metadata,
            created_at=created_at,
            updated_at=updated_at,
        )

        admin_organization.additional_properties = d
        return admin_organization

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
