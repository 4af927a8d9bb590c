from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.org_input_metadata_type_0 import OrgInputMetadataType0


T = TypeVar("T", bound="OrgInput")


@_attrs_define
class OrgInput:
    """What a create or update says; what it leaves out is kept (or, on create, made: the slug
    from the name, empty metadata).

        Attributes:
            name (None | str | Unset): 1 to 200 characters.
            slug (None | str | Unset): 2 to 48 of `a-z`, `0-9` and inner `-`; unique.
            metadata (None | OrgInputMetadataType0 | Unset): A JSON object of the application's own, at most 4 KiB.
    """

    name: None | str | Unset = UNSET
    slug: None | str | Unset = UNSET
    metadata: None | OrgInputMetadataType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.org_input_metadata_type_0 import OrgInputMetadataType0

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        slug: None | str | Unset
        if isinstance(self.slug, Unset):
            slug = UNSET
        else:
            slug = self.slug

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, OrgInputMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if slug is not UNSET:
            field_dict["slug"] = slug
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.org_input_metadata_type_0 import OrgInputMetadataType0

        d = dict(src_dict)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_slug(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        slug = _parse_slug(d.pop("slug", UNSET))

        def _parse_metadata(data: object) -> None | OrgInputMetadataType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = OrgInputMetadataType0.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OrgInputMetadataType0 | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        org_input = cls(
            name=name,
            slug=slug,
            metadata=metadata,
        )

        return org_input
