"""Freshdesk's error answers, with their real bodies."""

from __future__ import annotations

from .jsonenc import dumps


class ApiError(Exception):
    """An HTTP error answer; `body` is the exact bytes to send (empty for 404)."""

    def __init__(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        super().__init__(status)
        self.status = status
        self.body = body
        self.headers = headers or {}


def validation(field: str, message: str, code: str = "invalid_value") -> ApiError:
    """400 in the `description/errors` shape."""
    return ApiError(400, dumps({"description": "Validation failed",
                                "errors": [{"field": field, "message": message, "code": code}]}))


def unknown_param(field: str) -> ApiError:
    return validation(field, "Unexpected/invalid field in request", "invalid_field")


def require_feature(feature: str) -> ApiError:
    """403 for an endpoint the account's plan lacks (message format from Freshdesk's own tests)."""
    return ApiError(403, dumps({"code": "require_feature",
                                "message": f"The {feature} feature(s) is/are not supported in your plan. "
                                           "Please upgrade your account to use it."}))


def access_denied() -> ApiError:
    return ApiError(403, ACCESS_DENIED)


def not_found() -> ApiError:
    """404 with an empty body, as Freshdesk's `head 404`."""
    return ApiError(404)


PAGE_CAP_MESSAGE = "You cannot access tickets beyond the 300th page. Please provide a smaller page number."
UNAUTHORIZED = dumps({"code": "invalid_credentials", "message": "You have to be logged in to perform this action."})
ACCESS_DENIED = dumps({"code": "access_denied", "message": "You are not authorized to perform this action."})
RATE_LIMITED = dumps({"message": "You have exceeded the limit of requests per minute"})
SERVER_ERROR = dumps({"code": "internal_error", "message": "We're sorry, but something went wrong."})
GATEWAY_ERROR = {502: b"<html><body><h1>502 Bad Gateway</h1></body></html>",
                 503: b"<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>"}
