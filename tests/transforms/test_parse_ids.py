"""arXiv ids from every link shape the feeds use."""

from __future__ import annotations

import pytest

from transforms.parse.ids import arxiv_from_url, split_version


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
