from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RegistrationTokenRequest")


@_attrs_define
class RegistrationTokenRequest:
    """What makes an initial access token.

    Attributes:
        label (str): What it is for (shown in lists and the audit log).
        expires_in (int | None | Unset): Seconds it works for; default 7 days, at most a year.
        uses (int | None | Unset): Registrations it allows (at most a million); default: any number until it expires.
    """

    label: str
    expires_in: int | None | Unset = UNSET
    uses: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        label = self.label

        expires_in: int | None | Unset
        if isinstance(self.expires_in, Unset):
            expires_in = UNSET
        else:
            expires_in = self.expires_in

        uses: int | None | Unset
        if isinstance(self.uses, Unset):
            uses = UNSET
        else:
            uses = self.uses

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "label": label,
            }
        )
        if expires_in is not UNSET:
            field_dict["expires_in"] = expires_in
        if uses is not UNSET:
            field_dict["uses"] = uses

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        label = d.pop("label")

        def _parse_expires_in(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expires_in = _parse_expires_in(d.pop("expires_in", UNSET))

        def _parse_uses(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        uses = _parse_uses(d.pop("uses", UNSET))

        registration_token_request = cls(
            label=label,
            expires_in=expires_in,
            uses=uses,
        )

        return registration_token_request
