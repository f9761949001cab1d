"""Share images: a 1200×630 PNG per week and per summary, its OpenGraph and Twitter tags,
drawn again only when what it shows changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image

from conftest import build, parse_html, replace, warnings_of
from mlnews.reader import share_image as share

ROOT = Path(__file__).parent / "roots" / "test-reader"
BASE = "https://news.example.org/ml/"
W44 = "issues/2020/10/w44"
W45 = "issues/2020/11/w45"
NOVEMBER = "summaries/2020/11"
OCTOBER = "summaries/2020/10"
QUARTER = "summaries/2020/q4"
SHARED = (W44, W45, OCTOBER, NOVEMBER, QUARTER)


def meta(soup) -> dict[str, str]:
    """A page's meta tags by property or name (each social one must be there once)."""
    tags: dict[str, str] = {}
    for tag in soup.head.find_all("meta"):
        key = tag.get("property") or tag.get("name")
        if key and tag.get("content") is not None:
            assert key not in tags or not key.startswith(("og:", "twitter:", "description")), f"{key} twice"
            tags[key] = tag["content"]
    return tags


def image_file(outdir: Path, docname: str) -> Path:
    return Path(outdir, "_share", f"{docname}.png")


def test_the_build_machine_has_a_japanese_font():
    # CI installs fonts-noto-cjk (.ci/run); without a font no image is drawn at all.
    assert share.find_fonts() is not None, "no Japanese font: apt-get install fonts-noto-cjk"


@pytest.mark.sphinx("html", testroot="reader", freshenv=True)
def test_weeks_and_summaries_get_a_share_image_with_its_tags(app, page):
    app.build()
    assert warnings_of(app) == []
    out = Path(app.outdir)
    for docname in SHARED:
        tags = meta(page(docname))
        assert tags["og:image"] == f"{BASE}_share/{docname}.png", docname
        assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
        assert tags["twitter:card"] == "summary_large_image"
        with Image.open(image_file(out, docname)) as image:
            assert image.format == "PNG" and image.size == (1200, 630)
            # The file carries its own text: the same as og:image:alt.
            assert image.text["Description"] == tags["og:image:alt"]
    # The week's alt text is what the image shows: the site, the week, its picks.
    alt = meta(page(W45))["og:image:alt"]
    assert alt == "Reader test 2020年 第45週 (11月1日〜)。編集部の注目: 学習で作る「ビュー」 / 幅と深さで表現はどう変わるか"
    # A summary shows its period's picks, newest week first (the same as its description).
    november = meta(page(NOVEMBER))
    assert november["og:image:alt"].startswith("Reader test 2020年11月のまとめ。編集部の注目: ")
    assert november["og:image:alt"].endswith(november["og:description"])
    assert meta(page(QUARTER))["og:image:alt"].endswith("学習で作る「ビュー」 / 幅と深さで表現はどう変わるか / データ拡張しだいで CNN は形を見るようになる")
    # Two weeks, two pictures.
    with Image.open(image_file(out, W44)) as a, Image.open(image_file(out, W45)) as b:
        assert a.convert("RGB").tobytes() != b.convert("RGB").tobytes()
    # Other pages keep sphinxext-opengraph's own choice and a small card.
    for docname in ("index", "bibliography"):
        tags = meta(page(docname))
        assert "og:image:width" not in tags and not tags.get("og:image", "").startswith(f"{BASE}_share/")
        assert tags["twitter:card"] == "summary"
    assert sorted(p.relative_to(out / "_share").with_suffix("").as_posix() for p in (out / "_share").rglob("*.png")) == sorted(SHARED)


@pytest.mark.sphinx("html", testroot="reader", freshenv=True)
def test_share_images_draw_their_text_legibly(app):
    app.build()
    with Image.open(image_file(app.outdir, W45)) as image:
        rgb = image.convert("RGB")
    width, height = rgb.size
    # The header band is the site's blue, with the site's name in white on it.
    band = rgb.crop((0, 0, width, 90))
    assert band.getpixel((width - 10, 10)) == share._BLUE
    assert (255, 255, 255) in {colour for _, colour in band.getcolors(1 << 16)}
    # Below it, dark ink on white in four lines (title, caption, two picks) of large
    # type: the title's line of ink is over 40 px high, a headline's over 30.
    body = rgb.crop((0, 110, width, height))
    inked = [y for y in range(body.height) if any(sum(body.getpixel((x, y))) < 450 for x in range(0, width, 2))]
    lines: list[list[int]] = []
    for y in inked:
        if lines and y - lines[-1][-1] <= 3:
            lines[-1].append(y)
        else:
            lines.append([y])
    heights = [line[-1] - line[0] + 1 for line in lines]
    assert len(heights) == 4, heights
    assert heights[0] > 40 and min(heights[2:]) > 30, heights
    for x in list(range(0, share.MARGIN - 2)) + list(range(width - 30, width)):
        assert all(body.getpixel((x, y)) == (255, 255, 255) for y in range(0, body.height, 7)), x


def lay_out(headlines: list[str], label: str = "2020年 第45週 (11月1日〜)") -> share.ShareImage:
    fonts = share.find_fonts()
    assert fonts is not None
    # Outside a build there is no site language: the Japanese words given as a build finds them.
    words = share.ShareWords("ほか {count} 件", "。")
    return share.lay_out("issues/2020/11/w45", "Akira's ML news", label, "編集部の注目", headlines, fonts, words)


def test_long_headlines_wrap_and_end_with_an_ellipsis():
    long = "とても長い見出し" * 12
    image = lay_out([long, "二本目", "三本目", "四本目", "五本目", "六本目", "七本目"])
    lines = [text for text in image.texts if text.face == "regular"]
    first = [text.text for text in lines[:2]]
    assert first[1].endswith("…") and "".join(first).rstrip("…") in long  # two lines at most, cut
    assert len(first[0]) > 10
    # What does not fit is counted; the alt text says the same, headlines in full.
    assert image.more > 0 and image.headlines[0] == long
    assert image.alt.endswith(f"ほか {image.more} 件")
    assert len(image.headlines) + image.more == 7
    # Every line stays inside the image.
    fonts = share.find_fonts()
    for text in image.texts:
        face = share._face(fonts.regular if text.face == "regular" else fonts.bold, 0, text.size)
        assert text.x + face.width(text.text) <= share.WIDTH - share.MARGIN + 1
        assert text.y <= share.BOTTOM


def test_lines_break_the_japanese_way():
    fonts = share.find_fonts()
    face = share._face(fonts.regular, fonts.regular_index, 40)
    width = face.width("あ") * 10.5
    text = "「学習してほしくない本物のデータ」を GAN に教える、Transformer の話"
    lines = share.wrap(text, face, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        assert face.width(line) <= width or " " not in line
        assert line[0] not in "」、。ー" and line[-1] not in "「("
    assert any("Transformer" in line for line in lines)  # a Latin word stays whole


def _digest(outdir: Path, docname: str) -> str | None:
    return share.stored_digest(image_file(outdir, docname))


def _mtimes(outdir: Path) -> dict[str, int]:
    return {docname: image_file(outdir, docname).stat().st_mtime_ns for docname in SHARED}


def test_images_are_drawn_again_only_when_what_they_show_changes(tmp_path):
    src, out = tmp_path / "src", tmp_path / "build"
    shutil.copytree(ROOT, src)
    html = out / "html"
    assert build(src, out).warnings == []
    first = _mtimes(html)
    digests = {docname: _digest(html, docname) for docname in SHARED}
    assert all(digests.values())

    # Prose of a week and of a summary: pages are written again, no image is.
    replace(src / f"{W45}.md", "冗長な層の塊ができることを示しました。", "冗長な層の塊ができることを示した研究です。")
    replace(src / f"{QUARTER}.md", "10月から12月までの号をまとめます。", "10月から12月までの号を振り返ります。")
    built = build(src, out)
    assert built.warnings == [] and {W45, QUARTER} <= built.written
    assert _mtimes(html) == first

    # A new pick in week 45: its image, and those of its month and quarter, are drawn again.
    replace(src / f"{W45}.md", ":headline: 学習してほしくないデータを GAN に教える\n", ":headline: 学習してほしくないデータを GAN に教える\n:pick:\n")
    assert build(src, out).warnings == []
    now = _mtimes(html)
    redrawn = {docname for docname in SHARED if now[docname] != first[docname]}
    assert redrawn == {W45, NOVEMBER, QUARTER}
    assert all(_digest(html, docname) != digests[docname] for docname in redrawn)
    for docname in (W45, NOVEMBER, QUARTER):
        tags = meta(parse_html(html / f"{docname}.html"))
        assert "学習してほしくないデータを GAN に教える" in tags["og:image:alt"], docname
        with Image.open(image_file(html, docname)) as image:
            assert image.text["Description"] == tags["og:image:alt"]

    # An image deleted from the output is drawn again, though its page is not written.
    image_file(html, W44).unlink()
    built = build(src, out)
    assert built.warnings == [] and W44 not in built.written
    assert _digest(html, W44) == digests[W44]


def test_a_parallel_build_draws_the_same_images(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    assert build(src, tmp_path / "serial").warnings == []
    assert build(src, tmp_path / "parallel", parallel=2, fresh=True).warnings == []
    for docname in SHARED:
        serial, parallel = image_file(tmp_path / "serial" / "html", docname), image_file(tmp_path / "parallel" / "html", docname)
        assert parallel.read_bytes() == serial.read_bytes(), docname
    assert not list((tmp_path / "parallel" / "html" / "_share").rglob("*.tmp"))


@pytest.mark.sphinx("html", testroot="reader", freshenv=True, confoverrides={"mlnews_share_images": False})
def test_share_images_can_be_turned_off(app, page):
    shutil.rmtree(Path(app.outdir) / "_share", ignore_errors=True)  # the test root's output is shared
    app.build()
    assert warnings_of(app) == []
    assert not (Path(app.outdir) / "_share").exists()
    tags = meta(page(W45))
    assert "og:image:width" not in tags and tags["twitter:card"] == "summary"
    assert tags["og:description"] == "学習で作る「ビュー」 / 幅と深さで表現はどう変わるか"


@pytest.mark.sphinx("html", testroot="reader", freshenv=True, confoverrides={"mlnews_share_image_font": "/no/such/font.otf"})
def test_a_missing_font_is_a_located_warning(app, page):
    shutil.rmtree(Path(app.outdir) / "_share", ignore_errors=True)
    app.build()
    warnings = warnings_of(app)
    assert len(warnings) == 1
    assert f"{Path(app.srcdir) / 'conf.py'}:1:" in warnings[0]
    assert "share images are not drawn" in warnings[0] and "/no/such/font.otf" in warnings[0]
    assert "[mlnews.share_image]" in warnings[0]
    assert not (Path(app.outdir) / "_share").exists()
    assert meta(page(W45))["twitter:card"] == "summary"


@pytest.mark.sphinx("html", testroot="reader", freshenv=True, confoverrides={"extensions": ["mlnews", "sphinx_sitemap"]})
def test_no_image_without_the_opengraph_extension(app, page):
    shutil.rmtree(Path(app.outdir) / "_share", ignore_errors=True)
    app.build()
    assert warnings_of(app) == []
    assert not (Path(app.outdir) / "_share").exists()  # nothing would show them
    tags = meta(page(W45))
    assert not any(key.startswith(("og:", "twitter:")) for key in tags)
