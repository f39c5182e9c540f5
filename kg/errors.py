"""The typed errors of the library and the exit codes the CLI maps them to.

Every error a user can cause is a :class:`KgError`. Its message says what is wrong, where and how
to fix it, Swedish first with English beside it where a data steward reads it. The edges (CLI,
server) map the classes to exit codes and HTTP statuses in one place each; the library never
prints or exits.

Exit codes (documented in the README):

== ==========================================================
0  ok, or the document conforms
1  the document does not conform (validation failed)
2  bad input or usage (unreadable file, unknown query, bad parameter)
3  endpoint, store or port unavailable (unreachable, locked, timed out, in use)
70 internal error: a bug in kg (rerun with --verbose for the traceback)
130 interrupted (Ctrl-C, SIGINT): the command stopped; what it wrote is kept, each document whole
== ==========================================================
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_NOT_CONFORMING = 1
EXIT_BAD_INPUT = 2
EXIT_UNAVAILABLE = 3
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130


class KgError(Exception):
    """Base class of every error the user can cause or fix."""

    exit_code: int = EXIT_BAD_INPUT
    http_status: int = 400

    def __init__(self, message: str, *, hint: str | None = None, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.where = where

    def __str__(self) -> str:
        parts = [f"{self.where}: {self.message}" if self.where else self.message]
        if self.hint:
            parts.append(self.hint)
        return "\n".join(parts)


class InputError(KgError):
    """Bad input: a file that cannot be read or parsed, a wrong option value."""


class SettingsError(InputError):
    """A setting from an option or the environment that cannot be used (e.g. ``KG_LOCK_TIMEOUT=abc``)."""


class ParseError(InputError):
    """A document that is not well-formed in its format (with line and column when known)."""

    def __init__(
        self,
        message: str,
        *,
        where: str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        loc = where
        if where and line is not None:
            loc = f"{where}:{line}" + (f":{column}" if column is not None else "")
        super().__init__(message, where=loc, hint=hint)
        self.line = line
        self.column = column


class ExtractionError(InputError):
    """A text that is not a medborgarlöfte, or lacks something extraction cannot guess."""


class DocumentNotFound(InputError):
    """A document ID that is not in the store."""

    http_status = 404


class PromiseNotFound(InputError):
    """A follow-up whose promise (mbl:followsUp) is neither in the store nor in the same import."""

    http_status = 404


class QueryNotFound(InputError):
    """A saved query name that does not exist."""

    http_status = 404


class QueryParameterError(InputError):
    """A missing, unknown or mistyped saved-query parameter."""


class QueryMetadataError(InputError):
    """A saved query whose `#+` header is malformed."""


class QuerySyntaxError(InputError):
    """A SPARQL text that does not parse."""


class QueryTooComplex(QuerySyntaxError):
    """A query nested deeper, or with more operators, than the parser can take safely."""


class QueryResourceLimit(KgError):
    """A query stopped because it needed more memory than a query may use (or ended its worker)."""

    exit_code = EXIT_UNAVAILABLE
    http_status = 503


class RequestTooLarge(InputError):
    """A request body over the server's size limit."""

    http_status = 413


class QueryRefused(InputError):
    """A query a read-only endpoint will not run (an update, a SERVICE call)."""

    http_status = 403


class QueryTimeout(KgError):
    """A query that ran past its time limit."""

    exit_code = EXIT_UNAVAILABLE
    http_status = 503


class StoreError(KgError):
    """The store cannot be opened: not a store, locked by another process, corrupt."""

    exit_code = EXIT_UNAVAILABLE
    http_status = 503


class StoreBusy(StoreError):
    """Another process holds the store's write lock."""


class EndpointError(KgError):
    """A remote SPARQL endpoint that is unreachable, refuses, times out or answers an error."""

    exit_code = EXIT_UNAVAILABLE
    http_status = 502


class EndpointAddressError(EndpointError):
    """An endpoint URL kg cannot send to (not http or https, no host): a usage error (exit 2)."""

    exit_code = EXIT_BAD_INPUT
    http_status = 400


class AddressUnavailable(KgError):
    """``kg serve`` cannot listen where it was told: the port is taken, or not allowed."""

    exit_code = EXIT_UNAVAILABLE
    http_status = 503
