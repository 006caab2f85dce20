"""Tokenising titles, abstracts and keywords into terms."""

from __future__ import annotations

from transforms.terms import keyword_term, paper_terms, query_terms, text_terms


def test_acronyms_and_hyphenated_tokens_stay_whole():
    terms = text_terms("LLM agents for 3D scene graphs with k-NN retrieval and GPT-4")
    assert {"LLM", "3D", "k-NN", "GPT-4", "LLM agents", "3D scene", "k-NN retrieval"} <= terms
    assert not {"llm", "3d", "k", "nn", "NN", "gpt"} & terms


def test_ordinary_words_are_lowercased_and_stopwords_dropped():
    terms = text_terms("The Diffusion Models of the Future")
    assert terms == {"diffusion", "models", "future", "diffusion models"}


def test_bigrams_never_span_punctuation_stopwords_or_numbers():
    terms = text_terms("graph learning, transformer models. In 2024 vision tasks")
    assert "graph learning" in terms and "transformer models" in terms
    assert "learning transformer" not in terms and "models vision" not in terms and "2024" not in terms
    assert "vision tasks" in terms


def test_urls_and_latex_commands_are_not_terms():
    terms = text_terms(r"Code at https://example.org/repo-1. We bound $\mathbf{x}$ errors")
    assert not {"https", "example", "org", "mathbf", "repo-1"} & terms
    assert "errors" in terms


def test_keywords_are_whole_phrases():
    assert keyword_term("Theory of Mind") == "theory of mind"
    assert keyword_term("LLM Agents") == "LLM agents"
    assert keyword_term("the") is None and keyword_term("  ") is None
    assert "Human-AI collaboration" in paper_terms("A title", None, ["Human-AI Collaboration"])


def test_query_terms_normalise_like_papers():
    assert query_terms("llm agents") == ["llm agents"]
    assert query_terms("LLM Agents") == ["LLM agents"]
    assert query_terms("") == []


def test_hostile_text_is_only_text():
    terms = paper_terms('<img src=x onerror="alert(1)">', "</script><script>alert(1)</script>", ["<b>x</b>"])
    assert all("<" not in t and ">" not in t for t in terms)


def test_placeholders_label_words_and_na_are_never_terms():
    for value in ("N/A", "n/a", "Summary generation failed", "Keywords", "Keywords:", "摘要", "关键词", "None", "N A"):
        assert paper_terms(value, value, [value]) == set(), value
    terms = paper_terms("Code generation", "摘要：我们研究 code generation。Abstract and motivation matter", [])
    assert {"code generation", "我们研究", "matter"} <= terms
    assert not {"摘要", "摘要 我们研究", "abstract", "motivation", "code"} & terms  # a label word is no one-word term


def test_cjk_keywords_stay_whole_terms():
    assert paper_terms(None, None, ["大语言模型", "多模态 大模型"]) == {"大语言模型", "多模态 大模型"}
