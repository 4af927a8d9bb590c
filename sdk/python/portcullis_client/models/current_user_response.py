from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.factors_view import FactorsView
    from ..models.user_view import UserView


T = TypeVar("T", bound="CurrentUserResponse")


@_attrs_define
class CurrentUserResponse:
    """`GET /api/auth/user`: the user and which second factors are on.

    Attributes:
        user (UserView): The user object of CONTRACTS section 1.
        factors (FactorsView):
        locale (None | str | Unset): The language chosen for the hosted pages and mails (a tag such as `fr`); `null`:
            each
            request decides (docs/languages.md). Only on `/api/auth/user`.
    """

    user: UserView
    factors: FactorsView
    locale: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user = self.user.to_dict()

        factors = self.factors.to_dict()

        locale: None | str | Unset
        if isinstance(self.locale, Unset):
            locale = UNSET
        else:
            locale = self.locale

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user": user,
                "factors": factors,
            }
        )
        if locale is not UNSET:
            field_dict["locale"] = locale

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.factors_view import FactorsView
        from ..models.user_view import UserView

        d = dict(src_dict)
        user = UserView.from_dict(d.pop("user"))

        factors = FactorsView.from_dict(d.pop("factors"))

        def _parse_locale(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        locale = _parse_locale(d.pop("locale", UNSET))

        current_user_response = cls(
            user=user,
            factors=factors,
            locale=locale,
        )

        current_user_response.additional_properties = d
        return current_user_response

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
