from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.organization_view import OrganizationView


T = TypeVar("T", bound="ActiveOrganizationResponse")


@_attrs_define
class ActiveOrganizationResponse:
    """
    Attributes:
        access_token (str): A new access token carrying the organisation (`org_id`, `org_slug`, `org_role`,
            `org_permissions`), or none.
        token_type (str): `Bearer`, or `DPoP` for a session bound to a key.
        expires_in (int):
        organization (None | OrganizationView | Unset):
    """

    access_token: str
    token_type: str
    expires_in: int
    organization: None | OrganizationView | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.organization_view import OrganizationView

        access_token = self.access_token

        token_type = self.token_type

        expires_in = self.expires_in

        organization: dict[str, Any] | None | Unset
        if isinstance(self.organization, Unset):
            organization = UNSET
        elif isinstance(self.organization, OrganizationView):
            organization = self.organization.to_dict()
        else:
            organization = self.organization

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "access_token": access_token,
                "token_type": token_type,
                "expires_in": expires_in,
            }
        )
        if organization is not UNSET:
            field_dict["organization"] = organization

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.organization_view import OrganizationView

        d = dict(src_dict)
        access_token = d.pop("access_token")

        token_type = d.pop("token_type")

        expires_in = d.pop("expires_in")

        def _parse_organization(data: object) -> None | OrganizationView | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                organization_type_1 = OrganizationView.from_dict(data)

                return organization_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OrganizationView | Unset, data)

        organization = _parse_organization(d.pop("organization", UNSET))

        active_organization_response = cls(
            access_token=access_token,
            token_type=token_type,
            expires_in=expires_in,
            organization=organization,
        )

        active_organization_response.additional_properties = d
        return active_organization_response

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
