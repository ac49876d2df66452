"""Word segmentation (jieba), the blank spaCy pipeline, and sentence spans.

Everything heavy is loaded lazily and cached once per process; importing this
module imports neither jieba nor spaCy (see tech-notes §2/§3).

Public API::

    tokenizer() -> jieba.Tokenizer       private tokenizer + package user dictionary
    cut(text) -> list[str]               words (concatenate back to ``text``)
    cut_with_spans(text) -> list[(word, start, end)]
    nlp() -> spacy.language.Language    spacy.blank("zh") with the jieba segmenter
    sentences(text) -> list[(start, end)]   regex split, exact char offsets

Notes
- Segmentation runs on ``normalize(text)`` (length-preserving, so full-width
  digits ``１２３`` stay one token); returned words are slices of the ORIGINAL
  text, so ``text[start:end] == word`` always holds.
- spaCy's jieba segmenter calls the *global* ``jieba`` module, so ``nlp()``
  loads the user dictionary into global jieba too, before building the
  pipeline.  No spaCy model is ever downloaded: ``zh_core_web_*`` is not
  available here and the registry package ``zh-core-web-sm==999.9.9`` is banned.
- ``jieba.enable_paddle()`` must never be called (it pip-installs at run time).
"""
from __future__ import annotations

import os
import re
import tempfile
import threading
from pathlib import Path

__all__ = ["tokenizer", "cut", "cut_with_spans", "nlp", "sentences", "preload",
           "userdict_words", "USERDICT_PATH"]

USERDICT_PATH = Path(__file__).resolve().parent.parent / "data" / "userdict.txt"

_lock = threading.RLock()
_tokenizer = None
_global_ready = False
_nlp = None
_userdict: list[tuple[str, int | None, str | None]] | None = None


from narrcheck.understand.values import normalize as _normalize  # noqa: E402  (length-preserving)


def _cache_dir() -> str:
    """jieba's own cache folder; when it cannot be written jieba runs without its cache
    (its failed dump is silenced in :func:`_initialize`) and one note says so."""
    d = os.path.join(tempfile.gettempdir(), "narrcheck-jieba")
    try:
        os.makedirs(d, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=d, prefix=".probe-")
        os.close(fd)
        os.remove(probe)
    except OSError:
        from narrcheck.cache import unwritable

        unwritable(d)
    return d


def _initialize(tk) -> None:
    """``tk.initialize()`` without jieba's traceback when its cache cannot be written."""
    import logging

    import jieba

    log = jieba.default_logger
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        tk.initialize()
    finally:
        log.setLevel(level)


def userdict_words() -> list[tuple[str, int | None, str | None]]:
    """Entries of the package user dictionary: (word, freq or None, tag or None).
    Lines starting with ``#`` and blank lines are skipped."""
    global _userdict
    if _userdict is None:
        out = []
        for line in USERDICT_PATH.read_text(encoding="utf-8").splitlines():
            line = line.strip().lstrip("\ufeff")
            if not line or line.startswith("#"):
                continue
            parts = line.split()
            word = parts[0]
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
            tag = parts[2] if len(parts) > 2 else (parts[1] if len(parts) > 1 and not parts[1].isdigit() else None)
            out.append((word, freq, tag))
        _userdict = out
    return _userdict


def _quiet_jieba():
    import logging

    import jieba
    jieba.setLogLevel(logging.WARNING)
    return jieba


def _add_userdict(tk) -> None:
    for word, freq, tag in userdict_words():
        tk.add_word(word, freq, tag)


_STATE_VERSION = 2


class ShardedFreq(dict):
    """jieba's prefix dictionary (word or word prefix -> frequency), filled
    one first character at a time.

    Every lookup jieba makes while segmenting a text is a substring of that
    text, so it starts with one of the text's characters: with the entries for
    those characters loaded, segmentation is exactly what the whole dictionary
    gives.  A report uses a few hundred distinct characters, which need 30–45 %
    of the ~500k entries; loading only those saves about 0.2 s of a one-file
    check.  It stays a real ``dict``, so jieba's lookups run at full speed.
    :func:`cut_with_spans` calls :meth:`ensure` before segmenting; whoever
    needs the whole dictionary calls :meth:`ensure_all`."""

    def __init__(self, blob, index: dict[str, tuple[int, int]]):
        super().__init__()
        self._blob = blob
        self._index = index
        self._loaded: set[str] = set()

    def ensure(self, text: str) -> None:
        import marshal

        todo = set(text) - self._loaded
        if not todo:
            return
        blob, index = self._blob, self._index
        for ch in todo:
            where = index.get(ch)
            if where is not None:
                self.update(marshal.loads(blob[where[0]:where[0] + where[1]]))
        self._loaded |= todo

    def ensure_all(self) -> None:
        self.ensure("".join(self._index))


def _state_name(jieba) -> str | None:
    """Cache name for jieba's prefix dictionary with the user words added,
    keyed by the bytes of dict.txt and of the user dictionary."""
    from narrcheck.cache import file_key

    try:
        dict_path = os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)
        key = file_key(dict_path, USERDICT_PATH, extra=f"jieba-{jieba.__version__}-{_STATE_VERSION}")
    except (OSError, AttributeError):
        return None
    return f"jieba-userdict-{key}.shards"


def shard_by_first_char(mapping: dict) -> tuple[list[bytes], dict[str, tuple[int, int]], int]:
    """The entries of ``mapping`` grouped by the first character of their key, one marshal blob per
    character: (blobs, character -> (offset, length), total length) — the layout :class:`ShardedFreq` reads."""
    import marshal

    by_char: dict[str, dict] = {}
    for key, value in mapping.items():
        by_char.setdefault(key[:1], {})[key] = value
    blobs, index, pos = [], {}, 0
    for ch, entries in by_char.items():
        b = marshal.dumps(entries)
        index[ch] = (pos, len(b))
        blobs.append(b)
        pos += len(b)
    return blobs, index, pos


def _save_state(tk, name: str) -> None:
    """Cache the prefix dictionary as one marshal blob per first character,
    behind a marshal header (total, tag table, character -> (offset, length))."""
    import marshal

    from narrcheck.cache import save_bytes

    blobs, index, _ = shard_by_first_char(tk.FREQ)
    header = marshal.dumps((tk.total, tk.user_word_tag_tab, index))
    save_bytes(name, len(header).to_bytes(8, "little") + header + b"".join(blobs))


def _load_state(tk, name: str | None) -> bool:
    import marshal

    from narrcheck.cache import load_bytes

    data = load_bytes(name) if name else None
    if not data or len(data) < 8:
        return False
    try:
        n = int.from_bytes(data[:8], "little")
        total, tags, index = marshal.loads(data[8:8 + n])
        if not isinstance(index, dict) or not index or not isinstance(tags, dict):
            return False
        body = memoryview(data)[8 + n:]
        if max(off + ln for off, ln in index.values()) != len(body):
            return False
    except (EOFError, ValueError, TypeError):
        return False
    from jieba import finalseg

    tk.FREQ, tk.total, tk.user_word_tag_tab = ShardedFreq(body, index), total, tags
    tk.initialized = True
    for word, f, _tag in userdict_words():  # what add_word does outside the tokenizer
        if f == 0:
            finalseg.add_force_split(word)
    return True


def tokenizer():
    """The process-wide private ``jieba.Tokenizer`` with the narrcheck user
    dictionary loaded.  Building it costs about 0.6 s (jieba's own cache
    reader); the result is kept in the per-user cache (:mod:`narrcheck.cache`)
    as :class:`ShardedFreq` shards, of which a text loads only what it needs.
    Code that reads ``tokenizer().FREQ`` directly must call :func:`preload`."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                jieba = _quiet_jieba()
                tk = jieba.Tokenizer()
                tk.tmp_dir = _cache_dir()
                name = _state_name(jieba)
                if not _load_state(tk, name):
                    _initialize(tk)
                    _add_userdict(tk)
                    if name:
                        _save_state(tk, name)
                _tokenizer = tk
    return _tokenizer


def _ensure(tk, text: str) -> None:
    freq = tk.FREQ
    if isinstance(freq, ShardedFreq):
        with _lock:
            freq.ensure(text)


def preload() -> None:
    """Load the whole prefix dictionary (before forking workers that share it,
    or before handing it to global jieba)."""
    tk = tokenizer()
    if isinstance(tk.FREQ, ShardedFreq):
        with _lock:
            tk.FREQ.ensure_all()


def _ensure_global_jieba():
    """Load the user dictionary into the GLOBAL jieba (used by spaCy).

    If global jieba is not initialised yet, it is seeded from the private
    tokenizer's prefix dictionary (a dict copy, ~0.7 s cheaper than loading
    dict.txt a second time); otherwise the user words are added to it."""
    global _global_ready
    if _global_ready:
        return
    with _lock:
        if _global_ready:
            return
        jieba = _quiet_jieba()
        tk = tokenizer()
        preload()
        dt = jieba.dt
        if dt.tmp_dir is None:
            dt.tmp_dir = _cache_dir()
        with dt.lock:
            seeded = False
            if not dt.initialized and dt.dictionary == tk.dictionary:
                dt.FREQ = dict(tk.FREQ)
                dt.total = tk.total
                dt.user_word_tag_tab.update(tk.user_word_tag_tab)
                dt.initialized = True
                seeded = True
        if not seeded:
            _add_userdict(dt)
        _global_ready = True


def cut_with_spans(text: str, hmm: bool = True) -> list[tuple[str, int, int]]:
    """Words with character offsets into ``text`` (whitespace tokens included,
    as jieba returns them)."""
    if not text:
        return []
    tk = tokenizer()
    norm = _normalize(text)
    _ensure(tk, norm)
    if hmm and len(norm) >= _LONG_RUN_CHARS and _LONG_RUN.search(norm):
        hmm = False     # jieba's HMM costs ~50 µs a character on such a run; no real sentence is one
    return [(text[s:e], s, e) for _w, s, e in tk.tokenize(norm, HMM=hmm)]


# A run of characters jieba segments as one block (its re_han_default) this long is no
# sentence: hostile or broken input, segmented by the dictionary alone (issue 13).
_LONG_RUN_CHARS = 2000
_LONG_RUN = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]{" + str(_LONG_RUN_CHARS) + "}")


def cut(text: str, hmm: bool = True) -> list[str]:
    """Words of ``text``; ``"".join(cut(text)) == text``."""
    return [w for w, _s, _e in cut_with_spans(text, hmm=hmm)]


def nlp():
    """``spacy.blank("zh")`` with the jieba segmenter, created once per
    process.  Works offline: no model is loaded or downloaded."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                _ensure_global_jieba()
                import spacy  # ~2 s (thinc imports torch when installed)
                _nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    return _nlp


# --- sentences ------------------------------------------------------------
_TERM = "。！？!?；;"
_CLOSE = "”’」』）)】"
_SENT_RE = re.compile(
    rf"[^{_TERM}\r\n]*[{_TERM}]+[{_CLOSE}]*|[^{_TERM}\r\n]+"
)


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: split after 。！？!?；; (closing quotes/brackets stay with
    the sentence) and at line breaks.  Spans are exact offsets into ``text``,
    stripped of surrounding whitespace; empty spans are dropped."""
    out = []
    for m in _SENT_RE.finditer(text):
        s, e = _strip_span(text, m.start(), m.end())
        if s < e:
            out.append((s, e))
    return out
