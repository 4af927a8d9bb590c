from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.ceremony_response_options import CeremonyResponseOptions


T = TypeVar("T", bound="CeremonyResponse")


@_attrs_define
class CeremonyResponse:
    """
    Attributes:
        ceremony (str): Finishes this ceremony (once, within five minutes, on any node).
        options (CeremonyResponseOptions): `{"publicKey": …}` for `navigator.credentials.create()` or `.get()`, binary
            fields as
            base64url.
    """

    ceremony: str
    options: CeremonyResponseOptions
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ceremony = self.ceremony

        options = self.options.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ceremony": ceremony,
                "options": options,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ceremony_response_options import CeremonyResponseOptions

        d = dict(src_dict)
        ceremony = d.pop("ceremony")

        options = CeremonyResponseOptions.from_dict(d.pop("options"))

        ceremony_response = cls(
            ceremony=ceremony,
            options=options,
        )

        ceremony_response.additional_properties = d
        return ceremony_response

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
