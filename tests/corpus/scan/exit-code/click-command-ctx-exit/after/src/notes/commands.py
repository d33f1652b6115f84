import click

from .store import load


@click.group()
def cli():
    """Manage notes."""


@cli.command()
@click.option("--path", default="notes.json")
@click.option("--where", is_flag=True)
@click.pass_context
def show(ctx, path, where):
    if where:
        click.echo(path)
        ctx.exit(0)
    notes = load(path)
    if not notes:
        click.echo("no notes", err=True)
        ctx.exit(1)
    for note in notes:
        click.echo(note)
