"""`make check`, `make new` and `make hooks` as editors run them: real processes, real git."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from checker_fixtures import GOOD_ARTICLE, write_good_site

from tests.sitebuild import ROOT, build, soup

ENV = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "SITE_NOW": "2026-11-27 08:45"}


def checker(*args, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", "-s", str(ROOT / "pelicanconf.py"), *args],
                          cwd=cwd, env={**ENV, **(env or {})}, capture_output=True, text=True, timeout=120)


def scaffold(*args, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker.scaffold", *args, "-s", str(ROOT / "pelicanconf.py"),
                           "--content", "content"], cwd=cwd, env={**ENV, **(env or {})}, capture_output=True,
                          text=True, timeout=120)


def test_the_demo_content_passes_make_check():
    result = subprocess.run(["make", "-s", "check"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert ": lỗi:" not in result.stdout


def test_check_prints_every_problem_as_path_line_level_and_exits_1(tmp_path):
    content = write_good_site(tmp_path)
    bad = GOOD_ARTICLE.replace("Điển hình tiên tiến\n", "Kinh te\n").replace("Vũ Ngọc Anh\n", "\n", 1)
    (content / "articles" / "2026-05" / "bai-loi.md").write_text(
        bad.replace("Title: Chị", "Title: Bài lỗi của chị").replace("Author: \n", ""), encoding="utf-8")
    (content / "pages" / "trong.md").write_text("Title: Trang trống\n\n", encoding="utf-8")
    result = checker("--content", "content", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "content/articles/2026-05/bai-loi.md:1: lỗi: thiếu tác giả: thêm dòng “Author: Họ Tên”",
        "content/articles/2026-05/bai-loi.md:3: lỗi: chuyên mục “Kinh te” không có trong danh sách"
        " — ý bạn là “Kinh tế”?",
        "content/pages/trong.md:2: lỗi: bài chưa có nội dung: viết nội dung sau dòng trống dưới phần thông tin"
        " đầu bài",
    ]
    assert "3 lỗi, 0 cảnh báo" in result.stderr


def test_warnings_alone_do_not_fail(tmp_path):
    content = write_good_site(tmp_path)
    path = content / "articles" / "2026-05" / "chi-hoa.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Năm 2018", "Năm 2018 Ho\u0300a"), encoding="utf-8")
    result = checker("--content", "content", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("content/articles/2026-05/chi-hoa.md:12: cảnh báo: chữ “Hòa”")


def test_new_article_from_the_template(tmp_path):
    write_good_site(tmp_path)
    result = scaffold("article", 'Sơn Hà phát động phong trào "Dân vận khéo"', "--section", "giao duc - y te",
                      cwd=tmp_path, env={"BAO_AUTHOR": "Hoàng Huy"})
    assert result.returncode == 0, result.stderr
    path = tmp_path / "content/articles/2026-11/son-ha-phat-dong-phong-trao-dan-van-kheo.md"
    assert f"Đã tạo {path.relative_to(tmp_path)}" in result.stdout
    text = path.read_text(encoding="utf-8")
    head = text.split("\n\n", 1)[0].splitlines()
    assert head == [
        'Title: Sơn Hà phát động phong trào "Dân vận khéo"', "Date: 2026-11-27 08:45",
        "Category: Giáo dục – Y tế", "Tags:", "Author: Hoàng Huy", "Summary: …", "Status: draft",
    ]
    for field in ("Title", "Date", "Category", "Tags", "Author", "Summary", "Status", "Slug", "Modified", "Cover",
                  "Campaigns", "Exemplars", "Related"):
        assert f"\n{field}: " in text.split("<!--", 1)[1], field
    # The draft is reported (warnings), never an error that would stop the preview.
    result = checker("--content", "content", cwd=tmp_path)
    assert result.returncode == 0
    assert "son-ha-phat-dong-phong-trao-dan-van-kheo.md:6: cảnh báo: chưa điền trường “Summary”" in result.stdout
    # It builds: the preview shows it among the drafts, the production build does not list it.
    preview = tmp_path / "preview"
    build(tmp_path / "content", preview, settings={"CACHE_PATH": str(tmp_path / "cache")})
    assert soup(preview / "ban-nhap/son-ha-phat-dong-phong-trao-dan-van-kheo.html").h1.get_text(strip=True) == (
        'Sơn Hà phát động phong trào "Dân vận khéo"')
    # Never overwrites.
    again = scaffold("article", 'Sơn Hà phát động phong trào "Dân vận khéo"', "--section", "Kinh tế",
                     cwd=tmp_path)
    assert again.returncode == 1
    assert "đã có" in again.stderr and "không ghi đè" in again.stderr
    # The file as the editor sees it from the project folder, not an absolute path.
    assert "tệp content/articles/" in again.stderr and str(tmp_path) not in again.stderr
    untitled = scaffold("campaign", "", cwd=tmp_path)
    assert untitled.returncode == 1 and 'NAME="..."' in untitled.stderr and "TITLE" not in untitled.stderr


def test_new_article_author_from_git_and_section_suggestion(tmp_path):
    write_good_site(tmp_path)
    gitconfig = tmp_path / "gitconfig"
    gitconfig.write_text("[user]\n\tname = Minh Thư\n", encoding="utf-8")
    env = {"BAO_AUTHOR": "", "AUTHOR": "", "GIT_CONFIG_GLOBAL": str(gitconfig)}
    wrong = scaffold("article", "Tin kinh tế", "--section", "Kinh te xa hoi", cwd=tmp_path, env=env)
    assert wrong.returncode == 1
    assert "chuyên mục “Kinh te xa hoi” không có trong danh sách — ý bạn là" in wrong.stderr
    assert not (tmp_path / "content/articles/2026-11").exists()
    result = scaffold("article", "Tin kinh tế", "--section", "Kinh tế", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert "Author: Minh Thư\n" in (tmp_path / "content/articles/2026-11/tin-kinh-te.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("kind", "folder", "fields"), [
    ("campaign", "campaigns", ["Document", "Issuer", "Document_date", "Start", "End", "Scope", "Stage", "Goals",
                               "Cover", "Cover_caption", "Cover_credit", "Status"]),
    ("exemplar", "exemplars", ["Kind", "Unit", "Commune", "District", "Field", "Achievements", "Awards", "Portrait",
                               "Portrait_caption", "Portrait_credit", "Campaigns", "Status"]),
])
def test_new_campaign_and_exemplar(tmp_path, kind, folder, fields):
    write_good_site(tmp_path)
    result = scaffold(kind, "Phong trào Thi đua Mới", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "content" / folder / "phong-trao-thi-dua-moi.md").read_text(encoding="utf-8")
    assert text.startswith("Title: Phong trào Thi đua Mới\nSlug: phong-trao-thi-dua-moi\n")
    assert "\nStatus: draft\n" in text
    for field in fields:
        assert f"{field}" in text, field
    check = checker("--content", "content", cwd=tmp_path)
    assert check.returncode == 0, check.stdout
    assert "chưa điền trường" in check.stdout
    build(tmp_path / "content", tmp_path / "preview", settings={"CACHE_PATH": str(tmp_path / "cache")})


def git(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "GIT_AUTHOR_NAME": "Biên tập", "GIT_AUTHOR_EMAIL": "bt@example.org",
                               "GIT_COMMITTER_NAME": "Biên tập", "GIT_COMMITTER_EMAIL": "bt@example.org",
                               "SITE_NOW": "2026-11-27 08:45"})


def hooked_repo(tmp_path, folder: str = "") -> tuple[Path, Path]:
    """A git repository with the project in `folder` (the good site in its content/, nothing committed) and
    `make hooks` run there."""
    repo = tmp_path / "repo"
    project = repo / folder
    project.mkdir(parents=True)
    for name in ("pelicanconf.py", "plugins", "theme", ".venv", "Makefile", "requirements.txt"):
        (project / name).symlink_to(ROOT / name)
    content = write_good_site(project)
    git("init", "-q", cwd=repo)
    hooks = subprocess.run(["make", "-s", "hooks"], cwd=project, capture_output=True, text=True, timeout=60)
    assert hooks.returncode == 0, hooks.stderr
    assert (repo / ".git/hooks/pre-commit").stat().st_mode & 0o111
    return repo, content


def test_pre_commit_hook_works_when_the_site_is_a_folder_of_the_repository(tmp_path):
    repo, content = hooked_repo(tmp_path, "trang-bao")
    git("add", "trang-bao/content", cwd=repo)
    first = git("commit", "-qm", "đầu", cwd=repo)
    assert first.returncode == 0, first.stdout + first.stderr
    path = content / "articles/2026-05/hop-tac-xa.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Category: Kinh tế", "Category: Kinh te"), "utf-8")
    git("add", str(path), cwd=repo)
    refused = git("commit", "-qm", "sửa", cwd=repo)
    assert refused.returncode == 1 and "hop-tac-xa.md:3: lỗi: chuyên mục “Kinh te”" in refused.stdout + refused.stderr


def test_pre_commit_hook_checks_the_staged_content_files_only(tmp_path):
    repo, content = hooked_repo(tmp_path)
    git("add", "content", cwd=repo)
    first = git("commit", "-qm", "demo", cwd=repo)
    assert first.returncode == 0, first.stdout + first.stderr
    # An unstaged broken file is not this commit's business.
    (content / "articles/2026-05/nhap.md").write_text("Title: Nháp\nDate: hôm qua\n\nChữ.\n", encoding="utf-8")
    path = content / "articles/2026-05/hop-tac-xa.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Category: Kinh tế", "Category: Kinh te"), "utf-8")
    git("add", str(path), cwd=repo)
    refused = git("commit", "-qm", "sửa bài", cwd=repo)
    assert refused.returncode == 1
    assert ("content/articles/2026-05/hop-tac-xa.md:3: lỗi: chuyên mục “Kinh te” không có trong danh sách"
            in refused.stdout + refused.stderr)
    assert "nhap.md" not in refused.stdout + refused.stderr
    assert "Chưa commit" in refused.stderr
    # The staged version is what counts: fixing only the working tree is not enough.
    path.write_text(path.read_text(encoding="utf-8").replace("Category: Kinh te", "Category: Xã hội"), "utf-8")
    assert git("commit", "-qm", "sửa bài", cwd=repo).returncode == 1
    git("add", str(path), cwd=repo)
    fixed = git("commit", "-qm", "sửa bài", cwd=repo)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr


def test_pre_commit_hook_refuses_what_the_commit_would_lack(tmp_path):
    """A photo or a campaign left out of `git add` is on disk but not in the commit: the fresh checkout of the
    publishing run would stop on it, so the hook refuses, naming what to add."""
    repo, content = hooked_repo(tmp_path)
    article = content / "articles/2026-05/chi-hoa.md"
    campaign = content / "campaigns/chung-suc-xay-dung-nong-thon-moi.md"
    for path in content.rglob("*"):
        if path.is_file() and path not in (article, campaign, content / "articles/2026-05/chi-hoa-1.jpg"):
            git("add", str(path), cwd=repo)
    assert git("commit", "-qm", "đầu", cwd=repo).returncode != 0  # the exemplar names the campaign, not added
    git("add", str(campaign), cwd=repo)
    assert git("commit", "-qm", "đầu", cwd=repo).returncode == 0
    git("add", str(article), cwd=repo)
    refused = git("commit", "-qm", "bài mới", cwd=repo)
    output = refused.stdout + refused.stderr
    assert refused.returncode == 1
    assert "content/articles/2026-05/chi-hoa.md:7: lỗi: ảnh “chi-hoa-1.jpg” chưa được đưa vào commit" in output
    assert "git add" in output and "chi-hoa-1.jpg" in output
    git("add", str(content / "articles/2026-05/chi-hoa-1.jpg"), cwd=repo)
    accepted = git("commit", "-qm", "bài mới", cwd=repo)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr


@pytest.mark.parametrize("target", ["html", "publish"])
def test_make_html_and_publish_refuse_to_build_while_there_is_an_error(tmp_path, target):
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in ("pelicanconf.py", "publishconf.py", "plugins", "theme", ".venv", "Makefile", "requirements.txt"):
        (repo / name).symlink_to(ROOT / name)
    content = write_good_site(repo)
    (content / "articles/2026-05/bai-loi.md").write_text(
        GOOD_ARTICLE.replace("Title: Chị", "Title: Bài lỗi của chị").replace("Date: 2026-05-14 08:00", "Date: hôm qua"),
        encoding="utf-8")
    result = subprocess.run(["make", target], cwd=repo, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "content/articles/2026-05/bai-loi.md:2: lỗi: không hiểu ngày đăng “hôm qua”" in result.stdout
    assert not (repo / "output").exists()
