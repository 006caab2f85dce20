"""Charts on static pages that work offline: the site ships one vega-embed bundle (from vl-convert, no CDN) as
`assets/vega-<version>.js`, which each page with charts loads by a relative path (so the folder works from
file:// and can be copied anywhere), and each page inlines its charts' Vega specs, compiled from Vega-Lite in
Python; the browser only renders them."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import sys
from functools import cache
from pathlib import Path

import altair as alt
import vl_convert

from dashboards.charts import SOURCE, records
from dashboards.html import script_json

_RENDER = """
(function () {
  var specs = JSON.parse(document.getElementById('chart-specs').textContent);
  Object.keys(specs).forEach(function (id) {
    vegaEmbed('#' + id, specs[id], {mode: 'vega', renderer: 'svg', actions: false});
  });
})();
"""


BUNDLE_CACHE: Path | None = None  # set by the site builder: a folder to keep the bundle in between runs


@cache
def vega_bundle() -> str:
    """The Vega runtime as one script (about 900 KB): built by vl-convert once, then read from BUNDLE_CACHE."""
    cached = BUNDLE_CACHE / f"vega-{vl_convert.get_vega_version()}.js" if BUNDLE_CACHE else None
    if cached and cached.is_file():
        return cached.read_text(encoding="utf-8")
    # only vega-embed is usable: this vl-convert bundles the `vega` namespace itself as null
    bundle = vl_convert.javascript_bundle("window.vegaEmbed = vegaEmbed;")
    if cached:
        _keep(cached, bundle)
    return bundle


def _keep(path: Path, text: str) -> None:
    """Write `path` whole or not at all (another process may be reading it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


@cache
def _compiled(chart_fn, options_json: str) -> dict:
    """`chart_fn(None, **options)` as Vega, kept in BUNDLE_CACHE between runs (each run is a new process, and
    building the nine templates with altair and compiling them cost ~0.7 s of a site). The key holds
    everything the spec comes from: the function's name and options, its module's source and constants
    (dashboards/charts.py, OTHER and TOP_CATEGORIES included), and the altair and vl-convert versions."""
    module = sys.modules[chart_fn.__module__]
    material = "\n".join([alt.__version__, vl_convert.__version__, chart_fn.__module__, chart_fn.__qualname__,
                           options_json, _fingerprint(module)])
    key = hashlib.sha256(material.encode()).hexdigest()[:32]
    cached = BUNDLE_CACHE / "vega-specs" / f"{key}.json" if BUNDLE_CACHE else None
    if cached and cached.is_file():
        try:
            return json.loads(cached.read_text(encoding="utf-8"))
        except ValueError:  # a torn or foreign file: compiled again below and replaced
            pass
    spec = vl_convert.vegalite_to_vega(chart_fn(None, **json.loads(options_json)).to_dict(validate=False))
    spec.pop("$schema", None)  # nothing on a page points outside
    if cached:
        _keep(cached, json.dumps(spec))
    return spec


@cache
def _fingerprint(module) -> str:
    """A module's source file and its plain constants (its own and the ones it imports by name)."""
    constants = sorted((name, repr(value)) for name, value in vars(module).items()
                       if not name.startswith("__") and isinstance(value, (str, int, float, bool, tuple, frozenset)))
    source = Path(module.__file__).read_bytes()
    return hashlib.sha256(source + repr(constants).encode()).hexdigest()


def compile_chart(chart_fn, df, **options) -> dict:
    """`chart_fn(None, **options)` compiled to Vega once per process, with `df`'s rows as its `source` data."""
    spec = copy.deepcopy(_compiled(chart_fn, json.dumps(options, sort_keys=True)))
    for dataset in spec.get("data", []):
        if dataset.get("name") == SOURCE:
            dataset["values"] = records(df)
    return spec


def bundle_path() -> str:
    """Where the site keeps the Vega bundle, relative to its root."""
    return f"assets/vega-{vl_convert.get_vega_version()}.js"


class PageCharts:
    """The charts of one page: `place(chart_fn, df)` returns the div to put in the body, `scripts()` what ends it."""

    def __init__(self) -> None:
        self.specs: dict[str, dict] = {}

    def place(self, chart_fn, df, **options) -> str:
        chart_id = f"chart-{len(self.specs) + 1}"
        self.specs[chart_id] = compile_chart(chart_fn, df, **options)
        return f'<div class="chart" id="{chart_id}"></div>'

    def scripts(self, depth: int = 0) -> str:
        """The specs, the bundle (by a relative path, `depth` folders below the site root) and the render call."""
        if not self.specs:
            return ""
        # type=application/json is never executed; escaping keeps `</script>` in data from closing it
        return (f'<script id="chart-specs" type="application/json">{script_json(self.specs)}</script>'
                f'<script src="{"../" * depth}{bundle_path()}"></script><script>{_RENDER}</script>')
