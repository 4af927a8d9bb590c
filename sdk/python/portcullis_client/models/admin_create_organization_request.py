from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.admin_create_organization_request_metadata_type_0 import (
        AdminCreateOrganizationRequestMetadataType0,
    )


T = TypeVar("T", bound="AdminCreateOrganizationRequest")


@_attrs_define
class AdminCreateOrganizationRequest:
    """A new organisation and its first owner, an existing user named by id or by address (one of
    the two).

        Attributes:
            name (str): 1 to 200 characters.
            slug (None | str | Unset): 2 to 48 of `a-z`, `0-9` and inner `-`; unique. Default: made from the name.
            metadata (AdminCreateOrganizationRequestMetadataType0 | None | Unset): A JSON object of the application's own,
                at most 4 KiB.
            owner_user_id (None | str | Unset): The first owner, by id.
            owner_email (None | str | Unset): The first owner, by email address.
    """

    name: str
    slug: None | str | Unset = UNSET
    metadata: AdminCreateOrganizationRequestMetadataType0 | None | Unset = UNSET
    owner_user_id: None | str | Unset = UNSET
    owner_email: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.admin_create_organization_request_metadata_type_0 import (
            AdminCreateOrganizationRequestMetadataType0,
        )

        name = self.name

        slug: None | str | Unset
        if isinstance(self.slug, Unset):
            slug = UNSET
        else:
            slug = self.slug

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, AdminCreateOrganizationRequestMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        owner_user_id: None | str | Unset
        if isinstance(self.owner_user_id, Unset):
            owner_user_id = UNSET
        else:
            owner_user_id = self.owner_user_id

        owner_email: None | str | Unset
        if isinstance(self.owner_email, Unset):
            owner_email = UNSET
        else:
            owner_email = self.owner_email

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if slug is not UNSET:
            field_dict["slug"] = slug
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if owner_user_id is not UNSET:
            field_dict["owner_user_id"] = owner_user_id
        if owner_email is not UNSET:
            field_dict["owner_email"] = owner_email

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.admin_create_organization_request_metadata_type_0 import (
            AdminCreateOrganizationRequestMetadataType0,
        )

        d = dict(src_dict)
        name = d.pop("name")

        def _parse_slug(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        slug = _parse_slug(d.pop("slug", UNSET))

        def _parse_metadata(
            data: object,
        ) -> AdminCreateOrganizationRequestMetadataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = AdminCreateOrganizationRequestMetadataType0.from_dict(
                    data
                )

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                AdminCreateOrganizationRequestMetadataType0 | None | Unset, data
            )

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        def _parse_owner_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        owner_user_id = _parse_owner_user_id(d.pop("owner_user_id", UNSET))

        def _parse_owner_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        owner_email = _parse_owner_email(d.pop("owner_email", UNSET))

        admin_create_organization_request = cls(
            name=name,
            slug=slug,
            metadata=metadata,
            owner_user_id=owner_user_id,
            owner_email=owner_email,
        )

        return admin_create_organization_request
