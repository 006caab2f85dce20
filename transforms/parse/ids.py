"""arXiv identifiers: find them in links and split off the version.

Canonical ids look like `2506.02013` (new style) or `hep-th/9901001` (old style);
a version suffix (`v2`) is returned separately as `"2"`.
"""

from __future__ import annotations

import re

_NEW = r"\d{4}\.\d{4,5}"
_OLD = r"[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7}"
_ID = re.compile(rf"^(?P<id>{_NEW}|{_OLD})(?:v(?P<v>\d+))?$")
# Path forms arXiv serves a paper under: /abs/ID, /pdf/ID(.pdf), /html/ID, /format/ID.
_URL = re.compile(
    rf"^(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html|format)/"
    rf"(?P<id>{_NEW}|{_OLD})(?:v(?P<v>\d+))?(?:\.pdf)?/?(?:[?#].*)?$",
    re.IGNORECASE,
)
# Pages that show one arXiv paper under its id: Hugging Face papers, alphaXiv, papers.cool, and the DOI
# arXiv registers for every paper (10.48550/arXiv.ID).
_MIRROR = re.compile(
    rf"^(?:https?://)?(?:www\.)?(?:huggingface\.co/papers|alphaxiv\.org/(?:abs|overview)|papers\.cool/arxiv"
    rf"|(?:dx\.)?doi\.org/10\.48550/arxiv\.?)/?(?P<id>{_NEW})(?:v(?P<v>\d+))?/?(?:[?#].*)?$",
    re.IGNORECASE,
)
# The form nearly every digest heading uses, matched case-sensitively before the general pattern.
_ABS = re.compile(rf"https://arxiv\.org/abs/({_NEW})(?:v(\d+))?")
_PREFIXED = re.compile(rf"^arxiv:\s*(?P<id>{_NEW}|{_OLD})(?:v(?P<v>\d+))?$", re.IGNORECASE)


def split_version(raw: str) -> tuple[str | None, str | None]:
    """`2506.02013v2` -> (`2506.02013`, `2`); a bare id -> (id, None); anything else -> (None, None)."""
    m = _ID.match(raw.strip())
    if not m:
        return None, None
    return m.group("id"), m.group("v")


def arxiv_from_url(url: str | None) -> tuple[str | None, str | None]:
    """The canonical (id, version) an arXiv link or `arXiv:` reference names, or (None, None)."""
    if not url:
        return None, None
    m = _ABS.fullmatch(url)
    if m:
        return m.group(1), m.group(2)
    url = url.strip().strip("<>")
    m = _URL.match(url) or _PREFIXED.match(url) or _MIRROR.match(url)
    if m:
        return m.group("id"), m.group("v")
    return split_version(url)


# Journal items some feeds list beside arXiv papers (a DOI link; the twin names them by an OpenAlex work id).
_DOI = re.compile(r"^(?:https?://)?(?:dx\.)?doi\.org/(10\.\d{4,9}/\S+?)/?$", re.IGNORECASE)
_DOI_PREFIXED = re.compile(r"^doi:\s*(10\.\d{4,9}/\S+)$", re.IGNORECASE)
_OPENALEX = re.compile(r"^(?:https?://(?:api\.)?openalex\.org/(?:works/)?)?(W\d{4,12})$")


def paper_id_from_url(url: str | None) -> tuple[str | None, str | None]:
    """The (id, version) of the paper a link names: an arXiv id as `arxiv_from_url` reads it, else a DOI as
    `doi:10.x/y` (lower-cased: DOIs ignore case), else an OpenAlex work as `openalex:W123`; (None, None)."""
    found = arxiv_from_url(url)
    if found[0] is not None or not url:
        return found
    url = url.strip().strip("<>")
    m = _DOI.match(url) or _DOI_PREFIXED.match(url)
    if m:
        return "doi:" + m.group(1).lower(), None
    m = _OPENALEX.match(url)
    return ("openalex:" + m.group(1), None) if m else (None, None)
