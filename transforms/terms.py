"""Terms of a paper: words and bigrams from its title and abstract, plus its keywords as whole phrases.

Rules, in order: URLs and LaTeX commands (`\\mathbf`) are dropped; text is cut into clauses at punctuation,
so a bigram never spans a comma or a full stop; a token is a run of letters and digits, with inner
hyphens kept (`k-NN`, `state-of-the-art`). A token keeps its case when it has a capital after its
first character (`LLM`, `3D`, `k-NN`, `NeRF`, `GPT-4`), otherwise it is lowercased. Tokens of one
character, numbers (`2024`, `10-20`) and stopwords are dropped, and a bigram is two adjacent kept
tokens of one clause. A keyword is one term: its tokens joined by a space, stopwords included.

Some values are no topic: a title, abstract or keyword that IS a failure placeholder ("Summary generation
failed"), a label word ("Keywords", "摘要") or a stand-in for nothing ("N/A", "none", "-") gives no term at all,
compared with case, spacing and trailing dots or colons ignored (`not_a_topic`). A keyword of one-character
tokens only ("N A") gives none either, and a label word is never a one-word term ("abstract", "摘要"), though it
may be part of a bigram ("code generation").

This is the reference, one paper at a time; the warehouse tokenises in bulk with transforms.term_frames
(the same rules as polars expressions, tested to give the same terms).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from transforms.parse.labels import ALIASES, PLACEHOLDERS

# The rules as patterns; transforms.term_frames builds its Rust-regex versions from these.
LATEX = re.compile(r"https?://\S+|\\[A-Za-z]+")
# Python's `[^\W_]` and RE2's `[\pL\pN]` both mean: a Unicode letter or digit.
CLAUSE_BREAK = re.compile(r"[.,;:!?()\[\]{}\"“”/|：，。；！？（）【】、]|\s-+\s|\s–\s|\s—\s")
TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
NUMBER = re.compile(r"[0-9]+(?:-[0-9]+)*")
# One left-to-right pass: group 1 a token, group 2 a clause break (same patterns as above).
SCAN = re.compile(f"({TOKEN.pattern})|({CLAUSE_BREAK.pattern})")

STOPWORDS = frozenset("""
a about above across after again against all almost along also although among an and another any are as at
be because been before being below between both but by can cannot could did do does doing done down during
each either else enough etc even ever every few for from further had has have having here how however if in
into is it its itself just least less like made make makes many may might more most much must neither no nor
not now of off often on once one only onto or other others otherwise our ours out over own per quite rather
same several should since so some such than that the their them themselves then there therefore these they
this those though through thus to too toward towards under until up upon us use used uses using very via was
we were what when where whether which while who whom whose why will with within without would yet you your
paper propose proposed proposes present presents presented approach approaches method methods result results
show shows shown novel new existing work works study studies based well first second two three different
various recent recently further furthermore moreover significantly significant achieve achieves achieved
demonstrate demonstrates demonstrated introduce introduces introduced across extensive experiments
experiment art state including include includes provide provides enable enables effective effectively
""".split())


# Words a feed uses as labels: never a term of one word. Values that stand for no value at all.
LABEL_WORDS = frozenset(a for a in ALIASES if TOKEN.fullmatch(a))
NOTHING = frozenset(("n/a", "na", "n.a", "none", "null", "nil", "nan", "-", "--", "—", "tbd", "unknown",
                     "not available", "无", "暂无", "空"))
NOT_TOPICS = frozenset(PLACEHOLDERS) | frozenset(ALIASES) | NOTHING
SPACES = re.compile(r"\s+")
NOT_TOPIC_STRIP = " .:：。"


def not_a_topic(value: str | None) -> bool:
    """True for a title, abstract or keyword that is no topic: empty, a placeholder, a label word, or N/A."""
    return (value is None or SPACES.sub(" ", value).strip(NOT_TOPIC_STRIP).lower() in NOT_TOPICS
            or not SPACES.sub(" ", value).strip(NOT_TOPIC_STRIP))


def normalise(token: str) -> str:
    """One token as a term: kept as written when it has a capital after its first letter, else lowercased."""
    return token if any(ch.isupper() for ch in token[1:]) else token.lower()


def is_kept(term: str) -> bool:
    """False for one-character tokens, numbers and stopwords."""
    return len(term) > 1 and not NUMBER.fullmatch(term) and term.lower() not in STOPWORDS


@lru_cache(maxsize=1 << 18)
def _term(token: str) -> str | None:
    # the vocabulary is small next to the token count, so each distinct token is judged once
    term = normalise(token)
    return term if is_kept(term) else None


def text_terms(text: str | None) -> set[str]:
    """Title or abstract text -> its distinct words and bigrams (see the module rules)."""
    found: set[str] = set()
    if not_a_topic(text):
        return found
    previous = None  # the kept term just before, in this clause
    for token, _ in SCAN.findall(LATEX.sub(" ", text)):
        term = _term(token) if token else None
        if term:
            found.add(term)
            if previous:
                found.add(f"{previous} {term}")
        previous = term
    return found


def keyword_term(keyword: str) -> str | None:
    """A feed's keyword -> one term (`Large Language Models` -> `large language models`), None when empty."""
    if not_a_topic(keyword):
        return None
    tokens = [normalise(t) for t in TOKEN.findall(LATEX.sub(" ", keyword))]
    if not tokens or (len(tokens) == 1 and not is_kept(tokens[0])) or max(len(t) for t in tokens) == 1:
        return None
    return " ".join(tokens)


def paper_terms(title: str | None, abstract: str | None, keywords: Iterable[str] = ()) -> set[str]:
    """A paper's distinct terms: words and bigrams of title and abstract, and each keyword as a phrase."""
    found = text_terms(title) | text_terms(abstract)
    found.update(t for t in (keyword_term(k) for k in keywords) if t)
    return {t for t in found if " " in t or t.lower() not in LABEL_WORDS}


def query_terms(query: str) -> list[str]:
    """What a user typed in a term search -> the terms to look for, normalised like the papers' terms."""
    phrase = keyword_term(query)
    return [phrase] if phrase else []
