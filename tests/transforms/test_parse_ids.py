"""arXiv ids from every link shape the feeds use."""

from __future__ import annotations

import pytest

from transforms.parse.ids import arxiv_from_url, paper_id_from_url, split_version


@pytest.mark.parametrize("url, expected", [
    ("https://arxiv.org/abs/2506.02013", ("2506.02013", None)),
    ("http://arxiv.org/abs/2606.31978v1", ("2606.31978", "1")),
    ("https://arxiv.org/pdf/2506.02013v12", ("2506.02013", "12")),
    ("https://arxiv.org/pdf/2507.01081.pdf", ("2507.01081", None)),
    ("https://www.arxiv.org/abs/1501.0001", ("1501.0001", None)),
    ("https://export.arxiv.org/abs/hep-th/9901001v2", ("hep-th/9901001", "2")),
    ("https://arxiv.org/abs/math.GT/0309136", ("math.GT/0309136", None)),
    ("arXiv:2506.02013v2", ("2506.02013", "2")),
    ("2506.02013", ("2506.02013", None)),
    ("https://doi.org/10.1000/182", (None, None)),
    ("https://arxiv.org/list/cs.CV/new", (None, None)),
    ("", (None, None)),
    (None, (None, None)),
])
def test_arxiv_from_url(url, expected):
    assert arxiv_from_url(url) == expected


def test_split_version_rejects_non_ids():
    assert split_version("2506.02013v3") == ("2506.02013", "3")
    assert split_version("not-an-id") == (None, None)


@pytest.mark.parametrize("url, expected", [
    ("https://arxiv.org/abs/2506.02013v2", ("2506.02013", "2")),  # arXiv first, as arxiv_from_url
    ("https://doi.org/10.1016/J.ISPRSJPRS.2026.06.038", ("doi:10.1016/j.isprsjprs.2026.06.038", None)),
    ("http://dx.doi.org/10.3390/rs18132144/", ("doi:10.3390/rs18132144", None)),
    ("doi:10.1000/182", ("doi:10.1000/182", None)),
    ("W7166876412", ("openalex:W7166876412", None)),
    ("https://openalex.org/W7166876412", ("openalex:W7166876412", None)),
    ("https://doi.org/x", (None, None)),  # no DOI: those start 10.
    ("https://papers.example.org/view/17", (None, None)),
])
def test_paper_id_from_url_names_journal_items_too(url, expected):
    """Feeds that list journal articles beside arXiv papers link them by DOI; their twins name them by OpenAlex id
    with the DOI as `abs`: both read as the same `doi:` paper id, so the day's .md and twin agree."""
    assert paper_id_from_url(url) == expected
