"""Every public module declares its API in __all__; matplotlib stays optional."""

import importlib
import inspect
import subprocess
import sys

import pytest

PUBLIC_MODULES = [
    "mlbook",
    "mlbook.anomaly",
    "mlbook.base",
    "mlbook.cluster",
    "mlbook.datasets",
    "mlbook.decomposition",
    "mlbook.exceptions",
    "mlbook.gradcheck",
    "mlbook.labs",
    "mlbook.linear_model",
    "mlbook.metrics",
    "mlbook.neural_network",
    "mlbook.optimize",
    "mlbook.plotting",
    "mlbook.preprocessing",
    "mlbook.report",
    "mlbook.svm",
]


def _defined_here(obj, module_name):
    """True for a function or class written in the module or in one of its private submodules."""
    if not (inspect.isfunction(obj) or inspect.isclass(obj)):
        return False
    return obj.__module__ == module_name or obj.__module__.startswith(module_name + "._")


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_module_defines_all(name):
    module = importlib.import_module(name)
    assert isinstance(module.__all__, list)
    assert len(module.__all__) == len(set(module.__all__))


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_every_name_in_all_exists(name):
    module = importlib.import_module(name)
    missing = [attr for attr in module.__all__ if not hasattr(module, attr)]
    assert missing == []


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_every_public_definition_is_in_all(name):
    module = importlib.import_module(name)
    public = {
        attr for attr, obj in vars(module).items()
        if not attr.startswith("_") and _defined_here(obj, name)
    }
    assert public - set(module.__all__) == set()


def test_version_is_exported():
    import mlbook

    assert "__version__" in mlbook.__all__
    assert isinstance(mlbook.__version__, str)


def test_importing_mlbook_imports_neither_matplotlib_nor_sklearn():
    # Nor does fitting, or an error that scikit-learn's code would catch (see mlbook.exceptions).
    code = (
        "import sys\n"
        f"import {', '.join(PUBLIC_MODULES)}\n"
        "from mlbook.linear_model import LinearRegression\n"
        "LinearRegression().fit([[0.0], [1.0], [2.0]], [1.0, 3.0, 5.0])\n"
        "try:\n    LinearRegression().predict([[1.0]])\nexcept ValueError:\n    pass\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib was imported'\n"
        "assert 'sklearn' not in sys.modules, 'sklearn was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
