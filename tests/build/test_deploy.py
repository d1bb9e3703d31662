"""`mkdocs gh-deploy` publishes the whole site to a gh-pages branch (pushed to a local bare repository)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REQUIRED = (
    "index.html",
    ".nojekyll",
    "publications/index.html",
    "news/index.html",
    "feed.xml",
    "sitemap.xml",
)
PAPER_PAGE = re.compile(r"^publications/[^/]+/index\.html$")


def git(*args: str, cwd: Path) -> str:
    """Run git in `cwd` and return its output; fail the test with git's message if it fails."""
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, f"git {' '.join(args)} failed:\n{proc.stdout}{proc.stderr}"
    return proc.stdout


def test_gh_deploy_pushes_the_site(project_copy: Path, tmp_path: Path) -> None:
    """gh-deploy to a bare remote yields a gh-pages branch with pages, paper pages, feed and sitemap."""
    remote = tmp_path / "remote.git"
    git("init", "--bare", "--quiet", str(remote), cwd=tmp_path)
    git("init", "--quiet", "-b", "main", cwd=project_copy)
    git("config", "user.name", "Deploy Test", cwd=project_copy)
    git("config", "user.email", "deploy-test@example.org", cwd=project_copy)
    git("config", "commit.gpgsign", "false", cwd=project_copy)
    git("add", "-A", cwd=project_copy)
    git("commit", "--quiet", "-m", "site sources", cwd=project_copy)
    git("remote", "add", "origin", str(remote), cwd=project_copy)

    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "gh-deploy", "--force", "--remote-name", "origin",
         "--remote-branch", "gh-pages", "--message", "Deployed {sha} with MkDocs {version}"],
        cwd=project_copy, capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr

    published = set(git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).split("\n")) - {""}
    missing = [name for name in REQUIRED if name not in published]
    assert not missing, f"gh-pages lacks {missing}; it has {len(published)} files"
    assert any(PAPER_PAGE.match(name) for name in published), (
        "gh-pages has no paper page publications/<slug>/"
    )
    message = git("log", "-1", "--format=%s", "gh-pages", cwd=remote)
    head = git("rev-parse", "--short", "HEAD", cwd=project_copy).strip()
    assert head in message, f"the gh-pages commit does not name the source commit {head}: {message!r}"
