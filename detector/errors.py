"""Domain errors. Each class carries the exit code (CLI) and HTTP status (API) it maps to."""


class DetectorError(Exception):
    """Base for errors a user can act on; the message says what is wrong and how to fix it."""

    exit_code = 2
    http_status = 400


class InputError(DetectorError):
    """The input cannot be read at all (missing file, unknown format, unreadable table)."""

    exit_code = 3
    http_status = 422


class ConfigurationError(DetectorError):
    """A setting, option or configured file is missing or wrong."""

    exit_code = 4
    http_status = 500


class ModelError(DetectorError):
    """A model folder is missing, corrupt, or does not match this code's feature list."""

    exit_code = 5
    http_status = 500


class GeoDatabaseError(ConfigurationError):
    """A MaxMind DB file cannot be opened or has an unsupported layout."""
