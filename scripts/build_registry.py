"""Build the people registry shipped in the package from ParlParse member lists.

    python scripts/build_registry.py ../shared/corpus/hansard-parlparse/members

writes archive/data/registry.json.gz: everyone who held a UK government or
opposition office since 1997, with their names, ids, aliases, those
offices and their parties. See archive/data/README.md for sources and licences.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import sys
from pathlib import Path

from archive.speakers.members import read_member_files, record_to_json

SINCE = dt.date(1997, 1, 1)
OUT = Path(__file__).resolve().parents[1] / "archive" / "data" / "registry.json.gz"


SEATS = OUT.with_name("member_ids.json.gz")
LICENCE = (
    "TheyWorkForYou member data: CC BY-SA 2.5 (https://creativecommons.org/licenses/by-sa/2.5/); "
    "parliamentary material: Open Parliament Licence v3.0."
)


def main(members: Path) -> None:
    people = []
    records = read_member_files([members])
    seats = {
        record.ref.rsplit("/", 1)[-1]: [
            record.name,
            sorted(s.removeprefix("uk.org.publicwhip/") for s in record.member_ids),
            record_to_json(record)["names"],
        ]
        for record in records
        if record.member_ids
    }
    _write(SEATS, {
        "about": "Old ParlParse member and lord ids -> person number, latest name, and the "
        "names they sat under with dates, from people.xml, all-members*.xml and peers-ucl.xml. "
        "Built by scripts/build_registry.py.",
        "sources": [
            "mysociety/parlparse members/people.xml (2015-03-31), all-members.xml, "
            "all-members-2010.xml, peers-ucl.xml",
        ],
        "licence": LICENCE,
        "people": seats,
    })  # fmt: skip
    for record in records:
        record.offices = {t for t in record.offices if t.end is None or t.end >= SINCE}
        if record.offices:
            people.append(record_to_json(record))
    people.sort(key=lambda p: int(p["ref"].rsplit("/", 1)[-1]))
    data = {
        "about": "UK ministers and shadow ministers since 1997: ParlParse person ids, names, "
        "aliases, offices and parties. Built by scripts/build_registry.py.",
        "sources": [
            "mysociety/parlparse members/people.xml, all-members.xml, all-members-2010.xml, "
            "peers-ucl.xml, member-aliases.xml, ministers.json, ministers-2010.json",
        ],
        "licence": LICENCE,
        "people": people,
    }
    _write(OUT, data)


def _write(path: Path, data: dict) -> None:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # mtime=0 keeps the file byte-identical across rebuilds of the same data.
    path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    print(f"{path.name}: {len(data['people'])} people, {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
