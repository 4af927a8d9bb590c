from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ClientSpec")


@_attrs_define
class ClientSpec:
    """What a registration says; unset fields take the defaults (or, on update, keep their value).

    Attributes:
        client_id (None | str | Unset): Chosen by the operator (letters, digits, `-._~`), or generated.
        name (None | str | Unset):
        redirect_uris (list[str] | None | Unset):
        post_logout_redirect_uris (list[str] | None | Unset):
        grant_types (list[str] | None | Unset): `authorization_code`, `refresh_token`, `client_credentials`,
            `urn:ietf:params:oauth:grant-type:device_code`. Default: the first two.
        scopes (list[str] | None | Unset): Default: `openid profile email offline_access`.
        backchannel_logout_uri (None | str | Unset):
        skip_consent (bool | None | Unset): A first-party application: no consent page.
        token_endpoint_auth_method (None | str | Unset): `client_secret_basic` (default), `client_secret_post`,
            `private_key_jwt`, or `none` (a
            public client; what `public: true` means).
        public (bool | None | Unset):
        jwks_uri (None | str | Unset):
        id_token_signed_response_alg (None | str | Unset): `RS256` (default), `ES256` or `EdDSA`.
        resources (list[str] | None | Unset): The resource indicators (RFC 8707) it may ask tokens for: absolute URIs,
            or prefixes
            written `https://api.example.com/*`.
        require_pushed_authorization_requests (bool | None | Unset): It must push its authorization requests (RFC 9126).
    """

    client_id: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    redirect_uris: list[str] | None | Unset = UNSET
    post_logout_redirect_uris: list[str] | None | Unset = UNSET
    grant_types: list[str] | None | Unset = UNSET
    scopes: list[str] | None | Unset = UNSET
    backchannel_logout_uri: None | str | Unset = UNSET
    skip_consent: bool | None | Unset = UNSET
    token_endpoint_auth_method: None | str | Unset = UNSET
    public: bool | None | Unset = UNSET
    jwks_uri: None | str | Unset = UNSET
    id_token_signed_response_alg: None | str | Unset = UNSET
    resources: list[str] | None | Unset = UNSET
    require_pushed_authorization_requests: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        client_id: None | str | Unset
        if isinstance(self.client_id, Unset):
            client_id = UNSET
        else:
            client_id = self.client_id

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        redirect_uris: list[str] | None | Unset
        if isinstance(self.redirect_uris, Unset):
            redirect_uris = UNSET
        elif isinstance(self.redirect_uris, list):
            redirect_uris = self.redirect_uris

        else:
            redirect_uris = self.redirect_uris

        post_logout_redirect_uris: list[str] | None | Unset
        if isinstance(self.post_logout_redirect_uris, Unset):
            post_logout_redirect_uris = UNSET
        elif isinstance(self.post_logout_redirect_uris, list):
            post_logout_redirect_uris = self.post_logout_redirect_uris

        else:
            post_logout_redirect_uris = self.post_logout_redirect_uris

        grant_types: list[str] | None | Unset
        if isinstance(self.grant_types, Unset):
            grant_types = UNSET
        elif isinstance(self.grant_types, list):
            grant_types = self.grant_types

        else:
            grant_types = self.grant_types

        scopes: list[str] | None | Unset
        if isinstance(self.scopes, Unset):
            scopes = UNSET
        elif isinstance(self.scopes, list):
            scopes = self.scopes

        else:
            scopes = self.scopes

        backchannel_logout_uri: None | str | Unset
        if isinstance(self.backchannel_logout_uri, Unset):
            backchannel_logout_uri = UNSET
        else:
            backchannel_logout_uri = self.backchannel_logout_uri

        skip_consent: bool | None | Unset
        if isinstance(self.skip_consent, Unset):
            skip_consent = UNSET
        else:
            skip_consent = self.skip_consent

        token_endpoint_auth_method: None | str | Unset
        if isinstance(self.token_endpoint_auth_method, Unset):
            token_endpoint_auth_method = UNSET
        else:
            token_endpoint_auth_method = self.token_endpoint_auth_method

        public: bool | None | Unset
        if isinstance(self.public, Unset):
            public = UNSET
        else:
            public = self.public

        jwks_uri: None | str | Unset
        if isinstance(self.jwks_uri, Unset):
            jwks_uri = UNSET
        else:
            jwks_uri = self.jwks_uri

        id_token_signed_response_alg: None | str | Unset
        if isinstance(self.id_token_signed_response_alg, Unset):
            id_token_signed_response_alg = UNSET
        else:
            id_token_signed_response_alg = self.id_token_signed_response_alg

        resources: list[str] | None | Unset
        if isinstance(self.resources, Unset):
            resources = UNSET
        elif isinstance(self.resources, list):
            resources = self.resources

        else:
            resources = self.resources

        require_pushed_authorization_requests: bool | None | Unset
        if isinstance(self.require_pushed_authorization_requests, Unset):
            require_pushed_authorization_requests = UNSET
        else:
            require_pushed_authorization_requests = (
                self.require_pushed_authorization_requests
            )

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if client_id is not UNSET:
            field_dict["client_id"] = client_id
        if name is not UNSET:
            field_dict["name"] = name
        if redirect_uris is not UNSET:
            field_dict["redirect_uris"] = redirect_uris
        if post_logout_redirect_uris is not UNSET:
            field_dict["post_logout_redirect_uris"] = post_logout_redirect_uris
        if grant_types is not UNSET:
            field_dict["grant_types"] = grant_types
        if scopes is not UNSET:
            field_dict["scopes"] = scopes
        if backchannel_logout_uri is not UNSET:
            field_dict["backchannel_logout_uri"] = backchannel_logout_uri
        if skip_consent is not UNSET:
            field_dict["skip_consent"] = skip_consent
        if token_endpoint_auth_method is not UNSET:
            field_dict["token_endpoint_auth_method"] = token_endpoint_auth_method
        if public is not UNSET:
            field_dict["public"] = public
        if jwks_uri is not UNSET:
            field_dict["jwks_uri"] = jwks_uri
        if id_token_signed_response_alg is not UNSET:
            field_dict["id_token_signed_response_alg"] = id_token_signed_response_alg
        if resources is not UNSET:
            field_dict["resources"] = resources
        if require_pushed_authorization_requests is not UNSET:
            field_dict["require_pushed_authorization_requests"] = (
                require_pushed_authorization_requests
            )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_client_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        client_id = _parse_client_id(d.pop("client_id", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_redirect_uris(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                redirect_uris_type_0 = cast(list[str], data)

                return redirect_uris_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        redirect_uris = _parse_redirect_uris(d.pop("redirect_uris", UNSET))

        def _parse_post_logout_redirect_uris(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                post_logout_redirect_uris_type_0 = cast(list[str], data)

                return post_logout_redirect_uris_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        post_logout_redirect_uris = _parse_post_logout_redirect_uris(
            d.pop("post_logout_redirect_uris", UNSET)
        )

        def _parse_grant_types(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                grant_types_type_0 = cast(list[str], data)

                return grant_types_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        grant_types = _parse_grant_types(d.pop("grant_types", UNSET))

        def _parse_scopes(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                scopes_type_0 = cast(list[str], data)

                return scopes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        scopes = _parse_scopes(d.pop("scopes", UNSET))

        def _parse_backchannel_logout_uri(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        backchannel_logout_uri = _parse_backchannel_logout_uri(
            d.pop("backchannel_logout_uri", UNSET)
        )

        def _parse_skip_consent(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        skip_consent = _parse_skip_consent(d.pop("skip_consent", UNSET))

        def _parse_token_endpoint_auth_method(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        token_endpoint_auth_method = _parse_token_endpoint_auth_method(
            d.pop("token_endpoint_auth_method", UNSET)
        )

        def _parse_public(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        public = _parse_public(d.pop("public", UNSET))

        def _parse_jwks_uri(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        jwks_uri = _parse_jwks_uri(d.pop("jwks_uri", UNSET))

        def _parse_id_token_signed_response_alg(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id_token_signed_response_alg = _parse_id_token_signed_response_alg(
            d.pop("id_token_signed_response_alg", UNSET)
        )

        def _parse_resources(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                resources_type_0 = cast(list[str], data)

                return resources_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        resources = _parse_resources(d.pop("resources", UNSET))

        def _parse_require_pushed_authorization_requests(
            data: object,
        ) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        require_pushed_authorization_requests = (
            _parse_require_pushed_authorization_requests(
                d.pop("require_pushed_authorization_requests", UNSET)
            )
        )

        client_spec = cls(
            client_id=client_id,
            name=name,
            redirect_uris=redirect_uris,
            post_logout_redirect_uris=post_logout_redirect_uris,
            grant_types=grant_types,
            scopes=scopes,
            backchannel_logout_uri=backchannel_logout_uri,
            skip_consent=skip_consent,
            token_endpoint_auth_method=token_endpoint_auth_method,
            public=public,
            jwks_uri=jwks_uri,
            id_token_signed_response_alg=id_token_signed_response_alg,
            resources=resources,
            require_pushed_authorization_requests=require_pushed_authorization_requests,
        )

        return client_spec
