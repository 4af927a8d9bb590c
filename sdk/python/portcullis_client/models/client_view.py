from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ClientView")


@_attrs_define
class ClientView:
    """A client as the command line prints it and the admin API answers it: the registration's
    names are OAuth's (RFC 7591), and `client_secret` appears only when it was just made.

        Attributes:
            client_id (str):
            name (str):
            token_endpoint_auth_method (str):
            redirect_uris (list[str]):
            post_logout_redirect_uris (list[str]):
            grant_types (list[str]):
            scopes (list[str]):
            skip_consent (bool):
            id_token_signed_response_alg (str):
            resources (list[str]):
            require_pushed_authorization_requests (bool):
            managed_by (str): `api` (command line, admin API), `config` (rewritten from the configuration at start),
                `dynamic` (registered itself at `/oauth2/register`) or `document` (its
                `client_id` is the URL of its metadata document, from which it is written).
            created_at (str):
            updated_at (str):
            client_secret (None | str | Unset):
            backchannel_logout_uri (None | str | Unset):
            jwks_uri (None | str | Unset):
    """

    client_id: str
    name: str
    token_endpoint_auth_method: str
    redirect_uris: list[str]
    post_logout_redirect_uris: list[str]
    grant_types: list[str]
    scopes: list[str]
    skip_consent: bool
    id_token_signed_response_alg: str
    resources: list[str]
    require_pushed_authorization_requests: bool
    managed_by: str
    created_at: str
    updated_at: str
    client_secret: None | str | Unset = UNSET
    backchannel_logout_uri: None | str | Unset = UNSET
    jwks_uri: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        client_id = self.client_id

        name = self.name

        token_endpoint_auth_method = self.token_endpoint_auth_method

        redirect_uris = self.redirect_uris

        post_logout_redirect_uris = self.post_logout_redirect_uris

        grant_types = self.grant_types

        scopes = self.scopes

        skip_consent = self.skip_consent

        id_token_signed_response_alg = self.id_token_signed_response_alg

        resources = self.resources

        require_pushed_authorization_requests = (
            self.require_pushed_authorization_requests
        )

        managed_by = self.managed_by

        created_at = self.created_at

        updated_at = self.updated_at

        client_secret: None | str | Unset
        if isinstance(self.client_secret, Unset):
            client_secret = UNSET
        else:
            client_secret = self.client_secret

        backchannel_logout_uri: None | str | Unset
        if isinstance(self.backchannel_logout_uri, Unset):
            backchannel_logout_uri = UNSET
        else:
            backchannel_logout_uri = self.backchannel_logout_uri

        jwks_uri: None | str | Unset
        if isinstance(self.jwks_uri, Unset):
            jwks_uri = UNSET
        else:
            jwks_uri = self.jwks_uri

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "client_id": client_id,
                "name": name,
                "token_endpoint_auth_method": token_endpoint_auth_method,
                "redirect_uris": redirect_uris,
                "post_logout_redirect_uris": post_logout_redirect_uris,
                "grant_types": grant_types,
                "scopes": scopes,
                "skip_consent": skip_consent,
                "id_token_signed_response_alg": id_token_signed_response_alg,
                "resources": resources,
                "require_pushed_authorization_requests": require_pushed_authorization_requests,
                "managed_by": managed_by,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if client_secret is not UNSET:
            field_dict["client_secret"] = client_secret
        if backchannel_logout_uri is not UNSET:
            field_dict["backchannel_logout_uri"] = backchannel_logout_uri
        if jwks_uri is not UNSET:
            field_dict["jwks_uri"] = jwks_uri

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        client_id = d.pop("client_id")

        name = d.pop("name")

        token_endpoint_auth_method = d.pop("token_endpoint_auth_method")

        redirect_uris = cast(list[str], d.pop("redirect_uris"))

        post_logout_redirect_uris = cast(list[str], d.pop("post_logout_redirect_uris"))

        grant_types = cast(list[str], d.pop("grant_types"))

        scopes = cast(list[str], d.pop("scopes"))

        skip_consent = d.pop("skip_consent")

        id_token_signed_response_alg = d.pop("id_token_signed_response_alg")

        resources = cast(list[str], d.pop("resources"))

        require_pushed_authorization_requests = d.pop(
            "require_pushed_authorization_requests"
        )

        managed_by = d.pop("managed_by")

        created_at = d.pop("created_at")

        updated_at = d.pop("updated_at")

        def _parse_client_secret(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        client_secret = _parse_client_secret(d.pop("client_secret", UNSET))

        def _parse_backchannel_logout_uri(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        backchannel_logout_uri = _parse_backchannel_logout_uri(
            d.pop("backchannel_logout_uri", UNSET)
        )

        def _parse_jwks_uri(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        jwks_uri = _parse_jwks_uri(d.pop("jwks_uri", UNSET))

        client_view = cls(
            client_id=client_id,
            name=name,
            token_endpoint_auth_method=token_endpoint_auth_method,
            redirect_uris=redirect_uris,
            post_logout_redirect_uris=post_logout_redirect_uris,
            grant_types=grant_types,
            scopes=scopes,
            skip_consent=skip_consent,
            id_token_signed_response_alg=id_token_signed_response_alg,
            resources=resources,
            require_pushed_authorization_requests=require_pushed_authorization_requests,
            managed_by=managed_by,
            created_at=created_at,
            updated_at=updated_at,
            client_secret=client_secret,
            backchannel_logout_uri=backchannel_logout_uri,
            jwks_uri=jwks_uri,
        )

        client_view.additional_properties = d
        return client_view

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
