from click.testing import CliRunner

from notes.commands import cli


def test_where():
    result = CliRunner().invoke(cli, ["show", "--where"])
    assert result.exit_code == 0
    assert result.output.strip() == "notes.json"
