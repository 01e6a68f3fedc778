"""A statistical word tagger for the name detector: jieba's part-of-speech tagging, offline.

Why it is here: the rule-based name detector in ``redaction`` finds a name by what stands around
it (a role word, a list, a gender phrase, the case record). On six fresh evaluation sets its
first-run name recall was 0.88–0.97; what it missed were names with no cue at all (胡文已于…,
曹敏称…). jieba's hidden Markov model tags an unknown word as a person name (``nr``) from the
characters themselves, which is the knowledge the rules lack.

What is *not* trusted: jieba's dictionary tags hundreds of common words ``nr`` (申请人, 许可证,
童工, 齐全 …), so ``redaction._tagged_names`` never takes a dictionary word and applies the
surname, given-name and context checks of the rules on top. This module only wraps jieba: the
tokens with their offsets, and whether a word is in jieba's dictionary.

jieba's dictionary and models ship inside its package (no download at run time). It is loaded
on first use, not at import, so Django starts as fast as before; the first call takes about a
second. The dictionary cache goes to ``SANXIANG_JIEBA_CACHE`` or the system temporary folder.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    word: str
    flag: str


@cache
def _tokenizer() -> Any:
    # Loaded once per process. jieba builds its dictionary under its own lock, so two threads
    # arriving first at once wait for one load (at worst each wraps it in a tagger object).
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)  # it logs "Building prefix dict…" to stderr
    cache_file = os.environ.get("SANXIANG_JIEBA_CACHE")
    if cache_file:
        jieba.dt.cache_file = cache_file
    jieba.dt.initialize()
    return jieba.posseg.POSTokenizer(jieba.dt)


def tokens(text: str) -> tuple[Token, ...]:
    """Every token of ``text`` with its part of speech (``nr`` person name, ``ns`` place …)."""
    out: list[Token] = []
    pos = 0
    for pair in _tokenizer().cut(text):
        word = pair.word
        out.append(Token(pos, pos + len(word), word, pair.flag))
        pos += len(word)
    return tuple(out)


def in_dictionary(word: str) -> bool:
    """Whether ``word`` is a word of jieba's dictionary (not only a prefix of a longer one)."""
    return bool(_tokenizer().tokenizer.FREQ.get(word, 0))
