"""The one place user data is saved: SQLite by default, PostgreSQL by URL.

``store`` (the `Store`), ``schema`` (records, tables, checks), ``location`` (where the database lives),
``migrations`` (opening and upgrading) and ``exchange`` (backup and CSV).

Examples
--------
>>> from wijkteam_kit.store import Store
>>> store = Store(":memory:")
>>> store.add_participant("Kim").weergavenaam
'Kim'
"""

from wijkteam_kit.errors import (
    StoreError,
)

from .exchange import (
    BACKUP_TABLES,
    exists,
    export_data,
    insert_new,
    read_deelname,
    read_deelnemer,
    read_groepssessie,
    read_inzending,
    read_team,
    require_participant,
    submission_rows,
)
from .location import (
    default_data_dir,
    locate,
)
from .migrations import (
    CSV_COLUMNS,
    EXPORT_FORMAT,
    MIGRATIONS,
    SCHEMA_VERSIE,
    WRITE_OPTION,
    decode_cell,
    encode_cell,
    error_reason,
    migrate,
    open_engine,
    open_error,
    read_csv,
    read_export,
    schema_version,
    write_csv,
)
from .schema import (
    DISPLAY_NAME_MAX,
    Deelnemer,
    Inzending,
    Team,
    check_display_name,
    check_json_object,
    check_secret,
    check_session,
    check_slug,
    deelnemers,
    groepssessies,
    hash_secret,
    inzendingen,
    is_participant_id,
    local_time,
    metadata,
    name_key,
    new_participant_id,
    new_submission_id,
    new_team_code,
    normalise_team_code,
    normalise_timestamp,
    now_utc,
    schema_versie,
    sessie_deelnames,
    teams,
    toegangspogingen,
)
from .store import (
    Store,
)

__all__ = [
    "BACKUP_TABLES",
    "CSV_COLUMNS",
    "DISPLAY_NAME_MAX",
    "EXPORT_FORMAT",
    "MIGRATIONS",
    "SCHEMA_VERSIE",
    "WRITE_OPTION",
    "Deelnemer",
    "Inzending",
    "Store",
    "StoreError",
    "Team",
    "check_display_name",
    "check_json_object",
    "check_secret",
    "check_session",
    "check_slug",
    "decode_cell",
    "deelnemers",
    "default_data_dir",
    "encode_cell",
    "error_reason",
    "exists",
    "export_data",
    "groepssessies",
    "hash_secret",
    "insert_new",
    "inzendingen",
    "is_participant_id",
    "local_time",
    "locate",
    "metadata",
    "migrate",
    "name_key",
    "new_participant_id",
    "new_submission_id",
    "new_team_code",
    "normalise_team_code",
    "normalise_timestamp",
    "now_utc",
    "open_engine",
    "open_error",
    "read_csv",
    "read_deelname",
    "read_deelnemer",
    "read_export",
    "read_groepssessie",
    "read_inzending",
    "read_team",
    "require_participant",
    "schema_versie",
    "schema_version",
    "sessie_deelnames",
    "submission_rows",
    "teams",
    "toegangspogingen",
    "write_csv",
]
