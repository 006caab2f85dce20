"""Label names for the template fuzzer: spellings of known fields from the alias table, and invented labels.

Known spellings come from transforms.parse.labels.ALIASES (so a new alias is fuzzed the day it is added), in
the casings feeds write (`tl;dr`, `Tl;dr`, `TL;DR`, `Main Category`). Invented labels are composed from
small word lists in Latin, CJK and Cyrillic script, checked against the table (and the headings of a
structured abstract, which stay abstract text): the parser must keep them in `extra` under
`extra_label(name).field`.
"""

from __future__ import annotations

import functools
import random

from transforms.parse.labels import ABSTRACT_HEADINGS, ALIASES, extra_label, lookup

_LATIN = ("Key", "Figures", "Gist", "Takeaway", "Open", "Questions", "Reviewer", "Notes", "Why", "Selection",
          "Reason", "Matched", "Topics", "Recommendation", "Highlights", "Caveats", "Verdict", "Novelty", "Impact",
          "Rating", "Audience", "Setup", "Journal", "Reference", "Lessons", "Risks")
_CYRILLIC = ("Ключевые", "идеи", "Вывод", "Новизна", "Ограничения", "Вопросы", "Оценка", "Рекомендация",
             "Замечания", "Главное", "Суть", "работы")
_CJK = ("研究", "问题", "主要", "创新点", "关键", "图表", "推荐", "理由", "适用", "场景", "核心", "思路", "实验",
        "设置", "展望", "亮点", "与遥感交叉", "改进方案")
_VALUES = {
    "latin": ("Worth reading for anyone building retrieval systems.", "Figure 2 shows the main ablation.",
              "⭐⭐⭐⭐☆", "4/5", "Matches your interest in efficient inference.", "Open-source code, strong baselines.",
              "Does the gain survive a larger model?", "Accepted at a journal; DOI pending."),
    "cjk": ("如何在数据稀缺时保持鲁棒性。", "提出了一种新的蒸馏框架。", "适合关注高效推理的读者。", "图二展示了主要消融实验。",
            "⭐⭐⭐", "与遥感影像分割相结合可提升精度。"),
    "cyrillic": ("Метод прост и хорошо масштабируется.", "Стоит прочитать разделы 3 и 4.", "Высокая оценка.",
                 "Неясно, переносится ли результат на другие языки."),
}


@functools.lru_cache(maxsize=None)
def _spellings(field: str, cjk_only: bool) -> tuple[str, ...]:
    names = sorted(alias for alias, label in ALIASES.items() if label.field == field)
    if cjk_only:
        names = [n for n in names if not n.isascii()]
    if not names:
        raise ValueError(f"no {'CJK ' if cjk_only else ''}label spelling for field {field!r} in the alias table")
    out: list[str] = []
    for name in names:
        out.append(name)
        if name.isascii():
            out += [name[0].upper() + name[1:], name.title(), name.upper()]
    return tuple(dict.fromkeys(out))


def label_spellings(field: str, cjk_only: bool = False) -> tuple[str, ...]:
    """Every way a feed may spell the label of `field`, alias by alias (only non-ASCII ones with `cjk_only`)."""
    return _spellings(field, cjk_only)


def invented_label(rng: random.Random, script: str) -> tuple[str, str]:
    """(name, extra key) of a label in no table, in `script` (latin, cjk, cyrillic): 1-3 words."""
    words, joiner = {"latin": (_LATIN, " "), "cjk": (_CJK, ""), "cyrillic": (_CYRILLIC, " ")}[script]
    while True:
        name = joiner.join(rng.sample(words, rng.choice((1, 2, 2, 3))))
        name = name[0].upper() + name[1:]
        label = extra_label(name)
        # a structured abstract's heading ("Notes: …") is more of the abstract, wherever it is written
        if lookup(name) is None and label is not None and name.lower() not in ABSTRACT_HEADINGS:
            return name, label.field


def invented_value(rng: random.Random, script: str) -> str:
    """A one-line value for an invented label in `script`."""
    return rng.choice(_VALUES[script])


def invented_labels(rng: random.Random, places: list[str], forms: list[str]) -> list[tuple[str, str, str, str]]:
    """0-3 distinct invented labels as (name, script, form, place), each after one of `places`."""
    out: list[tuple[str, str, str, str]] = []
    keys: set[str] = set()
    for _ in range(rng.choice((0, 1, 1, 2, 3)) if places else 0):
        script = rng.choice(("latin", "cjk", "cyrillic"))
        name, key = invented_label(rng, script)
        if key not in keys:
            keys.add(key)
            out.append((name, script, rng.choice(forms), rng.choice(places)))
    return out
