"""The `rare-earth-game` command."""

import typer

app = typer.Typer(no_args_is_help=True, add_completion=False)


@app.command()
def version() -> None:
    """Print the version."""
    from rare_earth_game import __version__

    typer.echo(__version__)


def main() -> None:
    app()
