from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.link_request import LinkRequest
from ...models.link_response import LinkResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    provider: str,
    *,
    body: LinkRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/auth/oauth/{provider}/link".format(
            provider=quote(str(provider), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorBody | LinkResponse | None:
    if response.status_code == 200:
        response_200 = LinkResponse.from_dict(response.json())

        return response_200

    if response.status_code == 303:
        response_303 = cast(Any, None)
        return response_303

    if response.status_code == 400:
        response_400 = ErrorBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorBody.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorBody.from_dict(response.json())

        return response_404

    if response.status_code == 413:
        response_413 = ErrorBody.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = ErrorBody.from_dict(response.json())

        return response_415

    if response.status_code == 429:
        response_429 = ErrorBody.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | ErrorBody | LinkResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    provider: str,
    *,
    client: AuthenticatedClient,
    body: LinkRequest | Unset = UNSET,
) -> Response[Any | ErrorBody | LinkResponse]:
    """Link an external identity to the signed-in account: like `start`, for an account that
    authenticated within `PORTCULLIS_REAUTH_WINDOW` (or that sends its password or a code).
    A POST, so another site cannot begin it with the user's cookie (`SameSite=Lax` cookies
    ride along on a cross-site GET). The provider must vouch for the identity's address. The
    link is bound to this session and its password: it completes only while this session is
    live and the password unchanged.

    Args:
        provider (str):
        body (LinkRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorBody | LinkResponse]
    """

    kwargs = _get_kwargs(
        provider=provider,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    provider: str,
    *,
    client: AuthenticatedClient,
    body: LinkRequest | Unset = UNSET,
) -> Any | ErrorBody | LinkResponse | None:
    """Link an external identity to the signed-in account: like `start`, for an account that
    authenticated within `PORTCULLIS_REAUTH_WINDOW` (or that sends its password or a code).
    A POST, so another site cannot begin it with the user's cookie (`SameSite=Lax` cookies
    ride along on a cross-site GET). The provider must vouch for the identity's address. The
    link is bound to this session and its password: it completes only while this session is
    live and the password unchanged.

    Args:
        provider (str):
        body (LinkRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorBody | LinkResponse
    """

    return sync_detailed(
        provider=provider,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    provider: str,
    *,
    client: AuthenticatedClient,
    body: LinkRequest | Unset = UNSET,
) -> Response[Any | ErrorBody | LinkResponse]:
    """Link an external identity to the signed-in account: like `start`, for an account that
    authenticated within `PORTCULLIS_REAUTH_WINDOW` (or that sends its password or a code).
    A POST, so another site cannot begin it with the user's cookie (`SameSite=Lax` cookies
    ride along on a cross-site GET). The provider must vouch for the identity's address. The
    link is bound to this session and its password: it completes only while this session is
    live and the password unchanged.

    Args:
        provider (str):
        body (LinkRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorBody | LinkResponse]
    """

    kwargs = _get_kwargs(
        provider=provider,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    provider: str,
    *,
    client: AuthenticatedClient,
    body: LinkRequest | Unset = UNSET,
) -> Any | ErrorBody | LinkResponse | None:
    """Link an external identity to the signed-in account: like `start`, for an account that
    authenticated within `PORTCULLIS_REAUTH_WINDOW` (or that sends its password or a code).
    A POST, so another site cannot begin it with the user's cookie (`SameSite=Lax` cookies
    ride along on a cross-site GET). The provider must vouch for the identity's address. The
    link is bound to this session and its password: it completes only while this session is
    live and the password unchanged.

    Args:
        provider (str):
        body (LinkRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorBody | LinkResponse
    """

    return (
        await asyncio_detailed(
            provider=provider,
            client=client,
            body=body,
        )
    ).parsed
