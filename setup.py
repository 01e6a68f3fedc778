"""The one compiled part of sanxiang: the hot loop of ledger verification on SQLite.

Everything else is in pyproject.toml. The extension is optional: where it cannot be built (no C
compiler, no SQLite or OpenSSL headers) the install goes on and verification runs in Python.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "sanxiang.ledger._native",
            sources=["src/sanxiang/ledger/_native.c"],
            libraries=["sqlite3", "crypto"],
            extra_compile_args=["-O2", "-Wall", "-Wextra", "-Werror"],
            optional=True,
        )
    ]
)
