"""langdetect's language profiles, loaded from a pre-built cache instead of 55 JSON files.

langdetect reads every profile (55 JSON files, about 90,000 n-grams) into a dict before it can
detect anything, which costs far more than detecting the few paragraphs an audit sends it. The
first run that needs the detector builds that same table once, with langdetect's own loader, and
keeps it in an SQLite file in the user's cache folder; later runs, and every worker process, open
the file and look up only the n-grams of the paragraphs they test. The table is the very one
langdetect builds (same languages in the same order, the same floating-point numbers), so the
detector's answers are unchanged. Where no cache can be written, the profiles load as langdetect
loads them.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from array import array
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

_SCHEMA = 1
# n-grams remembered per process (each about 0.5 KB): the common ones of a few thousand paragraphs.
_MEMO_LIMIT = 20_000


class ProfileTable(Mapping[str, "array[float]"]):
    """n-gram → probability in each language, read from the cache file on demand."""

    def __init__(self, path: Path, size: int) -> None:
        self.path = path
        self.size = size
        self._memo: dict[str, array[float] | None] = {}
        self._connection: sqlite3.Connection | None = None
        self._pid = -1

    def _lookup(self, word: str) -> array[float] | None:
        if word in self._memo:
            return self._memo[word]
        if self._pid != os.getpid():  # never share a connection with a forked parent
            self._connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            self._pid = os.getpid()
        assert self._connection is not None
        row = self._connection.execute("SELECT probs FROM ngram WHERE word = ?", (word,)).fetchone()
        value = None if row is None else array("d", row[0])
        if len(self._memo) >= _MEMO_LIMIT:  # bounded: a long archive must not grow it for ever
            self._memo.clear()
        self._memo[word] = value
        return value

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._lookup(word) is not None

    def __getitem__(self, word: str) -> array[float]:
        value = self._lookup(word)
        if value is None:
            raise KeyError(word)
        return value

    def __iter__(self) -> Iterator[str]:  # pragma: no cover - the detector never iterates
        raise TypeError("the profile table is looked up word by word")

    def __len__(self) -> int:  # pragma: no cover
        raise TypeError("the profile table is looked up word by word")


def load_factory() -> Any:
    """A langdetect ``DetectorFactory`` with every profile, from the cache where there is one."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    path = _cache_file(Path(PROFILES_DIRECTORY))
    if path is not None and path.is_file():
        try:
            factory.langlist, factory.word_lang_prob_map = _open(path)
            return factory
        except sqlite3.Error:
            pass  # a damaged cache: load the profiles and write it again
    factory.load_profile(PROFILES_DIRECTORY)
    if path is not None:
        try:
            _write(path, factory.langlist, factory.word_lang_prob_map)
        except (OSError, sqlite3.Error):
            pass  # a read-only home: the next run loads the profiles again
    return factory


def _open(path: Path) -> tuple[list[str], ProfileTable]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        langs = [lang for (lang,) in connection.execute("SELECT lang FROM lang ORDER BY position")]
    if not langs:
        raise sqlite3.DatabaseError("no languages in the profile cache")
    return langs, ProfileTable(path, len(langs))


def _write(path: Path, langs: list[str], table: dict[str, list[float]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        connection = sqlite3.connect(temporary)
        with connection:
            connection.execute("CREATE TABLE lang (position INTEGER PRIMARY KEY, lang TEXT)")
            connection.execute("CREATE TABLE ngram (word TEXT PRIMARY KEY, probs BLOB)")
            connection.executemany("INSERT INTO lang VALUES (?, ?)", enumerate(langs))
            connection.executemany(
                "INSERT INTO ngram VALUES (?, ?)",
                ((word, array("d", probs).tobytes()) for word, probs in table.items()),
            )
        connection.close()
        os.replace(temporary, path)  # other processes see the whole file or none
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _cache_file(profiles: Path) -> Path | None:
    """The cache file for these profiles: its name changes when any profile file changes."""
    folder = os.environ.get("MTAUDIT_CACHE_DIR")
    if not folder:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "mtaudit")
    try:
        entries = sorted(os.scandir(profiles), key=lambda entry: entry.name)
        # langdetect numbers the languages in directory order: that order is part of the key.
        listing = [(e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in entries]
        order = os.listdir(profiles)
    except OSError:
        return None
    digest = hashlib.sha256(repr((_SCHEMA, str(profiles), listing, order)).encode()).hexdigest()
    return Path(folder) / f"langdetect-{digest[:16]}.sqlite"
