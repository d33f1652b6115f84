import subprocess


def _commit(repo, message):
    subprocess.run(["git", "-C", str(repo), "commit", "--allow-empty", "--no-verify", "-m", message], check=True)


def test_changelog_lists_commits(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    _commit(tmp_path, "feat: first")
    assert (tmp_path / ".git").is_dir()
