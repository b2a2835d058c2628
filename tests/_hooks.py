"""Import the site's build hooks (overrides/hooks/*.py) so tests can reuse them."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_hook(name):
    path = ROOT / "overrides" / "hooks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"mlbook_site_hook_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
