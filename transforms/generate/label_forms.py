"""How the fuzzer writes one labelled value in each label form the feeds use (transforms.generate.template.FORMS)."""

from __future__ import annotations

from transforms.generate.template import Style

_EMOJI = ("💡", "🧩", "🔧", "📊", "✅", "📝", "🎯")


def label_block(style: Style, value: str, seed: int = 0, marks: str = "####") -> str:
    """One labelled value in `style`'s form: `Name: v`, `**Name:** v`, `#### Name` + v, `> **Name:** v`, ..."""
    name, colon, emoji = style.name, style.colon, _EMOJI[seed % len(_EMOJI)]
    form = style.form
    if form == "plain":
        return f"{name}{colon} {value}"
    if form == "bold":
        return f"**{name}{colon}** {value}"
    if form == "bold_outside":
        return f"**{name}**{colon} {value}"
    if form == "bold_inside":  # one-line values only
        return f"**{name}{colon}{value}**"
    if form == "plain_next":
        return f"{name}{colon}\n{value}"
    if form == "bold_next":
        return f"**{name}{colon}**\n{value}"
    if form == "heading":
        return f"{marks} {name}\n{value}"
    if form == "emoji_heading":
        return f"{marks} {emoji} {name}\n{value}"
    if form == "emoji_bold":
        return f"{emoji} **{name}{colon}** {value}"
    if form == "emoji_plain":
        return f"{emoji} {name}{colon} {value}"
    if form == "quote_plain":
        return "\n".join((">" if not line else "> " + line) if i else f"> {name}{colon} {line}"
                         for i, line in enumerate(value.split("\n")))
    if form == "quote":
        return "\n".join((">" if not line else "> " + line) if i else f"> **{name}{colon}** {line}"
                         for i, line in enumerate(value.split("\n")))
    raise ValueError(f"unknown label form {form!r}")
