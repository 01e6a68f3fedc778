# The compiled scan (_native.c); see its header comment for what it checks and when it declines.

def scan(
    path: str,
    sql: str,
    agency_id: int,
    start: int,
    stop: int,
    agency_json: bytes,
    version: int,
    /,
) -> tuple[int, bytes, bytes, list[tuple[int, bytes]]] | None: ...
def close() -> None: ...
def json_plain(data: bytes, /) -> bool: ...
