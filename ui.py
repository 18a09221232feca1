"""The web chat's entry point: `python ui.py` (same as `congress-chat serve`).

The page itself lives in `web/` (an adapter over `rag/`): `web.app.create_app(assistant)`
builds the server, `launch` serves it. This entry point sits above the command line (it parses
the same options through `cli.main`); `cli` reaches the web server through `web.app`, never
through this module, so the two entry points do not import each other.
"""

from __future__ import annotations


def create_app(assistant, settings=None):
    from web.app import create_app as build

    return build(assistant, settings)


def launch(assistant, settings) -> None:
    from web.app import serve

    serve(assistant, settings)


def main() -> None:
    import cli

    raise SystemExit(cli.main(["serve", *__import__("sys").argv[1:]]))


if __name__ == "__main__":
    main()
